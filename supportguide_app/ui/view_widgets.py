"""Widgets of the 1on1's two views: the banner over checkpoints 1–3 and the hand-over page.

Neither shows anything of a view other than the one being entered: the banner names whose view the
page shows, the hand-over page covers the whole window between the two people.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from supportguide_app.plan.session import VIEW_ROLES
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.views import entering_role, is_one_on_one, next_role, views_ready
from supportguide_app.ui.widgets import BoundLineEdit, wrapped_label
from supportguide_app.ui.wrapping import WrappingButton, button_row


def finish_button_text(who: str) -> str:
    return "入力を終えて交代する" if next_role(who) else "入力を終えて比較へ進む"


class ViewBanner(QFrame):
    """Above checkpoints 1–3 in a 1on1: whose view is being entered, their name, and 「入力を終える」.

    Outside a 1on1 it is hidden; in a 1on1 showing the agreed selection it says so, with a way to
    the comparison.
    """

    finish_requested = Signal(str)  # who finished
    start_views_requested = Signal()
    comparison_requested = Signal()

    def __init__(self, editor: SessionEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.who: str | None = None
        self.setProperty("role", "viewBanner")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        self.title = wrapped_label("", "bannerTitle")
        self.text = wrapped_label("", "bannerText")
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        self.name_label = QLabel("お名前（任意）")
        self.name_edit = BoundLineEdit(editor, ("view", "manager", "name"), "お名前（任意）")
        self.name_edit.setMaximumWidth(320)
        self.name_label.setBuddy(self.name_edit)
        self.finish_button = WrappingButton(finish_button_text("manager"))
        self.finish_button.setAccessibleName(finish_button_text("manager"))
        self.finish_button.setProperty("primary", True)
        self.finish_button.clicked.connect(self._on_finish_clicked)
        self.comparison_button = QPushButton("見方の比較と合意へ")
        self.comparison_button.setAccessibleName("見方の比較と合意のステップへ移動")
        self.comparison_button.clicked.connect(self.comparison_requested.emit)
        self.start_button = WrappingButton("二人の見方を別々に入力する…")
        self.start_button.setAccessibleName("管理者と相談員の見方を別々に入力し始める")
        self.start_button.clicked.connect(self.start_views_requested.emit)
        # One flowing row: in a narrow column the button goes under the name instead of squeezing
        # the name field to nothing.
        self.name_edit.setMinimumWidth(self.name_edit.fontMetrics().horizontalAdvance("あ") * 10)
        layout.addWidget(button_row(self.name_label, self.name_edit, self.finish_button,
                                    self.comparison_button, self.start_button))
        self.setVisible(False)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # Never squeezed below the height its wrapped text and buttons need at its width: fixed
        # above the scrolling items, it was cut off at large text sizes.
        hint = super().minimumSizeHint()
        if self.width() > 0 and self.layout() is not None:
            return QSize(hint.width(), max(hint.height(), self.layout().heightForWidth(self.width())))
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()

    def _on_finish_clicked(self) -> None:
        if self.who is not None:
            self.finish_requested.emit(self.who)

    def refresh(self) -> None:
        session = self.editor.session
        self.who = who = entering_role(session)
        one_on_one = is_one_on_one(session)
        self.setVisible(one_on_one)
        entering = who is not None
        self.setProperty("entering", entering)
        self.style().unpolish(self)
        self.style().polish(self)
        for widget in (self.name_label, self.name_edit, self.finish_button):
            widget.setVisible(entering)
        ready = views_ready(session)
        self.comparison_button.setVisible(one_on_one and not entering and ready)
        self.start_button.setVisible(one_on_one and not entering and not ready)
        if entering:
            role, other = VIEW_ROLES[who], VIEW_ROLES[next_role(who) or "manager"]
            self.title.setText(f"{role}の見方を入力しています")
            self.text.setText(
                f"チェックとメモは{role}の見方として記録され、{other}の方には比較のときまで表示されません。"
                f"入力を終えたら「{finish_button_text(who)}」を押してください。")
            self.name_edit.path = ("view", who, "name")
            self.name_edit.setAccessibleName(f"{role}のお名前（任意）")
            self.name_edit.refresh()
            self.finish_button.setText(finish_button_text(who))
            self.finish_button.setAccessibleName(f"{role}の{finish_button_text(who)}")
        elif ready:
            self.title.setText("合意した選択を表示しています")
            self.text.setText("管理者と相談員の見方は「見方の比較と合意」で比べられます。"
                              "ここでの変更は合意した選択（計画とPDFに使われます）を変えます。")
        else:
            self.title.setText("合意した選択を表示しています")
            self.text.setText("この1on1の計画には、管理者と相談員それぞれの見方の記録がありません。"
                              "これから別々に入力するときは「二人の見方を別々に入力する」を押してください"
                              "（ここまでの選択は合意した選択として残ります）。")
        self.title.setAccessibleName(self.title.text())


class HandOverPage(QWidget):
    """「相談員の方に交代してください」: a full page between the two views, showing neither."""

    begin_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handOver")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(1)
        box = QFrame()
        box.setProperty("role", "card")
        box.setMaximumWidth(720)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(36, 32, 36, 32)
        layout.setSpacing(16)
        self.title = wrapped_label("", "handOverTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = wrapped_label("")
        self.privacy = wrapped_label("", "muted")
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.privacy)
        buttons = QHBoxLayout()
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested.emit)
        self.begin_button = QPushButton()
        self.begin_button.setProperty("primary", True)
        self.begin_button.setDefault(True)
        self.begin_button.clicked.connect(self.begin_requested.emit)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.begin_button)
        layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 10)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.set_roles("manager", "counselor")

    def set_roles(self, done: str, next_who: str) -> None:
        finished, role = VIEW_ROLES[done], VIEW_ROLES[next_who]
        self.title.setText(f"{role}の方に交代してください")
        self.title.setAccessibleName(self.title.text())
        self.text.setText(
            f"{finished}の見方の入力が終わりました。パソコンを{role}の方に渡してください。\n"
            f"{role}の方は、準備ができたら「{role}の入力を始める」を押してください。"
            f"チェックポイント１から、{role}ご自身の見方を入力します。")
        self.privacy.setText(
            f"{finished}の入力内容は、この先の入力中は表示されません。"
            "二人の見方は、両方の入力が終わったあと「見方の比較と合意」で一緒に見比べます。")
        self.begin_button.setText(f"{role}の入力を始める")
        self.begin_button.setAccessibleName(f"{role}の入力を始める")
        self.back_button.setText(f"{finished}の入力に戻る")
        self.back_button.setAccessibleName(f"{finished}の入力に戻る")
