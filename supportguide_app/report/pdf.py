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
import unicodedata
from collections.abc import Collection
from functools import lru_cache

# Not xml.sax.saxutils: it imports urllib.request, http.client and ssl (4.7 MiB, and the network).
from html import escape as html_escape
from typing import TYPE_CHECKING, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
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
from reportlab.platypus import paragraph as _paragraph
from reportlab.platypus.flowables import _listWrapOn

from supportguide_app import APP_NAME, __version__
from supportguide_app.progress import Progress, report
from supportguide_app.report.fonts import FONT, FONT_BOLD, FONT_FILES
from supportguide_app.report.fonts import register_fonts as _register_font_files
from supportguide_app.report.labels import LABELS

if TYPE_CHECKING:  # the summary PDF uses this module's styles without the plan's report data
    from supportguide_app.report.data import (
        ChecklistBody,
        ChecklistGroup,
        ComparisonBody,
        LastReviewEntry,
        LinkEntry,
        PlanBody,
        ReportData,
        ReportItem,
        ReviewEntry,
        SpecBody,
        SpecClause,
    )

SUBSTITUTE = "〓"  # the geta mark, how Japanese typesetting marks a character it cannot print

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FOOTER_Y = 10 * mm
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1f4e79")
BAND = colors.HexColor("#e8eef5")
RULE = colors.HexColor("#9aa7b5")
# Rows where the manager's and the counselor's views differ: a light tint for the screen, and for
# paper (a laser printer drops the tint) a black rule at the row's left and the ◆ mark.
DIFFER = colors.HexColor("#fdf3e1")
DIFFER_RULE = 2.5
# A row of a table is split across pages only if each part keeps about two lines.
ROW_SPLIT_MIN = 26


# -- fonts -------------------------------------------------------------------------------------


class KeepWithFirst(KeepTogether):
    """Headings kept with the first part of what they head; the rest may go on to the next page.

    reportlab's KeepTogether (and keepWithNext, which builds one) moves a whole table to the next
    page when it does not fit, leaving most of a page empty; this splits what follows the headings
    where the page ends, and moves everything only when not even its first part fits. What follows
    may be a KeepTogether of its own (a short block meant not to split): it is then kept whole.
    """

    def __init__(self, heads: list[Flowable], body: Flowable) -> None:
        super().__init__([*heads, body])
        self._heads = list(heads)
        self._body = body

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        content = self._content[:]
        _, heads_h = _listWrapOn(self._heads, aW, self.canv)
        gap = max(self._heads[-1].getSpaceAfter(), self._body.getSpaceBefore())
        _, body_h = self._body.wrapOn(self.canv, aW, aH)
        if isinstance(self._body, KeepTogether):
            body_h = self._body._H  # its wrap answers "too tall" to be asked to split
        if heads_h + gap + body_h <= aH:
            return content
        frame = getattr(self, "_frame", None)
        at_top = bool(frame is not None and getattr(frame, "_atTop", False))
        if not isinstance(self._body, KeepTogether):
            room = aH - heads_h - gap - 1  # a point to spare for rounding
            if room > 0:
                parts = self._body.splitOn(self.canv, aW, room)
                if parts and parts[0].wrapOn(self.canv, aW, room)[1] <= room:
                    return [*self._heads, *parts]
        if at_top:  # not even the start fits on an empty page: let it flow as it can
            for head in self._heads:
                head.__dict__["keepWithNext"] = 0
            return content
        return []  # the whole goes to the next page


class BodyTable(Table):
    """A table that repeats its header row only at the top of a page.

    After a split between rows, reportlab lays out the rest (with the repeated header) in what is
    left of the page and may split it again inside a row: the header then stands in the middle of
    the page above a sliver of a row. The rest of a split table here is only ever placed at the top
    of a page.
    """

    def _at_top(self) -> bool:
        frame = self._doctemplateAttr("frame")
        return frame is None or bool(getattr(frame, "_atTop", True))

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803
        width, height = super().wrap(aW, aH)
        if getattr(self, "_continued", False) and not self._at_top():
            return width, max(height, aH + 1)  # does not fit here: to the next page
        return width, height

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803
        if getattr(self, "_continued", False) and not self._at_top():
            return []
        parts = super().split(aW, aH)
        for part in parts[1:]:
            part._continued = True
            part.continued_labels = self.continued_labels
            self._label_continuation(part)
        return parts

    # A row (the identity of the first flowable of its second cell: reportlab rewraps cells, not
    # the flowables in them) → what to print in its empty first cell when it starts a page: the
    # group a continued group of rows belongs to (the preparation table's 区分).
    continued_labels: dict[int, Flowable] = {}

    def _label_continuation(self, part: Table) -> None:
        rows = part._cellvalues
        first = part.repeatRows if isinstance(part.repeatRows, int) else len(part.repeatRows)
        if len(rows) > first and rows[first] and not rows[first][0]:
            cell = rows[first][1]
            key = cell[0] if isinstance(cell, (list, tuple)) and cell else cell
            label = self.continued_labels.get(id(key))
            if label is not None:
                rows[first][0] = label


