"""The plan as plain text, for 「テキストとしてコピー」 and pasting into Word; the PDF's file name.

Plain lines with full-width indents: Word keeps them as typed, and nothing depends on fonts.
"""

from __future__ import annotations

from supportguide_app.filenames import safe_file_stem
from supportguide_app.guide import Guide
from supportguide_app.plan.dates import fiscal_year_name
from supportguide_app.plan.session import Session
from supportguide_app.report.data import (
    LABELS,
    ChecklistBody,
    ComparisonBody,
    ReportData,
    ReportItem,
    SpecBody,
    build_report_data,
)

INDENT = "　"
PDF_NAME_PREFIX = "支援者支援計画"
# Characters Windows does not allow in file names, and control characters.
_MAX_PART = 60


def _note_lines(note: str, depth: int = 2) -> list[str]:
    lines = note.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    return [f"{INDENT * depth}{line}" if line.strip() else "" for line in lines] if note.strip() else []


def _item_lines(item: ReportItem, mark_sep: str = "") -> list[str]:
    mark = f"{item.mark}{mark_sep}" if item.mark else ""
    return [f"{INDENT}・{mark}{item.label}", *_note_lines(item.note)]


def report_as_text(session: Session, guide: Guide, layout: str = "plan") -> str:
    """One layout ("plan", "checklist" or "spec") as plain text, in the order of its PDF.

    The text holds what the PDF of the same layout holds, and no more: the spec text carries no
    note, name, comparison or review, as its PDF does not.
    """
    data = build_report_data(session, guide, layout=layout)
    out = _header_lines(data)
    if data.checklist is not None:
        out += _checklist_lines(data.checklist)
    elif data.spec is not None:
        out += _spec_lines(data.spec)
    else:
        out += _plan_lines(data)
    return "\n".join(out).rstrip("\n") + "\n"


def plan_as_text(session: Session, guide: Guide) -> str:
    """The plan layout's content as plain text, in the same order as the PDF."""
    return report_as_text(session, guide, "plan")


def _header_lines(data: ReportData) -> list[str]:
    h = data.header
    blank = LABELS["blank"]
    out = [f"{h.title}　{h.subtitle}".rstrip("　"),
           f"{LABELS['target_year']}：{h.target_year_text or blank}",
           f"{LABELS['organisation']}：{h.organisation or blank}"]
    if data.layout != "spec":  # the specification names no person
        out.append(f"{LABELS['author']}：{h.author or blank}（{h.role}）")
    out.append(f"{LABELS['date']}：{h.date or blank}")
    if data.layout != "spec":
        out.append(f"{LABELS['meeting']}：{h.meeting}")
    return [*out, ""]


class _Sections(list):
    """Lines of text, with ■-headed sections that print （選んだ項目はありません） when empty."""

    def section(self, heading: str, body: list[str]) -> None:
        self.append(f"■{heading}")
        self.extend(body or [f"{INDENT}{LABELS['none']}"])
        self.append("")


def _clause_lines(number: int, text: str, source: str) -> list[str]:
    first, *rest = text.replace("\r\n", "\n").strip("\n").split("\n")
    return [f"{_full_width(number)}．{first}", *(f"{INDENT}{line}" for line in rest if line.strip()),
            f"{INDENT}{source}"]


def _spec_lines(spec: SpecBody) -> list[str]:
    out = _Sections()
    body = [spec.clauses_intro]
    for number, clause in enumerate(spec.clauses, start=1):
        source = clause.source + (f"　{LABELS['spec_goals_of']}：{'、'.join(clause.goals)}"
                                  if clause.goals else "")
        body += _clause_lines(number, clause.text, f"（{source}）")
    body.append(spec.model_wording)
    out.section(spec.clauses_heading, body)
    body = [spec.basis_intro, LABELS["spec_goals"]]
    body += [f"{INDENT}・{g.mark}{g.label}" for g in spec.goals] or [f"{INDENT}{LABELS['none']}"]
    body.append(LABELS["spec_methods"])
    for group in spec.methods:
        body.append(f"{INDENT}{group.heading}")
        body += [f"{INDENT * 2}・{item.label}" for item in group.items]
    if not spec.methods:
        body.append(f"{INDENT}{LABELS['none']}")
    out.section(spec.basis_heading, body)
    if spec.preparation:
        body = []
        for row in spec.preparation:
            body.append(f"{INDENT}（{row.group}）{row.label}")
            body += _field_lines(row.fields)
        out.section(spec.preparation_heading, body)
    return out


