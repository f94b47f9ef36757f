"""A 1on1 through the real window: two views entered apart, the hand-over, the comparison, consent."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit
from wizard_helpers import click_step, tick, type_text

from supportguide_app.storage import load_session
from supportguide_app.ui.pages import PAGE_ORDER, PageId

CHECKPOINT_PAGES = (PageId.DIFFICULTIES, PageId.GOALS, PageId.METHODS)
MANAGER_NAME = "課長山田"
MANAGER_NOTES = ("担当の線引きが曖昧", "朝会で共有したい")
COUNSELOR_NOTE = "夜間の電話がつらい"


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(path).pages))


def what_widgets_show(page) -> tuple[set[str], set[str]]:
    """(every text any widget of the page shows, the accessible names of the ticked buttons)."""
    texts = set()
    for label in page.findChildren(QLabel):
        texts.add(label.text())
    for edit in page.findChildren(QLineEdit):
        texts.add(edit.text())
    for edit in page.findChildren(QPlainTextEdit):
        texts.add(edit.toPlainText())
    ticked = {b.accessibleName() for b in page.findChildren(QAbstractButton)
              if b.isCheckable() and b.isChecked()}
    return texts, ticked


def choose_one_on_one(window) -> None:
    combo = window.pages[PageId.START].meeting_combo.combo
    combo.setCurrentIndex(combo.findData("one_on_one"))


def enter_manager_view(qtbot, window) -> None:
    choose_one_on_one(window)
    click_step(qtbot, window, PageId.DIFFICULTIES)
    difficulties = window.pages[PageId.DIFFICULTIES]
    assert difficulties.view_banner.isVisible()
    assert difficulties.view_banner.title.text() == "管理者の見方を入力しています"
    type_text(difficulties.view_banner.name_edit, MANAGER_NAME)
    tick(qtbot, difficulties.rows["D02"].check)
    type_text(difficulties.rows["D02"].note, MANAGER_NOTES[0])
    tick(qtbot, difficulties.rows["D05"].check)
    click_step(qtbot, window, PageId.GOALS)
    goals = window.pages[PageId.GOALS]
    tick(qtbot, goals.rows["A"].check)
    type_text(goals.rows["A"].note, MANAGER_NOTES[1])
    click_step(qtbot, window, PageId.METHODS)
    tick(qtbot, window.pages[PageId.METHODS].rows["ENV1"].check)


def hand_over(qtbot, window) -> None:
    banner = window.pages[PageId.METHODS].view_banner
    assert banner.finish_button.text() == "入力を終えて交代する"
    qtbot.mouseClick(banner.finish_button, Qt.MouseButton.LeftButton)
    assert window.is_handing_over()
    handover = window.handover_page
    assert handover.isVisible() and not window.splitter.isVisible()
    assert handover.title.text() == "相談員の方に交代してください"
    texts, _ = what_widgets_show(handover)
    assert not any(secret in text for text in texts for secret in (MANAGER_NAME, *MANAGER_NOTES))
    qtbot.mouseClick(handover.begin_button, Qt.MouseButton.LeftButton)
    assert not window.is_handing_over()
    assert window.navigator.current_page_id() is PageId.DIFFICULTIES


def enter_counselor_view(qtbot, window) -> None:
    difficulties = window.pages[PageId.DIFFICULTIES]
    assert difficulties.view_banner.title.text() == "相談員の見方を入力しています"
    type_text(difficulties.view_banner.name_edit, "佐藤")
    tick(qtbot, difficulties.rows["D05"].check)
    tick(qtbot, difficulties.rows["D09"].check)
    type_text(difficulties.rows["D09"].note, COUNSELOR_NOTE)
    click_step(qtbot, window, PageId.GOALS)
    tick(qtbot, window.pages[PageId.GOALS].rows["B"].check)


def finish_counselor(qtbot, window) -> None:
    banner = window.pages[PageId.GOALS].view_banner
    assert banner.finish_button.text() == "入力を終えて比較へ進む"
    qtbot.mouseClick(banner.finish_button, Qt.MouseButton.LeftButton)
    assert window.navigator.current_page_id() is PageId.COMPARISON


def test_comparison_step_is_listed_only_in_a_one_on_one(qtbot, window):
    row = PAGE_ORDER.index(PageId.COMPARISON)
    assert window.step_list.isRowHidden(row)
    window.navigator.go_to(PageId.METHODS)
    window.navigator.go_next()
    assert window.navigator.current_page_id() is PageId.PREPARATION
    assert window.step_list.item(PAGE_ORDER.index(PageId.PREPARATION)).text().startswith("4　")
    choose_one_on_one(window)
    assert not window.step_list.isRowHidden(row)
    assert window.step_list.item(row).text().startswith("4　見方の比較と合意")
    assert window.step_list.item(PAGE_ORDER.index(PageId.PREPARATION)).text().startswith("5　")
    window.navigator.go_to(PageId.METHODS)
    window.navigator.go_next()
    assert window.navigator.current_page_id() is PageId.COMPARISON
    window.navigator.go_next()
    assert window.navigator.current_page_id() is PageId.PREPARATION


def test_the_counselor_sees_nothing_of_the_managers_view(qtbot, window):
    enter_manager_view(qtbot, window)
    hand_over(qtbot, window)
    # Ctrl+Z cannot walk back into the manager's entries.
    assert not window.editor.undo_stack.canUndo()
    assert window.isWindowModified()
    for page_id in CHECKPOINT_PAGES:
        click_step(qtbot, window, page_id)
        page = window.pages[page_id]
        texts, ticked = what_widgets_show(page)
        assert not any(secret in text for text in texts for secret in (MANAGER_NAME, *MANAGER_NOTES)), page_id
        assert ticked == set(), (page_id, ticked)
    # The comparison says only who is done while the counselor enters.
    click_step(qtbot, window, PageId.COMPARISON)
    comparison = window.pages[PageId.COMPARISON]
    assert comparison.waiting_card.isVisible() and not comparison.content.isVisible()
    texts, ticked = what_widgets_show(comparison)
    assert not any(secret in text for text in texts for secret in (MANAGER_NAME, *MANAGER_NOTES))
    assert comparison.rows == {}

    enter_counselor_view(qtbot, window)
    session = window.editor.session
    assert session.views["manager"].selected("difficulties") == ["D02", "D05"]
    assert session.views["counselor"].selected("difficulties") == ["D05", "D09"]
    assert session.selected("difficulties") == []  # the agreed selection is settled later
    # And the counselor's entries stay out of the manager's: nothing was written there.
    assert session.views["manager"].note("difficulties", "D09") == ""


def test_comparison_lists_differences_first_and_settles_the_agreement(qtbot, window):
    enter_manager_view(qtbot, window)
    hand_over(qtbot, window)
    enter_counselor_view(qtbot, window)
    finish_counselor(qtbot, window)
    comparison = window.pages[PageId.COMPARISON]
    assert comparison.content.isVisible()
    order = [item_id for checkpoint, item_id in comparison.rows if checkpoint == "difficulties"]
    assert order == ["D02", "D09", "D05"]  # manager only, counselor only, then both
    assert comparison.rows[("difficulties", "D02")].badge.text() == "管理者のみ"
    assert comparison.rows[("difficulties", "D09")].badge.text() == "相談員のみ"
    assert comparison.rows[("difficulties", "D05")].badge.text() == "両方が選んだ"
    assert MANAGER_NOTES[0] in comparison.rows[("difficulties", "D02")].manager_note.text()
    assert COUNSELOR_NOTE in comparison.rows[("difficulties", "D09")].counselor_note.text()
    # Methods: only the manager entered some; the checkpoint is compared all the same.
    assert ("methods", "ENV1") in comparison.rows

    session = window.editor.session
    depth = window.editor.undo_stack.index()
    qtbot.mouseClick(comparison.adopt_button, Qt.MouseButton.LeftButton)
    assert session.selected("difficulties") == ["D05"]
    assert session.selected("goals") == []
    assert window.editor.undo_stack.index() == depth + 1  # one step
    assert not comparison.adopt_button.isEnabled()
    window.undo_action.trigger()
    assert session.selected("difficulties") == []
    window.redo_action.trigger()
    assert session.selected("difficulties") == ["D05"]

    include = comparison.rows[("difficulties", "D09")].include
    tick(qtbot, include)
    assert session.selected("difficulties") == ["D05", "D09"]
    # The later steps use the agreed selection; the checkpoint pages now show it.
    click_step(qtbot, window, PageId.DIFFICULTIES)
    rows = window.pages[PageId.DIFFICULTIES].rows
    assert rows["D09"].check.isChecked() and rows["D05"].check.isChecked()
    assert not rows["D02"].check.isChecked()
    assert window.pages[PageId.DIFFICULTIES].view_banner.title.text() == "合意した選択を表示しています"
    click_step(qtbot, window, PageId.SUMMARY)
    summary = window.pages[PageId.SUMMARY]
    assert "D09" not in summary.sections["difficulties"].text()
    assert "夜間" not in summary.sections["difficulties"].text()


def test_counselor_notes_are_exported_only_with_consent(qtbot, window, dialogs, tmp_path):
    enter_manager_view(qtbot, window)
    hand_over(qtbot, window)
    enter_counselor_view(qtbot, window)
    finish_counselor(qtbot, window)
    comparison = window.pages[PageId.COMPARISON]
    click_step(qtbot, window, PageId.SUMMARY)
    summary = window.pages[PageId.SUMMARY]
    assert "記載されません" in summary.sections["views"].text()

    without = tmp_path / "without.pdf"
    dialogs.layouts += ["plan", "plan", "plan"]
    dialogs.export_paths.append(without)
    assert window.exporter.export_pdf() == without
    text = pdf_text(without)
    assert MANAGER_NOTES[0] in text
    assert COUNSELOR_NOTE not in text
    assert "同意がないため記載しません" in text

    click_step(qtbot, window, PageId.COMPARISON)
    tick(qtbot, comparison.consent_box)
    assert window.editor.session.views["counselor"].consent
    click_step(qtbot, window, PageId.SUMMARY)
    assert "記載されます" in summary.sections["views"].text()
    with_consent = tmp_path / "with.pdf"
    dialogs.export_paths.append(with_consent)
    window.exporter.export_pdf()
    assert COUNSELOR_NOTE in pdf_text(with_consent)

    # One note withheld though the whole view is shared: the per-note override wins.
    click_step(qtbot, window, PageId.COMPARISON)
    box = comparison.rows[("difficulties", "D09")].note_consent
    assert box.isChecked()
    tick(qtbot, box)
    assert window.editor.session.views["counselor"].note_consent["difficulties"] == {"D09": False}
    withheld = tmp_path / "withheld.pdf"
    dialogs.export_paths.append(withheld)
    window.exporter.export_pdf()
    assert COUNSELOR_NOTE not in pdf_text(withheld)


def test_views_are_saved_and_reopened(qtbot, window, dialogs, tmp_path):
    enter_manager_view(qtbot, window)
    hand_over(qtbot, window)
    enter_counselor_view(qtbot, window)
    target = tmp_path / "1on1.json"
    dialogs.save_paths.append(target)
    assert window.document.save()
    views = load_session(target).session.views
    assert views["manager"].done and views["manager"].name == MANAGER_NAME
    assert views["counselor"].selected("difficulties") == ["D05", "D09"]

    window.document.close_session()
    dialogs.open_paths.append(target)
    assert window.document.open_file()
    # Opened at the counselor's turn: whoever opened it hands over first, and sees nothing.
    assert window.is_handing_over()
    qtbot.mouseClick(window.handover_page.begin_button, Qt.MouseButton.LeftButton)
    difficulties = window.pages[PageId.DIFFICULTIES]
    assert difficulties.rows["D09"].check.isChecked()
    assert difficulties.rows["D09"].note.text() == COUNSELOR_NOTE
    assert not difficulties.rows["D02"].check.isChecked()
    finish_counselor_from = window.pages[PageId.DIFFICULTIES].view_banner
    qtbot.mouseClick(finish_counselor_from.finish_button, Qt.MouseButton.LeftButton)
    assert window.navigator.current_page_id() is PageId.COMPARISON
    assert window.document.save()
    assert load_session(target).session.views["counselor"].done


def test_handover_back_returns_to_the_managers_view(qtbot, window, dialogs):
    enter_manager_view(qtbot, window)
    qtbot.mouseClick(window.pages[PageId.METHODS].view_banner.finish_button, Qt.MouseButton.LeftButton)
    assert window.is_handing_over()
    dialogs.confirm_answers.append(True)  # the manager has the laptop back
    qtbot.mouseClick(window.handover_page.back_button, Qt.MouseButton.LeftButton)
    assert not window.is_handing_over()
    assert not window.editor.session.views["manager"].done
    assert window.pages[PageId.DIFFICULTIES].rows["D02"].check.isChecked()


def test_a_one_on_one_without_views_keeps_showing_its_agreed_selection(qtbot, window):
    session = window.editor.session
    window.editor.set(("selection", "difficulties", "D03", "selected"), True)
    choose_one_on_one(window)
    assert session.meeting == "one_on_one"
    click_step(qtbot, window, PageId.DIFFICULTIES)
    page = window.pages[PageId.DIFFICULTIES]
    assert page.rows["D03"].check.isChecked()
    assert page.view_banner.title.text() == "合意した選択を表示しています"


def test_a_1on1_with_only_an_agreed_selection_can_start_separate_views(qtbot, window, dialogs):
    """Ticking first and choosing 1on1 afterwards must not lock the plan out of the two views."""
    session = window.editor.session
    window.editor.set(("selection", "difficulties", "D03", "selected"), True)
    window.editor.set(("author",), "課長 山田")
    window.editor.set(("meeting",), "one_on_one")
    click_step(qtbot, window, PageId.DIFFICULTIES)
    banner = window.pages[PageId.DIFFICULTIES].view_banner
    assert banner.title.text() == "合意した選択を表示しています"
    assert banner.start_button.isVisible() and not banner.finish_button.isVisible()

    dialogs.text_answers.append("")  # an empty name does not start them
    qtbot.mouseClick(banner.start_button, Qt.MouseButton.LeftButton)
    assert not banner.finish_button.isVisible()
    assert dialogs.infos[-1][1] == "お名前を入力すると始められます。"

    dialogs.text_answers.append("課長 山田")
    qtbot.mouseClick(banner.start_button, Qt.MouseButton.LeftButton)
    assert banner.title.text() == "管理者の見方を入力しています"
    assert banner.finish_button.isVisible() and not banner.start_button.isVisible()
    row = window.pages[PageId.DIFFICULTIES].rows["D05"]
    tick(qtbot, row.check)
    assert session.views["manager"].selected("difficulties") == ["D05"]
    assert session.selected("difficulties") == ["D03"]  # the agreed selection stays as it was
    assert session.views["manager"].name == "課長 山田"


def test_going_back_across_the_handover_asks_for_the_laptop_back_first(qtbot, window, dialogs):
    """One press by the counselor, now at the keyboard, must not show the manager's entries."""
    enter_manager_view(qtbot, window)
    qtbot.mouseClick(window.pages[PageId.METHODS].view_banner.finish_button, Qt.MouseButton.LeftButton)
    assert window.is_handing_over()
    qtbot.mouseClick(window.handover_page.back_button, Qt.MouseButton.LeftButton)  # answered No
    title, text = dialogs.confirm_texts[-1]
    assert title == "管理者の入力に戻る"
    assert "パソコンを管理者の方に戻してください" in text and "表示されます" in text
    assert window.is_handing_over()  # still nothing of the manager's view on screen
    assert window.central.currentWidget() is window.handover_page
    assert window.editor.session.views["manager"].done
    assert window.handover_page.begin_button.hasFocus()