def keep_headings_with_blocks(story: list[Flowable]) -> list[Flowable]:
    """Put each run of headings (keepWithNext) together with what follows, in a KeepWithFirst.

    reportlab's keepWithNext does not reach into a KeepTogether, and around a table it keeps the
    whole table with the heading; here a heading goes with the first part of what it heads.
    """
    out: list[Flowable] = []
    pending: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, CondPageBreak):
            out += pending
            pending = []
            out.append(flowable)
        elif getattr(flowable, "getKeepWithNext", lambda: False)():
            pending.append(flowable)
        elif pending:
            out.append(KeepWithFirst(pending, flowable))
            pending = []
        else:
            out.append(flowable)
    return out + pending


# Opening brackets that must not end a line (JIS X 4051's 行末禁則): reportlab's CJK line breaking
# keeps closing punctuation off the start of a line but lets these end one.
NO_LINE_END = "「『（【〔［｛〈《(["


def _line_breaks(chars: list[str], widths: list[float], max_widths: list[float],
                 forced: set[int] = frozenset()) -> list[tuple[int, int]]:
    """Where CJK text breaks into lines: (start, end) of each line, as reportlab breaks it, with
    行末禁則 added.

    As reportlab's ``textsplit.dumbSplit`` and ``paragraph.cjkFragSplit``: a line breaks before
    the glyph that overflows, a closing mark that cannot start a line hangs in the margin instead,
    and a run of Latin letters breaks at a space or where the Japanese text resumes. Added: a line
    never ends with an opening bracket (NO_LINE_END), which moves to the start of the next line.
    ``forced`` holds the indexes of glyphs that end a line (a <br/>).
    """
    lines: list[tuple[int, int]] = []
    i = used = start = 0
    width = max_widths[0]
    while i < len(chars):
        char = chars[i]
        used += widths[i]
        i += 1
        is_forced = (i - 1) in forced
        if not (is_forced or (used > width + _paragraph._FUZZ and used > 0)):
            continue
        if not is_forced:
            moved_back = False
            if char and ord(char[0]) < 0x3000:  # inside Latin text: break at a space or CJK
                for j in range(i - 1, (start + i) >> 1, -1):
                    if chars[j] and (unicodedata.category(chars[j][0]) == "Zs" or ord(chars[j][0]) >= 0x3000):
                        if j + 1 < i:
                            i, moved_back = j + 1, True
                        break
            if not moved_back and char not in _paragraph.ALL_CANNOT_START and i > start + 1:
                i -= 1  # the overflowing glyph starts the next line
            while i - 1 > start and chars[i - 1] in NO_LINE_END:
                i -= 1  # an opening bracket goes with what it opens
        lines.append((start, i))
        width = max_widths[min(len(lines), len(max_widths) - 1)]
        start = i
        used = 0
    if start < len(chars):
        lines.append((start, len(chars)))
    return lines


def _cjk_frag_split(frags, max_widths, calc_bounds, encoding="utf8"):
    """``paragraph.cjkFragSplit`` (paragraphs of several fragments) with :func:`_line_breaks`."""
    glyphs = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        glyphs += ([_paragraph.cjkU(t, frag, encoding) for t in text] if text
                   else [_paragraph.cjkU(text, frag, encoding)])
    widths = []
    for glyph in glyphs:
        advance = glyph.width
        if hasattr(advance, "normalizedValue"):
            advance._normalizer = max_widths[0]
            advance = advance.normalizedValue(max_widths[0])
        widths.append(advance)
    forced = {n for n, g in enumerate(glyphs) if hasattr(g.frag, "lineBreak")}
    lines = []
    for number, (start, end) in enumerate(_line_breaks([str(g) for g in glyphs], widths,
                                                       list(max_widths), forced)):
        width = max_widths[min(number, len(max_widths) - 1)]
        used = sum(widths[start:end])
        lines.append(_paragraph.makeCJKParaLine(glyphs[start:end], width, used, width - used,
                                                (end - 1) in forced, calc_bounds))
    return _paragraph.ParaLines(kind=1, lines=lines)


