"""Lay out a :class:`ReportData` as an A4 PDF with reportlab's platypus.

This is the only module that imports reportlab; the app imports it lazily at export time, so
starting the window never pays for it. The renderer only lays out: one named stylesheet, a story
builder per layout, page callbacks for the footer, and a canvas that numbers pages "n / N".

Font choice: the bundled BIZ UDPゴシック (a universal-design face made for public documents) is
registered as a TrueType font, so reportlab embeds a subset of it. reportlab's built-in CID fonts
(HeiseiKakuGo-W5) are never used: they are not embedded and print with whatever the reader has.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from supportguide_app import APP_NAME, __version__, paths
from supportguide_app.progress import Progress, report
from supportguide_app.report.data import (
    LABELS,
    ChecklistBody,
    ChecklistGroup,
    ComparisonBody,
    LinkEntry,
    PlanBody,
    ReportData,
    ReportItem,
    ReviewEntry,
)

FONT = "BIZUDPGothic"
FONT_BOLD = "BIZUDPGothic-Bold"
FONT_FILES = {FONT: "BIZUDPGothic-Regular.ttf", FONT_BOLD: "BIZUDPGothic-Bold.ttf"}
SUBSTITUTE = "〓"  # the geta mark, how Japanese typesetting marks a character it cannot print

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FOOTER_Y = 10 * mm
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1f4e79")
BAND = colors.HexColor("#e8eef5")
RULE = colors.HexColor("#9aa7b5")
DIFFER = colors.HexColor("#fdf3e1")  # rows where the manager's and the counselor's views differ


# -- fonts -------------------------------------------------------------------------------------


def keep_headings_with_blocks(story: list[Flowable]) -> list[Flowable]:
    """Move headings (keepWithNext) into the KeepTogether block that follows them.

    reportlab's keepWithNext does not reach into a KeepTogether, so a heading followed by one
    could stand alone at the foot of a page, which reads as a mistake.
    """
    out: list[Flowable] = []
    pending: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, KeepTogether) and pending:
            out.append(KeepTogether([*pending, *flowable._content]))
            pending = []
        elif getattr(flowable, "getKeepWithNext", lambda: False)():
            pending.append(flowable)
        else:
            out += pending
            pending = []
            out.append(flowable)
    return out + pending


def draw_page_frame(canvas: Canvas, doc: BaseDocTemplate, footer: str, running_head: str) -> None:
    """The page callback every report shares: a rule and the footer line, and from the second
    page on the running head at the top right (the page number is the canvas's, see below)."""
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, FOOTER_Y + 10, PAGE_WIDTH - MARGIN, FOOTER_Y + 10)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, FOOTER_Y, footer)
    if doc.page > 1 and running_head:
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN + 8, running_head)
    canvas.restoreState()


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the bundled fonts once per process; returns (regular, bold) names."""
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(paths.resource("fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return FONT, FONT_BOLD


@lru_cache(maxsize=1)
def font_coverage() -> frozenset[int]:
    """Code points both bundled faces can draw (the cmap of each, intersected)."""
    register_fonts()
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in FONT_FILES]
    return frozenset(set.intersection(*maps))


def _printable(char: str) -> bool:
    """Line breaks and tabs are layout, not glyphs; other control characters count as missing."""
    return char not in "\n\r\t"


def missing_glyphs(report_data: ReportData) -> set[str]:
    """Characters the report would print that the bundled font cannot draw."""
    covered = font_coverage()
    chars = set("".join(report_data.texts()))
    return {c for c in chars if _printable(c) and ord(c) not in covered}


# -- styles ------------------------------------------------------------------------------------


def stylesheet() -> StyleSheet1:
    """The one stylesheet of every report; styles are named by what they set, not where."""
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle("Body", fontName=FONT, fontSize=10, leading=15, textColor=INK,
                          wordWrap="CJK", alignment=TA_LEFT)
    sheet.add(base)
    sheet.add(ParagraphStyle("Title", parent=base, fontName=FONT_BOLD, fontSize=18, leading=24,
                             alignment=TA_CENTER, spaceAfter=2, textColor=ACCENT))
    sheet.add(ParagraphStyle("Subtitle", parent=base, fontSize=12.5, leading=18, alignment=TA_CENTER,
                             spaceAfter=8))
    sheet.add(ParagraphStyle("Heading", parent=base, fontName=FONT_BOLD, fontSize=12.5, leading=17,
                             textColor=ACCENT, backColor=BAND, borderPadding=(3, 4, 3, 4),
                             spaceBefore=14, spaceAfter=8, keepWithNext=1))
    sheet.add(ParagraphStyle("Subheading", parent=base, fontName=FONT_BOLD, fontSize=10.5,
                             leading=15, spaceBefore=6, spaceAfter=2, keepWithNext=1))
    sheet.add(ParagraphStyle("Item", parent=base, leftIndent=8, spaceBefore=3))
    sheet.add(ParagraphStyle("Detail", parent=base, fontSize=9, leading=13, leftIndent=22,
                             textColor=MUTED))
    sheet.add(ParagraphStyle("Note", parent=base, fontSize=9.5, leading=14, leftIndent=22))
    sheet.add(ParagraphStyle("Clause", parent=base, leftIndent=20, firstLineIndent=-20,
                             spaceBefore=4))
    sheet.add(ParagraphStyle("Cell", parent=base, fontSize=9.5, leading=13.5))
    sheet.add(ParagraphStyle("CellHead", parent=base, fontName=FONT_BOLD, fontSize=9, leading=13))
    sheet.add(ParagraphStyle("CellHeadCentre", parent=base, fontName=FONT_BOLD, fontSize=9, leading=13,
                             alignment=TA_CENTER))
    sheet.add(ParagraphStyle("CellMark", parent=base, fontSize=11, leading=15, alignment=TA_CENTER))
    sheet.add(ParagraphStyle("CellDetail", parent=base, fontSize=8.5, leading=12, textColor=MUTED))
    sheet.add(ParagraphStyle("Condition", parent=base, fontSize=9.5, leading=14, leftIndent=8,
                             textColor=MUTED, spaceBefore=2))
    sheet.add(ParagraphStyle("Footer", parent=base, fontSize=8, leading=10, textColor=MUTED))
    return sheet


# -- flowables and canvas ----------------------------------------------------------------------


class CheckBox(Flowable):
    """A drawn check box, ticked or empty (the Japanese font has no ☐/☑ glyphs)."""

    def __init__(self, checked: bool, size: float = 9, top_pad: float = 2.5) -> None:
        super().__init__()
        self.checked = checked
        self.size = size
        self.top_pad = top_pad
        self.width = size
        self.height = size + top_pad

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        s = self.size
        c.saveState()
        c.setStrokeColor(INK)
        c.setLineWidth(0.8)
        c.rect(0, 0, s, s, stroke=1, fill=0)
        if self.checked:
            c.setLineWidth(1.4)
            c.setLineCap(1)
            c.setLineJoin(1)
            path = c.beginPath()
            path.moveTo(s * 0.18, s * 0.52)
            path.lineTo(s * 0.42, s * 0.22)
            path.lineTo(s * 0.86, s * 0.86)
            c.drawPath(path, stroke=1, fill=0)
        c.restoreState()


class _NumberedCanvas(Canvas):
    """Keeps every page until the end so that each can say "n / N" (reportlab's usual recipe)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            self.drawRightString(PAGE_WIDTH - MARGIN, FOOTER_Y, f"{self._pageNumber} / {total}")
            super().showPage()
        super().save()


# -- the document ------------------------------------------------------------------------------


def render_pdf(report_data: ReportData, out: BinaryIO | None = None, *,
               substitute: bool = False, progress: Progress | None = None) -> bytes:
    """Lay out the report and return the PDF bytes (also written to ``out`` when given).

    Characters the font lacks must have been dealt with: with ``substitute`` they print as 〓,
    otherwise they are the caller's error to report (see :func:`missing_glyphs`).
    ``progress(pages, 0)`` is called after each page is laid out (it may raise ``Cancelled``).
    """
    register_fonts()
    missing = missing_glyphs(report_data) if substitute else set()
    buffer = io.BytesIO()
    builder = _StoryBuilder(report_data, stylesheet(), missing, progress)
    h = report_data.header
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=_title_line(report_data), author=_author_line(report_data),
        subject=f"{report_data.footer.guide_name}に基づく{h.title}",
        creator=f"{APP_NAME} {__version__}",
        keywords="支援者支援, ひきこもり相談, 支援者サポートチェックリスト",
        lang="ja-JP", displayDocTitle=True, initialFontName=FONT,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=builder.on_page)])
    doc.build(builder.story(), canvasmaker=_NumberedCanvas)
    data = buffer.getvalue()
    if out is not None:
        out.write(data)
    return data


