"""点検 (step 3 of the guide) and carrying a plan forward, through the real window."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from wizard_helpers import click_step, tick, type_text

from supportguide_app.storage import load_session, save_session
from supportguide_app.storage.lock import lock_path
from supportguide_app.ui.dialogs import UnsavedAnswer
from supportguide_app.ui.pages import PAGE_ORDER, PageId


def choose_methods(qtbot, window, *method_ids: str) -> None:
    click_step(qtbot, window, PageId.METHODS)
    for method_id in method_ids:
        tick(qtbot, window.pages[PageId.METHODS].rows[method_id].check)


def add_review(qtbot, window):
    page = window.pages[PageId.REVIEW]
    before = set(page.cards)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    (new_id,) = set(page.cards) - before
    return page.cards[new_id]


def set_status_by_keyboard(qtbot, row, presses: int) -> None:
    """Reach the status with the keyboard: focus the combo box and press Down."""
    row.status.combo.setFocus()
    for _ in range(presses):
        qtbot.keyClick(row.status.combo, Qt.Key.Key_Down)


def test_review_step_follows_the_summary_and_shows_the_guides_words(qtbot, window):
    assert PAGE_ORDER[-1] is PageId.REVIEW
    assert PAGE_ORDER.index(PageId.REVIEW) == PAGE_ORDER.index(PageId.SUMMARY) + 1
    click_step(qtbot, window, PageId.REVIEW)
    page = window.pages[PageId.REVIEW]
    assert page.title_label.text() == "点検（ステップ３）"
    help_text = window.help_panel.text()
    assert "点検して継続する" in help_text  # step 3's text
    assert "取組がどのように効果があったのかを確認する手立て" in help_text  # 評価
    assert page.empty_label.isVisible()


def test_two_reviews_are_entered_undone_saved_and_reopened(qtbot, window, dialogs, tmp_path):
    choose_methods(qtbot, window, "ENV1", "MECH1")
    click_step(qtbot, window, PageId.REVIEW)
    page = window.pages[PageId.REVIEW]

    first = add_review(qtbot, window)
    assert window.editor.undo_stack.count() == 3  # two ticks and one 点検を追加
    assert first.date_field.edit.date() == QDate.currentDate()  # dated today
    assert list(first.method_rows) == ["ENV1", "MECH1"]  # the plan's chosen methods
    first.date_field.edit.setDate(QDate(2026, 7, 1))
    type_text(first.participants, "センター長、相談員３名")
    set_status_by_keyboard(qtbot, first.method_rows["ENV1"], 1)  # 実施済
    set_status_by_keyboard(qtbot, first.method_rows["MECH1"], 2)  # 一部
    type_text(first.method_rows["MECH1"].note, "日程が合わず半数のみ")
    type_text(first.effect, "相談しやすくなったという声")
    first.attendance.setValue(12)
    type_text(first.questionnaire, "８割が役に立った")
    type_text(first.next_steps, "研修を年２回に")

    second = add_review(qtbot, window)
    second.date_field.edit.setDate(QDate(2026, 10, 1))
    second.method_rows["ENV1"].status.combo.setFocus()
    qtbot.keyClick(second.method_rows["ENV1"].status.combo, Qt.Key.Key_End)  # 未実施, in one step
    assert [c.review_id for c in page.cards_in_order()] == [first.review_id, second.review_id]
    second.date_field.edit.setDate(QDate(2026, 5, 1))  # earlier: shown first now
    assert [c.review_id for c in page.cards_in_order()] == [second.review_id, first.review_id]
    assert second.heading.text().startswith("点検 1")

    session = window.editor.session
    assert session.review(first.review_id).status("ENV1") == "done"
    assert session.review(first.review_id).status("MECH1") == "partly"
    assert session.review(second.review_id).status("ENV1") == "not_yet"
    assert first.method_rows["MECH1"].status.combo.currentText() == "一部実施"

    # Undo and redo of a status change, then of adding a review.
    window.undo_action.trigger()
    assert session.review(second.review_id).status("ENV1") == "not_yet"  # the date went back
    assert [c.review_id for c in page.cards_in_order()] == [first.review_id, second.review_id]
    window.undo_action.trigger()
    assert session.review(second.review_id).status("ENV1") == ""
    assert second.method_rows["ENV1"].status.combo.currentText() == "未記録"
    window.redo_action.trigger()
    assert second.method_rows["ENV1"].status.combo.currentText() == "未実施"
    window.redo_action.trigger()

    third = add_review(qtbot, window)
    assert len(page.cards) == 3
    window.undo_action.trigger()
    assert len(session.reviews) == 2 and len(page.cards) == 2
    window.redo_action.trigger()
    assert third.review_id in page.cards and len(session.reviews) == 3

    # Removing asks first; a "no" keeps it, a "yes" removes it, and undo brings it back.
    remove = page.cards[third.review_id].remove_button
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert "点検の記録を削除" in dialogs.confirm_texts[-1][0]
    assert len(session.reviews) == 3
    dialogs.confirm_answers.append(True)
    qtbot.mouseClick(page.cards[third.review_id].remove_button, Qt.MouseButton.LeftButton)
    assert third.review_id not in page.cards and len(session.reviews) == 2
    window.undo_action.trigger()
    assert len(session.reviews) == 3
    dialogs.confirm_answers.append(True)
    assert window.reviews.remove_review(third.review_id)

    path = tmp_path / "点検.json"
    dialogs.save_paths.append(path)
    assert window.document.save()
    stored = load_session(path).session.review(first.review_id)
    assert (stored.date, stored.attendance, stored.status("MECH1")) == ("2026-07-01", 12, "partly")

    window.document.close_session()
    assert not page.cards
    assert window.document.open_file(path)
    click_step(qtbot, window, PageId.REVIEW)
    assert [c.review_id for c in page.cards_in_order()] == [second.review_id, first.review_id]
    card = page.cards[first.review_id]
    assert card.date_field.edit.date() == QDate(2026, 7, 1)
    assert card.participants.text() == "センター長、相談員３名"
    assert card.method_rows["ENV1"].status.combo.currentText() == "実施済"
    assert card.method_rows["MECH1"].status.combo.currentText() == "一部実施"
    assert card.method_rows["MECH1"].note.text() == "日程が合わず半数のみ"
    assert card.effect.toPlainText() == "相談しやすくなったという声"
    # the page uses the paper's official words: 見られた効果, 未記録 / 実施済 / 一部実施 / 未実施
    from supportguide_app.report.data import LABELS

    assert card.effect.accessibleName() == LABELS["effect"] == "見られた効果"
    combo = card.method_rows["ENV1"].status.combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        LABELS["not_recorded"], "実施済", "一部実施", "未実施"]
    assert card.attendance.value() == 12
    assert card.questionnaire.toPlainText() == "８割が役に立った"
    assert card.next_steps.toPlainText() == "研修を年２回に"
    assert page.cards[second.review_id].attendance.text() == "未入力"  # the empty state
    assert not window.isWindowModified()


def test_a_review_keeps_a_method_dropped_from_the_plan(qtbot, window):
    choose_methods(qtbot, window, "ENV1")
    click_step(qtbot, window, PageId.REVIEW)
    card = add_review(qtbot, window)
    set_status_by_keyboard(qtbot, card.method_rows["ENV1"], 1)
    window.editor.set(("selection", "methods", "ENV1", "selected"), False)
    assert "いまの計画では選ばれていない手法" in card.method_rows["ENV1"].label.text()
    assert card.method_rows["ENV1"].status.combo.currentText() == "実施済"


def test_next_plan_carries_the_choices_and_links_back(qtbot, window, dialogs, tmp_path):
    start = window.pages[PageId.START]
    type_text(start.title_edit, "令和８年度 相談員支援計画")
    choose_methods(qtbot, window, "ENV1")
    click_step(qtbot, window, PageId.REVIEW)
    add_review(qtbot, window)
    path = tmp_path / "令和８年度.json"
    dialogs.save_paths.append(path)
    assert window.document.save()
    assert lock_path(path).exists()
    window.editor.set(("notes",), "保存していないメモ")
    dialogs.unsaved_answers.append(UnsavedAnswer.SAVE)  # asked to save first: yes

    window.next_plan_action.trigger()
    assert "unsaved" in dialogs.asked
    assert load_session(path).session.notes == "保存していないメモ"
    assert not lock_path(path).exists()  # the old file is no longer this window's
    session = window.editor.session
    assert session.title == "令和９年度 相談員支援計画"
    assert session.is_selected("methods", "ENV1")
    assert session.reviews == []
    assert session.previous.file == path.name and session.previous.title == "令和８年度 相談員支援計画"
    assert session.date == date.today().isoformat()
    assert window.document.source_path is None
    assert window.isWindowModified()
    assert window.editor.undo_stack.count() == 0
    assert "令和９年度 相談員支援計画（前の計画から作成・未保存）" in window.windowTitle()
    assert window.navigator.current_page_id() is PageId.START
    assert start.previous_label.isVisible() and path.name in start.previous_label.text()
    click_step(qtbot, window, PageId.SUMMARY)
    assert "前の計画" in window.pages[PageId.SUMMARY].sections["details"].text()
    click_step(qtbot, window, PageId.REVIEW)
    assert not window.pages[PageId.REVIEW].cards

    dialogs.unsaved_answers.append(UnsavedAnswer.CANCEL)  # unsaved: closing asks
    window.document.close_session()
    assert window.editor.session is session


def test_next_plan_button_on_the_review_step_can_be_cancelled(qtbot, window, dialogs, tmp_path):
    type_text(window.pages[PageId.START].title_edit, "計画")
    path = tmp_path / "plan.json"
    save_session(window.editor.session, path)
    click_step(qtbot, window, PageId.REVIEW)
    dialogs.unsaved_answers.append(UnsavedAnswer.CANCEL)
    qtbot.mouseClick(window.pages[PageId.REVIEW].next_plan_button, Qt.MouseButton.LeftButton)
    assert window.editor.session.title == "計画"
    assert window.editor.session.previous is None


def test_the_next_plan_shows_the_last_review_read_only_as_its_starting_point(
        qtbot, window, dialogs, tmp_path):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    type_text(window.pages[PageId.START].title_edit, "令和８年度 相談員支援計画")
    choose_methods(qtbot, window, "ENV1", "MECH1")
    click_step(qtbot, window, PageId.REVIEW)
    page = window.pages[PageId.REVIEW]
    assert not page.previous_card.isVisible()  # a first plan has no previous year
    early = add_review(qtbot, window)
    early.date_field.edit.setDate(QDate(2026, 7, 1))
    type_text(early.next_steps, "夏に見直す")
    last = add_review(qtbot, window)
    last.date_field.edit.setDate(QDate(2027, 2, 20))
    set_status_by_keyboard(qtbot, last.method_rows["ENV1"], 1)  # 実施済
    type_text(last.next_steps, "研修を年２回にする")
    path = tmp_path / "令和８年度.json"
    dialogs.save_paths.append(path)
    assert window.document.save()

    window.next_plan_action.trigger()
    click_step(qtbot, window, PageId.REVIEW)
    card = page.previous_card
    assert card.isVisible() and not page.cards  # no review of the new year yet
    shown = [label.text() for label in card.findChildren(QLabel) if label.isVisible()]
    assert shown[0] == "前年度の点検から"
    assert any("令和８年度 相談員支援計画" in t and "2027/02/20" in t for t in shown)
    assert {m: label.text() for m, label in card.status_labels.items()} == {
        "ENV1": "実施済", "MECH1": "未記録"}
    for method_id in ("ENV1", "MECH1"):  # the guide's labels, as on the 点検 cards
        assert page.method_label(method_id) in shown
    assert card.next_changes_label.text() == "研修を年２回にする"
    assert "夏に見直す" not in shown  # the last review, not an earlier one

    # read-only: nothing in the card takes input, and typing at it changes nothing
    for kind in (QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton):
        assert card.findChildren(kind) == [], kind
    for label in card.findChildren(QLabel):
        assert not label.textInteractionFlags() & Qt.TextInteractionFlag.TextEditable
        assert label.focusPolicy() != Qt.FocusPolicy.TabFocus and not (
            label.focusPolicy() & Qt.FocusPolicy.TabFocus)
    qtbot.mouseClick(card.next_changes_label, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(card.next_changes_label, "abc")
    type_text(card.next_changes_label, "書き換え")
    qtbot.keyClick(card.next_changes_label, Qt.Key.Key_Backspace)
    assert card.next_changes_label.text() == "研修を年２回にする"
    assert window.editor.undo_stack.count() == 0

    # kept in the new plan's file, and shown again when it is reopened
    new_path = tmp_path / "令和９年度.json"
    dialogs.save_paths.append(new_path)
    assert window.document.save()
    link = load_session(new_path).session.previous
    assert (link.next_changes, link.method_statuses) == ("研修を年２回にする",
                                                         {"ENV1": "done", "MECH1": ""})


def test_the_previous_years_review_wraps_within_its_column_at_the_largest_text_size(qtbot, window):
    from PySide6.QtWidgets import QApplication
    from test_large_text import overflowing, squeezed

    from supportguide_app.plan.carry import next_plan
    from supportguide_app.plan.session import Review, Session
    from supportguide_app.ui.settings import TEXT_SCALE_MAX

    old = Session(title="令和８年度 ひきこもり相談員の支援者支援計画（センター全体）" * 2, date="2026-04-01")
    review = Review(date="2027-03-15", next_steps="研修の日程を年度初めに決めておく。" * 8)
    for method in list(window.guide.methods)[:6]:
        old.set_value(("selection", "methods", method.id, "selected"), True)
    old.add_review(review)
    old.set_value(("review", review.id, "method", window.guide.methods[0].id, "status"), "partly")
    window.editor.replace(next_plan(old, date(2027, 4, 12)))
    window.resize(900, 700)
    window.zoom.apply(TEXT_SCALE_MAX)
    click_step(qtbot, window, PageId.REVIEW)
    QApplication.processEvents()
    page = window.pages[PageId.REVIEW]
    assert page.previous_card.isVisible() and len(page.previous_card.status_labels) == 6
    assert overflowing(page) + squeezed(page) == []
