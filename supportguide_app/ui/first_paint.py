"""Work that waits for a widget's first frame: it runs in the event loop's next turn after the
widget was first painted, so the window is on the screen before it starts.

A zero timer set before ``show()`` is not enough: it fires in the loop's first turn, before the
windowing system has asked for the first frame (seen under Xvfb: 5 ms before it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callbacks: tuple[Callable[[], object], ...]) -> None:
        super().__init__(widget)
        self._callbacks = callbacks
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after the frame being painted is flushed
        return False

    def _run(self) -> None:
        for callback in self._callbacks:
            callback()
        self.deleteLater()


def after_first_paint(widget: QWidget, *callbacks: Callable[[], object]) -> None:
    """Call ``callbacks`` in order once ``widget`` has been painted for the first time."""
    _FirstPaint(widget, callbacks)
