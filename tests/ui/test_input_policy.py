"""The wheel over a field scrolls the page; Ctrl+Z and redo work from every field."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea
from wizard_helpers import type_text

from supportguide_app.ui.pages import PageId


def wheel(widget, notches: int = 1) -> None:
    """One real wheel event over the middle of ``widget`` (negative: towards the user)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def page_scroll(page) -> int:
    return page.findChild(QScrollArea).verticalScrollBar().value()


def test_the_wheel_scrolls_the_page_past_an_unfocused_combo_and_date(qtbot, window):
    window.resize(900, 480)
    start = window.pages[PageId.START]
    area = start.findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum() // 2)
    combo = start.meeting_combo.combo
    before = page_scroll(start)
    start.title_edit.setFocus()

    wheel(combo, -1)  # one notch down over 話し合いの形
    assert combo.currentData() == window.editor.session.meeting == "alone"
    assert page_scroll(start) > before  # the page moved instead
    assert PageId.COMPARISON not in [s for s in window.navigator._steps()]

    date_edit = start.date_field.edit
    shown = date_edit.date()
    wheel(date_edit, 3)
    wheel(date_edit.lineEdit(), 3)  # over the text part of the field as well
    assert date_edit.date() == shown
    assert window.editor.undo_stack.count() == 0  # nothing was changed
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a notch does not take the focus


def test_a_focused_combo_still_takes_the_wheel(qtbot, window):
    start = window.pages[PageId.START]
    combo = start.meeting_combo.combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo, -1)
    assert window.editor.session.meeting != "alone"  # the person chose to: the field had focus


def test_the_wheel_does_not_change_a_review_date_count_or_status_while_scrolling(qtbot, window):
    window.pages[PageId.METHODS]  # a chosen method gives the review a 実施状況 row
    window.editor.set(("selection", "methods", window.guide.methods[0].id, "selected"), True)
    window.navigator.go_to(PageId.REVIEW)
    page = window.pages[PageId.REVIEW]
    page.add_button.click()
    review = window.editor.session.reviews[0]
    card = page.cards[review.id]
    before = review.date
    count = window.editor.undo_stack.count()
    window.step_list.setFocus()
    row = next(iter(card.method_rows.values()))
    for widget in (card.date_field.edit, card.attendance, row.status.combo):
        wheel(widget, 5)
        wheel(widget, -5)
    review = window.editor.session.reviews[0]
    assert review.date == before
    assert review.attendance is None
    assert card.attendance.text() == "未入力"
    assert row.status.combo.currentText() == "未記録"
    assert window.editor.undo_stack.count() == count


def test_ctrl_z_in_a_date_field_undoes_the_plan(qtbot, window):
    start = window.pages[PageId.START]
    type_text(start.title_edit, "計画")
    date_edit = start.date_field.edit
    date_edit.setFocus()
    qtbot.waitUntil(date_edit.hasFocus)
    date_edit.setDate(QDate(2026, 4, 1))
    assert window.editor.session.date == "2026-04-01"

    qtbot.keyClick(date_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.session.date != "2026-04-01"
    assert date_edit.hasFocus()
    qtbot.keyClick(date_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.session.title == ""
    qtbot.keyClick(date_edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.session.title == "計画"
    qtbot.keyClick(date_edit, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.session.date == "2026-04-01"
    assert date_edit.date() == QDate(2026, 4, 1)


def test_ctrl_z_in_a_text_field_takes_back_the_plans_last_step(qtbot, window):
    start = window.pages[PageId.START]
    type_text(start.title_edit, "計画")
    type_text(start.author_edit, "山田")
    qtbot.keyClick(start.author_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert start.author_edit.text() == ""
    assert window.editor.session.title == "計画"
    qtbot.keyClick(start.author_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert start.title_edit.text() == "" and window.editor.session.title == ""
    assert window.editor.undo_stack.count() == 2  # undo pushed nothing of its own


def _wheel_edited_fields(root):
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    return [w for w in root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox)
            if not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))]


def _shown_value(field):
    from PySide6.QtWidgets import QComboBox

    return field.currentIndex() if isinstance(field, QComboBox) else field.text()


def test_no_field_of_any_step_or_of_the_aggregation_window_takes_an_unfocused_wheel(qtbot, window):
    """The guard is installed per field (no filter on the whole application): every combo box and
    spin box the window has, on every step, in a 1on1 plan with a review, and in 地域・組織の集計."""
    from supportguide_app.ui.pages import PAGE_ORDER

    window.editor.set(("meeting",), "one_on_one")
    window.editor.set(("selection", "methods", window.guide.methods[0].id, "selected"), True)
    for page_id in PAGE_ORDER:
        window.navigator.go_to(page_id)
    window.pages[PageId.REVIEW].add_button.click()
    aggregation = window.show_aggregation()
    window.step_list.setFocus()
    fields = _wheel_edited_fields(window) + _wheel_edited_fields(aggregation)
    assert len(fields) >= 5  # 話し合いの形, 対象年度, the dates, a review's count and status, 最小の集計単位
    count = window.editor.undo_stack.count()
    for field in fields:
        before = _shown_value(field)
        wheel(field, 3)
        wheel(field, -2)
        assert _shown_value(field) == before, field.accessibleName()
        assert field.focusPolicy() == Qt.FocusPolicy.StrongFocus, field.accessibleName()
    assert window.editor.undo_stack.count() == count
