"""What goes into a report, as plain frozen data built from a session and the guide.

The PDF renderer, the clipboard text and the tests all read a :class:`ReportData`; nothing in it
knows about pages or fonts. Items appear in the guide's order and in the guide's words; an ID the
guide does not know (a file from a newer version, a prefecture's own item) is shown as its ID after
the known ones, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from supportguide_app.guide import Guide
from supportguide_app.plan import rules
from supportguide_app.plan.dates import fiscal_year_name, parse_iso, to_wareki, western_fiscal_year_name
from supportguide_app.plan.session import (
    MEETINGS,
    REVIEW_STATUSES,
    ROLES,
    PlanLink,
    Review,
    Session,
)
from supportguide_app.report.clauses import clause_text, load_clause_templates
from supportguide_app.report.errors import UnknownLayoutError
from supportguide_app.report.labels import LABELS

if TYPE_CHECKING:  # plan.compare is imported only for a plan with views (a 1on1)
    from supportguide_app.plan.compare import ItemComparison

# The checklist layout's title is the guide's own (guide.checklist["title"]); this is the same words.
LAYOUTS = {"plan": "支援者支援 取組計画", "checklist": "支援者サポートチェックリスト",
           "spec": "委託仕様書に盛り込む支援者支援の事項"}
PLAN_TITLE = LAYOUTS["plan"]
# What each layout leaves out, in the words the window and the command line show before writing.
LAYOUT_OMITS = {
    "plan": "なし（相談員のメモは、本人が同意したものだけを載せます）。",
    "checklist": "メモ（項目ごとのメモと計画のメモ）、参考にする取組例、委託仕様書の事項、点検の記録、"
                 "前の計画、管理者と相談員の見方の比較。",
    "spec": "選んだ困難さ、メモ、参考にする取組例、管理者と相談員の見方の比較、記入者と相談員の名前、"
            "点検の記録、前の計画、計画の名前、話し合いの形、予算の準備（予算額・財源）。",
}
# Preparation groups that concern the contractor: who carries the initiatives out, who takes
# part and when, how they are made known, how their effect is checked. The budget group (予算額,
# 財源・費目) is the commissioning office's own matter; the common budget clause covers what the
# contractor needs to know of it.
SPEC_PREP_GROUPS = ("staff", "participants", "publicity", "evaluation")
PERSON_UNIT = "人"
UNKNOWN_GROUP = "このガイドにない項目"


@dataclass(frozen=True)
class ReportItem:
    """One chosen item: its mark (②, A, ア）…), label in the guide's words, and the person's note."""

    id: str
    mark: str
    label: str
    note: str = ""
    known: bool = True


@dataclass(frozen=True)
class ItemGroup:
    """Items under one heading: a difficulty category, a method group, or unknown items."""

    heading: str
    items: tuple[ReportItem, ...]


@dataclass(frozen=True)
class GoalEntry:
    item: ReportItem
    difficulties: tuple[str, ...]  # the ticked difficulties behind it, "② 役割上の葛藤…"


@dataclass(frozen=True)
class ExampleEntry:
    id: str
    goal: str  # "A 相談員が独りで抱え込まないようにする"
    name: str
    location: str
    content: str


@dataclass(frozen=True)
class PrepRow:
    id: str
    group: str
    label: str
    checked: bool
    fields: tuple[tuple[str, str], ...]  # (field label, value), only the filled ones
    condition: str = ""


@dataclass(frozen=True)
class Clause:
    key: str
    label: str
    text: str
    edited: bool


@dataclass(frozen=True)
class ReviewMethod:
    """One method's line in a review: its label and how far it got (実施済 / 一部実施 / 未実施 / 未記録)."""

    id: str
    label: str
    status: str  # the key ("done" …, or "" when not recorded)
    status_label: str
    note: str = ""


@dataclass(frozen=True)
class ReviewEntry:
    """One 点検, as printed: the date in 和暦, who took part, each method's status, the effect."""

    id: str
    heading: str  # "点検　令和８年１０月１５日"
    date: str
    participants: str
    methods: tuple[ReviewMethod, ...]
    effect: str
    figures: tuple[tuple[str, str], ...]  # (label, value), only the ones given: 参加人数, アンケート結果
    next_steps: str


