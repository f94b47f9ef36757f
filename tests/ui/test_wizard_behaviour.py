"""Undo/redo, files that cannot be opened, autosave recovery, preferences and accessibility."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
)
from wizard_helpers import tick, type_text

from supportguide_app.storage import save_session
from supportguide_app.ui.dialogs import RestoreAnswer
from supportguide_app.ui.pages import PAGE_ORDER, PageId
from supportguide_app.ui.settings import AppSettings


def test_undo_redo_every_edit_and_typing_merges(qtbot, window):
    start = window.pages[PageId.START]
    type_text(start.title_edit, "支援計画")
    assert window.editor.undo_stack.count() == 1  # one field's typing is one step
    window.navigator.go_to(PageId.DIFFICULTIES)
    row = window.pages[PageId.DIFFICULTIES].rows["D05"]
    tick(qtbot, row.check)
    assert window.editor.session.is_selected("difficulties", "D05")

    window.undo_action.trigger()
    assert not window.editor.session.is_selected("difficulties", "D05")
    assert not row.check.isChecked()  # the page refreshed from the session
    window.undo_action.trigger()
    assert window.editor.session.title == ""
    window.navigator.go_to(PageId.START)
    assert start.title_edit.text() == ""
    assert not window.isWindowModified()

    window.redo_action.trigger()
    assert start.title_edit.text() == "支援計画"
    window.redo_action.trigger()
    window.navigator.go_to(PageId.DIFFICULTIES)
    assert row.check.isChecked()
    assert window.isWindowModified()
    keys = {seq.toString() for seq in window.redo_action.shortcuts()}
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= keys
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"


def test_window_title_shows_name_and_unsaved_mark(qtbot, window):
    assert "[*]" in window.windowTitle()
    assert not window.isWindowModified()
    type_text(window.pages[PageId.START].title_edit, "研修計画")
    assert window.windowTitle().startswith("研修計画")
    assert window.isWindowModified()


def test_damaged_file_shows_an_error_and_is_left_unchanged(qtbot, window, dialogs, tmp_path):
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(b'{"format": "supportguide-session", "version": 1, "sess')
    before = damaged.read_bytes()
    type_text(window.pages[PageId.START].title_edit, "いまの計画")
    window.editor.undo_stack.setClean()

    assert not window.document.open_file(damaged)
    assert len(dialogs.errors) == 1
    title, message = dialogs.errors[0]
    assert "damaged.json" in message and "開けません" in message
    assert window.editor.session.title == "いまの計画"  # the open session is kept

    dialogs.save_paths.append(damaged)  # and saving over it is refused
    assert not window.document.save_as()
    assert "上書きしませんでした" in dialogs.errors[-1][1]
    assert damaged.read_bytes() == before


def test_newer_version_and_warnings_are_shown(qtbot, window, dialogs, tmp_path, guide):
    from supportguide_app.plan.session import Session

    session = Session.new()
    session.set_value(("selection", "difficulties", "X_LOCAL1", "selected"), True)
    path = tmp_path / "with-unknown.json"
    save_session(session, path)
    assert window.document.open_file(path)
    assert dialogs.warnings and "X_LOCAL1" in dialogs.warnings[0][1]

    newer = tmp_path / "newer.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 999
    newer.write_text(json.dumps(data), encoding="utf-8")
    before = newer.read_bytes()
    assert not window.document.open_file(newer)
    assert "新しい版" in dialogs.errors[-1][1]
    assert newer.read_bytes() == before


def test_autosave_is_offered_at_the_next_start(qtbot, make_window, dialogs, autosave_folder):
    first = make_window()
    type_text(first.pages[PageId.START].title_edit, "途中の計画")
    first.navigator.go_to(PageId.DIFFICULTIES)
    tick(qtbot, first.pages[PageId.DIFFICULTIES].rows["D03"].check)
    qtbot.waitUntil(lambda: first.document.autosaver.store.path.is_file(), timeout=3000)
    # The first window "crashes": its autosave file stays. A new window starts.
    second = make_window()
    assert second.editor.session.title == ""  # never reopened on its own
    dialogs.restore_answers.append(RestoreAnswer.RESTORE)
    second.document.check_autosave()
    assert "restore" in dialogs.asked
    assert second.editor.session.title == "途中の計画"
    assert second.editor.session.is_selected("difficulties", "D03")
    assert second.isWindowModified()
    assert not first.document.autosaver.store.path.exists()  # taken over by the second window
    second.navigator.go_to(PageId.DIFFICULTIES)
    assert second.pages[PageId.DIFFICULTIES].rows["D03"].check.isChecked()


def test_autosave_can_be_discarded_and_is_gone_after_save(qtbot, make_window, dialogs, tmp_path):
    first = make_window()
    type_text(first.pages[PageId.START].title_edit, "捨てる計画")
    qtbot.waitUntil(lambda: first.document.autosaver.store.path.is_file(), timeout=3000)
    second = make_window()
    dialogs.restore_answers.append(RestoreAnswer.DISCARD)
    second.document.check_autosave()
    assert not first.document.autosaver.store.path.exists()
    assert second.editor.session.title == ""

    type_text(second.pages[PageId.START].title_edit, "保存する計画")
    qtbot.waitUntil(lambda: second.document.autosaver.store.path.is_file(), timeout=3000)
    dialogs.save_paths.append(tmp_path / "kept.json")
    assert second.document.save()
    assert not second.document.autosaver.store.path.exists()


def test_help_panel_follows_focus_and_hover(qtbot, window, guide):
    window.navigator.go_to(PageId.DIFFICULTIES)
    row = window.pages[PageId.DIFFICULTIES].rows["D04"]
    QApplication.sendEvent(row.check, QFocusEvent(QEvent.Type.FocusIn))
    assert guide.difficulty("D04").description in window.help_panel.text()
    window.navigator.go_to(PageId.GOALS)
    goal_row = window.pages[PageId.GOALS].rows["B"]
    QApplication.sendEvent(goal_row.check, QEvent(QEvent.Type.Enter))
    assert guide.goal("B").method_examples in window.help_panel.text()


def test_context_difficulties_show_the_guides_reason(window, guide):
    window.navigator.go_to(PageId.DIFFICULTIES)
    page = window.pages[PageId.DIFFICULTIES]
    assert set(page.rows) == {d.id for d in guide.checklist_difficulties}
    texts = " ".join(label.text() for label in page.findChildren(type(page.title_label)))
    for category in guide.categories:
        if not category.in_checklist:
            assert category.guide_note in texts


def test_date_shows_wareki_and_fiscal_year(window):
    start = window.pages[PageId.START]
    window.editor.set(("date",), "2026-04-01")
    assert start.date_field.wareki.text() == "令和８年４月１日（令和８年度）"


def test_target_fiscal_year_follows_the_date_until_chosen_and_undoes(window):
    start = window.pages[PageId.START]
    combo = start.fiscal_year_field.combo
    window.editor.set(("date",), "2026-11-04")  # autumn: the plan is for next year's budget
    assert combo.currentText() == "記入日に合わせる（令和９年度（２０２７年度））"
    assert combo.accessibleName() == "対象年度"
    combo.setCurrentIndex(combo.findText("令和１０年度（２０２８年度）"))
    assert window.editor.session.fiscal_year == 2028
    window.editor.set(("date",), "2026-05-01")  # a chosen year does not follow the date
    assert combo.currentText() == "令和１０年度（２０２８年度）"
    assert combo.itemText(0) == "記入日に合わせる（令和８年度（２０２６年度））"
    window.editor.undo_stack.undo()
    window.editor.undo_stack.undo()
    assert window.editor.session.fiscal_year is None
    start.refresh()
    assert combo.currentText() == "記入日に合わせる（令和９年度（２０２７年度））"


def test_text_size_changes_and_is_remembered(qtbot, make_window, settings_file):
    window = make_window()
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    assert window.zoom.scale == 120
    assert "13.2pt" in window.styleSheet()
    again = make_window(settings=AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat)))
    assert again.zoom.scale == 120
    again.zoom_reset_action.trigger()
    assert again.zoom.scale == 100
    window.zoom_out_action.trigger()
    assert window.zoom.scale == 110


def test_recent_files_can_be_switched_off_and_cleared(qtbot, window, dialogs, tmp_path):
    window.pages[PageId.START].recent_enabled.click()  # off by default (a shared laptop): on
    dialogs.save_paths.append(tmp_path / "a.json")
    type_text(window.pages[PageId.START].title_edit, "a")
    window.document.save()
    start = window.pages[PageId.START]
    assert start.recent_list.count() == 1
    start.recent_clear.click()
    assert start.recent_list.count() == 0 and window.settings.recent_files() == []
    window.document.save()
    assert start.recent_list.count() == 1
    start.recent_enabled.click()  # off: the list is emptied and nothing more is recorded
    assert start.recent_list.count() == 0
    window.document.save()
    assert window.settings.recent_files() == []


def test_every_control_has_an_accessible_name_and_takes_focus(window, guide):
    window.navigator.go_to(PageId.GOALS)
    window.editor.set(("selection", "goals", "B", "selected"), True)
    for page_id in PAGE_ORDER:
        window.navigator.go_to(page_id)
        page = window.pages[page_id]
        kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QDateEdit, QListWidget)
        for kind in kinds:
            for widget in page.findChildren(kind):
                if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QDateEdit)):
                    continue
                if widget.parent() is not None and type(widget.parent()).__name__ == "QCalendarWidget":
                    continue
                assert widget.accessibleName(), (page_id, kind.__name__, widget.text()
                                                  if hasattr(widget, "text") else "")
                assert widget.focusPolicy() != 0
    assert window.step_list.accessibleName()


def test_qt_standard_buttons_speak_japanese():
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"


def test_undo_and_redo_show_the_step_where_the_change_was_made(qtbot, window):
    window.navigator.go_to(PageId.DIFFICULTIES)
    tick(qtbot, window.pages[PageId.DIFFICULTIES].rows["D04"].check)
    window.navigator.go_to(PageId.PREPARATION)
    window.editor.set(("prep", "PREP_EVAL_METHOD", "checked"), True)
    window.navigator.go_to(PageId.SUMMARY)

    window.undo_action.trigger()  # takes back the preparation tick: show 取組の準備
    assert window.navigator.current_page_id() is PageId.PREPARATION
    assert not window.editor.session.prep("PREP_EVAL_METHOD").checked
    window.undo_action.trigger()  # takes back ④ on checkpoint 1
    assert window.navigator.current_page_id() is PageId.DIFFICULTIES
    assert not window.pages[PageId.DIFFICULTIES].rows["D04"].check.isChecked()
    window.navigator.go_to(PageId.START)
    window.redo_action.trigger()
    assert window.navigator.current_page_id() is PageId.DIFFICULTIES
    assert window.pages[PageId.DIFFICULTIES].rows["D04"].check.isChecked()


@pytest.mark.parametrize(("path", "page"), [
    (("title",), PageId.START), (("meeting",), PageId.START),
    (("selection", "goals", "A", "note"), PageId.GOALS),
    (("view", "counselor", "methods", "MECH1", "selected"), PageId.METHODS),
    (("view", "counselor", "consent"), PageId.COMPARISON),
    (("view", "counselor", "note_consent", "goals", "A"), PageId.COMPARISON),
    (("view", "manager", "name"), None),
    (("example", "EX_A1"), PageId.METHODS), (("prep", "PREP_PART_DATE", "checked"), PageId.PREPARATION),
    (("clause", "MECH1"), PageId.CLAUSES), (("notes",), PageId.SUMMARY),
    (("review", "r1", "date"), PageId.REVIEW),
])
def test_every_kind_of_edit_has_its_step(path, page):
    from supportguide_app.ui.pages import page_for_path

    assert page_for_path(path) is page