def _checklist_lines(body: ChecklistBody) -> list[str]:
    out = _Sections()
    out += [body.intro, ""]
    for section in body.sections:
        lines: list[str] = []
        for group in section.groups:
            if group.heading:
                lines.append(group.heading)
            if group.condition:
                lines.append(f"{INDENT}{group.condition}")
            for box in group.boxes:
                lines.append(f"{INDENT}{'☑' if box.checked else '☐'}{box.mark}{box.label}")
                lines += _note_lines(box.detail, 2)
        if section.off_paper:
            lines.append(body.off_paper_note)
            lines += [f"{INDENT}・{item.mark}{item.label}" for item in section.off_paper]
        out.section(section.heading, lines)
    out.append(body.additions_note)
    return out


def _field_lines(fields: tuple[tuple[str, str], ...]) -> list[str]:
    lines = []
    for label, value in fields:
        if "\n" in value.strip():
            lines.append(f"{INDENT * 2}{label}：")
            lines += _note_lines(value, 3)
        else:
            lines.append(f"{INDENT * 2}{label}：{value.strip()}")
    return lines


def _plan_lines(data: ReportData) -> list[str]:
    plan = data.plan
    assert plan is not None
    out = _Sections()
    section = out.section

    body: list[str] = []
    for group in plan.difficulties:
        body.append(group.heading)
        for item in group.items:
            body += _item_lines(item)
    section(plan.difficulties_heading, body)

    body = []
    for goal in plan.goals:
        body += _item_lines(goal.item, "．")[:1]
        if goal.difficulties:
            body.append(f"{INDENT * 2}{LABELS['behind']}：{'、'.join(goal.difficulties)}")
        body += _note_lines(goal.item.note)
    section(plan.goals_heading, body)

    body = []
    for group in plan.methods:
        body.append(group.heading)
        for item in group.items:
            body += _item_lines(item)
    if plan.examples:
        body.append(plan.examples_heading)
        for ex in plan.examples:
            where = f"（{ex.location}）" if ex.location else ""
            body.append(f"{INDENT}・{ex.name}{where}")
    section(plan.methods_heading, body)

    body = []
    for row in plan.preparation:
        mark = "☑" if row.checked else "☐"
        body.append(f"{INDENT}{mark}（{row.group}）{row.label}")
        body += _field_lines(row.fields)
    section(plan.preparation_heading, body)

    body = [plan.clauses_intro]
    for number, clause in enumerate(plan.clauses, start=1):
        body += _clause_lines(number, clause.text, f"（{clause.label}）")
    body.append(plan.clauses_note)
    section(plan.clauses_heading, body)

    if plan.notes.strip():  # an empty memo prints nothing, as in the PDF
        section(plan.notes_heading, _note_lines(plan.notes, 1))

    if plan.comparison is not None:
        section(plan.comparison.heading, _comparison_lines(plan.comparison))

    if plan.reviews:
        body = []
        for review in plan.reviews:
            body.append(f"{INDENT}{review.heading}")
            if review.participants:
                body.append(f"{INDENT * 2}{LABELS['participants']}：{review.participants}")
            for method in review.methods:
                body.append(f"{INDENT * 2}・{method.label}：{method.status_label}")
                body += _note_lines(method.note, 3)
            details = [(LABELS["effect"], review.effect), *review.figures,
                       (LABELS["next_steps"], review.next_steps)]
            for label, value in details:
                if "\n" in value.strip():
                    body.append(f"{INDENT * 2}{label}：")
                    body += _note_lines(value, 3)
                elif value.strip():
                    body.append(f"{INDENT * 2}{label}：{value.strip()}")
            body.append("")
        section(plan.reviews_heading, body[:-1])
    if plan.lineage:
        body = []
        for number, link in enumerate(plan.lineage):
            if number == 1:
                body.append(f"{INDENT}{LABELS['earlier']}")
            where = "、".join(p for p in (
                f"{LABELS['date']} {link.date}" if link.date else "",
                f"{LABELS['file']} {link.file}" if link.file else "") if p)
            title = link.title or link.file or link.id or LABELS["blank"]
            body.append(f"{INDENT}・{title}" + (f"（{where}）" if where else ""))
            last = link.last_review
            if last is not None:
                body.append(f"{INDENT * 2}{last.heading}")
                body += [f"{INDENT * 3}・{m.label}：{m.status_label}" for m in last.methods]
                if "\n" in last.next_changes.strip():
                    body.append(f"{INDENT * 3}{LABELS['next_steps']}：")
                    body += _note_lines(last.next_changes, 4)
                elif last.next_changes.strip():
                    body.append(f"{INDENT * 3}{LABELS['next_steps']}：{last.next_changes.strip()}")
        section(plan.lineage_heading, body)
    return out