def _word_split(word, max_widths, font_name, font_size, encoding="utf8"):
    """``textsplit.wordSplit`` (a paragraph of one fragment) with :func:`_line_breaks`."""
    from reportlab.lib.textsplit import getCharWidths

    text = word.decode(encoding) if isinstance(word, bytes) else word
    if not isinstance(max_widths, (list, tuple)):
        max_widths = [max_widths]
    widths = getCharWidths(text, font_name, font_size)
    breaks = _line_breaks(list(text), widths, list(max_widths))
    lines = []
    for number, (start, end) in enumerate(breaks):
        width = max_widths[min(number, len(max_widths) - 1)]
        line = text[start:end] if number == len(breaks) - 1 else text[start:end].strip()
        lines.append([width - sum(widths[start:end]), line])
    return lines


def draw_page_frame(canvas: Canvas, doc: BaseDocTemplate, footer: str, running_head: str) -> None:
    """The page callback every report shares: a rule and the footer line, and from the second
    page on the running head at the top right (the page number is the canvas's, see below)."""
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, FOOTER_Y + 10, PAGE_WIDTH - MARGIN, FOOTER_Y + 10)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    width = PAGE_WIDTH - 2 * MARGIN
    canvas.drawString(MARGIN, FOOTER_Y, fit_line(footer, width - 40, 8))  # room for 「12 / 30」
    if doc.page > 1 and running_head:
        head = fit_line(running_head, width, 8)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN + 8, head)
    canvas.restoreState()


def fit_line(text: str, width: float, size: float, font: str = FONT) -> str:
    """``text`` cut with 「…」 to fit one line of ``width`` points (a very long title or office name)."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if pdfmetrics.stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the bundled fonts once per process (report/fonts.py); returns (regular, bold).

    Also installs the line breaking with 行末禁則 (:func:`_cjk_frag_split`, :func:`_word_split`)
    in reportlab's paragraph module, which looks both up at each call; only CJK-wrapped
    paragraphs use them.
    """
    _paragraph.cjkFragSplit = _cjk_frag_split
    _paragraph.wordSplit = _word_split
    return _register_font_files()


