"""Where the application's resources live, in every way it runs.

Three layouts: the source tree (``resources/`` beside the package), an installed wheel (the same
folder shipped inside the package as ``supportguide_app/resources`` by the build backend), and a
frozen bundle (PyInstaller's ``sys._MEIPASS``). The first that holds ``guide/guide.json`` wins.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES_ENV = "SUPPORTGUIDE_RESOURCES"


def _candidates() -> list[Path]:
    found: list[Path] = []
    override = os.environ.get(RESOURCES_ENV)
    if override:
        found.append(Path(override))
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / "resources")
    found.append(_PACKAGE_DIR / "resources")  # installed wheel
    found.append(_PACKAGE_DIR.parent / "resources")  # source tree
    return found


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    """The folder that holds guide/, fonts/, schema/ and examples/."""
    for candidate in _candidates():
        if (candidate / "guide" / "guide.json").is_file():
            return candidate
    tried = ", ".join(str(c) for c in _candidates())
    raise FileNotFoundError(f"アプリのデータフォルダ（resources）が見つかりません: {tried}")


def resource(*parts: str) -> Path:
    """A path inside the resources folder."""
    return resources_dir().joinpath(*parts)
