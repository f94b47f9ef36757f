"""点検: removing a review record after asking (undoable; Ctrl+Z brings it back)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from supportguide_app.ui.dialogs import Dialogs
from supportguide_app.ui.undo import SessionEditor

if TYPE_CHECKING:
    from supportguide_app.ui.pages.review import ReviewPage


class ReviewActions(QObject):
    status = Signal(str, int)

    def __init__(self, editor: SessionEditor, dialogs: Dialogs, review_page: Callable[[], ReviewPage],
                 window: QWidget) -> None:
        super().__init__(window)
        self._editor = editor
        self._dialogs = dialogs
        self._review_page = review_page
        self._window = window

    def remove_review(self, review_id: str) -> bool:
        """Remove a review after asking; undoable (Ctrl+Z brings it back)."""
        from supportguide_app.ui.pages.review import review_heading  # noqa: PLC0415 (built with the step)

        page = self._review_page()
        try:
            review = self._editor.session.review(review_id)
        except KeyError:
            return False
        number = [r.id for r in self._editor.session.reviews_in_order()].index(review_id) + 1
        heading = review_heading(number, review)
        if not self._dialogs.confirm(self._window, "点検の記録を削除",
                                     f"「{heading}」の記録を削除しますか？\n"
                                     "削除しても、元に戻す（Ctrl+Z）で取り消せます。"):
            return False
        self._editor.remove_review(review_id)
        page.add_button.setFocus()
        self.status.emit(f"「{heading}」を削除しました。", 5000)
        return True
