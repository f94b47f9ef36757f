"""The way through the steps: the step list, 戻る / 次へ, the position, and undo / redo that show
the step they change.

:class:`StepNavigator` gets the session editor and the widgets it drives (the window builds and
places them); it owns the pages, built on first visit, and announces each new one through
:attr:`StepNavigator.page_built` so the window can connect it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QStackedWidget, QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.ui.help_panel import HelpPanel
from supportguide_app.ui.pages import PAGE_ORDER, PageId, page_class, page_for_path, step_title
from supportguide_app.ui.tab_order import order_tabs
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.views import is_one_on_one
from supportguide_app.ui.widgets import retire

if TYPE_CHECKING:
    from supportguide_app.ui.pages.base import Page


class PagesOnDemand(dict):
    """PageId → Page, creating a page on first access; iterating gives only the pages built."""

    def __init__(self, build: Callable[[PageId], Page]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, page_id: PageId) -> Page:
        page = self._build(page_id)
        self[page_id] = page
        return page


class StepNavigator(QObject):
    page_built = Signal(object, object)  # PageId, Page: connect it before it is shown

    def __init__(self, guide: Guide, editor: SessionEditor, *, step_list: QListWidget,
                 stack: QStackedWidget, back_button: QPushButton, next_button: QPushButton,
                 position_label: QLabel, help_panel: HelpPanel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._guide = guide
        self._editor = editor
        self._step_list = step_list
        self._stack = stack
        self._back_button = back_button
        self._next_button = next_button
        self._position_label = position_label
        self._help_panel = help_panel
        self._replayed_paths: list[tuple] | None = None  # collecting while an undo/redo runs
        # Steps are built when first shown: building and styling all of them before the window
        # appears was most of the start-up time. Until then a placeholder holds each one's place.
        self.pages: dict[PageId, Page] = PagesOnDemand(self._build_page)
        for page_id in PAGE_ORDER:
            stack.addWidget(QWidget())
            title = step_title(page_id, guide)
            item = QListWidgetItem(f"{page_id.value}　{title}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title.replace("\n", " "))
            step_list.addItem(item)
        # Tab follows the screen: the step list, the step's fields top to bottom, 戻る, 次へ, the
        # guide panel. Re-done after each change (a step's rows can appear or move), once per turn.
        self._tab_timer = QTimer(self)
        self._tab_timer.setSingleShot(True)
        self._tab_timer.setInterval(0)
        self._tab_timer.timeout.connect(self.order_tabs)
        step_list.currentRowChanged.connect(self._on_step_list_row_changed)
        back_button.clicked.connect(self.go_back)
        next_button.clicked.connect(self.go_next)

    def _build_page(self, page_id: PageId) -> Page:
        """Create one step, put it in its place in the stack and let the window connect it."""
        page = page_class(page_id)(self._guide, self._editor)
        page.help_requested.connect(self._help_panel.show_html)
        page.navigate_requested.connect(lambda target: self.go_to(PageId(target)))
        index = PAGE_ORDER.index(page_id)
        placeholder = self._stack.widget(index)
        current = self._stack.currentIndex()
        self._stack.insertWidget(index, page)
        self._stack.removeWidget(placeholder)
        retire(placeholder)
        self._stack.setCurrentIndex(current)
        self.page_built.emit(page_id, page)
        return page

    # -- where we are --------------------------------------------------------------------------------
    def current_page_id(self) -> PageId:
        return PAGE_ORDER[self._stack.currentIndex()]

    def current_page(self) -> Page:
        return self.pages[self.current_page_id()]

    def page_applies(self, page_id: PageId) -> bool:
        """Whether a step is part of this session's way through (見方の比較と合意: a 1on1 only)."""
        return page_id is not PageId.COMPARISON or is_one_on_one(self._editor.session)

    def _steps(self) -> list[PageId]:
        return [page_id for page_id in PAGE_ORDER if self.page_applies(page_id)]

    def _neighbour(self, step: int) -> PageId | None:
        """The step before (-1) or after (+1) the current one, skipping those that do not apply."""
        index = self._stack.currentIndex() + step
        while 0 <= index < len(PAGE_ORDER):
            if self.page_applies(PAGE_ORDER[index]):
                return PAGE_ORDER[index]
            index += step
        return None

    # -- moving --------------------------------------------------------------------------------------
    def go_to(self, page_id: PageId) -> None:
        index = PAGE_ORDER.index(page_id)
        if self._step_list.currentRow() != index:
            self._step_list.setCurrentRow(index)  # calls back into _on_step_list_row_changed
        else:
            self._show_page(index)

    def go_next(self) -> None:
        target = self._neighbour(+1)
        if target is not None:
            self.go_to(target)

    def go_back(self) -> None:
        target = self._neighbour(-1)
        if target is not None:
            self.go_to(target)

    def update_steps(self) -> None:
        """Number the steps that apply and hide the others (the list's order is PAGE_ORDER's)."""
        steps = self._steps()
        for row, page_id in enumerate(PAGE_ORDER):
            item = self._step_list.item(row)
            applies = page_id in steps
            self._step_list.setRowHidden(row, not applies)
            if applies:
                title = step_title(page_id, self._guide)
                text = f"{steps.index(page_id)}　{title}"
                if item.text() != text:
                    item.setText(text)
        if not self.page_applies(self.current_page_id()):
            self.go_to(PageId.START)
        else:
            self._show_position(self._stack.currentIndex())

    def _on_step_list_row_changed(self, row: int) -> None:
        if row >= 0:
            self._show_page(row)

    def _show_page(self, index: int) -> None:
        page = self.pages[PAGE_ORDER[index]]
        page.refresh()
        self._stack.setCurrentIndex(index)
        self._help_panel.show_html(page.default_help())
        self._show_position(index)
        self.order_tabs()

    def order_tabs(self) -> list[QWidget]:
        """The Tab chain of the current step in screen order; returns the step's stops."""
        page = self.current_page()
        stops = order_tabs(page, before=self._step_list, after=self._back_button)
        QWidget.setTabOrder(self._back_button, self._next_button)
        QWidget.setTabOrder(self._next_button, self._help_panel.browser)
        return stops

    def _show_position(self, index: int) -> None:
        steps = self._steps()
        page_id = PAGE_ORDER[index]
        self._back_button.setEnabled(self._neighbour(-1) is not None)
        self._next_button.setEnabled(self._neighbour(+1) is not None)
        if page_id in steps:
            self._position_label.setText(f"{steps.index(page_id) + 1} / {len(steps)}")

    # -- undo and redo -------------------------------------------------------------------------------
    def undo(self) -> None:
        self._replay(self._editor.undo_stack.undo)

    def redo(self) -> None:
        self._replay(self._editor.undo_stack.redo)

    def _replay(self, step) -> None:
        """Undo or redo, then show the step where that change was made: a change taken back on a
        step the person cannot see would look as if nothing happened."""
        self._replayed_paths = []
        try:
            step()
        finally:
            paths, self._replayed_paths = self._replayed_paths, None
        targets = [page_for_path(path) for path in paths]
        target = next((t for t in targets if t is not None and self.page_applies(t)), None)
        if target is not None and target != self.current_page_id():
            self.go_to(target)

    # -- following the session -----------------------------------------------------------------------
    def on_session_changed(self, path: tuple) -> None:
        if self._replayed_paths is not None:
            self._replayed_paths.append(path)
        self.current_page().refresh()
        self._tab_timer.start()
        if path and path[0] in ("meeting", "view"):
            self.update_steps()

    def on_session_replaced(self) -> None:
        from PySide6.QtWidgets import QScrollArea

        for page in self.pages.values():
            page.refresh()
            # Another plan (or none) opens at the top of every step, not where the last one was.
            for area in page.findChildren(QScrollArea):
                area.verticalScrollBar().setValue(0)
        self.update_steps()