@dataclass(frozen=True)
class LastReviewEntry:
    """前年度の点検から: the previous plan's last review, the starting point of this plan's year."""

    heading: str  # "前年度の点検から（令和９年２月２０日の点検）"
    date: str  # 和暦, or "" when the review was undated
    methods: tuple[ReviewMethod, ...]  # guide order, unknown IDs after
    next_changes: str  # 次に変えること


@dataclass(frozen=True)
class LinkEntry:
    """One earlier plan this one was carried forward from."""

    id: str
    title: str
    date: str  # 和暦, or as stored
    file: str
    last_review: LastReviewEntry | None = None  # the previous plan's (lineage[0]) only


@dataclass(frozen=True)
class ComparedItem:
    """One item as the manager and the counselor chose it, and as agreed.

    ``counselor_note`` is empty when the counselor did not consent to its export: the note never
    enters the report data, and ``counselor_note_withheld`` tells the layout to print
    LABELS["withheld"] in its place.
    """

    id: str
    mark: str
    label: str
    agreement: str  # a value of plan.compare.Agreement: "manager_only", "counselor_only", "both", "neither"
    agreement_label: str
    manager: bool
    counselor: bool
    agreed: bool
    manager_note: str = ""
    counselor_note: str = ""
    counselor_note_withheld: bool = False
    known: bool = True

    @property
    def differs(self) -> bool:
        return self.manager != self.counselor


@dataclass(frozen=True)
class ComparedCheckpoint:
    heading: str  # "チェックポイント１ 困難さ"
    items: tuple[ComparedItem, ...]  # differences first, then both, then neither (with a note)


@dataclass(frozen=True)
class ComparisonBody:
    """「管理者と相談員の見方の比較」: both views of a 1on1 and the agreed selection, side by side."""

    heading: str
    intro: str
    manager_name: str
    counselor_name: str
    checkpoints: tuple[ComparedCheckpoint, ...]


@dataclass(frozen=True)
class ReportHeader:
    title: str
    subtitle: str  # the session's title
    organisation: str
    author: str
    role: str
    date: str  # 和暦, or what the session holds when it is not a date, or ""
    target_year: str  # 対象年度 in 和暦, 令和９年度, or "" (no year chosen and no entry date)
    target_year_western: str  # the same in the Western calendar, ２０２７年度, or ""
    meeting: str

    @property
    def target_year_text(self) -> str:
        """「令和９年度（２０２７年度）」, or "" when the plan names no 年度."""
        if not self.target_year:
            return ""
        return f"{self.target_year}（{self.target_year_western}）"


@dataclass(frozen=True)
class ReportFooter:
    output_date: str
    guide_name: str


@dataclass(frozen=True)
class PlanBody:
    """The plan layout: the three checkpoints, preparation, specification clauses and notes."""

    difficulties_heading: str
    difficulties: tuple[ItemGroup, ...]
    goals_heading: str
    goals: tuple[GoalEntry, ...]
    methods_heading: str
    methods: tuple[ItemGroup, ...]
    examples_heading: str
    examples: tuple[ExampleEntry, ...]
    preparation_heading: str
    preparation: tuple[PrepRow, ...]
    clauses_heading: str
    clauses_intro: str
    clauses: tuple[Clause, ...]
    notes_heading: str
    notes: str
    reviews_heading: str = LABELS["reviews"]
    reviews: tuple[ReviewEntry, ...] = ()  # in the order shown: by date
    lineage_heading: str = LABELS["lineage"]
    lineage: tuple[LinkEntry, ...] = ()  # newest first: [0] is the previous plan
    comparison: ComparisonBody | None = None  # a 1on1 with views only
    clauses_note: str = LABELS["model_wording"]  # the clauses are the app's 文例 (small print)


@dataclass(frozen=True)
class ChecklistBox:
    id: str
    mark: str
    label: str
    checked: bool
    detail: str = ""  # filled preparation fields, "依頼先：…"


@dataclass(frozen=True)
class ChecklistGroup:
    heading: str
    boxes: tuple[ChecklistBox, ...]
    columns: int = 2
    condition: str = ""  # printed above the boxes ("――外部専門家に依頼し実施する場合")


