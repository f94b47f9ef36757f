"""Every modal question the window asks, behind one small class.

The window never calls QMessageBox or QFileDialog itself; it asks a :class:`Dialogs`. Tests pass
a scripted stand-in, so no test ever blocks on a modal dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportguide_app.ui.busy import dialog_start

# The message box, file dialog, input dialog and button box classes are imported in the functions
# that show them: creating their Python enums cost the window about 10 ms at start-up (issue 16).
if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

FILE_FILTER = "支援者サポート計画ファイル (*.json);;すべてのファイル (*)"
PDF_FILTER = "PDFファイル (*.pdf)"
CSV_FILTER = "CSVファイル（Excelで開けます） (*.csv)"
# The three layouts (keys of report.data.LAYOUTS) with what the person sees when choosing; what
# each leaves out is report.data.LAYOUT_OMITS, shown below (the command line's help says the same).
PDF_LAYOUTS = {
    "plan": ("取組計画",
             "選んだ困難さ・目標・手法とメモ、取組の準備、委託仕様書に盛り込む事項をまとめた計画書です。"),
    "checklist": ("チェックリスト全体",
                  "ガイドのチェックリストの全項目を、選んだものに印を付けて印刷します。話し合いの記録に。"),
    "spec": ("仕様書添付用",
             "委託仕様書に盛り込む事項と、そのもとにした目標・手法、受託者に関わる準備の事項です。"
             "受託者に渡す資料に。"),
}


class UnsavedAnswer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class LockAnswer(Enum):
    """What to do with a plan someone else has open (see storage/lock.py)."""

    READ_ONLY = "read_only"
    TAKE_OVER = "take_over"
    CANCEL = "cancel"


@dataclass(frozen=True)
class ProtectionRequest:
    """What 「パスフレーズで保護」 asked for: a new passphrase, or None to remove the protection."""

    passphrase: str | None


LOST_PASSPHRASE_WARNING = ("パスフレーズを忘れると、ファイルを開く方法はありません。"
                           "このアプリの作成者にも、職場のシステム担当にも開けません。"
                           "忘れないように、ほかの人に見られない方法で控えておいてください。")


class RestoreAnswer(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


def _at(suggested: Path) -> str:
    """The folder (or file in a folder) a file dialog opens at; see :func:`dialog_start`."""
    return str(dialog_start(suggested))


def _choose(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str,
            choices: list[tuple[str, QMessageBox.ButtonRole, object]], *, default: int = 0):
    """Ask with one button per ``(label, role, answer)`` and return the answer clicked.

    The last choice is the way out: Esc, and closing the box, answer with it.
    """
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 (see the TYPE_CHECKING note)
    box = QMessageBox(icon, title, text, parent=parent)
    buttons = [box.addButton(label, role) for label, role, _ in choices]
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[-1])
    box.exec()
    clicked = box.clickedButton()
    return next((answer for button, (_, _, answer) in zip(buttons, choices, strict=True)
                 if button is clicked), choices[-1][2])


class Dialogs:
    """The real dialogs (Japanese standard buttons come from qtbase_ja.qm)."""

    def ask_unsaved(self, parent: QWidget, title: str) -> UnsavedAnswer:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 (see the TYPE_CHECKING note)
        return _choose(parent, QMessageBox.Icon.Question, "保存されていない変更",
                       f"「{title}」には保存されていない変更があります。\n保存しますか？",
                       [("保存", QMessageBox.ButtonRole.AcceptRole, UnsavedAnswer.SAVE),
                        ("保存しない", QMessageBox.ButtonRole.DestructiveRole, UnsavedAnswer.DISCARD),
                        ("キャンセル", QMessageBox.ButtonRole.RejectRole, UnsavedAnswer.CANCEL)])

    def ask_restore(self, parent: QWidget, text: str) -> RestoreAnswer:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 (see the TYPE_CHECKING note)
        return _choose(parent, QMessageBox.Icon.Question, "自動保存されたデータ", text,
                       [("復元する", QMessageBox.ButtonRole.AcceptRole, RestoreAnswer.RESTORE),
                        ("破棄する", QMessageBox.ButtonRole.DestructiveRole, RestoreAnswer.DISCARD),
                        ("あとで決める", QMessageBox.ButtonRole.RejectRole, RestoreAnswer.LATER)])

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 (see the TYPE_CHECKING note)
        answer = QMessageBox.question(parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def error(self, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 (see the TYPE_CHECKING note)
        QMessageBox.critical(parent, title, text)

    def warning(self, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 (see the TYPE_CHECKING note)
        QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 (see the TYPE_CHECKING note)
        QMessageBox.information(parent, title, text)

    def open_path(self, parent: QWidget, folder: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415 (see the TYPE_CHECKING note)
        name, _ = QFileDialog.getOpenFileName(parent, "計画ファイルを開く", _at(folder), FILE_FILTER)
        return Path(name) if name else None

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415 (see the TYPE_CHECKING note)
        name, _ = QFileDialog.getSaveFileName(parent, "名前を付けて保存", _at(suggested), FILE_FILTER)
        return Path(name) if name else None

    def ask_file_in_use(self, parent: QWidget, name: str, user: str, host: str,
                        since: str) -> LockAnswer:
        """The plan ``name`` is open elsewhere: read-only, take it over, or cancel."""
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 (see the TYPE_CHECKING note)
        return _choose(parent, QMessageBox.Icon.Warning, "ほかの人が開いているファイルです",
                       file_in_use_text(name, user, host, since),
                       [("読み取り専用で開く", QMessageBox.ButtonRole.AcceptRole, LockAnswer.READ_ONLY),
                        ("引き継いで開く", QMessageBox.ButtonRole.DestructiveRole, LockAnswer.TAKE_OVER),
                        ("キャンセル", QMessageBox.ButtonRole.RejectRole, LockAnswer.CANCEL)])

    # -- パスフレーズ -----------------------------------------------------------------------------------
    def ask_text(self, parent: QWidget, title: str, label: str, text: str = "") -> str | None:
        """One line of text; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog  # noqa: PLC0415 (see the TYPE_CHECKING note)
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def ask_passphrase(self, parent: QWidget, name: str, wrong: bool) -> str | None:
        """The passphrase of the protected ``name``; ``wrong`` after one that did not open it."""
        from PySide6.QtWidgets import QInputDialog  # noqa: PLC0415 (see the TYPE_CHECKING note)
        text = (f"「{name}」はパスフレーズで保護されています。\nパスフレーズを入力してください。")
        if wrong:
            text = ("パスフレーズが違います。\n"
                    "大文字・小文字、全角・半角を確かめて、もう一度入力してください。\n\n" + text)
        value, ok = QInputDialog.getText(parent, "パスフレーズの入力", text, QLineEdit.EchoMode.Password)
        return value if ok else None

    def ask_protection(self, parent: QWidget, protected: bool,
                       weakness: Callable[[str], str] | None = None) -> ProtectionRequest | None:
        """Set or change the passphrase (typed twice), or remove the protection; None: cancel.

        ``weakness`` says why a typed passphrase may not be used ("" when it may): the storage
        layer's rule, passed in by the caller so that this module stays free of file work.
        """
        dialog = ProtectionDialog(protected, parent, weakness)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()

    # -- 地域・組織の集計 ----------------------------------------------------------------------------
    def aggregation_folder(self, parent: QWidget, folder: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415 (see the TYPE_CHECKING note)
        name = QFileDialog.getExistingDirectory(parent, "集計する計画ファイルのフォルダを選ぶ", _at(folder))
        return Path(name) if name else None

    def aggregation_files(self, parent: QWidget, folder: Path) -> list[Path]:
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415 (see the TYPE_CHECKING note)
        names, _ = QFileDialog.getOpenFileNames(parent, "集計する計画ファイルを選ぶ", _at(folder),
                                                FILE_FILTER)
        return [Path(n) for n in names]

    def summary_export_path(self, parent: QWidget, suggested: Path, kind: str) -> Path | None:
        """Where to write the summary; ``kind`` is "csv" or "pdf"."""
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415 (see the TYPE_CHECKING note)
        title = "CSVに書き出す" if kind == "csv" else "PDFに書き出す"
        name, _ = QFileDialog.getSaveFileName(parent, title, _at(suggested),
                                              CSV_FILTER if kind == "csv" else PDF_FILTER)
        return Path(name) if name else None

    # -- PDF export ----------------------------------------------------------------------------------
    def ask_pdf_layout(self, parent: QWidget, current: str) -> str | None:
        """Which layout to export ("plan", "checklist" or "spec"), or None when cancelled."""
        dialog = PdfLayoutDialog(current, parent)
        return dialog.layout_key() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_text_layout(self, parent: QWidget, current: str) -> str | None:
        """The same choice for 「テキストとしてコピー」: the text has the same three shapes."""
        dialog = PdfLayoutDialog(current, parent, title="テキストとしてコピー", accept_text="コピーする")
        return dialog.layout_key() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def export_path(self, parent: QWidget, suggested: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415 (see the TYPE_CHECKING note)
        name, _ = QFileDialog.getSaveFileName(parent, "PDFに書き出す", _at(suggested), PDF_FILTER)
        return Path(name) if name else None

    def ask_substitute_glyphs(self, parent: QWidget, characters: tuple[str, ...]) -> bool:
        """True: export with 〓 in place of the characters the font lacks; False: cancel."""
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 (see the TYPE_CHECKING note)
        return _choose(parent, QMessageBox.Icon.Warning, "PDFのフォントにない文字があります",
                       missing_glyphs_text(characters),
                       [("〓に置き換えて書き出す", QMessageBox.ButtonRole.AcceptRole, True),
                        ("キャンセル", QMessageBox.ButtonRole.RejectRole, False)], default=1)

    def ask_open_pdf(self, parent: QWidget, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415 (see the TYPE_CHECKING note)
        return _choose(parent, QMessageBox.Icon.Information, "PDFに書き出しました",
                       f"PDFを保存しました。\n{path}\n\nいま開きますか？",
                       [("PDFを開く", QMessageBox.ButtonRole.AcceptRole, True),
                        ("閉じる", QMessageBox.ButtonRole.RejectRole, False)])

    def open_local_file(self, path: Path) -> bool:
        """Open a file of ours with the system's viewer (a local path only, never a URL)."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve())))


def file_in_use_text(name: str, user: str, host: str, since: str) -> str:
    who = f"{user}さん" if user else "ほかの人（名前を読み取れませんでした）"
    lines = [f"「{name}」は、いま{who}が開いています。", ""]
    lines.append(f"開いている人：{user or '不明'}")
    lines.append(f"パソコン：{host or '不明'}")
    lines.append(f"開いた日時：{since or '不明'}")
    lines += ["", "読み取り専用で開くと、内容を見ることができます。変更は別の名前で保存してください。",
              "「引き継いで開く」は、相手がもう閉じている（パソコンが止まった等）と確かな場合だけに"
              "してください。同時に編集すると、どちらかの変更が失われます。"]
    return "\n".join(lines)


def missing_glyphs_text(characters: tuple[str, ...]) -> str:
    shown = "　".join(f"「{c}」（U+{ord(c):04X}）" for c in characters)
    return ("次の文字は、PDFに使うフォントにないため、そのままでは印刷されません。\n\n"
            f"{shown}\n\n"
            "これらを「〓」に置き換えて書き出すか、キャンセルして計画の文字を直してください"
            "（機種依存の文字や絵文字は、ふつうの文字に書き換えると確実です）。")


class PdfLayoutDialog(QDialog):
    """The choice of layout: a radio button each, with what it prints and what it leaves out,
    shown before anything is written."""

    def __init__(self, current: str, parent: QWidget | None = None, *, title: str = "PDFに書き出す",
                 accept_text: str = "保存先を選ぶ…") -> None:
        from PySide6.QtWidgets import QButtonGroup, QDialogButtonBox, QRadioButton  # noqa: PLC0415 (see the TYPE_CHECKING note)

        from supportguide_app.report.data import LAYOUT_OMITS  # no reportlab: plain data

        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        heading = QLabel("書き出す内容を選んでください。")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self._group = QButtonGroup(self)
        self._buttons: dict[str, QRadioButton] = {}
        self.omit_labels: dict[str, QLabel] = {}
        for key, (label, description) in PDF_LAYOUTS.items():
            button = QRadioButton(label)
            button.setAccessibleName(label)
            omits = f"載せないもの：{LAYOUT_OMITS[key]}"
            button.setAccessibleDescription(f"{description}{omits}")
            text = QLabel(f"{description}\n{omits}")
            self.omit_labels[key] = text
            text.setWordWrap(True)
            text.setProperty("role", "muted")
            text.setContentsMargins(26, 0, 0, 6)
            self._group.addButton(button)
            self._buttons[key] = button
            layout.addWidget(button)
            layout.addWidget(text)
        self._buttons.get(current, self._buttons["plan"]).setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def layout_key(self) -> str:
        for key, button in self._buttons.items():
            if button.isChecked():
                return key
        return "plan"


class ProtectionDialog(QDialog):
    """パスフレーズで保護: the passphrase twice, the warning that it cannot be recovered."""

    def __init__(self, protected: bool, parent: QWidget | None = None,
                 weakness: Callable[[str], str] | None = None) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QFormLayout  # noqa: PLC0415 (see the TYPE_CHECKING note)
        super().__init__(parent)
        self.setWindowTitle("パスフレーズで保護")
        self._weakness = weakness or (lambda _passphrase: "")
        self._remove = False
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(
            "この計画はパスフレーズで保護されています。新しいパスフレーズを入力すると変更できます。"
             if protected else
             "パスフレーズを決めると、この計画のファイル（と自動保存）は暗号化され、"
             "パスフレーズを知っている人だけが開けるようになります。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        warning = QLabel(LOST_PASSPHRASE_WARNING)
        warning.setWordWrap(True)
        warning.setProperty("role", "warning")
        warning.setAccessibleName("注意")
        layout.addWidget(warning)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName("新しいパスフレーズ")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName("新しいパスフレーズ（確認のためもう一度）")
        form.addRow("新しいパスフレーズ", self.first)
        form.addRow("もう一度", self.second)
        layout.addLayout(form)
        hint = QLabel("長めの文がおすすめです（例：覚えやすい言葉を３つ以上つなげる）。")
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        self.mismatch = QLabel("")
        self.mismatch.setProperty("role", "warning")
        self.mismatch.setWordWrap(True)
        layout.addWidget(self.mismatch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton("保護する" if not protected else "パスフレーズを変更する",
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.remove_button: QPushButton | None = None
        if protected:
            self.remove_button = buttons.addButton("保護を外す", QDialogButtonBox.ButtonRole.DestructiveRole)
            self.remove_button.clicked.connect(self._on_remove_clicked)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.first.textChanged.connect(self._check)
        self.second.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(500)

    def _check(self) -> None:
        first, second = self.first.text(), self.second.text()
        matches = bool(first) and first == second
        weakness = self._weakness(first) if first else ""  # the domain's rule, said before saving
        self.ok_button.setEnabled(matches and not weakness)
        mismatch = "二つのパスフレーズが一致しません。" if second and not matches else ""
        self.mismatch.setText(weakness or mismatch)

    def _on_remove_clicked(self) -> None:
        self._remove = True
        self.accept()

    def request(self) -> ProtectionRequest:
        return ProtectionRequest(None if self._remove else self.first.text())
