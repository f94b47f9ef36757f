"""Every edit of the session is one undoable command around ``Session.set_value``.

:class:`SessionEditor` is what pages talk to: ``editor.set(path, value)`` pushes a command, and the
``changed`` signal tells the window (and so the visible page, the title and autosave) that the
session moved, whether by an edit, an undo or a redo. Typing in one text field merges into one
command so that Ctrl+Z takes back a word, not a letter.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from supportguide_app.plan.session import Session

_TEXT_MERGE_ID = 1


class SetValueCommand(QUndoCommand):
    """Set one value of the session; undo puts the old one back."""

    def __init__(self, editor: SessionEditor, path: tuple[str, ...], value: Any, *,
                 mergeable: bool) -> None:
        super().__init__("編集")
        self._editor = editor
        self.path = tuple(path)
        self.new_value = value
        self.old_value = editor.session.get_value(self.path)
        self._mergeable = mergeable

    def redo(self) -> None:
        self._editor._apply(self.path, self.new_value)

    def undo(self) -> None:
        self._editor._apply(self.path, self.old_value)

    def id(self) -> int:
        return _TEXT_MERGE_ID if self._mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetValueCommand) or other.path != self.path or not other._mergeable:
            return False
        self.new_value = other.new_value
        return True


class SessionEditor(QObject):
    """Holds the current session and its undo stack; the one way the UI changes a session."""

    changed = Signal(tuple)  # the path that changed
    replaced = Signal()  # a whole new session (new, open, close, restore)

    def __init__(self, session: Session | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session or Session.new()
        self.undo_stack = QUndoStack(self)

    def get(self, path: tuple[str, ...]) -> Any:
        return self.session.get_value(path)

    def set(self, path: tuple[str, ...], value: Any, *, typing: bool = False) -> None:
        """Change one value through the undo stack; ``typing`` merges with the previous keystroke."""
        if self.session.get_value(path) == value:
            return
        self.undo_stack.push(SetValueCommand(self, path, value, mergeable=typing))

    def replace(self, session: Session) -> None:
        """Start over with another session: nothing of the previous one stays reachable."""
        self.undo_stack.clear()
        self.session = session
        self.undo_stack.setClean()
        self.replaced.emit()

    def _apply(self, path: tuple[str, ...], value: Any) -> None:
        self.session.set_value(path, value)
        self.changed.emit(path)