def _title_line(report_data: ReportData) -> str:
    h = report_data.header
    return "　".join(p for p in (h.title, h.subtitle, h.organisation) if p)


def _author_line(report_data: ReportData) -> str:
    h = report_data.header
    return f"{h.author}（{h.organisation}）" if h.organisation and h.author else h.author or h.organisation


class _StoryBuilder:
    """Turns one ReportData into flowables; every string passes through :meth:`text`."""

    def __init__(self, report_data: ReportData, styles: StyleSheet1, missing: set[str],
                 progress: Progress | None = None) -> None:
        self.data = report_data
        self._progress = progress
        self.styles = styles
        self._table = str.maketrans({c: _substitute_char() for c in missing}) if missing else None

    # -- text --------------------------------------------------------------------------------------
    def text(self, value: str) -> str:
        """Escaped for Paragraph markup, tabs widened, characters the font lacks substituted."""
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "　")
        if self._table:
            value = value.translate(self._table)
        return escape(value)

    def para(self, value: str, style: str, markup: str = "") -> Paragraph:
        """A paragraph of plain text, with optional leading markup (already safe)."""
        return Paragraph(markup + self.text(value), self.styles[style])

    def lines(self, value: str, style: str) -> list[Paragraph]:
        """One paragraph per line of the person's text, so long notes flow across pages."""
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return [self.para(line, style) if line.strip() else Spacer(1, 4)
                for line in value.split("\n")]

    # -- page callbacks -----------------------------------------------------------------------
    def on_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        report(self._progress, doc.page)
        f = self.data.footer
        h = self.data.header
        draw_page_frame(canvas, doc,
                        self._plain(f"{LABELS['output_date']} {f.output_date}　「{f.guide_name}」"),
                        self._plain("　".join(p for p in (h.title, h.organisation) if p)))

    def _plain(self, value: str) -> str:
        return value.translate(self._table) if self._table else value

    # -- story -----------------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        story = self._title_block()
        if self.data.plan is not None:
            story += self._plan(self.data.plan)
        if self.data.checklist is not None:
            story += self._checklist(self.data.checklist)
        return keep_headings_with_blocks(story)

    def _title_block(self) -> list[Flowable]:
        h = self.data.header
        out: list[Flowable] = [self.para(h.title, "Title")]
        if h.subtitle:
            out.append(self.para(h.subtitle, "Subtitle"))
        else:
            out.append(Spacer(1, 8))
        blank = LABELS["blank"]
        date = h.date or blank
        if h.fiscal_year:
            date = f"{date}（{h.fiscal_year}）"
        author = f"{h.author}（{h.role}）" if h.author else f"{blank}（{h.role}）"
        rows = [
            [self.para(LABELS["organisation"], "CellHead"), self.para(h.organisation or blank, "Cell"),
             self.para(LABELS["date"], "CellHead"), self.para(date, "Cell")],
            [self.para(LABELS["author"], "CellHead"), self.para(author, "Cell"),
             self.para(LABELS["meeting"], "CellHead"), self.para(h.meeting, "Cell")],
        ]
        width = PAGE_WIDTH - 2 * MARGIN
        table = Table(rows, colWidths=[22 * mm, width / 2 - 22 * mm, 26 * mm, width / 2 - 26 * mm])
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (0, -1), BAND),
            ("BACKGROUND", (2, 0), (2, -1), BAND),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        out += [table, Spacer(1, 4)]
        return out

    def heading(self, value: str) -> list[Flowable]:
        # Keep a heading with at least a few lines of what follows it.
        return [CondPageBreak(40 * mm), self.para(value, "Heading")]

    def _item(self, item: ReportItem, mark_sep: str = "") -> list[Flowable]:
        mark = f"{item.mark}{mark_sep}" if item.mark else ""
        lead = [self.para(f"■ {mark}{item.label}", "Item")]
        if not item.note.strip():
            return lead
        note = self.lines(item.note, "Note")
        return [KeepTogether(lead + note[:1])] + note[1:]

    def _none(self) -> Paragraph:
        return self.para(LABELS["none"], "Detail")

    def _plan(self, plan: PlanBody) -> list[Flowable]:
        out: list[Flowable] = []
        out += self.heading(plan.difficulties_heading)
        for group in plan.difficulties:
            out.append(self.para(group.heading, "Subheading"))
            for item in group.items:
                out += self._item(item)
        if not plan.difficulties:
            out.append(self._none())

        out += self.heading(plan.goals_heading)
        for goal in plan.goals:
            out += self._item(goal.item, "．")
            if goal.difficulties:
                out.append(self.para(f"{LABELS['behind']}：{'、'.join(goal.difficulties)}", "Detail"))
        if not plan.goals:
            out.append(self._none())

        out += self.heading(plan.methods_heading)
        for group in plan.methods:
            out.append(self.para(group.heading, "Subheading"))
            for item in group.items:
                out += self._item(item)
        if not plan.methods:
            out.append(self._none())
        if plan.examples:
            out.append(self.para(plan.examples_heading, "Subheading"))
            for ex in plan.examples:
                where = f"（{ex.location}）" if ex.location else ""
                block = [self.para(f"■ {ex.name}{where}", "Item")]
                if ex.goal:
                    block.append(self.para(f"{LABELS['goal']}：{ex.goal}", "Detail"))
                if ex.content:
                    block.append(self.para(ex.content, "Detail"))
                out.append(KeepTogether(block))

        out += self.heading(plan.preparation_heading)
        out.append(self._prep_table(plan))

        out += self.heading(plan.clauses_heading)
        out.append(self.para(plan.clauses_intro, "Body"))
        for number, clause in enumerate(plan.clauses, start=1):
            lines = clause.text.replace("\r\n", "\n").split("\n")
            first = self.para(lines[0], "Clause", f"{_full_width(number)}．")
            rest = [self.para(line, "Clause", "") for line in lines[1:] if line.strip()]
            for p in rest:
                p.style = ParagraphStyle("ClauseMore", parent=self.styles["Clause"], firstLineIndent=0)
            out += [first, *rest, self.para(f"（{clause.label}）", "Detail")]

        out += self.heading(plan.notes_heading)
        out += self.lines(plan.notes, "Body") if plan.notes.strip() else [self._none()]

        if plan.comparison is not None:
            out += self._comparison(plan.comparison)
        if plan.reviews:
            out += self.heading(plan.reviews_heading)
            for review in plan.reviews:
                out += self._review(review)
        if plan.lineage:
            out += self.heading(plan.lineage_heading)
            out += self._link(plan.lineage[0])
            if len(plan.lineage) > 1:
                out.append(self.para(LABELS["earlier"], "Subheading"))
                for link in plan.lineage[1:]:
                    out += self._link(link)
        return out

    def _review(self, review: ReviewEntry) -> list[Flowable]:
        width = PAGE_WIDTH - 2 * MARGIN
        # One review travels as one block: its heading, its table of methods and its details.
        # Split at a page end, a one-line row left only its bottom edge on the next page.
        # KeepTogether still splits a review longer than a page (and splitInRow a long note).
        block: list[Flowable] = [self.para(review.heading, "Subheading")]
        if review.participants:
            block.append(self.para(f"{LABELS['participants']}：{review.participants}", "Item"))
        if review.methods:
            rows: list[list] = [[self.para(LABELS["review_methods"], "CellHead"),
                                 self.para(LABELS["status"], "CellHead"),
                                 self.para(LABELS["note"], "CellHead")]]
            for method in review.methods:
                style = "CellHead" if method.status == "done" else "Cell"
                rows.append([self.para(method.label, "Cell"), self.para(method.status_label, style),
                             self.lines(method.note, "Cell") if method.note.strip() else ""])
            table = Table(rows, colWidths=[62 * mm, 20 * mm, width - 82 * mm], repeatRows=1,
                          splitByRow=1, splitInRow=1, hAlign="LEFT")
            table.setStyle(self._grid_style())
            block += [Spacer(1, 3), table]
        details = [(LABELS["effect"], review.effect), *review.figures,
                   (LABELS["next_steps"], review.next_steps)]
        rows = [[self.para(label, "CellHead"), self.lines(value, "Cell")]
                for label, value in details if value.strip()]
        if rows:
            table = Table(rows, colWidths=[30 * mm, width - 30 * mm], splitByRow=1, splitInRow=1,
                          hAlign="LEFT")
            style = self._grid_style(header=False)
            style.add("BACKGROUND", (0, 0), (0, -1), BAND)
            table.setStyle(style)
            block += [Spacer(1, 4), table]
        return [KeepTogether(block), Spacer(1, 6)]

    def _comparison(self, body: ComparisonBody) -> list[Flowable]:
        """Per checkpoint a table: the item with the notes, then 管理者 / 相談員 / 合意 as ○ or －."""
        width = PAGE_WIDTH - 2 * MARGIN
        blank = LABELS["blank"]
        out = self.heading(body.heading)
        out.append(self.para(body.intro, "Body"))
        out.append(self.para(f"{LABELS['manager']}：{body.manager_name or blank}　／　"
                             f"{LABELS['counselor']}：{body.counselor_name or blank}", "Item"))

        def mark(chosen: bool) -> Paragraph:
            return self.para(LABELS["chosen"] if chosen else LABELS["not_chosen"], "CellMark")

        for checkpoint in body.checkpoints:
            title = self.para(checkpoint.heading, "Subheading")
            if not checkpoint.items:
                out += [title, self._none()]
                continue
            rows: list[list] = [[self.para(LABELS["item"], "CellHead"),
                                 self.para(LABELS["manager"], "CellHeadCentre"),
                                 self.para(LABELS["counselor"], "CellHeadCentre"),
                                 self.para(LABELS["agreed"], "CellHeadCentre")]]
            for item in checkpoint.items:
                cell: list[Flowable] = [self.para(f"{item.mark}{item.label}", "Cell"),
                                        self.para(item.agreement_label, "CellDetail")]
                if item.manager_note.strip():
                    cell.append(self.para(f"{LABELS['manager_note']}：", "CellDetail"))
                    cell += self.lines(item.manager_note, "Cell")
                if item.counselor_note_withheld:
                    cell.append(self.para(f"{LABELS['counselor_note']}：{LABELS['withheld']}", "CellDetail"))
                elif item.counselor_note.strip():
                    cell.append(self.para(f"{LABELS['counselor_note']}：", "CellDetail"))
                    cell += self.lines(item.counselor_note, "Cell")
                rows.append([cell, mark(item.manager), mark(item.counselor), mark(item.agreed)])
            table = Table(rows, colWidths=[width - 54 * mm, 18 * mm, 18 * mm, 18 * mm], repeatRows=1,
                          splitByRow=1, splitInRow=1, hAlign="LEFT")
            style = self._grid_style()
            for index, item in enumerate(checkpoint.items, start=1):
                if item.differs:  # what the two people need to talk about stands out
                    style.add("BACKGROUND", (0, index), (-1, index), DIFFER)
            table.setStyle(style)
            out += [KeepTogether([title, table]), Spacer(1, 4)]
        return out

    def _grid_style(self, header: bool = True) -> TableStyle:
        style = TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ])
        if header:
            style.add("BACKGROUND", (0, 0), (-1, 0), BAND)
        return style

    def _link(self, link: LinkEntry) -> list[Flowable]:
        detail = "　".join(p for p in (
            f"{LABELS['date']} {link.date}" if link.date else "",
            f"{LABELS['file']} {link.file}" if link.file else "") if p)
        block = [self.para(f"■ {link.title or link.file or link.id or LABELS['blank']}", "Item")]
        if detail:
            block.append(self.para(detail, "Detail"))
        return [KeepTogether(block)]

    def _prep_table(self, plan: PlanBody) -> Table:
        width = PAGE_WIDTH - 2 * MARGIN
        head = [self.para(LABELS["prep_group"], "CellHead"), "",
                self.para(LABELS["prep_item"], "CellHead"), self.para(LABELS["prep_fields"], "CellHead")]
        rows: list[list] = [head]
        previous = None
        for row in plan.preparation:
            group = self.para(row.group, "Cell") if row.group != previous else ""
            label = [self.para(row.label, "Cell")]
            if row.condition:
                label.insert(0, self.para(f"――{row.condition}", "CellDetail"))
            fields: list[Flowable] = []
            for field_label, value in row.fields:
                fields.append(self.para(field_label, "CellDetail"))
                fields += self.lines(value, "Cell")
            rows.append([group, CheckBox(row.checked, top_pad=2), label, fields or ""])
            previous = row.group
        table = Table(rows, colWidths=[20 * mm, 7 * mm, 62 * mm, width - 89 * mm], repeatRows=1,
                      splitByRow=1, splitInRow=1)
        # The group column is ruled only where a group ends, so each group reads as one cell
        # without a SPAN (spanned rows split badly across pages).
        group_ends = [i for i in range(1, len(rows))
                      if i == len(rows) - 1 or plan.preparation[i].group != plan.preparation[i - 1].group]
        style = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ("INNERGRID", (1, 0), (-1, -1), 0.5, RULE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
            ("LINEAFTER", (0, 0), (0, -1), 0.5, RULE),
            *(("LINEBELOW", (0, i), (0, i), 0.5, RULE) for i in group_ends),
            ("BACKGROUND", (0, 0), (-1, 0), BAND),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (1, 1), (1, -1), 4),
        ]
        table.setStyle(TableStyle(style))
        return table

    def _checklist(self, body: ChecklistBody) -> list[Flowable]:
        out: list[Flowable] = [self.para(body.intro, "Body"), Spacer(1, 2)]
        for section in body.sections:
            out += self.heading(section.heading)
            for group in section.groups:
                block: list[Flowable] = []
                if group.heading:
                    block.append(self.para(group.heading, "Subheading"))
                if group.condition:
                    block.append(self.para(group.condition, "Condition"))
                block.append(self._box_grid(group))
                out.append(KeepTogether(block))
        return out

    def _box_grid(self, group: ChecklistGroup) -> Table:
        columns = group.columns
        indent = 8
        width = PAGE_WIDTH - 2 * MARGIN - indent
        box_w = 14
        label_w = width / columns - box_w
        cells: list[list] = []
        row: list = []
        for box in group.boxes:
            label: list[Flowable] = [self.para(f"{box.mark}{box.label}", "Cell")]
            if box.detail:
                label += self.lines(box.detail, "CellDetail")
            row += [CheckBox(box.checked), label]
            if len(row) == 2 * columns:
                cells.append(row)
                row = []
        if row:
            cells.append(row + [""] * (2 * columns - len(row)))
        widths = [box_w, label_w] * columns
        widths[0] += indent
        table = Table(cells, colWidths=widths, hAlign="LEFT", splitByRow=1)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (0, 0), (0, -1), indent),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        return table


@lru_cache(maxsize=1)
def _substitute_char() -> str:
    return SUBSTITUTE if ord(SUBSTITUTE) in font_coverage() else "?"


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _full_width(number: int) -> str:
    return str(number).translate(_FULL_WIDTH)


__all__ = ["CheckBox", "FONT", "FONT_BOLD", "missing_glyphs", "register_fonts", "render_pdf", "stylesheet"]