def test_the_handover_page_is_built_when_a_handover_first_needs_it(
        qtbot, guide, settings, dialogs, autosave_folder):
    """Not built for the first step (issue 16). A hand-over before the window's first frame builds
    it at once; it stands in place of the steps with the next person's texts and focus, and
    「相談員の入力を始める」 hides it again, as when it was built at start."""
    from supportguide_app.ui.main_window import MainWindow

    window = MainWindow(guide, settings, autosave_folder=autosave_folder, dialogs=dialogs)
    qtbot.addWidget(window)  # not shown yet: nothing painted
    assert not window.one_on_one.page_is_built() and window.central.count() == 1
    assert not window.is_handing_over() and window.next_action.isEnabled()
    choose_one_on_one(window)
    window.editor.set(("view", "manager", "name"), MANAGER_NAME)
    window.navigator.go_to(PageId.METHODS)
    window.pages[PageId.METHODS].view_banner.finish_button.click()
    assert window.one_on_one.page_is_built()
    handover = window.handover_page
    assert window.is_handing_over() and window.central.currentWidget() is handover
    assert handover.title.text() == "相談員の方に交代してください"
    assert handover.begin_button.text() == "相談員の入力を始める"
    assert handover.back_button.text() == "管理者の入力に戻る"
    assert window.focusWidget() is handover.begin_button
    assert not window.back_action.isEnabled() and not window.next_action.isEnabled()
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert handover.isVisible() and not window.splitter.isVisible()
    texts, _ = what_widgets_show(handover)
    assert not any(MANAGER_NAME in text for text in texts)
    qtbot.mouseClick(handover.begin_button, Qt.MouseButton.LeftButton)
    assert not window.is_handing_over() and window.splitter.isVisible() and not handover.isVisible()
    assert window.navigator.current_page_id() is PageId.DIFFICULTIES
    assert window.next_action.isEnabled()
    qtbot.wait(50)  # the window's first frame has come and gone: still the same one page
    assert window.central.count() == 2 and window.handover_page is handover


def test_after_the_first_frame_the_window_is_never_smaller_than_the_handover_page(qtbot, window):
    """Built after the first frame, the page gives the window its minimum size as when it was
    built at start: the window cannot be made so small that a later hand-over is cut off."""
    qtbot.waitUntil(window.one_on_one.page_is_built, timeout=3000)
    page = window.handover_page
    assert not page.isVisible() and not window.is_handing_over()
    assert window.central.minimumSizeHint().height() >= page.minimumSizeHint().height()
    assert window.minimumSizeHint().height() > page.minimumSizeHint().height()