@dataclass(frozen=True)
class ChecklistSection:
    heading: str
    groups: tuple[ChecklistGroup, ...]
    # Items the plan ticked that the paper checklist does not list (① and ⑭–⑯): printed in a
    # note below the section, so that they do not vanish from this layout.
    off_paper: tuple[ReportItem, ...] = ()


@dataclass(frozen=True)
class ChecklistBody:
    """The whole 支援者サポートチェックリスト as the paper prints it, boxes ticked where chosen."""

    title: str
    intro: str
    sections: tuple[ChecklistSection, ...]
    additions_note: str = LABELS["checklist_additions"]
    off_paper_note: str = LABELS["off_paper"]


@dataclass(frozen=True)
class SpecClause:
    """One clause of the specification, with what in the guide and the plan it rests on."""

    key: str
    text: str
    source: str  # 「もとにした手法：ケース検討会」 or 「共通のポイント：…」
    goals: tuple[str, ...] = ()  # the plan's goals the guide links this method to, "A．…"
    edited: bool = False


@dataclass(frozen=True)
class SpecBody:
    """The 仕様書添付用 layout: what goes to a contractor, and nothing internal.

    Built from the agreed selection and the clauses only: no person's note, no view of a 1on1,
    no name, no review ever enters it (so a layout cannot print them by mistake).
    """

    clauses_heading: str
    clauses_intro: str
    clauses: tuple[SpecClause, ...]
    model_wording: str
    basis_heading: str
    basis_intro: str
    goals: tuple[ReportItem, ...]
    methods: tuple[ItemGroup, ...]
    preparation_heading: str
    preparation: tuple[PrepRow, ...]


@dataclass(frozen=True)
class ReportData:
    layout: str
    header: ReportHeader
    footer: ReportFooter
    plan: PlanBody | None = None
    checklist: ChecklistBody | None = None
    spec: SpecBody | None = None

    def texts(self) -> list[str]:
        """Every string the report prints (to check it against the font before layout)."""
        found: list[str] = []

        def walk(value: object) -> None:
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, tuple):
                for v in value:
                    walk(v)
            elif hasattr(value, "__dataclass_fields__"):
                for name in value.__dataclass_fields__:
                    walk(getattr(value, name))

        walk(self)
        found.extend(LABELS.values())
        found.extend(REVIEW_STATUSES.values())
        found.append("■ ０１２３４５６７８９．（）：「」――　/")
        return found


# -- building ----------------------------------------------------------------------------------


def build_report_data(session: Session, guide: Guide, *, layout: str = "plan",
                      today: date | None = None) -> ReportData:
    """Turn a session into the data of one report (``layout`` "plan", "checklist" or "spec").

    ``today`` is the output date printed in the footer (the real date when None). The result is
    plain data: the same session and guide always give an equal ReportData.
    """
    if layout not in LAYOUTS:
        raise UnknownLayoutError(layout)
    header = _header(session, layout, guide)
    footer = ReportFooter(to_wareki(today or date.today()), guide.info["title"])
    if layout == "checklist":
        return ReportData(layout, header, footer, checklist=_checklist(session, guide))
    if layout == "spec":
        return ReportData(layout, header, footer, spec=_spec(session, guide))
    return ReportData(layout, header, footer, plan=_plan(session, guide))


def _header(session: Session, layout: str, guide: Guide) -> ReportHeader:
    day = parse_iso(session.date)
    year = session.target_fiscal_year()
    # The specification goes to a contractor: no person's name (the 記入者 may be a counselor),
    # no plan title (free text, often naming a 1on1 or a person), no way the plan was discussed.
    internal = layout != "spec"
    return ReportHeader(
        title=guide.checklist["title"] if layout == "checklist" else LAYOUTS[layout],
        subtitle=session.title.strip() if internal else "",
        organisation=session.organisation.strip(),
        author=session.author.strip() if internal else "",
        role=ROLES.get(session.role, session.role) if internal else "",
        date=to_wareki(day) if day else session.date,
        target_year=fiscal_year_name(year) if year is not None else "",
        target_year_western=western_fiscal_year_name(year) if year is not None else "",
        meeting=MEETINGS.get(session.meeting, session.meeting) if internal else "",
    )


