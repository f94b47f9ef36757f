"""はじめに says, right where 1on1 is chosen, what a 1on1 will do."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from supportguide_app.ui.pages import PageId


def test_choosing_1on1_explains_the_two_views_hand_over_comparison_and_consent(qtbot, window):
    start = window.pages[PageId.START]
    assert not start.one_on_one_label.isVisible()
    combo = start.meeting_combo.combo
    combo.setCurrentIndex(combo.findData("one_on_one"))
    QApplication.processEvents()
    assert window.editor.session.meeting == "one_on_one"
    label = start.one_on_one_label
    assert label.isVisible()
    text = label.text()
    for words in ("管理者", "相談員", "交代", "表示されません", "見方の比較と合意", "同意"):
        assert words in text
    # Beside the choice: directly below the form that holds 話し合いの形.
    assert label.mapTo(start, label.rect().topLeft()).y() > combo.mapTo(start, combo.rect().bottomLeft()).y()
    assert combo.accessibleDescription() == text
    combo.setCurrentIndex(combo.findData("alone"))
    assert not label.isVisible()
