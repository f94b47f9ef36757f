"""After 閉じる, or at the next start, nothing of the previous person is in sight."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QScrollArea
from wizard_helpers import type_text

from supportguide_app.ui.pages import PageId


def test_recent_files_are_not_recorded_unless_switched_on(qtbot, window, dialogs, tmp_path):
    start = window.pages[PageId.START]
    assert not start.recent_enabled.isChecked()
    type_text(start.title_edit, "髙﨑 秘子さんとの1on1")
    dialogs.save_paths.append(tmp_path / "髙﨑 秘子さんとの1on1.json")
    assert window.document.save()
    assert window.settings.recent_files() == []
    assert start.recent_list.count() == 0
    assert start.recent_empty.text() == "記録はオフになっています。"


def test_closing_takes_our_text_off_the_clipboard_and_forgets_the_export_folder(
        qtbot, window, tmp_path):
    type_text(window.pages[PageId.START].title_edit, "秘子さんの計画")
    window.editor.undo_stack.setClean()
    assert window.exporter.copy_as_text()
    clipboard = QGuiApplication.clipboard()
    assert "秘子さんの計画" in clipboard.text()
    window.settings.set_export_folder(tmp_path)
    window.document.close_session()
    assert "秘子さん" not in clipboard.text()
    assert window.settings.export_folder() is None


def test_closing_leaves_a_clipboard_that_holds_something_else(qtbot, window):
    assert window.exporter.copy_as_text()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("ほかのアプリでコピーした文")
    window.document.close_session()
    assert clipboard.text() == "ほかのアプリでコピーした文"


def test_the_next_plan_opens_every_step_at_its_top(qtbot, window):
    window.resize(900, 480)
    window.navigator.go_to(PageId.DIFFICULTIES)
    area = window.pages[PageId.DIFFICULTIES].findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    window.document.close_session()
    window.navigator.go_to(PageId.DIFFICULTIES)
    QApplication.processEvents()
    assert area.verticalScrollBar().value() == 0


def test_the_restore_prompt_names_no_title_or_file_until_restored(qtbot, make_window, dialogs,
                                                                  tmp_path):
    from supportguide_app.ui.dialogs import RestoreAnswer

    first = make_window()
    dialogs.save_paths.append(tmp_path / "髙﨑 秘子さんとの1on1.json")
    type_text(first.pages[PageId.START].title_edit, "髙﨑 秘子さんとの1on1")
    assert first.document.save()
    type_text(first.pages[PageId.START].author_edit, "秘子")
    qtbot.waitUntil(lambda: first.document.autosaver.store.path.is_file(), timeout=3000)
    second = make_window()  # the first one "crashed"; the next person starts the program
    second.document.check_autosave()
    (text,) = dialogs.restore_texts
    assert "髙﨑" not in text and "秘子" not in text and ".json" not in text
    assert "自動保存：" in text
    assert second.editor.session.title == ""
    dialogs.restore_answers.append(RestoreAnswer.RESTORE)  # the person who left it asks
    second.document.check_autosave()
    assert second.editor.session.title == "髙﨑 秘子さんとの1on1"
