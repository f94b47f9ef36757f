"""Step 3 of the guide, 点検: check the initiatives together, record what changed, and keep them going.

Each review (点検) is a card: when and who, how far each chosen method got, the effect seen, the
optional figures (参加人数, アンケート結果) and what to change next. Cards are shown in date order;
a card widget lives as long as its review, and is only moved when a date changes the order, so the
field being typed in keeps its focus. Adding and removing a review are undoable (SessionEditor).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from supportguide_app.guide.model import Guide
from supportguide_app.plan.dates import parse_iso
from supportguide_app.plan.session import REVIEW_NOT_RECORDED, REVIEW_STATUSES, PlanLink, Review
from supportguide_app.ui import help_panel
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.pages.base import Page
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.widgets import (
    BoundComboBox,
    BoundCountSpinBox,
    BoundLineEdit,
    BoundTextEdit,
    DateField,
    card,
    retire,
    wrapped_label,
)
from supportguide_app.ui.wrapping import WrappingButton, button_row

STEP_ID = "step3"
EVALUATION_POINT = "evaluation"
# "" is "not recorded yet": a review may be started before every method has been discussed.
STATUS_CHOICES = {"": REVIEW_NOT_RECORDED, **REVIEW_STATUSES}
NOT_IN_PLAN = "（いまの計画では選ばれていない手法）"
PREVIOUS_REVIEW_TITLE = "前年度の点検から"
EFFECT_LABEL = "見られた効果"  # as the PDF prints it (report.data.LABELS["effect"])


def review_heading(number: int, review: Review) -> str:
    day = parse_iso(review.date)
    return f"点検 {number}　" + (day.strftime("%Y/%m/%d") if day else "（日付未設定）")


class MethodReviewRow(QFrame):
    """One method in a review: its name, the status (実施済 / 一部実施 / 未実施) and a note."""

    def __init__(self, editor: SessionEditor, review_id: str, method_id: str, label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "methodReview")
        self.method_id = method_id
        base = ("review", review_id, "method", method_id)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        # The name and the status on one line, the note below at full width: at large text sizes
        # a note beside the status was too narrow to read.
        row = QHBoxLayout()
        row.setSpacing(10)
        self.label = wrapped_label(label, "sectionTitle")
        caption = QLabel("実施状況")
        self.status = BoundComboBox(editor, (*base, "status"), STATUS_CHOICES, f"{label}：実施状況")
        caption.setBuddy(self.status.combo)
        row.addWidget(self.label, 1)
        row.addWidget(caption)
        row.addWidget(self.status)
        layout.addLayout(row)
        self.note = BoundLineEdit(editor, (*base, "note"), f"{label}：実施状況のメモ",
                                  "メモ（任意）：うまくいったこと、できなかった理由など")
        layout.addWidget(self.note)

    def refresh(self) -> None:
        self.status.refresh()
        self.note.refresh()


class ReviewCard(QFrame):
    """Everything entered for one review; the method rows follow the plan's chosen methods."""

    def __init__(self, page: ReviewPage, review_id: str) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self.page = page
        self.review_id = review_id
        editor = page.editor
        base = ("review", review_id)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 14)
        layout.setSpacing(8)

        header = QHBoxLayout()
        self.heading = wrapped_label("", "cardTitle")
        self.remove_button = WrappingButton("この点検を削除…")
        self.remove_button.clicked.connect(lambda: page.remove_requested.emit(self.review_id))
        header.addWidget(self.heading, 1)
        header.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        form = _form()
        self.date_field = DateField(editor, (*base, "date"), "点検の日付")
        self.participants = BoundLineEdit(editor, (*base, "participants"), "点検の参加者",
                                          "例：センター長、相談員３名")
        _add_row(form, "日付", self.date_field)
        _add_row(form, "参加者", self.participants)
        layout.addLayout(form)

        layout.addWidget(wrapped_label("手法ごとの実施状況", "sectionTitle"))
        self.methods_box = QVBoxLayout()
        self.methods_box.setSpacing(6)
        layout.addLayout(self.methods_box)
        self.no_methods = wrapped_label(
            "チェックポイント３で手法を選ぶと、ここで手法ごとに実施済／一部実施／未実施 を記録できます。",
            "hint")
        layout.addWidget(self.no_methods)
        self.method_rows: dict[str, MethodReviewRow] = {}
        self._method_key: tuple | None = None

        layout.addWidget(wrapped_label(EFFECT_LABEL, "sectionTitle"))
        self.effect = BoundTextEdit(editor, (*base, "effect"), EFFECT_LABEL,
                                    "相談員にどのようなポジティブな変化があったか、気づいたこと")
        layout.addWidget(self.effect)

        layout.addWidget(wrapped_label("数値（任意）", "sectionTitle"))
        form = _form()
        self.attendance = BoundCountSpinBox(editor, (*base, "attendance"), "参加人数", " 人")
        self.questionnaire = BoundTextEdit(editor, (*base, "questionnaire"), "アンケート結果",
                                           "例：研修後のアンケートで「相談しやすくなった」が８割")
        self.questionnaire.setMinimumHeight(56)
        attendance_row = QWidget()
        row = QHBoxLayout(attendance_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.attendance)
        row.addWidget(wrapped_label("研修などの取組に参加した人数", "muted"), 1)
        attendance_row.setFocusProxy(self.attendance)
        _add_row(form, "参加人数", attendance_row)
        _add_row(form, "アンケート結果", self.questionnaire)
        layout.addLayout(form)

        layout.addWidget(wrapped_label("次に変えること", "sectionTitle"))
        self.next_steps = BoundTextEdit(editor, (*base, "next_steps"), "次に変えること",
                                        "続けること、やめること、次の計画で変えること")
        layout.addWidget(self.next_steps)

        evaluation = page.evaluation_help
        for widget in (self.effect, self.attendance, self.questionnaire):
            page.hook_help(widget, evaluation)
        self._bound = [self.date_field, self.participants, self.effect, self.attendance,
                       self.questionnaire, self.next_steps]

    def set_methods(self, methods: list[tuple[str, str]]) -> None:
        """(method ID, label) of the rows to show; rebuilt only when the list changes."""
        key = tuple(methods)
        if key == self._method_key:
            return
        self._method_key = key
        for row in self.method_rows.values():
            self.methods_box.removeWidget(row)
            retire(row)
        self.method_rows = {}
        for method_id, label in methods:
            row = MethodReviewRow(self.page.editor, self.review_id, method_id, label)
            self.page.hook_help(row, partial(self.page.method_help, method_id))
            self.method_rows[method_id] = row
            self.methods_box.addWidget(row)
        self.no_methods.setVisible(not methods)

    def refresh(self, number: int, methods: list[tuple[str, str]]) -> None:
        review = self.page.editor.session.review(self.review_id)
        self.heading.setText(review_heading(number, review))
        self.heading.setAccessibleName(review_heading(number, review))
        self.remove_button.setAccessibleName(f"{review_heading(number, review)}を削除")
        chosen = list(methods)
        shown = {m for m, _ in chosen}
        # A method dropped from the plan after it was reviewed keeps its record, and stays visible.
        chosen += [(m, f"{self.page.method_label(m)}{NOT_IN_PLAN}") for m in review.methods
                   if m not in shown]
        self.set_methods(chosen)
        for widget in self._bound:
            widget.refresh()
        for row in self.method_rows.values():
            row.refresh()