def _comparison_lines(body: ComparisonBody) -> list[str]:
    """Each item with both people's choice, the agreed one, and the notes that may be shown."""
    blank = LABELS["blank"]

    def mark(chosen: bool) -> str:
        return LABELS["chosen"] if chosen else LABELS["not_chosen"]

    lines = [f"{INDENT}{LABELS['manager']}：{body.manager_name or blank}　／　"
             f"{LABELS['counselor']}：{body.counselor_name or blank}"]
    for checkpoint in body.checkpoints:
        lines.append(checkpoint.heading)
        if not checkpoint.items:
            lines.append(f"{INDENT}{LABELS['none']}")
        for item in checkpoint.items:
            marks = "　".join(f"{LABELS[who]}{mark(chosen)}" for who, chosen in (
                ("manager", item.manager), ("counselor", item.counselor), ("agreed", item.agreed)))
            lines.append(f"{INDENT}・{item.mark}{item.label}【{item.agreement_label}】{marks}")
            if item.manager_note.strip():
                lines.append(f"{INDENT * 2}{LABELS['manager_note']}：")
                lines += _note_lines(item.manager_note, 3)
            if item.counselor_note_withheld:
                lines.append(f"{INDENT * 2}{LABELS['counselor_note']}：{LABELS['withheld']}")
            elif item.counselor_note.strip():
                lines.append(f"{INDENT * 2}{LABELS['counselor_note']}：")
                lines += _note_lines(item.counselor_note, 3)
    return lines


def _full_width(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def _safe(part: str) -> str:
    """One part of a proposed file name, by the rule of every name the application proposes."""
    return safe_file_stem(part, fallback="")[:_MAX_PART].rstrip(" .")


# What a layout adds to the proposed file name (the plan layout adds nothing).
LAYOUT_NAME_SUFFIXES = {"plan": "", "checklist": "_チェックリスト", "spec": "_仕様書添付用"}


def default_pdf_name(session: Session, layout: str = "plan") -> str:
    """``支援者支援計画_<対象年度>_<組織>_<日付><layout suffix>.pdf``, characters Windows forbids
    replaced by ``_``.

    The 対象年度 is written in 和暦 (令和９年度), as offices name their files; the date is the
    session's ISO date (it sorts). An empty part is left out.
    """
    year = session.target_fiscal_year()
    parts = [PDF_NAME_PREFIX, fiscal_year_name(year) if year is not None else "",
             _safe(session.organisation), _safe(session.date)]
    return "_".join(p for p in parts if p) + LAYOUT_NAME_SUFFIXES.get(layout, "") + ".pdf"
