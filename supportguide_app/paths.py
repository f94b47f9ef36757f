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


# -- where the user's settings and autosaves live ----------------------------------------------------
# A municipality may hand the application out as a folder on a USB stick or a shared drive. When a
# file named PORTABLE_MARKER lies beside the executable and that folder is writable, settings and
# autosaves stay in PORTABLE_DATA beside it, so nothing is left in the user's profile. Otherwise the
# Qt layer uses the profile's standard locations (QStandardPaths); this module stays Qt-free.
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA = "userdata"


def app_dir() -> Path | None:
    """The folder of the frozen executable, or None when running from Python."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def _is_writable(folder: Path) -> bool:
    # os.access is unreliable on Windows (ACLs) and for root; trying is the only honest test.
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def portable_data_dir(base: Path | None = None) -> Path | None:
    """The portable data folder, or None when the application runs in the usual (profile) mode.

    ``base`` is the application folder (default: :func:`app_dir`). Portable mode needs the
    marker file there and a writable ``userdata`` folder beside it; a read-only copy (a CD, a
    protected share) falls back to the profile rather than failing.
    """
    base = base if base is not None else app_dir()
    if base is None or not (base / PORTABLE_MARKER).is_file():
        return None
    data = base / PORTABLE_DATA
    return data if _is_writable(data) else None
