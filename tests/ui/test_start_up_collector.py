"""The garbage collector rests while the window is built, and works again once it is up.

Building the window makes about 100,000 objects that live as long as it does and almost no
garbage, so the collector's ~60 passes at start-up (17 ms) freed a few hundred objects: cli.main
pauses it, ui.app.run turns it back on after the window is shown. A long session must not run
without it (cycles would never be freed), which is what this test keeps.
"""

from __future__ import annotations

import os
import subprocess
import sys

CODE = """
import gc, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
import supportguide_app.ui.app as ui_app
seen = {}
build = ui_app.build_window
def watched(*args, **kwargs):
    seen["building"] = gc.isenabled()
    return build(*args, **kwargs)
ui_app.build_window = watched
def done():
    seen["shown"] = any(w.isVisible() for w in app.topLevelWidgets())
    seen["after"] = gc.isenabled()
    print(sorted(seen.items()))
    app.closeAllWindows()
    app.quit()
QTimer.singleShot(300, done)
from supportguide_app.cli import main
main([])
"""


def test_the_collector_is_paused_while_the_window_is_built_and_on_once_it_is_shown(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                         encoding="utf-8", env=env, cwd=tmp_path, timeout=120, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[('after', True), ('building', False), ('shown', True)]"
