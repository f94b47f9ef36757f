"""Application-wide rules for input that Qt's defaults get wrong for this window.

- :class:`WheelGuard` (one per QApplication, made by ``configure_application``): combo boxes,
  spin boxes and date fields take the mouse wheel only when they have the keyboard focus. Without
  focus the wheel scrolls the page they sit on, so scrolling past a field never changes it (one
  notch over 話し合いの形 used to turn 一人で into 1on1). Every such field of the window is one of
  the classes in ``widgets.py``, whose constructors call :func:`guard_wheel`.
- :class:`UndoKeys` (made by the main window): Ctrl+Z and the redo keys reach the window's
  undo and redo from every field of that window. Line edits, text boxes and date fields would
  otherwise take the keys for their own, per-field history (a date field simply swallowed them),
  which is not the plan's history.

Both filter only the widgets concerned, never the whole application: an application-wide filter
in Python is called for every event of every object (thousands while a step is built), and that
cost a fifth of the window's start (issue 16).
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
    """Installed on each field that a wheel notch would change (see :func:`guard_wheel`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
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
    """The application's one guard (made on first use)."""
    guard = _guards.get(id(app))
    if guard is None:
        guard = _guards[id(app)] = WheelGuard(app)
    return guard


def guard_wheel(widget: QWidget) -> None:
    """Let ``widget`` (a combo box or spin box) take the wheel only while it has the focus."""
    # WheelFocus would give the field the focus on the first notch, then take the next.
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(install_wheel_guard(QApplication.instance()))


class UndoKeys(QObject):
    """Leave ``keys`` (the window's undo and redo shortcuts) to the window in every field of it."""

    def __init__(self, window: QWidget, keys: list[QKeySequence]) -> None:
        super().__init__(window)
        self._window = window
        self._keys = {key.toString() for key in keys}
        # Qt sends ShortcutOverride to the focus widget only: watch each text field as it gets
        # the focus (installing twice keeps one filter).
        QApplication.instance().focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, TEXT_INPUTS) and new.window() is self._window:
            new.installEventFilter(self)

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
