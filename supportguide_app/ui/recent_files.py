"""The recent-files list on はじめに: kept in the settings, switched off and cleared from there.

On a shared laptop the list can be switched off; the window never reopens the last plan itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject

from supportguide_app.ui.pages.start import StartPage
from supportguide_app.ui.settings import AppSettings


class RecentFiles(QObject):
    def __init__(self, settings: AppSettings, start_page: Callable[[], StartPage],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._start_page = start_page  # built on first use, so asked for each time

    def add(self, path: Path) -> None:
        self._settings.add_recent(path)
        self.refresh()

    def refresh(self) -> None:
        self._start_page().set_recent(self._settings.recent_files(), self._settings.recent_enabled())

    def set_enabled(self, enabled: bool) -> None:
        self._settings.set_recent_enabled(enabled)
        self.refresh()

    def clear(self) -> None:
        self._settings.clear_recent()
        self.refresh()
