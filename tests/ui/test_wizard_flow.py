"""Drive a whole session through the real window: tick, type, move around, save, reopen."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from wizard_helpers import click_step, tick, type_text

from supportguide_app.ui.dialogs import UnsavedAnswer
from supportguide_app.ui.pages import PAGE_ORDER, PageId


def fill_session(qtbot, window, tmp_path):
    start = window.pages[PageId.START]
    type_text(start.title_edit, "令和８年度 相談員支援計画")
    type_text(start.organisation_edit, "○○市ひきこもり地域支援センター")
    type_text(start.author_edit, "山田")

    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.navigator.current_page_id() is PageId.DIFFICULTIES
    difficulties = window.pages[PageId.DIFFICULTIES]
    tick(qtbot, difficulties.rows["D02"].check)
    tick(qtbot, difficulties.rows["D10"].check)
    assert difficulties.rows["D02"].note.isVisible()
    type_text(difficulties.rows["D02"].note, "役割分担があいまい")

    click_step(qtbot, window, PageId.GOALS)
    goals = window.pages[PageId.GOALS]
    tick(qtbot, goals.rows["A"].check)
    type_text(goals.rows["A"].note, "朝会を始める")

    click_step(qtbot, window, PageId.START)  # back and forth: nothing is lost
    assert start.title_edit.text() == "令和８年度 相談員支援計画"
    click_step(qtbot, window, PageId.METHODS)
    methods = window.pages[PageId.METHODS]
    tick(qtbot, methods.rows["ENV1"].check)
    type_text(methods.rows["ENV1"].note, "終業前の振り返り")
    tick(qtbot, methods.example_boxes["EX_A2"][0])

    window.navigator.go_next()
    prep = window.pages[PageId.PREPARATION]
    assert not prep.items["PREP_STAFF_PROVIDER"].isVisible()
    tick(qtbot, prep.checks["PREP_STAFF_EXTERNAL"])
    assert prep.items["PREP_STAFF_PROVIDER"].isVisible()
    type_text(prep.fields[("PREP_STAFF_PROVIDER", "provider")], "精神保健福祉センター")
    type_text(prep.fields[("PREP_EVAL_METHOD", "method")], "研修後のアンケート")

    click_step(qtbot, window, PageId.DIFFICULTIES)
    assert window.pages[PageId.DIFFICULTIES].rows["D02"].note.text() == "役割分担があいまい"
    click_step(qtbot, window, PageId.SUMMARY)


def test_whole_session_is_saved_and_reopened(qtbot, window, dialogs, tmp_path):
    window.pages[PageId.START].recent_enabled.click()  # off by default (a shared laptop): on
    fill_session(qtbot, window, tmp_path)
    summary = window.pages[PageId.SUMMARY]
    assert "役割分担があいまい" in summary.sections["difficulties"].text()
    assert "精神保健福祉センター" in summary.sections["preparation"].text()
    assert window.isWindowModified()

    target = tmp_path / "plan.json"
    dialogs.save_paths.append(target)
    qtbot.mouseClick(summary.save_button, Qt.MouseButton.LeftButton)
    assert target.is_file()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("令和８年度 相談員支援計画")
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["version"] >= 1

    window.document.close_session()
    assert window.editor.session.title == ""
    dialogs.open_paths.append(target)
    window.open_action.trigger()
    assert dialogs.errors == []

    start = window.pages[PageId.START]
    assert start.title_edit.text() == "令和８年度 相談員支援計画"
    assert start.organisation_edit.text() == "○○市ひきこもり地域支援センター"
    click_step(qtbot, window, PageId.DIFFICULTIES)
    difficulties = window.pages[PageId.DIFFICULTIES]
    assert difficulties.rows["D02"].check.isChecked()
    assert difficulties.rows["D10"].check.isChecked()
    assert not difficulties.rows["D03"].check.isChecked()
    assert difficulties.rows["D02"].note.text() == "役割分担があいまい"
    click_step(qtbot, window, PageId.GOALS)
    goals = window.pages[PageId.GOALS]
    assert goals.rows["A"].check.isChecked()
    assert goals.rows["A"].note.text() == "朝会を始める"
    click_step(qtbot, window, PageId.METHODS)
    methods = window.pages[PageId.METHODS]
    assert methods.rows["ENV1"].check.isChecked()
    assert methods.rows["ENV1"].note.text() == "終業前の振り返り"
    assert methods.example_boxes["EX_A2"][0].isChecked()
    click_step(qtbot, window, PageId.PREPARATION)
    prep = window.pages[PageId.PREPARATION]
    assert prep.checks["PREP_STAFF_EXTERNAL"].isChecked()
    assert prep.fields[("PREP_STAFF_PROVIDER", "provider")].text() == "精神保健福祉センター"
    assert prep.fields[("PREP_EVAL_METHOD", "method")].toPlainText() == "研修後のアンケート"
    assert not window.isWindowModified()
    assert window.settings.recent_files()[0] == target.resolve()


def test_suggestions_follow_the_ticked_difficulties(qtbot, window, guide):
    window.navigator.go_to(PageId.DIFFICULTIES)
    difficulties = window.pages[PageId.DIFFICULTIES]
    tick(qtbot, difficulties.rows["D10"].check)  # ⑩ ワーク・ライフ・バランス → A only
    window.navigator.go_to(PageId.GOALS)
    goals = window.pages[PageId.GOALS]
    assert goals.badges["A"].isVisible()
    assert "⑩" in goals.badges["A"].text()
    assert not goals.badges["B"].isVisible()
    window.navigator.go_to(PageId.DIFFICULTIES)
    tick(qtbot, difficulties.rows["D09"].check)  # ⑨ 人間関係 → A B C E F
    window.navigator.go_to(PageId.GOALS)
    for goal_id in "ABCEF":
        assert goals.badges[goal_id].isVisible(), goal_id
    assert "⑨⑩" in goals.badges["A"].text()
    assert not goals.badges["D"].isVisible()
    assert not goals.rows["A"].check.isChecked()  # suggested, never ticked for the person


def test_summary_points_out_gaps_gently(qtbot, window):
    window.navigator.go_to(PageId.DIFFICULTIES)
    tick(qtbot, window.pages[PageId.DIFFICULTIES].rows["D10"].check)
    window.navigator.go_to(PageId.SUMMARY)
    summary = window.pages[PageId.SUMMARY]
    texts = [text for text, _ in summary.gaps]
    assert "目標がまだ選ばれていません。" in texts
    assert "手法がまだ選ばれていません。" in texts
    assert any("評価" in t for t in texts)
    assert any("「A. " in t for t in texts)  # a suggested goal not chosen
    summary._on_gap_link_activated(f"page:{int(PageId.GOALS)}")
    assert window.navigator.current_page_id() is PageId.GOALS


def test_methods_linked_to_chosen_goals_get_a_marker_with_the_basis(qtbot, window, guide):
    window.navigator.go_to(PageId.GOALS)
    tick(qtbot, window.pages[PageId.GOALS].rows["E"].check)
    window.navigator.go_to(PageId.METHODS)
    methods = window.pages[PageId.METHODS]
    assert methods.markers["MECH6"].isVisible()
    assert "ネットワーク作りのための会議" in methods.markers["MECH6"].text()
    assert not methods.markers["ENV1"].isVisible()
    assert set(methods.example_boxes) == set(guide.goal("E").example_ids)


def test_close_returns_to_a_fresh_start(qtbot, window, dialogs, tmp_path):
    fill_session(qtbot, window, tmp_path)
    dialogs.unsaved_answers.append(UnsavedAnswer.DISCARD)
    window.close_session_action.trigger()
    assert dialogs.asked == ["unsaved"]
    assert window.navigator.current_page_id() is PageId.START
    assert window.editor.undo_stack.count() == 0
    assert not window.isWindowModified()
    start = window.pages[PageId.START]
    assert start.title_edit.text() == "" and start.author_edit.text() == ""
    for page_id in PAGE_ORDER:
        window.navigator.go_to(page_id)
    assert not window.pages[PageId.DIFFICULTIES].rows["D02"].check.isChecked()
    assert window.pages[PageId.DIFFICULTIES].rows["D02"].note.text() == ""
    assert window.pages[PageId.METHODS].example_boxes == {}
    assert "役割分担" not in window.pages[PageId.SUMMARY].sections["difficulties"].text()
    assert "無題の計画" in window.windowTitle()


def test_closing_with_unsaved_changes_asks_and_can_be_cancelled(qtbot, window, dialogs, tmp_path):
    type_text(window.pages[PageId.START].title_edit, "計画")
    dialogs.unsaved_answers.append(UnsavedAnswer.CANCEL)
    assert not window.close()
    assert window.isVisible()
    target = tmp_path / "saved.json"
    dialogs.unsaved_answers.append(UnsavedAnswer.SAVE)
    dialogs.save_paths.append(target)
    assert window.close()
    assert target.is_file()


def test_a_rows_note_field_appears_with_the_tick_and_with_a_stored_note(qtbot, window):
    """Note fields are made when first shown; what a person sees is the same as before."""
    from PySide6.QtWidgets import QLineEdit

    click_step(qtbot, window, PageId.DIFFICULTIES)
    page = window.pages[PageId.DIFFICULTIES]
    first, second = list(page.rows.values())[:2]
    assert first.findChildren(QLineEdit) == []  # never ticked: no field at all
    tick(qtbot, first.check)
    assert first.note.isVisible()
    type_text(first.note, "役割分担があいまい")
    tick(qtbot, first.check)  # unticked, but the note has text: it stays
    assert first.note.isVisible() and first.note.text() == "役割分担があいまい"
    # A note stored for an unticked item (an older plan, or a 1on1 view) shows on refresh.
    window.editor.set(("selection", "difficulties", second.item_id, "note"), "前のメモ")
    window.navigator.go_to(PageId.GOALS)
    window.navigator.go_to(PageId.DIFFICULTIES)
    assert second.note.isVisible() and second.note.text() == "前のメモ"
    assert not second.check.isChecked()
