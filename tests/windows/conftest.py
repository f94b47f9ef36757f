"""Windows-only tests: the Windows Python runs them under Wine (packaging/windows_under_wine.sh,
the Windows stage of .ci/run), with the Japanese code page and the built Windows folder.

On Linux they are collected and skipped, with the reason. Run under Windows from the repository
root: ``python -m pytest --confcutdir tests/windows tests/windows`` with
``SUPPORTGUIDE_WINDOWS_BUNDLE`` naming the built ``dist\\supportguide`` folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if sys.platform == "win32" and str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the Windows Python has the dependencies, not the project
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(config, items):
    if sys.platform == "win32":
        return
    skip = pytest.mark.skip(reason="Windows only: run under Wine by packaging/windows_under_wine.sh")
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)


@pytest.fixture
def bundle() -> Path:
    """The built Windows folder (dist\\supportguide) that the Wine stage just built."""
    folder = os.environ.get("SUPPORTGUIDE_WINDOWS_BUNDLE")
    assert folder, "SUPPORTGUIDE_WINDOWS_BUNDLE must name the built Windows folder"
    assert (Path(folder) / "supportguide-cli.exe").is_file(), folder
    return Path(folder)


@pytest.fixture
def console_env() -> dict[str, str]:
    """The environment of a program started from a Japanese Windows console."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    return env
