"""見方の比較と合意 (1on1 only): both views side by side, differences first, and the agreed selection.

The guide asks the manager and the counselor to go through the checklist together and confirm how
each sees things. Each entered their own view on checkpoints 1–3; here the two meet. The page
shows nothing of either view until both are done (neither should anchor on the other). What is
ticked here is the agreed selection, which the plan, the PDF and the later steps use; the
counselor decides whether their notes go into exports.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.plan.compare import (
    Agreement,
    ItemComparison,
    adoption_edits,
    agreement_proposal,
    compare_views,
)
from supportguide_app.plan.session import VIEW_ROLES, Session
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.pages.base import Page
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.views import ENTRY_ORDER, is_one_on_one, views_ready
from supportguide_app.ui.widgets import BoundCheckBox, card, retire, wrapped_label

CONSENT_TEXT = "相談員のメモをPDFなどに記載することに同意する"
NOTE_CONSENT_TEXT = "このメモをPDFなどに記載する"
ADOPT_TEXT = "両者が選んだ項目を合意に入れる"
CHECKPOINT_TITLES = {"difficulties": "チェックポイント１　軽減したい困難さ",
                     "goals": "チェックポイント２　目標", "methods": "チェックポイント３　手法"}
GROUP_TITLES = {
    "differs": "見方が違う項目：話し合って、合意に入れるかどうかを決めてください",
    Agreement.BOTH: "二人とも選んだ項目",
    Agreement.NEITHER: "どちらも選ばなかったが、メモがある項目",
}
INCLUDE_TEXT = "合意に入れる"


def item_labels(guide: Guide, checkpoint: str) -> dict[str, str]:
    """Item ID → the label the checkpoint pages show."""
    if checkpoint == "difficulties":
        return {d.id: f"{d.mark} {d.label}" for d in guide.difficulties}
    if checkpoint == "goals":
        return {g.id: f"{g.id}. {g.label}" for g in guide.goals}
    return {m.id: f"{guide.method_group(m.group_id).mark}{m.label}" for m in guide.methods}


class NoteConsentBox(QCheckBox):
    """Whether one counselor note may be exported: an override of the whole view's consent."""

    def __init__(self, editor: SessionEditor, checkpoint: str, item_id: str, label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(NOTE_CONSENT_TEXT, parent)
        self.editor = editor
        self.checkpoint = checkpoint
        self.item_id = item_id
        self.path = ("view", "counselor", "note_consent", checkpoint, item_id)
        self.setAccessibleName(f"{label}：相談員のメモをPDFなどに記載する")
        self.toggled.connect(self._on_box_toggled)

    def _on_box_toggled(self, checked: bool) -> None:
        # Same as the whole view's consent: no override, so that changing that consent later
        # carries this note with it.
        consent = self.editor.session.views["counselor"].consent
        self.editor.set(self.path, None if checked == consent else checked)

    def refresh(self) -> None:
        value = self.editor.session.views["counselor"].note_shared(self.checkpoint, self.item_id)
        if self.isChecked() != value:
            self.blockSignals(True)
            self.setChecked(value)
            self.blockSignals(False)


class ComparisonRow(QFrame):
    """One item: who chose it, both notes side by side, and whether it is in the agreed selection."""

    def __init__(self, editor: SessionEditor, item: ItemComparison, label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setProperty("role", "compareRow")
        self.setProperty("differs", item.differs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(10)
        self.label = wrapped_label(label, "itemLabel")
        self.badge = wrapped_label(item.agreement.label, "agreement")
        self.badge.setProperty("agreement", item.agreement.value)
        self.badge.setWordWrap(False)
        top.addWidget(self.label, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        notes = QGridLayout()
        notes.setContentsMargins(0, 0, 0, 0)
        notes.setHorizontalSpacing(16)
        notes.setVerticalSpacing(2)
        self.manager_note = wrapped_label(_note_text("管理者", item.manager_note, item.manager))
        self.counselor_note = wrapped_label(_note_text("相談員", item.counselor_note, item.counselor))
        for label_widget in (self.manager_note, self.counselor_note):
            label_widget.setProperty("role", "note")
        notes.addWidget(self.manager_note, 0, 0)
        notes.addWidget(self.counselor_note, 0, 1)
        notes.setColumnStretch(0, 1)
        notes.setColumnStretch(1, 1)
        self.note_consent: NoteConsentBox | None = None
        if item.counselor_note.strip():
            self.note_consent = NoteConsentBox(editor, item.checkpoint, item.item_id, label)
            notes.addWidget(self.note_consent, 1, 1)
        layout.addLayout(notes)
        self.include = BoundCheckBox(editor, ("selection", item.checkpoint, item.item_id, "selected"),
                                     INCLUDE_TEXT)
        self.include.setAccessibleName(f"{label}を合意に入れる")
        layout.addWidget(self.include)

    def bound(self) -> list:
        return [w for w in (self.include, self.note_consent) if w is not None]


def _note_text(who: str, note: str, chose: bool) -> str:
    mark = "選んだ" if chose else "選ばなかった"
    return f"{who}（{mark}）：{note.strip()}" if note.strip() else f"{who}（{mark}）：メモなし"


class ComparisonPage(Page):
    page_id = PageId.COMPARISON

    def __init__(self, guide: Guide, editor: SessionEditor, parent: QWidget | None = None) -> None:
        super().__init__(guide, editor, "見方の比較と合意",
                         "管理者と相談員がそれぞれ入力した見方を、項目ごとに並べています。見方が違う項目が先に出ます。"
                         "話し合って、計画に使う「合意した選択」を決めてください。", parent=parent)
        self.rows: dict[tuple[str, str], ComparisonRow] = {}
        self._key: tuple | None = None
        self._row_widgets: list[QWidget] = []

        self.waiting_card, layout = card("gapCard")
        layout.addWidget(wrapped_label("まだ比べられません", "cardTitle"))
        self.waiting_label = wrapped_label("")
        layout.addWidget(self.waiting_label)
        self.waiting_button = QPushButton("チェックポイント１へ")
        self.waiting_button.setAccessibleName("チェックポイント１へ移動")
        self.waiting_button.clicked.connect(
            lambda: self.navigate_requested.emit(int(PageId.DIFFICULTIES)))
        row = QHBoxLayout()
        row.addWidget(self.waiting_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.body.addWidget(self.waiting_card)

        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(14)
        self._build_adopt(content)
        self._build_consent(content)
        self.checkpoints = QVBoxLayout()
        self.checkpoints.setSpacing(14)
        content.addLayout(self.checkpoints)
        self.body.addWidget(self.content)
        self.body.addStretch(1)

    def default_help(self) -> str:
        from html import escape

        quote = "相談員と管理者の間でこのチェックリストを用いながら対話を行い、互いの認識を確認"
        return (f"<h3>見方の比較と合意</h3><p>ガイドは「{escape(quote)}」することを勧めています。</p>"
                "<p>見方が違う項目は、違いそのものが話し合いの手がかりです。どちらが正しいかではなく、"
                "なぜそう見えたのかを話してから、合意に入れるかどうかを決めてください。</p>"
                "<p>相談員のメモは相談員のものです。PDFなどに記載するかどうかは、相談員が決めます。</p>")

    # -- building -------------------------------------------------------------------------------
    def _build_adopt(self, content: QVBoxLayout) -> None:
        frame, layout = card()
        layout.addWidget(wrapped_label("合意した選択", "cardTitle"))
        self.status_label = wrapped_label("")
        layout.addWidget(self.status_label)
        row = QHBoxLayout()
        self.adopt_button = QPushButton(ADOPT_TEXT)
        self.adopt_button.setAccessibleName(ADOPT_TEXT)
        self.adopt_button.setProperty("primary", True)
        self.adopt_button.clicked.connect(self.adopt_both)
        row.addWidget(self.adopt_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(wrapped_label(
            "見方が違う項目は、一つずつ「合意に入れる」にチェックして決めます。メモは合意に写されません。",
            "muted"))
        content.addWidget(frame)

    def _build_consent(self, content: QVBoxLayout) -> None:
        frame, layout = card("consentCard")
        layout.addWidget(wrapped_label("相談員のメモの扱い（相談員が決めてください）", "cardTitle"))
        self.consent_box = self.bind(BoundCheckBox(self.editor, ("view", "counselor", "consent"),
                                                   CONSENT_TEXT))
        layout.addWidget(self.consent_box)
        layout.addWidget(wrapped_label(
            "相談員が書いたメモは相談員のものです。同意がなければ、PDFやテキストには"
            "「（相談員の同意がないため記載しません）」とだけ書かれ、メモの内容は載りません。"
            "メモごとに「このメモをPDFなどに記載する」で変えることもできます。管理者のメモは記載されます。",
            "muted"))
        self.consent_state = wrapped_label("", "hint")
        layout.addWidget(self.consent_state)
        content.addWidget(frame)

    # -- reading the session --------------------------------------------------------------------
    def refresh_page(self) -> None:
        session = self.editor.session
        ready = views_ready(session)
        self.waiting_card.setVisible(not ready)
        self.content.setVisible(ready)
        if not ready:
            self.waiting_label.setText(_waiting_text(session))
            self.waiting_button.setVisible(is_one_on_one(session))
            self._clear_rows()
            self._key = None
            return
        comparisons = compare_views(session, self.guide)
        key = tuple((c.checkpoint, tuple(
            (i.item_id, i.manager, i.counselor, i.manager_note, i.counselor_note) for i in c.items))
            for c in comparisons)
        if key != self._key:
            self._key = key
            self._rebuild(comparisons)
        self._show_status(comparisons)

    def _clear_rows(self) -> None:
        self.unbind_all([w for row in self.rows.values() for w in row.bound()])
        self.rows = {}
        while self.checkpoints.count():
            item = self.checkpoints.takeAt(0)
            if item.widget():
                retire(item.widget())

    def _rebuild(self, comparisons) -> None:
        self._clear_rows()
        for comparison in comparisons:
            labels = item_labels(self.guide, comparison.checkpoint)
            frame, layout = card()
            layout.addWidget(wrapped_label(CHECKPOINT_TITLES[comparison.checkpoint], "cardTitle"))
            groups = [("differs", comparison.differences), (Agreement.BOTH, comparison.both),
                      (Agreement.NEITHER, tuple(i for i in comparison.neither if i.has_content()))]
            for group, items in groups:
                if not items:
                    continue
                layout.addWidget(wrapped_label(f"{GROUP_TITLES[group]}（{len(items)}）", "sectionTitle"))
                for item in items:
                    label = labels.get(item.item_id, f"{item.item_id}（このバージョンにない項目）")
                    row = ComparisonRow(self.editor, item, label)
                    for widget in row.bound():
                        self.bind(widget)
                    self.rows[(comparison.checkpoint, item.item_id)] = row
                    layout.addWidget(row)
            if not comparison.differences:
                layout.addWidget(wrapped_label("二人の見方に違いはありませんでした。", "muted"))
            rest = sum(1 for i in comparison.neither if not i.has_content())
            if rest:
                layout.addWidget(wrapped_label(f"ほかに、どちらも選ばなかった項目が{rest}件あります。",
                                               "muted"))
            self.checkpoints.addWidget(frame)

    def _show_status(self, comparisons) -> None:
        session = self.editor.session
        differences = sum(len(c.differences) for c in comparisons)
        both = [i for c in comparisons for i in c.both]
        missing = sum(1 for i in both if not i.agreed)
        text = f"見方が違う項目：{differences}件　二人とも選んだ項目：{len(both)}件"
        if missing:
            text += f"（うち{missing}件はまだ合意に入っていません）"
        elif both:
            text += "（すべて合意に入っています）"
        self.status_label.setText(text)
        self.adopt_button.setEnabled(missing > 0)
        self.consent_state.setText(counselor_notes_text(session))

    # -- actions -------------------------------------------------------------------------------------
    def adopt_both(self) -> int:
        """「両者が選んだ項目を合意に入れる」: one undo step; returns the number of items changed."""
        session = self.editor.session
        edits = [edit for comparison in compare_views(session, self.guide)
                 for edit in adoption_edits(session, agreement_proposal(
                     session, self.guide, comparison.checkpoint))]
        if not edits:
            return 0
        with self.editor.macro(ADOPT_TEXT):
            for path, value in edits:
                self.editor.set(path, value)
        return len(edits)


def _waiting_text(session: Session) -> str:
    if not is_one_on_one(session):
        return ("このステップは、「はじめに」で話し合いの形を「1on1」にしたときに使います。"
                "管理者と相談員がそれぞれ見方を入力し、ここで比べます。")
    states = "　".join(f"{VIEW_ROLES[who]}：{'入力済み' if session.views[who].done else '入力中'}"
                      for who in ENTRY_ORDER)
    return ("管理者と相談員の両方が入力を終えると、ここで二人の見方を比べられます。"
            f"それまでは、どちらの見方も表示しません。\n{states}")


def counselor_notes_text(session: Session) -> str:
    """Whether the counselor's notes will be printed, in one sentence (also on まとめ)."""
    counselor = session.views["counselor"]
    notes = [(cp, item_id) for cp, choices in counselor.selections.items()
             for item_id, choice in choices.items() if choice.note.strip()]
    if not notes:
        return "相談員のメモはありません。"
    shared = sum(1 for cp, item_id in notes if counselor.note_shared(cp, item_id))
    if shared == len(notes):
        return f"相談員のメモ（{len(notes)}件）は、PDFなどに記載されます（相談員の同意あり）。"
    if shared == 0:
        return f"相談員のメモ（{len(notes)}件）は、PDFなどに記載されません（相談員の同意なし）。"
    return f"相談員のメモ{len(notes)}件のうち{shared}件が、PDFなどに記載されます（相談員が選んだもの）。"
