"""Ship resources/ inside the wheel as supportguide_app/resources (see supportguide_app/paths.py).

The source tree keeps resources/ at the top level, as the project's layout fixes; an installed
wheel has no top level, so the build copies the folder into the package.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithResources(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads resources/ from the source tree
        target = Path(self.build_lib) / "supportguide_app" / "resources"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(Path(__file__).parent / "resources", target)


setup(cmdclass={"build_py": BuildPyWithResources})
