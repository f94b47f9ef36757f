"""Step 0, はじめに: start or open a plan, the plan's details, and the guide's three steps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from supportguide_app.guide.model import Guide
from supportguide_app.plan.dates import (
    EARLIEST_FISCAL_YEAR,
    LATEST_FISCAL_YEAR,
    default_target_fiscal_year,
    fiscal_year_both,
    parse_iso,
)
from supportguide_app.plan.session import MEETINGS, ROLES
from supportguide_app.ui import help_panel
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.pages.base import Page
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.views import previous_plan_text
from supportguide_app.ui.widgets import BoundComboBox, BoundLineEdit, DateField, card, wrapped_label
from supportguide_app.ui.wrapping import WrappingCheckBox, button_row

ONE_ON_ONE_EXPLANATION = (
    "1on1では、次の順に進みます。\n"
    "① 管理者が、チェックポイント１〜３を自分の見方で入力します。\n"
    "② 「入力を終えて交代する」を押すと交代の画面になります。パソコンを相談員に渡してください。\n"
    "③ 相談員が、自分の見方を入力します。相手の入力は、二人とも終わるまで表示されません。\n"
    "④ 「見方の比較と合意」で二人の見方を見比べ、計画に使う選択を一緒に決めます。\n"
    "⑤ 相談員のメモをPDFに載せるかどうかは、相談員の同意で決めます。")


class StartPage(Page):
    page_id = PageId.START
    new_requested = Signal()
    open_requested = Signal(object)  # a Path, or None to ask for one
    recent_enabled_changed = Signal(bool)
    recent_clear_requested = Signal()

    def __init__(self, guide: Guide, editor: SessionEditor, parent: QWidget | None = None) -> None:
        super().__init__(guide, editor, "はじめに", guide.info["title"], parent=parent)
        self._build_start()
        self._build_details()
        self._build_steps()
        self.body.addStretch(1)

    def default_help(self) -> str:
        return help_panel.intro_help(self.guide)

    # -- building -----------------------------------------------------------------------------------
    def _build_start(self) -> None:
        frame, layout = card()
        layout.addWidget(wrapped_label(self.guide.info["subtitle"], "cardTitle"))
        layout.addWidget(wrapped_label(self.guide.info["purpose"]))
        self.new_button = QPushButton("新しい計画を始める")
        self.new_button.setAccessibleName("新しい計画を始める")
        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button = QPushButton("ファイルを開く…")
        self.open_button.setAccessibleName("計画ファイルを開く")
        self.open_button.clicked.connect(lambda: self.open_requested.emit(None))
        layout.addWidget(button_row(self.new_button, self.open_button))

        layout.addWidget(wrapped_label("最近使ったファイル", "sectionTitle"))
        self.recent_list = QListWidget()
        self.recent_list.setAccessibleName("最近使ったファイル")
        self.recent_list.setMaximumHeight(130)
        self.recent_list.itemActivated.connect(self._on_recent_activated)
        layout.addWidget(self.recent_list)
        self.recent_empty = wrapped_label("", "muted")
        layout.addWidget(self.recent_empty)
        self.recent_enabled = WrappingCheckBox("最近使ったファイルを記録する")
        self.recent_enabled.setAccessibleName("最近使ったファイルを記録する")
        self.recent_enabled.toggled.connect(self.recent_enabled_changed.emit)
        self.recent_clear = QPushButton("履歴を消去")
        self.recent_clear.setAccessibleName("最近使ったファイルの履歴を消去")
        self.recent_clear.clicked.connect(self.recent_clear_requested.emit)
        layout.addWidget(button_row(self.recent_enabled, self.recent_clear))
        layout.addWidget(wrapped_label(
            "記録は、はじめはオフです。共用のパソコンではオフのままにしてください。"
            "このアプリが前回の計画を自動で開くことはありません。",
            "muted"))
        self.body.addWidget(frame)

    def _build_details(self) -> None:
        frame, layout = card()
        layout.addWidget(wrapped_label("計画の情報", "cardTitle"))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        self.title_edit = self.bind(BoundLineEdit(self.editor, ("title",), "計画の名前",
                                                  "例：相談員の支援者支援の計画"))
        self.organisation_edit = self.bind(BoundLineEdit(self.editor, ("organisation",), "機関・部署"))
        self.author_edit = self.bind(BoundLineEdit(self.editor, ("author",), "記入者"))
        self.role_combo = self.bind(BoundComboBox(self.editor, ("role",), ROLES, "記入者の立場"))
        self.date_field = self.bind(DateField(self.editor))
        self.fiscal_year_field = self.bind(FiscalYearField(self.editor))
        self.meeting_combo = self.bind(BoundComboBox(self.editor, ("meeting",), MEETINGS,
                                                     "話し合いの形"))
        for text, widget in (("計画の名前", self.title_edit), ("機関・部署", self.organisation_edit),
                             ("記入者", self.author_edit), ("立場", self.role_combo),
                             ("日付", self.date_field), ("対象年度", self.fiscal_year_field),
                             ("話し合いの形", self.meeting_combo)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        # Above the fields: after 「この計画から次の計画を作る」 this is the first thing to confirm.
        self.previous_label = wrapped_label("", "hint")
        self.previous_label.setAccessibleName("前の計画")
        self.previous_label.setVisible(False)
        layout.addWidget(self.previous_label)
        layout.addLayout(form)
        # Right under 話し合いの形: what choosing 1on1 sets going.
        self.one_on_one_label = wrapped_label(ONE_ON_ONE_EXPLANATION, "hint")
        self.one_on_one_label.setAccessibleName("1on1で行うこと")
        self.one_on_one_label.setVisible(False)
        self.meeting_combo.combo.setAccessibleDescription(ONE_ON_ONE_EXPLANATION)
        layout.addWidget(self.one_on_one_label)
        self.body.addWidget(frame)
        # The year shown as 記入日に合わせる follows the date as it is typed.
        self.editor.changed.connect(self._on_session_changed)

    def _on_session_changed(self, path: tuple) -> None:
        if path == ("date",):
            self.fiscal_year_field.refresh()

    def refresh_page(self) -> None:
        text = previous_plan_text(self.editor.session)
        self.previous_label.setText(f"前の計画：{text}\nこの計画は前の計画を引き継いで作りました。"
                                    if text else "")
        self.previous_label.setVisible(bool(text))

    def refresh_visibility(self) -> None:
        self.one_on_one_label.setVisible(self.editor.session.meeting == "one_on_one")

    def _build_steps(self) -> None:
        frame, layout = card()
        layout.addWidget(wrapped_label(self.guide.info["steps_intro"], "cardTitle"))
        for step in self.guide.steps:
            layout.addWidget(wrapped_label(f"{step.number}　{step.caption}", "sectionTitle"))
            layout.addWidget(wrapped_label(step.text))
        layout.addWidget(wrapped_label(f"→ {self.guide.info['steps_goal']}", "muted"))
        layout.addWidget(wrapped_label(self.guide.checklist["first_three"]))
        self.body.addWidget(frame)

    def show_details(self) -> None:
        """Scroll to 計画の情報 (and 前の計画) and put the cursor in the title."""
        from PySide6.QtWidgets import QScrollArea

        area = self.findChild(QScrollArea)
        if area is not None:
            self.body_widget.layout().activate()
            area.verticalScrollBar().setValue(self.previous_label.parentWidget().y())
        self.title_edit.setFocus()

    # -- recent files -------------------------------------------------------------------------------
    def set_recent(self, files: list[Path], enabled: bool) -> None:
        self.recent_list.clear()
        for path in files:
            item = QListWidgetItem(f"{path.name}　（{path.parent}）")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent_list.addItem(item)
        self.recent_list.setVisible(bool(files))
        self.recent_empty.setText("" if files else (
            "まだありません。" if enabled else "記録はオフになっています。"))
        self.recent_empty.setVisible(not files)
        self.recent_clear.setEnabled(bool(files))
        self.recent_enabled.blockSignals(True)
        self.recent_enabled.setChecked(enabled)
        self.recent_enabled.blockSignals(False)

    def _on_recent_activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(Path(item.data(Qt.ItemDataRole.UserRole)))


class FiscalYearField(BoundComboBox):
    """対象年度: 「記入日に合わせる」 (stored as None) or a chosen 年度, in 和暦 and Western year.

    The choices run from two years before to three years after the entry date's default, and
    always include the stored year; they are rebuilt on each refresh, as the default follows the
    date. A change goes through the editor (one undoable step).
    """

    SPAN = (-2, 3)

    def __init__(self, editor: SessionEditor, parent: QWidget | None = None) -> None:
        super().__init__(editor, ("fiscal_year",), {}, "対象年度", parent)
        self.combo.setToolTip("この計画で取り組む年度です。10月から3月に記入する計画は、"
                              "記入日に合わせると次の年度になります。")

    def refresh(self) -> None:
        from datetime import date

        session = self.editor.session
        day = parse_iso(session.date)
        default = default_target_fiscal_year(day) if day else None
        centre = default or session.fiscal_year or default_target_fiscal_year(date.today())
        years = {y for y in range(centre + self.SPAN[0], centre + self.SPAN[1] + 1)
                 if EARLIEST_FISCAL_YEAR <= y <= LATEST_FISCAL_YEAR}
        if session.fiscal_year is not None:
            years.add(session.fiscal_year)
        years = sorted(years)
        self.combo.blockSignals(True)
        self.combo.clear()
        automatic = (f"記入日に合わせる（{fiscal_year_both(default)}）" if default is not None
                     else "記入日に合わせる（日付が未設定です）")
        self.combo.addItem(automatic, None)
        for year in years:
            self.combo.addItem(fiscal_year_both(year), year)
        chosen = session.fiscal_year
        self.combo.setCurrentIndex(0 if chosen is None else 1 + years.index(chosen))
        self.combo.blockSignals(False)