@lru_cache(maxsize=1)
def font_coverage() -> Collection[int]:
    """Code points both bundled faces can draw (the cmap of each, intersected).

    The bundled faces share one cmap (``fonts.CompactTTFontFace``): then its keys, not a copy.
    """
    register_fonts()
    maps = [pdfmetrics.getFont(name).face.charToGlyph for name in FONT_FILES]
    if all(m is maps[0] for m in maps):
        return maps[0].keys()
    return frozenset(set.intersection(*(set(m) for m in maps)))


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
    sheet.add(ParagraphStyle("ClauseMore", parent=sheet["Clause"], firstLineIndent=0))
    sheet.add(ParagraphStyle("ItemMore", parent=base, leftIndent=22, spaceBefore=1))
    sheet.add(ParagraphStyle("SmallPrint", parent=base, fontSize=8, leading=11.5, textColor=MUTED,
                             spaceBefore=8))
    sheet.add(ParagraphStyle("Cell", parent=base, fontSize=9.5, leading=13.5))
    sheet.add(ParagraphStyle("CellStrong", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=14))
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
            self.drawRightString(PAGE_WIDTH - MARGIN, FOOTER_Y,
                                 f"{_full_width(self._pageNumber)} / {_full_width(total)}")
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
        bottomMargin=MARGIN, title=builder.meta(_title_line(report_data)),
        author=builder.meta(_author_line(report_data)),
        subject=builder.meta(f"{report_data.footer.guide_name}に基づく{h.title}"),
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
        return html_escape(value, quote=False)

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

    def meta(self, value: str) -> str:
        """A document property (title, author): substituted like the text, and never unencodable."""
        return _encodable(self._plain(value))

    # -- story -----------------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        story = self._title_block()
        if self.data.plan is not None:
            story += self._plan(self.data.plan)
        if self.data.checklist is not None:
            story += self._checklist(self.data.checklist)
        if self.data.spec is not None:
            story += self._spec(self.data.spec)
        return keep_headings_with_blocks(story)

    def _title_block(self) -> list[Flowable]:
        h = self.data.header
        out: list[Flowable] = [self.para(h.title, "Title")]
        if h.subtitle:
            out.append(self.para(h.subtitle, "Subtitle"))
        else:
            out.append(Spacer(1, 8))
        blank = LABELS["blank"]
        author = f"{h.author}（{h.role}）" if h.author else f"{blank}（{h.role}）"
        # 対象年度 first: the year the plan is for is what a reader (finance, a contractor) looks
        # for; the organisation gets a row of its own, as its name can be long.
        rows = [
            [self.para(LABELS["target_year"], "CellHead"),
             self.para(h.target_year_text or blank, "CellStrong"),
             self.para(LABELS["date"], "CellHead"), self.para(h.date or blank, "Cell")],
            [self.para(LABELS["organisation"], "CellHead"), self.para(h.organisation or blank, "Cell"),
             "", ""],
        ]
        if self.data.layout != "spec":  # the specification names no person (see report.data)
            rows.append([self.para(LABELS["author"], "CellHead"), self.para(author, "Cell"),
                         self.para(LABELS["meeting"], "CellHead"), self.para(h.meeting, "Cell")])
        width = PAGE_WIDTH - 2 * MARGIN
        # A long organisation or author name splits across pages rather than overflowing one.
        table = Table(rows, colWidths=[22 * mm, width / 2 - 22 * mm, 26 * mm, width / 2 - 26 * mm],
                      splitByRow=1, splitInRow=1)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("SPAN", (1, 1), (3, 1)),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (0, -1), BAND),
            ("BACKGROUND", (2, 0), (2, 0), BAND),
            *((("BACKGROUND", (2, 2), (2, 2), BAND),) if len(rows) > 2 else ()),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),  # a row split across pages keeps its label on the first
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        out += [table, Spacer(1, 4)]
        return out

    def heading(self, value: str) -> list[Flowable]:
        # Keep a heading with at least a few lines of what follows it.
        return [CondPageBreak(30 * mm), self.para(value, "Heading")]

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
        out.append(self.keep(self.para(plan.clauses_intro, "Body")))  # with the first clause
        for number, clause in enumerate(plan.clauses, start=1):
            out += self._clause(number, clause.text, f"（{clause.label}）")
        out.append(self.para(plan.clauses_note, "SmallPrint"))

        if plan.notes.strip():  # an empty memo prints nothing (it could take a page of its own)
            out += self.heading(plan.notes_heading)
            out += self.lines(plan.notes, "Body")

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

    def _clause(self, number: int, text: str, source: str) -> list[Flowable]:
        """A numbered clause (１．…), its further lines indented alike, then where it comes from."""
        lines = text.replace("\r\n", "\n").split("\n")
        first = self.para(lines[0], "Clause", f"{_full_width(number)}．")
        rest = [self.para(line, "ClauseMore") for line in lines[1:] if line.strip()]
        # a clause and the line saying where it comes from are read as one: never apart
        return [KeepTogether([first, *rest, self.para(source, "Detail")])]

    def _spec(self, spec: SpecBody) -> list[Flowable]:
        """The clauses as the body (the title names them), then what they rest on."""
        out: list[Flowable] = [Spacer(1, 6), self.keep(self.para(spec.clauses_intro, "Body"))]
        for number, clause in enumerate(spec.clauses, start=1):
            out += self._clause(number, clause.text, self._spec_source(clause))
        out.append(self.para(spec.model_wording, "SmallPrint"))

        out += self.heading(spec.basis_heading)
        out.append(self.para(spec.basis_intro, "Body"))
        out.append(self.para(LABELS["spec_goals"], "Subheading"))
        for goal in spec.goals:
            out += self._item(goal)
        if not spec.goals:
            out.append(self._none())
        out.append(self.para(LABELS["spec_methods"], "Subheading"))
        for group in spec.methods:
            out.append(self.para(group.heading, "Item"))
            for item in group.items:
                out.append(self.para(f"■ {item.label}", "ItemMore"))
        if not spec.methods:
            out.append(self._none())

        if spec.preparation:
            out += self.heading(spec.preparation_heading)
            previous = None
            for row in spec.preparation:
                if row.group != previous:
                    out.append(self.para(row.group, "Subheading"))
                    previous = row.group
                block = [self.para(f"■ {row.label}", "Item")]
                if row.condition:
                    block.insert(0, self.para(f"――{row.condition}", "Condition"))
                for label, value in row.fields:
                    block.append(self.para(f"{label}：", "Detail"))
                    block += self.lines(value, "Note")
                out.append(KeepTogether(block))
        return out

    def _spec_source(self, clause: SpecClause) -> str:
        parts = [clause.source]
        if clause.goals:
            parts.append(f"{LABELS['spec_goals_of']}：{'、'.join(clause.goals)}")
        return f"（{'　'.join(parts)}）"

    def _review(self, review: ReviewEntry) -> list[Flowable]:
        """A review's heading and who took part, kept with the start of its tables, which may
        split between rows (and inside a long row) where the page ends."""
        width = PAGE_WIDTH - 2 * MARGIN
        out: list[Flowable] = [self.para(review.heading, "Subheading")]
        if review.participants:
            out.append(self.keep(self.para(f"{LABELS['participants']}：{review.participants}", "Item")))
        if review.methods:
            rows: list[list] = [[self.para(LABELS["review_methods"], "CellHead"),
                                 self.para(LABELS["status"], "CellHead"),
                                 self.para(LABELS["note"], "CellHead")]]
            for method in review.methods:
                style = "CellHead" if method.status == "done" else "Cell"
                rows.append([self.para(method.label, "Cell"), self.para(method.status_label, style),
                             self.lines(method.note, "Cell") if method.note.strip() else ""])
            table = BodyTable(rows, colWidths=[62 * mm, 20 * mm, width - 82 * mm], repeatRows=1,
                              splitByRow=1, splitInRow=ROW_SPLIT_MIN, hAlign="LEFT", spaceBefore=3)
            table.setStyle(self._grid_style())
            out.append(table)
        details = [(LABELS["effect"], review.effect), *review.figures,
                   (LABELS["next_steps"], review.next_steps)]
        out += self._details(details)
        return [*out, Spacer(1, 6)]

    def _details(self, details: list[tuple[str, str]]) -> list[Flowable]:
        """A review's texts as a table, a banded label beside each given value (none: nothing)."""
        width = PAGE_WIDTH - 2 * MARGIN
        rows = [[self.para(label, "CellHead"), self.lines(value, "Cell")]
                for label, value in details if value.strip()]
        if not rows:
            return []
        table = BodyTable(rows, colWidths=[30 * mm, width - 30 * mm], splitByRow=1,
                          splitInRow=ROW_SPLIT_MIN, hAlign="LEFT", spaceBefore=4)
        style = self._grid_style(header=False)
        style.add("BACKGROUND", (0, 0), (0, -1), BAND)
        table.setStyle(style)
        return [table]

    @staticmethod
    def keep(flowable: Flowable) -> Flowable:
        """Mark a flowable to stay with what follows it (as a heading does)."""
        flowable.keepWithNext = 1
        return flowable

    def _comparison(self, body: ComparisonBody) -> list[Flowable]:
        """Per checkpoint a table: the item with the notes, then 管理者 / 相談員 / 合意 as ○ or －."""
        width = PAGE_WIDTH - 2 * MARGIN
        blank = LABELS["blank"]
        # The heading, the intro and the names go with the first table's first rows.
        out = self.heading(body.heading)
        out.append(self.keep(self.para(body.intro, "Body")))
        out.append(self.keep(self.para(f"{LABELS['manager']}：{body.manager_name or blank}　／　"
                                       f"{LABELS['counselor']}：{body.counselor_name or blank}", "Item")))

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
                agreement = (f"{LABELS['differs_mark']}{item.agreement_label}" if item.differs
                             else item.agreement_label)
                cell: list[Flowable] = [self.para(f"{item.mark}{item.label}", "Cell"),
                                        self.para(agreement, "CellDetail")]
                if item.manager_note.strip():
                    cell.append(self.para(f"{LABELS['manager_note']}：", "CellDetail"))
                    cell += self.lines(item.manager_note, "Cell")
                if item.counselor_note_withheld:
                    cell.append(self.para(f"{LABELS['counselor_note']}：{LABELS['withheld']}", "CellDetail"))
                elif item.counselor_note.strip():
                    cell.append(self.para(f"{LABELS['counselor_note']}：", "CellDetail"))
                    cell += self.lines(item.counselor_note, "Cell")
                rows.append([cell, mark(item.manager), mark(item.counselor), mark(item.agreed)])
            table = BodyTable(rows, colWidths=[width - 54 * mm, 18 * mm, 18 * mm, 18 * mm],
                              repeatRows=1, splitByRow=1, splitInRow=ROW_SPLIT_MIN, hAlign="LEFT")
            style = self._grid_style()
            for index, item in enumerate(checkpoint.items, start=1):
                if item.differs:  # what the two people need to talk about stands out, also in grey
                    style.add("BACKGROUND", (0, index), (-1, index), DIFFER)
                    style.add("LINEBEFORE", (0, index), (0, index), DIFFER_RULE, INK)
            table.setStyle(style)
            out += [title, table, Spacer(1, 4)]
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
        if link.last_review is None:
            return [KeepTogether(block)]
        return [KeepTogether(block), *self._last_review(link.last_review)]

    def _last_review(self, last: LastReviewEntry) -> list[Flowable]:
        """前年度の点検から: each method's status, then 次に変えること (a table like a review's)."""
        width = PAGE_WIDTH - 2 * MARGIN
        out: list[Flowable] = [self.keep(self.para(last.heading, "Subheading"))]
        if last.methods:
            rows: list[list] = [[self.para(LABELS["review_methods"], "CellHead"),
                                 self.para(LABELS["status"], "CellHead")]]
            rows += [[self.para(m.label, "Cell"), self.para(m.status_label, "Cell")]
                     for m in last.methods]
            table = BodyTable(rows, colWidths=[width - 30 * mm, 30 * mm], repeatRows=1, splitByRow=1,
                              splitInRow=ROW_SPLIT_MIN, hAlign="LEFT", spaceBefore=3)
            table.setStyle(self._grid_style())
            out.append(table)
        out += self._details([(LABELS["next_steps"], last.next_changes)])
        return [*out, Spacer(1, 6)]

    def _prep_table(self, plan: PlanBody) -> Table:
        width = PAGE_WIDTH - 2 * MARGIN
        head = [self.para(LABELS["prep_group"], "CellHead"), "",
                self.para(LABELS["prep_item"], "CellHead"), self.para(LABELS["prep_fields"], "CellHead")]
        rows: list[list] = [head]
        continued: dict[int, Flowable] = {}
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
            box = CheckBox(row.checked, top_pad=2)
            rows.append([group, box, label, fields or ""])
            if not group:  # a group that goes on at the top of a page is named there again
                continued[id(box)] = self.para(row.group, "CellDetail")
            previous = row.group
        table = BodyTable(rows, colWidths=[20 * mm, 7 * mm, 62 * mm, width - 89 * mm], repeatRows=1,
                          splitByRow=1, splitInRow=ROW_SPLIT_MIN)
        table.continued_labels = continued
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
            if section.off_paper:
                note = [self.para(body.off_paper_note, "Condition")]
                note += [self.para(f"■ {item.mark}{item.label}", "ItemMore") for item in section.off_paper]
                out.append(KeepTogether(note))
        out.append(self.para(body.additions_note, "SmallPrint"))
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
        table = Table(cells, colWidths=widths, hAlign="LEFT", splitByRow=1, splitInRow=1)
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


def _encodable(value: str) -> str:
    """``value`` with lone surrogates (a broken paste) replaced, so that it can be encoded at all."""
    if value.isascii():
        return value
    return "".join(_substitute_char() if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)


@lru_cache(maxsize=1)
def _substitute_char() -> str:
    return SUBSTITUTE if ord(SUBSTITUTE) in font_coverage() else "?"


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _full_width(number: int) -> str:
    return str(number).translate(_FULL_WIDTH)


__all__ = ["CheckBox", "FONT", "FONT_BOLD", "missing_glyphs", "register_fonts", "render_pdf", "stylesheet"]
