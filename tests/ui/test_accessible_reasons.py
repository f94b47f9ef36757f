"""Screen readers get the reasons and explanations with each check box; help follows focus."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from wizard_helpers import click_step, tick

from supportguide_app.ui.pages import PageId


def test_difficulty_descriptions_are_the_check_boxes_accessible_descriptions(qtbot, window):
    click_step(qtbot, window, PageId.DIFFICULTIES)
    page = window.pages[PageId.DIFFICULTIES]
    described = [row for row in page.rows.values() if row.description is not None]
    assert described
    for row in described:
        assert row.check.accessibleDescription() == row.description.text() != ""


def test_the_guides_suggestion_is_read_with_the_goal_it_is_for(qtbot, window):
    click_step(qtbot, window, PageId.DIFFICULTIES)
    tick(qtbot, window.pages[PageId.DIFFICULTIES].rows["D02"].check)
    click_step(qtbot, window, PageId.GOALS)
    goals = window.pages[PageId.GOALS]
    suggested = [gid for gid, badge in goals.badges.items() if not badge.isHidden()]
    assert suggested
    for goal_id, row in goals.rows.items():
        description = row.check.accessibleDescription()
        if goal_id in suggested:
            assert description.startswith("ガイドの提案：")
            assert goals.badges[goal_id].text() in description
        else:
            assert "ガイドの提案" not in description


def test_the_guide_passage_beside_a_method_is_read_with_it(qtbot, window):
    window.editor.set(("selection", "goals", "A", "selected"), True)
    click_step(qtbot, window, PageId.METHODS)
    page = window.pages[PageId.METHODS]
    shown = {mid: m.text() for mid, m in page.markers.items() if not m.isHidden() and m.text()}
    assert shown
    for method_id, text in shown.items():
        assert text in page.rows[method_id].check.accessibleDescription()


def test_the_guide_panel_follows_focus_into_a_note(qtbot, window):
    click_step(qtbot, window, PageId.DIFFICULTIES)
    page = window.pages[PageId.DIFFICULTIES]
    first, second = list(page.rows.values())[:2]
    tick(qtbot, first.check)
    tick(qtbot, second.check)
    second.check.setFocus()
    QApplication.processEvents()
    shown_for_second = window.help_panel.browser.toPlainText()
    first.note.setFocus()
    QApplication.processEvents()
    assert first.note.hasFocus()
    assert window.help_panel.browser.toPlainText() != shown_for_second
    assert first.check.text().split("\n")[0][:4] in window.help_panel.browser.toPlainText()