class ReviewPage(Page):
    page_id = PageId.REVIEW
    remove_requested = Signal(str)  # a review ID; the window confirms through its Dialogs
    next_plan_requested = Signal()

    def __init__(self, guide: Guide, editor: SessionEditor, parent: QWidget | None = None) -> None:
        self.step = next(s for s in guide.steps if s.id == STEP_ID)
        super().__init__(guide, editor, "点検（ステップ３）", self.step.text, parent=parent)
        self.cards: dict[str, ReviewCard] = {}
        self._order: list[str] = []

        frame, layout = card("contextCard")
        layout.addWidget(wrapped_label(f"{self.step.number}　{self.step.caption}", "cardTitle"))
        layout.addWidget(wrapped_label(self.step.action))
        point = self._evaluation_point()
        if point is not None:
            layout.addWidget(wrapped_label(f"{point.label}：{point.text}", "muted"))
        self.add_button = QPushButton("点検を追加する")
        self.add_button.setProperty("primary", True)
        self.add_button.setAccessibleName("点検の記録を追加する")
        self.add_button.setToolTip("今日の日付で、新しい点検の記録を追加します")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.next_plan_button = WrappingButton("この計画から次の計画を作る…")
        self.next_plan_button.setAccessibleName("この計画から次の計画を作る")
        self.next_plan_button.setToolTip(
            "選んだ困難さ・目標・手法とメモを引き継いで、新しい計画（未保存）を始めます。点検の記録そのものは"
            "引き継がず、最後の点検の「次に変えること」と手法ごとの実施状況を「前年度の点検から」として示します")
        self.next_plan_button.clicked.connect(self.next_plan_requested.emit)
        layout.addWidget(button_row(self.add_button, self.next_plan_button))
        self.hook_help(frame, self.default_help)
        self.body.addWidget(frame)

        self.previous_card = PreviousReviewCard(self)
        self.body.addWidget(self.previous_card)

        self.empty_label = wrapped_label(
            "まだ点検の記録はありません。取組を始めてしばらくしたら、管理者と相談員で一緒に振り返り、"
            "「点検を追加する」で記録しましょう。", "hint")
        self.body.addWidget(self.empty_label)
        self.cards_widget = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_widget)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(14)
        self.body.addWidget(self.cards_widget)
        self.body.addStretch(1)

    def default_help(self) -> str:
        return help_panel.review_help(self.guide, self.step, self._evaluation_point())

    def evaluation_help(self) -> str:
        point = self._evaluation_point()
        return help_panel.common_points_help(self.guide, point) if point else self.default_help()

    def method_help(self, method_id: str) -> str:
        try:
            return help_panel.method_help(self.guide, self.guide.method(method_id))
        except KeyError:
            return self.default_help()

    def method_label(self, method_id: str) -> str:
        try:
            method = self.guide.method(method_id)
        except KeyError:
            return method_id
        return f"{self.guide.method_group(method.group_id).mark}{method.label}"

    def _evaluation_point(self):
        return next((p for p in self.guide.common_points if p.id == EVALUATION_POINT), None)

    def _chosen_methods(self) -> list[tuple[str, str]]:
        session = self.editor.session
        known = [m.id for m in self.guide.methods]
        chosen = [m for m in known if session.is_selected("methods", m)]
        chosen += [m for m in session.selected("methods") if m not in known]
        return [(m, self.method_label(m)) for m in chosen]

    # -- cards --------------------------------------------------------------------------------------
    def refresh_page(self) -> None:
        self.previous_card.show_link(self.editor.session.previous)
        ordered = [review.id for review in self.editor.session.reviews_in_order()]
        for review_id in [r for r in self.cards if r not in ordered]:
            card_widget = self.cards.pop(review_id)
            self.cards_layout.removeWidget(card_widget)
            retire(card_widget)
        for review_id in ordered:
            if review_id not in self.cards:
                self.cards[review_id] = ReviewCard(self, review_id)
        if ordered != self._order:
            # Moving a widget inside its layout keeps it (and its focus): no rebuild while typing.
            for card_widget in self.cards.values():
                self.cards_layout.removeWidget(card_widget)
            for review_id in ordered:
                self.cards_layout.addWidget(self.cards[review_id])
            self._order = ordered
        methods = self._chosen_methods()
        for number, review_id in enumerate(ordered, start=1):
            self.cards[review_id].refresh(number, methods)
        self.empty_label.setVisible(not ordered)

    def cards_in_order(self) -> list[ReviewCard]:
        return [self.cards[review_id] for review_id in self._order]

    def _on_add_clicked(self) -> None:
        review_id = self.editor.add_review(Review(date=date.today().isoformat()))
        card_widget = self.cards.get(review_id)
        if card_widget is not None:
            card_widget.participants.setFocus()
            QTimer.singleShot(0, partial(self._show_card, review_id))

    def _show_card(self, review_id: str) -> None:
        # After the layout has placed the new card: scroll its top into view.
        card_widget = self.cards.get(review_id)
        area = self.findChild(QScrollArea)
        if card_widget is not None and area is not None:
            area.ensureWidgetVisible(card_widget.heading, 0, 60)


