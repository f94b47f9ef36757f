"""Application-wide rules for input that Qt's defaults get wrong for this window.

- :class:`WheelGuard` (installed on the QApplication by ``configure_application``): combo boxes,
  spin boxes and date fields take the mouse wheel only when they have the keyboard focus. Without
  focus the wheel scrolls the page they sit on, so scrolling past a field never changes it (one
  notch over 話し合いの形 used to turn 一人で into 1on1).
- :class:`UndoKeys` (installed by the main window): Ctrl+Z and the redo keys reach the window's
  undo and redo from every field of that window. Line edits, text boxes and date fields would
  otherwise take the keys for their own, per-field history (a date field simply swallowed them),
  which is not the plan's history.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

# Widgets whose value a wheel notch changes.
WHEEL_EDITED = (QComboBox, QAbstractSpinBox)
# Widgets that keep an undo history of their own.
TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


def _wheel_target(widget: QWidget) -> QWidget | None:
    """The combo box or spin box that ``widget`` is (or is part of: a spin box's line edit)."""
    while widget is not None and not widget.isWindow():
        if isinstance(widget, WHEEL_EDITED):
            return widget
        widget = widget.parentWidget()
    return None


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, WHEEL_EDITED):
            # WheelFocus would give the field the focus on the first notch, then take the next.
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        target = _wheel_target(watched)
        if target is None or target.hasFocus() or (target.focusProxy() or target).hasFocus():
            return False
        area = _scroll_area_around(target)
        if area is not None:
            # The page scrolls as if the field were not there.
            scroll = QWheelEvent(event.position(), event.globalPosition(), event.pixelDelta(),
                                 event.angleDelta(), event.buttons(), event.modifiers(),
                                 event.phase(), event.inverted())
            QApplication.sendEvent(area.viewport(), scroll)
        event.accept()  # handled: neither the field nor its parents change
        return True


_guards: dict[int, WheelGuard] = {}  # one per application, however often it is configured


def install_wheel_guard(app: QApplication) -> WheelGuard:
    guard = _guards.get(id(app))
    if guard is None:
        guard = _guards[id(app)] = WheelGuard(app)
        app.installEventFilter(guard)
    return guard


class UndoKeys(QObject):
    """Leave ``keys`` (the window's undo and redo shortcuts) to the window in every field of it."""

    def __init__(self, window: QWidget, keys: list[QKeySequence]) -> None:
        super().__init__(window)
        self._window = window
        self._keys = {key.toString() for key in keys}
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, TEXT_INPUTS):
            return False
        if watched.window() is not self._window:
            return False
        assert isinstance(event, QKeyEvent)
        if QKeySequence(event.keyCombination()).toString() in self._keys:
            # Not accepted: the field does not claim the key, so the window's shortcut runs.
            event.ignore()
            return True
        return False
