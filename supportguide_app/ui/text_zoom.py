"""Ctrl+plus / Ctrl+minus / Ctrl+0: the text size of the whole window, remembered in the settings."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from supportguide_app.ui.settings import TEXT_SCALE_DEFAULT, TEXT_SCALE_STEP, AppSettings
from supportguide_app.ui.style import stylesheet


class TextZoom(QObject):
    status = Signal(str, int)

    def __init__(self, settings: AppSettings, window: QWidget, step_list: QWidget) -> None:
        super().__init__(window)
        self._settings = settings
        self._window = window  # gets the style sheet
        self._step_list = step_list
        self.scale = settings.text_scale()

    def apply(self, percent: int) -> None:
        self.scale = self._settings.set_text_scale(percent)
        self._window.setStyleSheet(stylesheet(self.scale))
        # The step list grows with the text so that its labels are never elided, but never takes
        # more than a fifth of the screen (its labels wrap): the window must still fit on it.
        screen = self._window.screen()
        cap = max(190, screen.availableGeometry().width() // 5) if screen is not None else 10**6
        self._step_list.setMinimumWidth(min(round(200 * self.scale / 100), cap))
        self.status.emit(f"文字の大きさ：{self.scale}%", 3000)

    def zoom_in(self) -> None:
        self.apply(self.scale + TEXT_SCALE_STEP)

    def zoom_out(self) -> None:
        self.apply(self.scale - TEXT_SCALE_STEP)

    def reset(self) -> None:
        self.apply(TEXT_SCALE_DEFAULT)