class PreviousReviewCard(QFrame):
    """前年度の点検から: the previous plan's last review, read-only (labels only, nothing to edit).

    A plan made with 「この計画から次の計画を作る」 starts its year from it: how far each method got
    and what was to change next. Hidden when the plan has no previous plan or it had no review.
    """

    def __init__(self, page: ReviewPage) -> None:
        super().__init__()
        self.page = page
        self.setProperty("role", "card")
        self.setAccessibleName(PREVIOUS_REVIEW_TITLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 12, 14, 12)
        self._layout.setSpacing(6)
        self._shown: tuple | None = None
        self.status_labels: dict[str, QLabel] = {}
        self.next_changes_label: QLabel | None = None
        page.hook_help(self, page.default_help)
        self.setVisible(False)

    def show_link(self, link: PlanLink | None) -> None:
        if link is None or not link.has_last_review():
            self._shown = None
            self.setVisible(False)
            return
        key = (link.id, link.title, link.last_review_date, link.next_changes,
               tuple(link.method_statuses.items()))
        if key != self._shown:
            self._build(link)
            self._shown = key
        self.setVisible(True)

    def _build(self, link: PlanLink) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                retire(item.widget())
            elif item.layout() is not None:
                _retire_layout(item.layout())
        self.status_labels = {}
        self._layout.addWidget(wrapped_label(PREVIOUS_REVIEW_TITLE, "cardTitle"))
        day = parse_iso(link.last_review_date)
        when = f"（{day.strftime('%Y/%m/%d')}）" if day else ""
        title = link.title.strip() or link.file or "前の計画"
        self._layout.addWidget(wrapped_label(
            f"前の計画「{title}」の最後の点検{when}です。今年度の取組を考える出発点として、読むだけの"
            "記録を示しています（ここでは変えられません）。今年度の点検は「点検を追加する」で記録します。",
            "muted"))
        if link.method_statuses:
            self._layout.addWidget(wrapped_label("手法ごとの実施状況", "sectionTitle"))
            grid = QGridLayout()
            grid.setHorizontalSpacing(12)
            grid.setColumnStretch(0, 1)
            known = [m.id for m in self.page.guide.methods]
            ordered = [m for m in known if m in link.method_statuses]
            ordered += [m for m in link.method_statuses if m not in known]
            for row, method_id in enumerate(ordered):
                label = self.page.method_label(method_id)
                status = STATUS_CHOICES.get(link.method_statuses[method_id], REVIEW_NOT_RECORDED)
                name = wrapped_label(label)
                value = wrapped_label(status)
                value.setAccessibleName(f"{label}：{status}")
                grid.addWidget(name, row, 0)
                grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
                self.status_labels[method_id] = value
            self._layout.addLayout(grid)
        self._layout.addWidget(wrapped_label("次に変えること", "sectionTitle"))
        text = link.next_changes.strip("\n")
        self.next_changes_label = wrapped_label(text or "（記入はありません）", None if text else "muted")
        self.next_changes_label.setAccessibleName("前年度の点検の次に変えること")
        self._layout.addWidget(self.next_changes_label)


def _retire_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            retire(item.widget())
    layout.deleteLater()


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setHorizontalSpacing(16)
    form.setVerticalSpacing(8)
    return form


def _add_row(form: QFormLayout, text: str, widget: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(widget)
    form.addRow(label, widget)
