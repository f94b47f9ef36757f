"""What every page has: a heading, a scrollable body, bound widgets and a help signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.widgets import ChoiceRow, HelpHook, scroll_area, wrapped_label


class Page(QWidget):
    """One step of the wizard. Subclasses fill ``self.body`` (and ``self.side`` with two columns)."""

    page_id: PageId
    help_requested = Signal(str)  # HTML for the help panel
    navigate_requested = Signal(int)  # a PageId
    view_finished = Signal(str)  # 1on1: who pressed 「入力を終えて…」 (checkpoints 1–3 only)
    views_start_requested = Signal()  # 1on1 with an agreed selection only: 「二人の見方を別々に入力する」

    def __init__(self, guide: Guide, editor: SessionEditor, title: str, intro: str = "", *,
                 two_columns: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guide = guide
        self.editor = editor
        self._bound: list = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 12, 8)
        outer.setSpacing(10)
        self.title_label = wrapped_label(title, "pageTitle")
        self.title_label.setAccessibleName(title)
        outer.addWidget(self.title_label)
        self.body_widget = QWidget()
        self.body = QVBoxLayout(self.body_widget)
        self.body.setContentsMargins(0, 4, 12, 16)
        self.body.setSpacing(14)
        # The introduction scrolls with the body: fixed above it, at large text sizes the heading,
        # the introduction and a 1on1 banner left almost no room for the items and were squeezed.
        self.intro_label = None
        if intro:
            self.intro_label = wrapped_label(intro, "pageIntro")
            self.body.addWidget(self.intro_label)
        if two_columns:
            self.side_widget = QWidget()
            self.side = QVBoxLayout(self.side_widget)
            self.side.setContentsMargins(12, 4, 12, 16)
            self.side.setSpacing(14)
            self.columns = QSplitter(Qt.Orientation.Horizontal)
            self.columns.setChildrenCollapsible(False)
            self.columns.addWidget(scroll_area(self.body_widget, f"{title}：選択"))
            self.columns.addWidget(scroll_area(self.side_widget, f"{title}：ガイドの内容"))
            self.columns.setStretchFactor(0, 1)
            self.columns.setStretchFactor(1, 1)
            self.columns.setSizes([10000, 10000])  # proportional: two equal columns
            outer.addWidget(self.columns, 1)
        else:
            outer.addWidget(scroll_area(self.body_widget, title), 1)

    def add_view_banner(self):
        """Checkpoints 1–3: the 1on1 banner at the top of the step, scrolling with the items: fixed
        above them, at large text sizes it was squeezed and cut off (its button too) and left no
        room for the items."""
        from supportguide_app.ui.view_widgets import ViewBanner

        banner = self.bind(ViewBanner(self.editor))
        banner.finish_requested.connect(self.view_finished.emit)
        banner.start_views_requested.connect(self.views_start_requested.emit)
        banner.comparison_requested.connect(
            lambda: self.navigate_requested.emit(int(PageId.COMPARISON)))
        self.body.insertWidget(0, banner)
        return banner

    # -- binding ------------------------------------------------------------------------------------
    def bind(self, widget):
        self._bound.append(widget)
        return widget

    def unbind_all(self, widgets: list) -> None:
        ids = {id(w) for w in widgets}
        self._bound = [w for w in self._bound if id(w) not in ids]

    def hook_help(self, widget: QWidget, html: Callable[[], str]) -> None:
        HelpHook(widget, lambda: self.help_requested.emit(html()))

    def refresh(self) -> None:
        """Read the session into every widget (signals blocked by the bound widgets)."""
        self.refresh_page()
        for widget in self._bound:
            widget.refresh()
        self.refresh_visibility()
        for row in self.findChildren(ChoiceRow):
            row.describe()

    # -- for subclasses -----------------------------------------------------------------------------
    def refresh_page(self) -> None:
        """Rebuild parts that depend on other steps (before bound widgets refresh)."""

    def refresh_visibility(self) -> None:
        """Show or hide parts that depend on the values just read."""

    def default_help(self) -> str:
        return ""
