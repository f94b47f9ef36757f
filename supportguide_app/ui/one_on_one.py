"""The 1on1 on a shared laptop: two views entered one after the other, the hand-over page between
them, and the comparison once both are done.

:class:`OneOnOneFlow` decides when the hand-over page stands in front of the steps and says so
through :attr:`OneOnOneFlow.handover_changed`; the window shows it. The undo history is cut at the
hand-over by the document (so that Ctrl+Z never walks into the previous person's entries).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from supportguide_app.plan.session import VIEW_ROLES
from supportguide_app.ui.dialogs import Dialogs
from supportguide_app.ui.document import DocumentController
from supportguide_app.ui.navigation import StepNavigator
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.view_widgets import HandOverPage
from supportguide_app.ui.views import ENTRY_ORDER, entering_role, next_role


class OneOnOneFlow(QObject):
    status = Signal(str, int)
    handover_changed = Signal(bool)  # True: the hand-over page is to be shown instead of the steps

    def __init__(self, editor: SessionEditor, dialogs: Dialogs, navigator: StepNavigator,
                 document: DocumentController, make_handover_page: Callable[[], HandOverPage],
                 window: QWidget) -> None:
        super().__init__(window)
        self._editor = editor
        self._dialogs = dialogs
        self._navigator = navigator
        self._document = document
        self._make_page = make_handover_page
        self._page: HandOverPage | None = None
        self._window = window
        # The hand-over page stands between the two views until the next person begins.
        self._pending = False
        self._showing = False

    @property
    def page(self) -> HandOverPage:
        """The hand-over page, built the first time it is needed (see :meth:`ensure_page`)."""
        return self.ensure_page()

    def ensure_page(self) -> HandOverPage:
        """Build the hand-over page unless it is built; the window calls this after its first
        frame, and a hand-over before that builds it at once."""
        if self._page is None:
            self._page = self._make_page()
            self._page.begin_requested.connect(self.begin_next_view)
            self._page.back_requested.connect(self._on_back_requested)
        return self._page

    def page_is_built(self) -> bool:
        return self._page is not None

    def finish_view(self, who: str) -> None:
        """「入力を終えて交代する／比較へ進む」: mark ``who``'s view done, then hand over or compare."""
        if entering_role(self._editor.session) != who:
            return
        following = next_role(who)
        self._pending = following is not None
        self._editor.set(("view", who, "done"), True)
        self.update()
        if following is None:
            self._navigator.go_to(PageId.COMPARISON)
            self.status.emit("二人の入力が終わりました。見方を比べて、合意を決めてください。", 8000)

    def start_separate_views(self) -> bool:
        """A 1on1 that has only an agreed selection: begin the two views, the manager first.

        The manager's name is what starts them (views with content are what the window follows),
        so it is asked for; the agreed selection stays as it is.
        """
        session = self._editor.session
        suggested = session.author if session.role == "manager" else ""
        name = self._dialogs.ask_text(
            self._window, "二人の見方を別々に入力する",
            "管理者と相談員が、それぞれの見方を別々に入力します（相手の入力は比較のときまで"
            "表示されません）。\nまず、管理者のお名前を入力してください。", suggested)
        if name is None:
            return False
        if not name.strip():
            self._dialogs.info(self._window, "二人の見方を別々に入力する", "お名前を入力すると始められます。")
            return False
        self._editor.set(("view", "manager", "name"), name.strip())
        self._navigator.go_to(PageId.DIFFICULTIES)
        return True

    def begin_next_view(self) -> None:
        """The next person pressed 「…の入力を始める」 on the hand-over page."""
        # Ctrl+Z must not walk back into the previous person's entries: the history starts here.
        self._document.forget_history()
        self._pending = False
        self.update()
        self._navigator.go_to(PageId.DIFFICULTIES)
        self._navigator.pages[PageId.DIFFICULTIES].view_banner.name_edit.setFocus()

    def _on_back_requested(self) -> None:
        """「管理者の入力に戻る」: the previous view is not done after all.

        The person now at the keyboard is usually the next one, so going back (which shows the
        previous person's entries) is asked for first, with the laptop handed back; No is the
        default, and Enter or Esc keeps the hand-over page.
        """
        who = entering_role(self._editor.session)
        if who is None or ENTRY_ORDER.index(who) == 0:
            return
        previous = ENTRY_ORDER[ENTRY_ORDER.index(who) - 1]
        role, current = VIEW_ROLES[previous], VIEW_ROLES[who]
        if not self._dialogs.confirm(
                self._window, f"{role}の入力に戻る",
                f"{role}の入力内容が画面に表示されます。\n\n"
                f"{current}の方は、パソコンを{role}の方に戻してください。"
                f"{role}ご本人がパソコンの前にいることを確かめてから「はい」を押してください。\n\n"
                f"{role}の入力に戻りますか？"):
            self.page.begin_button.setFocus()
            return
        self._pending = False
        self._editor.set(("view", previous, "done"), False)
        self.update()
        self._navigator.go_to(PageId.DIFFICULTIES)

    def update(self) -> None:
        """Show or hide the hand-over page for the person whose turn it is."""
        who = entering_role(self._editor.session)
        show = self._pending and who is not None and who != "manager"
        if not show:
            self._pending = self._pending and who == "counselor"
        if show:
            self.page.set_roles("manager", who)
        appears = show and not self._showing
        self._showing = show
        self.handover_changed.emit(show)
        if appears:
            self.page.begin_button.setFocus()

    def on_session_changed(self, path: tuple) -> None:
        if path and path[0] in ("meeting", "view"):
            self.update()

    def on_session_replaced(self) -> None:
        # A plan opened at the second person's turn: whoever opened it hands over first.
        self._pending = entering_role(self._editor.session) == "counselor"
        self.update()
