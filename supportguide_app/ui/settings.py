"""Preferences kept in QSettings: text size, window geometry, the (optional) recent files list and
the last PDF export folder and layout.

Each option is declared once with its default. User work never goes here, only into session
files. The constructor takes the QSettings object so tests can point it at a temporary file;
:func:`user_locations` decides where the real ones live (the profile, or the portable folder).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from supportguide_app import paths

TEXT_SCALE_DEFAULT = 100
TEXT_SCALE_MIN = 70
TEXT_SCALE_MAX = 200
TEXT_SCALE_STEP = 10
RECENT_MAX = 8

_TEXT_SCALE = "view/text_scale_percent"
_GEOMETRY = "window/geometry"
_SPLITTER = "window/splitter"
_RECENT_ENABLED = "recent/enabled"
_RECENT_FILES = "recent/files"
_EXPORT_FOLDER = "export/last_folder"
_EXPORT_LAYOUT = "export/layout"
EXPORT_LAYOUTS = ("plan", "checklist", "spec")
PORTABLE_SETTINGS_FILE = "settings.ini"
AUTOSAVE_FOLDER = "autosave"


@dataclass(frozen=True)
class UserLocations:
    """Where this run keeps its preferences and autosaves; ``portable`` when beside the program."""

    qsettings: QSettings
    autosave_folder: Path
    portable: bool


def user_locations() -> UserLocations:
    """The portable folder's settings.ini and autosave/ when the program runs portable, else the
    profile's (QSettings' native store and QStandardPaths' AppDataLocation).

    A portable copy (a USB stick handed round the office) must leave nothing in the profile of the
    machine it ran on, so both settings and autosaves move together.
    """
    folder = paths.portable_data_dir()
    if folder is not None:
        qsettings = QSettings(str(folder / PORTABLE_SETTINGS_FILE), QSettings.Format.IniFormat)
        return UserLocations(qsettings, folder / AUTOSAVE_FOLDER, True)
    app_data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return UserLocations(QSettings(), Path(app_data) / AUTOSAVE_FOLDER, False)


class AppSettings:
    """Typed access to the application's QSettings."""

    def __init__(self, qsettings: QSettings) -> None:
        self._qs = qsettings

    @property
    def qsettings(self) -> QSettings:
        return self._qs

    # -- text size ---------------------------------------------------------------------------------
    def text_scale(self) -> int:
        value = _to_int(self._qs.value(_TEXT_SCALE, TEXT_SCALE_DEFAULT), TEXT_SCALE_DEFAULT)
        return max(TEXT_SCALE_MIN, min(TEXT_SCALE_MAX, value))

    def set_text_scale(self, percent: int) -> int:
        percent = max(TEXT_SCALE_MIN, min(TEXT_SCALE_MAX, int(percent)))
        self._qs.setValue(_TEXT_SCALE, percent)
        return percent

    # -- window ------------------------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        value = self._qs.value(_GEOMETRY)
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, data: QByteArray) -> None:
        self._qs.setValue(_GEOMETRY, data)

    def splitter_state(self) -> QByteArray | None:
        value = self._qs.value(_SPLITTER)
        return value if isinstance(value, QByteArray) else None

    def set_splitter_state(self, data: QByteArray) -> None:
        self._qs.setValue(_SPLITTER, data)

    # -- recent files (a shared laptop may switch this off) ------------------------------------------
    def recent_enabled(self) -> bool:
        # Off until someone switches it on: on a shared laptop the list would show the previous
        # person's file names (「…さんとの1on1.json」) to the next one. See docs/deploy.md.
        return _to_bool(self._qs.value(_RECENT_ENABLED, False))

    def set_recent_enabled(self, enabled: bool) -> None:
        self._qs.setValue(_RECENT_ENABLED, bool(enabled))
        if not enabled:
            self.clear_recent()

    def recent_files(self) -> list[Path]:
        if not self.recent_enabled():
            return []
        value = self._qs.value(_RECENT_FILES, [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        return [Path(v) for v in (value or []) if isinstance(v, str) and v]

    def add_recent(self, path: Path) -> None:
        if not self.recent_enabled():
            return
        path = Path(path).resolve()
        files = [p for p in self.recent_files() if p != path]
        files.insert(0, path)
        self._qs.setValue(_RECENT_FILES, [str(p) for p in files[:RECENT_MAX]])

    def remove_recent(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != Path(path)]
        self._qs.setValue(_RECENT_FILES, [str(p) for p in files])

    def clear_recent(self) -> None:
        self._qs.remove(_RECENT_FILES)

    # -- PDF export ---------------------------------------------------------------------------------
    def export_folder(self) -> Path | None:
        """The folder of the last PDF export, if it still exists."""
        value = self._qs.value(_EXPORT_FOLDER, "")
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
        return None

    def set_export_folder(self, folder: Path) -> None:
        self._qs.setValue(_EXPORT_FOLDER, str(folder))

    def clear_export_folder(self) -> None:
        self._qs.remove(_EXPORT_FOLDER)

    def export_layout(self) -> str:
        value = self._qs.value(_EXPORT_LAYOUT, EXPORT_LAYOUTS[0])
        return value if value in EXPORT_LAYOUTS else EXPORT_LAYOUTS[0]

    def set_export_layout(self, layout: str) -> None:
        if layout in EXPORT_LAYOUTS:
            self._qs.setValue(_EXPORT_LAYOUT, layout)

    def sync(self) -> None:
        self._qs.sync()


def _to_int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _to_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)
