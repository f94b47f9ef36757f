"""Every edit of the session is one undoable command around ``Session.set_value``.

:class:`SessionEditor` is what pages talk to: ``editor.set(path, value)`` pushes a command, and the
``changed`` signal tells the window (and so the visible page, the title and autosave) that the
session moved, whether by an edit, an undo or a redo. Typing in one text field merges into one
command so that Ctrl+Z takes back a word, not a letter.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from supportguide_app.plan.session import Review, Session

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


class AddReviewCommand(QUndoCommand):
    """Add a review (点検); undo removes it, redo puts the very same review back where it was."""

    def __init__(self, editor: SessionEditor, review: Review) -> None:
        super().__init__("点検を追加")
        self._editor = editor
        self.review = review
        self._index: int | None = None

    def redo(self) -> None:
        session = self._editor.session
        if self._index is None:
            session.add_review(self.review)
            self._index = len(session.reviews) - 1
        else:
            session.insert_review(self._index, self.review)
        self._editor.changed.emit(("review", self.review.id))

    def undo(self) -> None:
        self._index, self.review = self._editor.session.remove_review(self.review.id)
        self._editor.changed.emit(("review", self.review.id))


class RemoveReviewCommand(QUndoCommand):
    """Remove a review with everything entered in it; undo puts it back at the same place."""

    def __init__(self, editor: SessionEditor, review_id: str) -> None:
        super().__init__("点検を削除")
        self._editor = editor
        self.review_id = review_id
        self._removed: tuple[int, Review] | None = None

    def redo(self) -> None:
        self._removed = self._editor.session.remove_review(self.review_id)
        self._editor.changed.emit(("review", self.review_id))

    def undo(self) -> None:
        assert self._removed is not None
        self._editor.session.insert_review(*self._removed)
        self._editor.changed.emit(("review", self.review_id))


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

    def add_review(self, review: Review | None = None) -> str:
        """Add a review (a new empty one when None) as one undoable step; returns its ID."""
        command = AddReviewCommand(self, review if review is not None else Review())
        self.undo_stack.push(command)
        return command.review.id

    def remove_review(self, review_id: str) -> None:
        """Remove a review as one undoable step (undo restores it with all its entries)."""
        self.session.review(review_id)  # KeyError before anything is pushed
        self.undo_stack.push(RemoveReviewCommand(self, review_id))

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group several edits into one undo step (QUndoStack.beginMacro/endMacro)."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    def replace(self, session: Session) -> None:
        """Start over with another session: nothing of the previous one stays reachable."""
        self.undo_stack.clear()
        self.session = session
        self.undo_stack.setClean()
        self.replaced.emit()

    def _apply(self, path: tuple[str, ...], value: Any) -> None:
        self.session.set_value(path, value)
        self.changed.emit(path)
