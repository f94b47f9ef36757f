"""The real message boxes behind ui.dialogs.Dialogs (the other tests use a scripted stand-in)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from supportguide_app.ui.dialogs import Dialogs, LockAnswer, UnsavedAnswer


def answer_with(button_text: str | None) -> None:
    """Once the box is up, click the button with this text (None: press Esc, as to close it)."""

    def act() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        if button_text is None:
            box.reject()
            return
        (button,) = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    QTimer.singleShot(0, act)


@pytest.mark.parametrize(("text", "answer"), [
    ("保存", UnsavedAnswer.SAVE), ("保存しない", UnsavedAnswer.DISCARD),
    ("キャンセル", UnsavedAnswer.CANCEL), (None, UnsavedAnswer.CANCEL),
])
def test_unsaved_changes_box(qtbot, text, answer):
    answer_with(text)
    assert Dialogs().ask_unsaved(None, "令和８年度の計画") is answer


@pytest.mark.parametrize(("text", "answer"), [
    ("読み取り専用で開く", LockAnswer.READ_ONLY), ("引き継いで開く", LockAnswer.TAKE_OVER),
    (None, LockAnswer.CANCEL),
])
def test_file_in_use_box(qtbot, text, answer):
    answer_with(text)
    assert Dialogs().ask_file_in_use(None, "計画.json", "山田", "PC01", "2026-11-27 10:15") is answer


@pytest.mark.parametrize(("text", "answer"), [("〓に置き換えて書き出す", True), (None, False)])
def test_missing_glyphs_box(qtbot, text, answer):
    answer_with(text)
    assert Dialogs().ask_substitute_glyphs(None, ("😀",)) is answer


@pytest.mark.parametrize(("typed", "accepted"), [
    ("abc", False), ("1234567", False), ("相談員の支援計画", True), ("correct horse", True),
])
def test_protection_dialog_refuses_a_short_passphrase_before_saving(qtbot, typed, accepted):
    from supportguide_app.ui.dialogs import ProtectionDialog

    dialog = ProtectionDialog(protected=False)
    qtbot.addWidget(dialog)
    dialog.first.setText(typed)
    dialog.second.setText(typed)
    assert dialog.ok_button.isEnabled() is accepted
    if accepted:
        assert dialog.mismatch.text() == ""
    else:
        assert "8文字以上" in dialog.mismatch.text() and "総当たり" in dialog.mismatch.text()
