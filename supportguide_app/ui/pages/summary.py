"""Step 5, まとめ: the whole plan on one screen, gaps pointed out gently, and what comes next."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.plan.dates import fiscal_year_both, fiscal_year_label, parse_iso, to_wareki
from supportguide_app.plan.rules import suggested_goals
from supportguide_app.plan.session import MEETINGS, ROLES, VIEW_ROLES, Session
from supportguide_app.report.clauses import load_clause_templates
from supportguide_app.report.errors import ReportError
from supportguide_app.ui import help_panel
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.pages.base import Page
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.views import ENTRY_ORDER, is_one_on_one, previous_plan_text, views_ready
from supportguide_app.ui.widgets import BoundTextEdit, card, wrapped_label
from supportguide_app.ui.wrapping import button_row


def find_gaps(guide: Guide, session: Session) -> list[tuple[str, PageId]]:
    """What the plan still lacks, as gentle sentences with the step where it can be filled in."""
    gaps: list[tuple[str, PageId]] = []
    if not session.title.strip():
        gaps.append(("計画の名前がまだ空欄です。", PageId.START))
    difficulties = session.selected("difficulties")
    goals = set(session.selected("goals"))
    if not difficulties:
        gaps.append(("軽減したい困難さにまだチェックがありません。", PageId.DIFFICULTIES))
    if not goals:
        gaps.append(("目標がまだ選ばれていません。", PageId.GOALS))
    for suggestion in suggested_goals(guide, difficulties):
        if suggestion.goal.id not in goals:
            marks = "".join(d.mark for d in suggestion.difficulties)
            goal = suggestion.goal
            gaps.append((f"ガイドが{marks}に関係づけている目標「{goal.id}. {goal.label}」"
                         "は選ばれていません。必要かどうか、もう一度確かめてみてください。", PageId.GOALS))
    if not session.selected("methods"):
        gaps.append(("手法がまだ選ばれていません。", PageId.METHODS))
    evaluation = session.prep("PREP_EVAL_METHOD")
    if not evaluation.checked and not any(evaluation.fields.values()):
        gaps.append(("取組の効果を確認する方法（評価）がまだ検討されていません。", PageId.PREPARATION))
    provider = session.prep_field("PREP_STAFF_PROVIDER", "provider")
    if session.prep("PREP_STAFF_EXTERNAL").checked and not provider:
        gaps.append(("外部専門家に依頼する場合の依頼先がまだ空欄です。", PageId.PREPARATION))
    if not session.prep("PREP_BUDGET_SECURED").checked and not session.prep("PREP_BUDGET_NONE").checked:
        gaps.append(("予算の見通しがまだ検討されていません。", PageId.PREPARATION))
    return gaps


class SummaryPage(Page):
    page_id = PageId.SUMMARY
    save_requested = Signal()
    save_as_requested = Signal()
    close_requested = Signal()
    export_pdf_requested = Signal()
    copy_text_requested = Signal()

    def __init__(self, guide: Guide, editor: SessionEditor, parent: QWidget | None = None) -> None:
        super().__init__(guide, editor, "まとめ",
                         "これまでに入力した計画の全体です。気になるところは、各ステップに戻って直せます。",
                         parent=parent)
        frame, layout = card("gapCard")
        layout.addWidget(wrapped_label("確かめておきたいこと", "cardTitle"))
        self.gaps_label = wrapped_label("", rich=True)
        self.gaps_label.setOpenExternalLinks(False)
        self.gaps_label.linkActivated.connect(self._on_gap_link_activated)
        self.gaps_label.setTextInteractionFlags(self.gaps_label.textInteractionFlags()
                                                | self._link_flags())
        self.gaps_label.setAccessibleName("確かめておきたいこと")
        layout.addWidget(self.gaps_label)
        self.body.addWidget(frame)
        self._build_export_row()

        self.sections = {}
        self.section_cards = {}
        for key, title in (("details", "計画の情報"), ("views", "管理者と相談員の見方（1on1）"),
                           ("difficulties", "軽減したい困難さ"),
                           ("goals", "目標"), ("methods", "手法"), ("examples", "参考にする取組例"),
                           ("preparation", "取組の準備"), ("clauses", "委託仕様書に盛り込む事項")):
            frame, layout = card()
            layout.addWidget(wrapped_label(title, "cardTitle"))
            label = wrapped_label("", rich=True)
            label.setAccessibleName(title)
            if key in ("clauses", "views"):
                label.setOpenExternalLinks(False)
                label.linkActivated.connect(self._on_gap_link_activated)
                label.setTextInteractionFlags(label.textInteractionFlags() | self._link_flags())
            layout.addWidget(label)
            self.sections[key] = label
            self.section_cards[key] = frame
            self.body.addWidget(frame)

        # The plan's free notes (メモ): printed at the end of the PDF, so written here at the end.
        frame, layout = card()
        layout.addWidget(wrapped_label("メモ", "cardTitle"))
        layout.addWidget(wrapped_label("計画全体について書き留めておくこと（PDFの最後に載ります）。",
                                       "muted"))
        self.notes_edit = self.bind(BoundTextEdit(
            editor, ("notes",), "計画全体のメモ", "例：10月の課内会議で取組の状況を振り返る。"))
        layout.addWidget(self.notes_edit)
        self.body.addWidget(frame)

        frame, layout = card()
        layout.addWidget(wrapped_label("このあとの進め方", "cardTitle"))
        for step in guide.steps[1:]:
            layout.addWidget(wrapped_label(f"{step.number}　{step.action}"))
        self.save_button = QPushButton("保存")
        self.save_button.setAccessibleName("計画を保存")
        self.save_button.clicked.connect(self.save_requested.emit)
        self.save_as_button = QPushButton("名前を付けて保存…")
        self.save_as_button.setAccessibleName("名前を付けて保存")
        self.save_as_button.clicked.connect(self.save_as_requested.emit)
        self.close_button = QPushButton("閉じる")
        self.close_button.setAccessibleName("計画を閉じて最初の画面に戻る")
        self.close_button.clicked.connect(self.close_requested.emit)
        layout.addWidget(button_row(self.save_button, self.save_as_button, self.close_button))
        self.body.addWidget(frame)
        self.body.addStretch(1)

    def _build_export_row(self) -> None:
        # Above the scrolling plan, so that the export is in sight on arrival at the last step.
        self.export_button = QPushButton("PDFに書き出す…")
        self.export_button.setAccessibleName("計画をPDFに書き出す")
        self.export_button.setToolTip("印刷や共有のために、取組計画・チェックリスト全体・仕様書添付用のいずれかをPDFにします（Ctrl+E）")
        self.export_button.setProperty("primary", True)
        self.export_button.clicked.connect(self.export_pdf_requested.emit)
        self.copy_button = QPushButton("テキストとしてコピー")
        self.copy_button.setAccessibleName("計画をテキストとしてクリップボードにコピー")
        self.copy_button.setToolTip("Wordやメールに貼り付けられる文字として、計画をコピーします（Ctrl+Shift+C）")
        self.copy_button.clicked.connect(self.copy_text_requested.emit)
        # A flowing row: side by side, or one under the other in a narrow column at large text
        # (a fixed row made the window wider than the screen).
        row = button_row(self.export_button, self.copy_button)
        outer = self.layout()
        outer.insertWidget(outer.indexOf(self.title_label) + 1, row)

    @staticmethod
    def _link_flags():
        from PySide6.QtCore import Qt

        return (Qt.TextInteractionFlag.LinksAccessibleByKeyboard
                | Qt.TextInteractionFlag.LinksAccessibleByMouse)

    def default_help(self) -> str:
        parts = [f"<h3>{escape(self.guide.info['steps_intro'])}</h3>"]
        for step in self.guide.steps:
            parts.append(f"<p><b>{escape(step.number)}　{escape(step.caption)}</b><br/>"
                         f"{escape(step.text)}</p>")
        return "".join(parts) + help_panel.common_points_help(self.guide)

    def _on_gap_link_activated(self, href: str) -> None:
        self.navigate_requested.emit(int(href.removeprefix("page:")))

    def refresh_page(self) -> None:
        guide, session = self.guide, self.editor.session
        gaps = find_gaps(guide, session)
        if gaps:
            self.gaps_label.setText("<ul style='margin-left:-20px'>" + "".join(
                f"<li>{escape(text)}　<a href='page:{int(page)}'>このステップへ</a></li>"
                for text, page in gaps) + "</ul>")
        else:
            self.gaps_label.setText("計画に必要な項目はひととおり入力されています。")
        self.gaps = gaps
        self.sections["details"].setText(self._details_html(session))
        self.section_cards["views"].setVisible(is_one_on_one(session))
        self.sections["views"].setText(views_html(session) if is_one_on_one(session) else "")
        self.sections["difficulties"].setText(self._choices_html(
            "difficulties", [(d.id, f"{d.mark} {d.label}") for d in guide.difficulties]))
        self.sections["goals"].setText(self._choices_html(
            "goals", [(g.id, f"{g.id}. {g.label}") for g in guide.goals]))
        self.sections["methods"].setText(self._choices_html(
            "methods", [(m.id, f"{guide.method_group(m.group_id).mark}{m.label}") for m in guide.methods]))
        known_examples = {e.id for e in guide.examples}
        examples = [guide.example(e) for e in session.marked_examples if e in known_examples]
        self.sections["examples"].setText(_ul([f"{escape(e.name)}（{escape(e.location)}）"
                                               for e in examples]) or _none())
        self.sections["preparation"].setText(self._prep_html(session))
        self.sections["clauses"].setText(self._clauses_html(session))

    def _details_html(self, session: Session) -> str:
        day = parse_iso(session.date)
        try:
            date_text = f"{to_wareki(day)}（{fiscal_year_label(day)}）" if day else "未設定"
        except ValueError:
            date_text = session.date
        year = session.target_fiscal_year()
        rows = [("計画の名前", session.title or "（未入力）"),
                ("対象年度", fiscal_year_both(year) if year is not None else "未設定"),
                ("機関・部署", session.organisation),
                ("記入者", session.author), ("立場", ROLES.get(session.role, session.role)),
                ("日付", date_text), ("話し合いの形", MEETINGS.get(session.meeting, session.meeting))]
        if session.previous is not None:
            rows.append(("前の計画", previous_plan_text(session)))
        return "<table cellspacing='4'>" + "".join(
            f"<tr><td style='color:#555;padding-right:16px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
            for k, v in rows) + "</table>"

    def _choices_html(self, checkpoint: str, items: list[tuple[str, str]]) -> str:
        session = self.editor.session
        lines = []
        for item_id, label in items:
            if session.is_selected(checkpoint, item_id):
                note = session.note(checkpoint, item_id)
                line = escape(label)
                if note:
                    line += f"<br/><span style='color:#444'>メモ：{escape(note)}</span>"
                lines.append(line)
        known = {i for i, _ in items}
        lines += [escape(f"{i}（このバージョンにない項目）") for i in session.selected(checkpoint)
                  if i not in known]
        return _ul(lines) or _none()

    def _prep_html(self, session: Session) -> str:
        lines = []
        for group in self.guide.prep_groups:
            for item in group.items:
                answer = session.prep(item.id)
                if answer.is_empty():
                    continue
                mark = "☑" if answer.checked else "☐"
                line = f"{escape(group.label)}：{mark} {escape(item.label)}"
                for field in item.fields:
                    value = answer.fields.get(field.id)
                    if value:
                        line += f"<br/><span style='color:#444'>{escape(field.label)}：{escape(value)}</span>"
                lines.append(line)
        return _ul(lines) or _none()


    def _clauses_html(self, session: Session) -> str:
        try:
            templates = load_clause_templates(guide=self.guide)
        except ReportError as exc:
            return escape(str(exc))
        labels = {m.id: f"{self.guide.method_group(m.group_id).mark}{m.label}" for m in self.guide.methods}
        keys = [m for m in session.selected("methods") if m in labels]
        keys.sort(key=list(labels).index)
        points = [(p.id, p.label) for p in self.guide.common_points if p.id in templates.common]
        lines = []
        for key, label in [(k, labels[k]) for k in keys] + points:
            edited = session.clauses.get(key)
            state = ("文例のまま" if edited is None else "編集しました" if edited.strip()
                     else "空欄のため文例")
            lines.append(f"{escape(label)}<span style='color:#555'>（{state}）</span>")
        link = f"<a href='page:{int(PageId.CLAUSES)}'>文を確かめる・直す</a>"
        return (_ul(lines) or _none()) + f"<p>{link}</p>"


def views_html(session: Session) -> str:
    """The 1on1's two views on まとめ: who is done, and whether the counselor's notes are printed.

    Nothing of what either person chose: while one is still entering, the other may be looking.
    """
    from supportguide_app.ui.pages.comparison import counselor_notes_text

    ready = views_ready(session)
    lines = []
    for who in ENTRY_ORDER:
        view = session.views[who]
        name = f"（{view.name.strip()}）" if ready and view.name.strip() else ""
        state = "入力済み" if view.done else "入力中" if not view.is_empty() else "未入力"
        lines.append(f"{escape(VIEW_ROLES[who])}{escape(name)}：{state}")
    if ready:
        lines.append(escape(counselor_notes_text(session)))
        lines.append("見方の比較は、PDFとテキストに「管理者と相談員の見方の比較」として記載されます。")
    else:
        lines.append("両方の入力が終わると、「見方の比較と合意」で見比べられます。")
    link = f"<a href='page:{int(PageId.COMPARISON)}'>見方の比較と合意へ</a>"
    return _ul(lines) + f"<p>{link}</p>"


def _ul(lines: list[str]) -> str:
    if not lines:
        return ""
    return "<ul style='margin-left:-20px'>" + "".join(f"<li>{x}</li>" for x in lines) + "</ul>"


def _none() -> str:
    return "<span style='color:#666'>（まだありません）</span>"
