"""Tab follows what is on screen, on every step, with no invisible stops."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QScrollArea, QTextBrowser

from supportguide_app.ui.pages import PAGE_ORDER, PageId
from supportguide_app.ui.settings import TEXT_SCALE_MAX


def page_position(page, widget) -> QPoint:
    """Where ``widget``'s middle lies on the step, unscrolled (the person reads it in this order)."""
    centre = widget.rect().center()
    for area in page.findChildren(QScrollArea):
        if area.widget() is not None and area.widget().isAncestorOf(widget):
            return area.mapTo(page, QPoint(0, 0)) + widget.mapTo(area.widget(), centre)
    return widget.mapTo(page, centre)


def fill(window) -> None:
    editor, guide = window.editor, window.guide
    for checkpoint, items in (("difficulties", guide.difficulties), ("goals", guide.goals),
                              ("methods", guide.methods)):
        for item in list(items)[:3]:
            editor.set(("selection", checkpoint, item.id, "selected"), True)
    editor.add_review()


def tab_through(qtbot, window, page):
    """Press Tab from the step list until focus leaves the step; the widgets it stopped at."""
    window.step_list.setFocus()
    qtbot.waitUntil(window.step_list.hasFocus)
    visited = []
    for _ in range(300):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus in (window.back_button, window.next_button, window.help_panel.browser):
            return visited
        assert page.isAncestorOf(focus), f"Tab left the step for {focus!r}"
        links = focus.text().count("<a ") if isinstance(focus, QLabel) else 0
        if visited and visited[-1] is focus and links >= 1:
            # Tab moves from link to link inside a label of links (Qt stops once more after the
            # last one); the label is still one place on the screen.
            continue
        visited.append(focus)
    raise AssertionError("Tab never reached 戻る / 次へ")


@pytest.mark.parametrize("scale", [100, TEXT_SCALE_MAX])
def test_tab_visits_every_step_in_screen_order(qtbot, window, scale):
    window.activateWindow()
    qtbot.waitActive(window)
    fill(window)
    window.zoom.apply(scale)
    for page_id in PAGE_ORDER:
        if not window.navigator.page_applies(page_id):
            continue
        window.navigator.go_to(page_id)
        page = window.pages[page_id]
        QApplication.processEvents()
        visited = tab_through(qtbot, window, page)
        assert visited, page_id
        assert not any(isinstance(w, QAbstractScrollArea) and not isinstance(w, QTextBrowser)
                       and w.widget() is not None for w in visited if isinstance(w, QScrollArea)), \
            f"{page_id.name}: an invisible Tab stop on a scroll area"
        assert len(set(visited)) == len(visited), f"{page_id.name}: a stop visited twice"
        for before, after in zip(visited, visited[1:], strict=False):
            a, b = page_position(page, before), page_position(page, after)
            same_line = abs(a.y() - b.y()) <= 6
            assert (same_line and b.x() > a.x()) or b.y() > a.y() + 6, (
                f"{page_id.name}: Tab goes from {before.accessibleName() or before!r} "
                f"to {after.accessibleName() or after!r}, which is above or to the left of it")


def test_the_first_tab_from_the_step_list_reaches_the_first_check_box(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    window.navigator.go_to(PageId.DIFFICULTIES)
    page = window.pages[PageId.DIFFICULTIES]
    first_row = next(iter(page.rows.values()))
    window.step_list.setFocus()
    qtbot.keyClick(window.step_list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is first_row.check


def test_clauses_tab_to_the_method_clauses_in_the_order_shown(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    fill(window)
    window.navigator.go_to(PageId.CLAUSES)
    page = window.pages[PageId.CLAUSES]
    visited = tab_through(qtbot, window, page)
    ys = [page_position(page, w).y() for w in visited]
    assert ys == sorted(ys)
