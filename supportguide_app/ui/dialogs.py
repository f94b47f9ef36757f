"""Every modal question the window asks, behind one small class.

The window never calls QMessageBox or QFileDialog itself; it asks a :class:`Dialogs`. Tests pass
a scripted stand-in, so no test ever blocks on a modal dialog.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

FILE_FILTER = "支援者サポート計画ファイル (*.json);;すべてのファイル (*)"


class UnsavedAnswer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class RestoreAnswer(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


class Dialogs:
    """The real dialogs (Japanese standard buttons come from qtbase_ja.qm)."""

    def ask_unsaved(self, parent: QWidget, title: str) -> UnsavedAnswer:
        box = QMessageBox(QMessageBox.Icon.Question, "保存されていない変更",
                          f"「{title}」には保存されていない変更があります。\n保存しますか？",
                          parent=parent)
        save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("保存しない", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("キャンセル", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save:
            return UnsavedAnswer.SAVE
        if clicked is discard:
            return UnsavedAnswer.DISCARD
        return UnsavedAnswer.CANCEL

    def ask_restore(self, parent: QWidget, text: str) -> RestoreAnswer:
        box = QMessageBox(QMessageBox.Icon.Question, "自動保存されたデータ", text, parent=parent)
        restore = box.addButton("復元する", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("破棄する", QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton("あとで決める", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(later)
        box.exec()
        clicked = box.clickedButton()
        if clicked is restore:
            return RestoreAnswer.RESTORE
        if clicked is discard:
            return RestoreAnswer.DISCARD
        return RestoreAnswer.LATER

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def error(self, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def warning(self, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def open_path(self, parent: QWidget, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "計画ファイルを開く", str(folder), FILE_FILTER)
        return Path(name) if name else None

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, "名前を付けて保存", str(suggested), FILE_FILTER)
        return Path(name) if name else None