def _chosen(session: Session, checkpoint: str, known_ids: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(known IDs in the guide's order, unknown IDs in the session's order) ticked at a checkpoint."""
    selected = session.selected(checkpoint)
    known = [i for i in known_ids if i in selected]
    unknown = [i for i in selected if i not in known_ids]
    return known, unknown


def _unknown_item(session: Session, checkpoint: str, item_id: str) -> ReportItem:
    return ReportItem(item_id, "", item_id, session.note(checkpoint, item_id), known=False)


def _difficulty_item(session: Session, guide: Guide, difficulty_id: str) -> ReportItem:
    d = guide.difficulty(difficulty_id)
    return ReportItem(d.id, d.mark, d.label, session.note("difficulties", d.id))


def _plan(session: Session, guide: Guide) -> PlanBody:
    templates = load_clause_templates(guide=guide)

    known, unknown = _chosen(session, "difficulties", guide.item_ids("difficulties"))
    difficulty_groups = []
    for category in guide.categories:
        items = tuple(_difficulty_item(session, guide, d) for d in known
                      if guide.difficulty(d).category_id == category.id)
        if items:
            difficulty_groups.append(ItemGroup(category.checklist_label or
                                               f"{category.number}{category.label}", items))
    if unknown:
        difficulty_groups.append(ItemGroup(UNKNOWN_GROUP, tuple(
            _unknown_item(session, "difficulties", i) for i in unknown)))

    suggestions = {s.goal.id: s for s in rules.suggested_goals(guide, session.selected("difficulties"))}
    known, unknown = _chosen(session, "goals", guide.item_ids("goals"))
    goals = []
    for goal_id in known:
        goal = guide.goal(goal_id)
        behind = suggestions.get(goal_id)
        goals.append(GoalEntry(
            ReportItem(goal.id, goal.id, goal.label, session.note("goals", goal.id)),
            tuple(f"{d.mark}{d.label}" for d in behind.difficulties) if behind else ()))
    goals.extend(GoalEntry(_unknown_item(session, "goals", i), ()) for i in unknown)

    known, unknown = _chosen(session, "methods", guide.item_ids("methods"))
    method_groups = []
    for group in guide.method_groups:
        items = tuple(ReportItem(m, "", guide.method(m).label, session.note("methods", m))
                      for m in known if guide.method(m).group_id == group.id)
        if items:
            method_groups.append(ItemGroup(f"{group.mark}{group.label}", items))
    if unknown:
        method_groups.append(ItemGroup(UNKNOWN_GROUP, tuple(
            _unknown_item(session, "methods", i) for i in unknown)))

    example_ids = {e.id for e in guide.examples}
    examples = []
    for e in guide.examples:
        if e.id in session.marked_examples:
            goal = guide.goal(e.goal_id)
            examples.append(ExampleEntry(e.id, f"{goal.id} {goal.label}", e.name, e.location, e.content))
    examples.extend(ExampleEntry(i, "", i, "", "") for i in session.marked_examples if i not in example_ids)

    preparation = []
    for group in guide.prep_groups:
        for item in group.items:
            answer = session.prep(item.id)
            fields = tuple((print_label(f.label), answer.fields[f.id]) for f in item.fields
                           if answer.fields.get(f.id, "").strip())
            preparation.append(PrepRow(item.id, group.label, item.label, answer.checked, fields,
                                       item.condition or ""))
    prep_ids = {i.id for i in guide.prep_items}
    for item_id, answer in session.preparation.items():
        if item_id not in prep_ids:
            preparation.append(PrepRow(item_id, UNKNOWN_GROUP, item_id, answer.checked,
                                       tuple((k, v) for k, v in answer.fields.items() if v.strip())))

    clauses = _clauses(session, guide)

    checkpoints = {c.id: c for c in guide.checkpoints}
    return PlanBody(
        difficulties_heading=f"{checkpoints['difficulties'].number} {checkpoints['difficulties'].short}",
        difficulties=tuple(difficulty_groups),
        goals_heading=f"{checkpoints['goals'].number} {checkpoints['goals'].short}",
        goals=tuple(goals),
        methods_heading=f"{checkpoints['methods'].number} {checkpoints['methods'].short}",
        methods=tuple(method_groups),
        examples_heading="参考にする取組例",
        examples=tuple(examples),
        preparation_heading=_strip_instruction(guide.preparation_heading),
        preparation=tuple(preparation),
        clauses_heading=templates.title,
        clauses_intro=templates.intro,
        clauses=tuple(clauses),
        notes_heading="メモ",
        notes=session.notes.strip("\n"),
        reviews=tuple(_review(session, guide, r) for r in session.reviews_in_order()),
        lineage=tuple(LinkEntry(link.id, link.title.strip(), _date_text(link.date), link.file,
                                _last_review(guide, link) if number == 0 else None)
                      for number, link in enumerate(session.lineage)),
        comparison=_comparison(session, guide) if session.has_views() else None,
    )


def _clauses(session: Session, guide: Guide) -> list[Clause]:
    """The clause of each chosen method (guide order, unknown IDs after), then the common points."""
    templates = load_clause_templates(guide=guide)
    known, unknown = _chosen(session, "methods", guide.item_ids("methods"))
    clauses = []
    for method_id in known + unknown:
        text = clause_text(session, guide, method_id)
        if text:
            label = guide.method(method_id).label if method_id in known else method_id
            clauses.append(Clause(method_id, label, text, _edited(session, method_id)))
    for point in guide.common_points:
        # A common point without a template (委託仕様書) still prints the person's own text:
        # the file may hold one, and loading does not warn of it, so it must not vanish.
        if point.id in templates.common or session.clauses.get(point.id, "").strip():
            clauses.append(Clause(point.id, point.label, clause_text(session, guide, point.id),
                                  _edited(session, point.id)))
    return clauses


def _spec(session: Session, guide: Guide) -> SpecBody:
    """The clauses, the goals and methods they rest on, the contractor's preparation items.

    Only labels of the guide and the clause texts are read from the session's choices: notes,
    views, reviews and names are never touched here.
    """
    templates = load_clause_templates(guide=guide)
    known_goals, unknown_goals = _chosen(session, "goals", guide.item_ids("goals"))
    goal_text = {g: f"{g}．{guide.goal(g).label}" for g in known_goals}
    linked: dict[str, list[str]] = {}
    for link in guide.method_links:
        if link.goal_id in goal_text:
            linked.setdefault(link.method_id, []).append(link.goal_id)
    method_ids = set(guide.item_ids("methods"))
    spec_clauses = []
    for clause in _clauses(session, guide):
        if clause.key in method_ids or clause.key not in templates.common:
            source = f"{LABELS['spec_source']}：{clause.label}"
        else:
            source = f"{LABELS['spec_common_source']}：{clause.label}"
        goals = tuple(goal_text[g] for g in guide.item_ids("goals") if g in linked.get(clause.key, ()))
        spec_clauses.append(SpecClause(clause.key, clause.text, source, goals, clause.edited))

    goals = tuple(ReportItem(g, f"{g}．", guide.goal(g).label) for g in known_goals)
    goals += tuple(ReportItem(g, "", g, known=False) for g in unknown_goals)
    known, unknown = _chosen(session, "methods", guide.item_ids("methods"))
    method_groups = []
    for group in guide.method_groups:
        items = tuple(ReportItem(m, "", guide.method(m).label)
                      for m in known if guide.method(m).group_id == group.id)
        if items:
            method_groups.append(ItemGroup(f"{group.mark}{group.label}", items))
    if unknown:
        method_groups.append(ItemGroup(UNKNOWN_GROUP, tuple(ReportItem(i, "", i, known=False)
                                                            for i in unknown)))

    preparation = []
    for group in guide.prep_groups:
        if group.id not in SPEC_PREP_GROUPS:
            continue
        for item in group.items:
            answer = session.prep(item.id)
            fields = tuple((print_label(f.label), answer.fields[f.id]) for f in item.fields
                           if answer.fields.get(f.id, "").strip())
            if answer.checked or fields:
                preparation.append(PrepRow(item.id, group.label, item.label, answer.checked, fields,
                                           item.condition or ""))
    return SpecBody(
        clauses_heading=templates.title,
        clauses_intro=templates.intro,
        clauses=tuple(spec_clauses),
        model_wording=LABELS["model_wording"],
        basis_heading=LABELS["spec_basis"],
        basis_intro=LABELS["spec_basis_intro"],
        goals=goals,
        methods=tuple(method_groups),
        preparation_heading=LABELS["spec_preparation"],
        preparation=tuple(preparation),
    )


def print_label(label: str) -> str:
    """A field label as a document prints it: without the screen's hint 「（例：…）」."""
    head, sep, _ = label.partition("（例：")
    return head if sep and label.endswith("）") else label


def _comparison(session: Session, guide: Guide) -> ComparisonBody:
    """Both views beside the agreed selection; a counselor's note only with their consent."""
    from supportguide_app.plan.compare import compare_views

    checkpoints = {c.id: c for c in guide.checkpoints}
    compared = []
    for comparison in compare_views(session, guide):
        cp = checkpoints[comparison.checkpoint]
        items = tuple(_compared_item(guide, item) for item in comparison.items if item.has_content())
        compared.append(ComparedCheckpoint(f"{cp.number} {cp.short}", items))
    return ComparisonBody(
        heading=LABELS["comparison"],
        intro=LABELS["comparison_intro"],
        manager_name=session.views["manager"].name.strip(),
        counselor_name=session.views["counselor"].name.strip(),
        checkpoints=tuple(compared),
    )


def _compared_item(guide: Guide, item: ItemComparison) -> ComparedItem:
    from supportguide_app.plan.compare import AGREEMENT_LABELS

    mark, label = "", item.item_id
    if item.known and item.checkpoint == "difficulties":
        d = guide.difficulty(item.item_id)
        mark, label = d.mark, d.label
    elif item.known and item.checkpoint == "goals":
        mark, label = f"{item.item_id}．", guide.goal(item.item_id).label
    elif item.known:
        label = guide.method(item.item_id).label
    note = item.counselor_note.strip("\n")
    shared = item.counselor_note_shared or not note.strip()
    return ComparedItem(
        id=item.item_id, mark=mark, label=label, agreement=item.agreement.value,
        agreement_label=AGREEMENT_LABELS[item.agreement], manager=item.manager,
        counselor=item.counselor, agreed=item.agreed, manager_note=item.manager_note.strip("\n"),
        counselor_note=note if shared else "", counselor_note_withheld=not shared, known=item.known,
    )


def _date_text(value: str) -> str:
    day = parse_iso(value)
    return to_wareki(day) if day else value


def _last_review(guide: Guide, link: PlanLink) -> LastReviewEntry | None:
    """What the previous plan's last review left for this year (None when it had none)."""
    if not link.has_last_review():
        return None
    known_ids = guide.item_ids("methods")
    ordered = [m for m in known_ids if m in link.method_statuses]
    ordered += [m for m in link.method_statuses if m not in known_ids]
    methods = tuple(
        ReviewMethod(m, guide.method(m).label if m in known_ids else m, link.method_statuses[m],
                     REVIEW_STATUSES.get(link.method_statuses[m], LABELS["not_recorded"]))
        for m in ordered)
    date_text = _date_text(link.last_review_date)
    heading = LABELS["last_review"]
    if date_text:
        heading += f"（{date_text}の{LABELS['review']}）"
    return LastReviewEntry(heading, date_text, methods, link.next_changes.strip("\n"))


def _review(session: Session, guide: Guide, review: Review) -> ReviewEntry:
    """The plan's chosen methods (and any other the review recorded), each with its status."""
    chosen = session.selected("methods")
    known_ids = guide.item_ids("methods")
    listed = set(chosen) | set(review.methods)
    ordered = [m for m in known_ids if m in listed]
    ordered += [m for m in chosen if m not in known_ids]
    ordered += [m for m in review.methods if m not in known_ids and m not in ordered]
    methods = []
    for method_id in ordered:
        entry = review.methods.get(method_id)
        status = entry.status if entry else ""
        label = guide.method(method_id).label if method_id in known_ids else method_id
        methods.append(ReviewMethod(method_id, label, status,
                                    REVIEW_STATUSES.get(status, LABELS["not_recorded"]),
                                    entry.note.strip("\n") if entry else ""))
    figures = []
    if review.attendance is not None:
        figures.append((LABELS["attendance"], f"{_full_width(review.attendance)}{PERSON_UNIT}"))
    if review.questionnaire.strip():
        figures.append((LABELS["questionnaire"], review.questionnaire.strip("\n")))
    date_text = _date_text(review.date)
    return ReviewEntry(
        id=review.id,
        heading=f"{LABELS['review']}　{date_text or LABELS['undated']}",
        date=date_text,
        participants=review.participants.strip(),
        methods=tuple(methods),
        effect=review.effect.strip("\n"),
        figures=tuple(figures),
        next_steps=review.next_steps.strip("\n"),
    )


def _edited(session: Session, key: str) -> bool:
    text = session.clauses.get(key)
    return text is not None and bool(text.strip())


def _strip_instruction(heading: str) -> str:
    """「取組の準備のためのチェックポイント（検討済みのものにチェック）」 without the instruction."""
    return heading.split("（", 1)[0] if heading.endswith("）") else heading


def _checklist(session: Session, guide: Guide) -> ChecklistBody:
    checkpoints = {c.id: c for c in guide.checkpoints}
    ticked = {cp: set(session.selected(cp)) for cp in checkpoints}

    def unknown_group(checkpoint: str, known_ids: tuple[str, ...]) -> list[ChecklistGroup]:
        ids = [i for i in session.selected(checkpoint) if i not in known_ids]
        if not ids:
            return []
        return [ChecklistGroup(UNKNOWN_GROUP, tuple(ChecklistBox(i, "", i, True) for i in ids))]

    difficulty_groups = [
        ChecklistGroup(c.checklist_label, tuple(
            ChecklistBox(d.id, d.mark, d.label, d.id in ticked["difficulties"])
            for d in guide.difficulties_in(c.id) if d.in_checklist))
        for c in guide.categories if c.in_checklist
    ] + unknown_group("difficulties", guide.item_ids("difficulties"))
    goal_groups = [ChecklistGroup("", tuple(
        ChecklistBox(g.id, f"{g.id}．", g.label, g.id in ticked["goals"]) for g in guide.goals))
    ] + unknown_group("goals", guide.item_ids("goals"))
    method_groups = [
        ChecklistGroup(f"{group.mark}{group.label}", tuple(
            ChecklistBox(m.id, "", m.label, m.id in ticked["methods"]) for m in guide.methods_in(group.id)),
            columns=2 if group.id == "ENV" else 3)
        for group in guide.method_groups
    ] + unknown_group("methods", guide.item_ids("methods"))

    prep_groups = []
    for group in guide.prep_groups:
        plain = [i for i in group.items if not i.condition]
        conditional = [i for i in group.items if i.condition]
        prep_groups.append(ChecklistGroup(f"（{group.label}）", tuple(_prep_box(session, i) for i in plain)))
        for item in conditional:
            prep_groups.append(ChecklistGroup("", (_prep_box(session, item),),
                                              condition=f"――{item.condition}"))
    prep_ids = {i.id for i in guide.prep_items}
    unknown_prep = tuple(ChecklistBox(i, "", i, a.checked) for i, a in session.preparation.items()
                         if i not in prep_ids)
    if unknown_prep:
        prep_groups.append(ChecklistGroup(UNKNOWN_GROUP, unknown_prep))

    off_paper = tuple(_difficulty_item(session, guide, d.id) for d in guide.difficulties
                      if not d.in_checklist and d.id in ticked["difficulties"])
    off_paper = tuple(ReportItem(i.id, i.mark, i.label) for i in off_paper)  # no note: a checklist
    sections = (
        ChecklistSection(checkpoints["difficulties"].heading, tuple(difficulty_groups), off_paper),
        ChecklistSection(checkpoints["goals"].heading, tuple(goal_groups)),
        ChecklistSection(checkpoints["methods"].heading, tuple(method_groups)),
        ChecklistSection(guide.preparation_heading, tuple(prep_groups)),
    )
    return ChecklistBody(guide.checklist["title"], guide.checklist["intro"], sections)


def _prep_box(session: Session, item) -> ChecklistBox:
    answer = session.prep(item.id)
    detail = "\n".join(f"{print_label(f.label)}：{answer.fields[f.id]}" for f in item.fields
                      if answer.fields.get(f.id, "").strip())
    return ChecklistBox(item.id, "", item.label, answer.checked, detail)


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _full_width(number: int) -> str:
    """The application's own numbers print full-width, as the 和暦 dates beside them."""
    return str(number).translate(_FULL_WIDTH)
