"""Lay out a 地域・組織の集計 as an A4 PDF: figures, one bar chart per checkpoint, skipped files.

The charts are drawn on reportlab's canvas (:class:`_BarChart`: the drawing operations of
reportlab's ``HorizontalBarChart``, without its widgets): no plotting library is bundled for a few
bars. They use the plan PDF's fonts, stylesheet, colours and numbered canvas, so both documents
look like one application's. A bar runs from 0 to the number of plans read, so its
length is the share of plans that chose the item; a hidden count draws no bar, only 「3未満」.
"""

from __future__ import annotations

import io
from datetime import date

# Not xml.sax.saxutils: it imports urllib.request, http.client and ssl (4.7 MiB, and the network).
from html import escape as html_escape

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from supportguide_app import APP_NAME, __version__
from supportguide_app.guide import Guide
from supportguide_app.plan.aggregate import Aggregation, CountRow
from supportguide_app.plan.dates import to_wareki
from supportguide_app.progress import Progress, report
from supportguide_app.report.pdf import (
    ACCENT,
    BAND,
    FONT,
    INK,
    MARGIN,
    MUTED,
    PAGE_WIDTH,
    RULE,
    _NumberedCanvas,
    _substitute_char,
    draw_page_frame,
    fit_line,
    font_coverage,
    register_fonts,
    stylesheet,
)
from supportguide_app.report.summary_data import SUMMARY_TITLE, count_text, share_text

LABEL_SIZE = 8.5
BAR_ROW = 15  # points per item
VALUE_ROOM = 70  # room right of the longest bar for 「12件（100.0%）」
# A chart is one Drawing, which cannot split: a long list of items continues in further charts of
# at most this many bars (40 × 15 pt and the axis fit any page with a heading above).
BARS_PER_CHART = 40
MAX_LABEL_SHARE = 0.45  # of the width: a longer label (a prefecture's own long ID) is shortened
LABELS = {
    "files": "集計した計画ファイル", "min_group": "最小の集計単位", "skipped": "集計しなかったファイル",
    "output_date": "出力日", "file": "ファイル", "reason": "理由", "count_unit": "件",
    "period": "対象年度", "office": "集計した機関", "blank": "未記入",
    "without_year": "対象年度のない計画", "unknown_group": "このガイドにない項目",
}


def render_summary_pdf(aggregation: Aggregation, guide: Guide, *, today: date,
                       office: str = "", progress: Progress | None = None) -> bytes:
    """The summary as PDF bytes; ``office`` is who aggregated (the PDF's Author);
    ``progress(pages, 0)`` after each page (it may raise ``Cancelled``)."""
    register_fonts()
    office = office.strip()
    builder = _SummaryBuilder(aggregation, guide, today, office, progress)
    buffer = io.BytesIO()
    period = aggregation.period_label()
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title="　".join(p for p in (SUMMARY_TITLE, period, office) if p),
        # A real author: the office that aggregated, else the application that did.
        author=builder.plain(office) if office else APP_NAME,
        subject=f"{guide.info['title']}に基づく計画の集計",
        creator=f"{APP_NAME} {__version__}", lang="ja-JP", displayDocTitle=True, initialFontName=FONT,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=builder.on_page)])
    doc.build(builder.story(), canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


class _SummaryBuilder:
    def __init__(self, aggregation: Aggregation, guide: Guide, today: date, office: str = "",
                 progress: Progress | None = None) -> None:
        self.agg = aggregation
        self._progress = progress
        self.guide = guide
        self.today = today
        self.office = office
        self.styles = stylesheet()
        self.width = PAGE_WIDTH - 2 * MARGIN
        covered = font_coverage()
        self._missing = str.maketrans({
            c: _substitute_char() for c in set("".join(self._texts()))
            if c not in "\n\r\t" and ord(c) not in covered})

    def _texts(self) -> list[str]:
        texts = [s.path.name for s in self.agg.skipped] + [s.reason for s in self.agg.skipped]
        texts.append(self.office)
        texts += [row.title for rows in self.agg.rows.values() for row in rows]
        return texts

    def plain(self, value: str) -> str:
        return value.translate(self._missing)

    def para(self, value: str, style: str) -> Paragraph:
        return Paragraph(html_escape(self.plain(value), quote=False), self.styles[style])

    def on_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        report(self._progress, doc.page)
        draw_page_frame(canvas, doc, f"{LABELS['output_date']} {to_wareki(self.today)}"
                                     f"　「{self.guide.info['title']}」",
                        self.plain("　".join(p for p in (SUMMARY_TITLE, self.office) if p)))

    # -- story -------------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        agg = self.agg
        out: list[Flowable] = [self.para(SUMMARY_TITLE, "Title"), Spacer(1, 8)]
        hidden_note = (f"（1～{agg.min_group - 1}件の項目は「{agg.hidden_label()}」と表示し、"
                       "件数を示しません）" if agg.min_group > 1 else "")
        period = agg.period_label() or LABELS["blank"]
        if agg.without_year and agg.fiscal_years:
            period += f"（{LABELS['without_year']} {agg.without_year}{LABELS['count_unit']}）"
        rows = [
            [self.para(LABELS["period"], "CellHead"), self.para(period, "CellStrong")],
            [self.para(LABELS["office"], "CellHead"), self.para(self.office or LABELS["blank"], "Cell")],
            [self.para(LABELS["files"], "CellHead"), self.para(f"{agg.total}{LABELS['count_unit']}", "Cell")],
            [self.para(LABELS["skipped"], "CellHead"),
             self.para(f"{len(agg.skipped)}{LABELS['count_unit']}", "Cell")],
            [self.para(LABELS["min_group"], "CellHead"),
             self.para(f"{agg.min_group}{LABELS['count_unit']}{hidden_note}", "Cell")],
        ]
        table = Table(rows, colWidths=[44 * mm, self.width - 44 * mm])
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (0, -1), BAND),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        out += [table, Spacer(1, 6)]
        if agg.all_hidden:
            out += self.heading("集計結果")
            out.append(self.para(
                f"集計できた計画ファイルが{agg.min_group}件未満のため、一人ひとりの回答が分からないよう、"
                "件数は表示しません。計画ファイルが集まってから、もう一度集計してください。", "Body"))
        else:
            out.append(self.para("件数は、その項目を選んだ計画ファイルの数です。棒の長さは、集計した計画"
                                 "ファイル全体に占める割合を表します。", "CellDetail"))
            out.append(self.para(f"ガイドにない項目（他の自治体や版の独自の項目）は、{agg.min_group}件以上の"
                                 "ものだけを載せています。", "CellDetail"))
            checkpoints = {c.id: c for c in self.guide.checkpoints}
            for checkpoint, count_rows in agg.rows.items():
                cp = checkpoints[checkpoint]
                out += self.heading(f"{cp.number} {cp.short}")
                if checkpoint != "methods":
                    out += self.charts(count_rows)
                    continue
                # methods under their groups, as the checklist lists them: ア）…, イ）…
                groups: dict[str, list[CountRow]] = {}
                for row in count_rows:
                    groups.setdefault(row.group or LABELS["unknown_group"], []).append(row)
                # one label width for all the groups, so that their bars start in one line
                width = self._label_width(count_rows)
                for group, group_rows in groups.items():
                    out += [self.para(group, "Subheading"), *self.charts(tuple(group_rows), width)]

        if agg.skipped:
            out += self.heading(LABELS["skipped"])
            rows = [[self.para(LABELS["file"], "CellHead"), self.para(LABELS["reason"], "CellHead")]]
            # The file's name only: a full local path tells whose PC and folder the plans came from.
            rows += [[self.para(s.path.name or str(s.path), "Cell"), self.para(s.reason, "Cell")]
                     for s in agg.skipped]
            table = Table(rows, colWidths=[60 * mm, self.width - 60 * mm], repeatRows=1,
                          splitByRow=1, splitInRow=1)
            table.setStyle(TableStyle([
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), BAND),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]))
            out.append(table)
        return out

    def heading(self, value: str) -> list[Flowable]:
        return [CondPageBreak(40 * mm), self.para(value, "Heading")]

    def _label(self, row: CountRow) -> str:
        return fit_line(self.plain(row.title), self.width * MAX_LABEL_SHARE, LABEL_SIZE)

    def _label_width(self, rows: tuple[CountRow, ...]) -> float:
        return max((stringWidth(self._label(row), FONT, LABEL_SIZE) for row in rows), default=0) + 8

    def charts(self, rows: tuple[CountRow, ...], label_width: float | None = None) -> list[Flowable]:
        """The rows' bars, in charts of at most BARS_PER_CHART bars."""
        return [self.chart(rows[start:start + BARS_PER_CHART], label_width)
                for start in range(0, len(rows), BARS_PER_CHART)]

    def chart(self, rows: tuple[CountRow, ...], label_width: float | None = None) -> Flowable:
        """One horizontal bar per item, the first item on top, a value label right of each bar."""
        label_width = label_width or self._label_width(rows)
        rows = tuple(reversed(rows))  # drawn from the bottom up, as reportlab's chart did
        total = max(self.agg.total, 1)
        return _BarChart(self.width, label_width, [self._label(row) for row in rows],
                         [row.count or 0 for row in rows], [self._value_label(row) for row in rows],
                         total, _nice_step(total, self.width - label_width - VALUE_ROOM))

    def _value_label(self, row: CountRow) -> str:
        if row.count is None:
            return count_text(self.agg, row)
        return f"{row.count}{LABELS['count_unit']}（{share_text(row)}）"


class _BarChart(Flowable):
    """Horizontal bars with their value labels, the items' labels left of them and a value axis
    from 0 to the number of plans read below: drawn straight on the canvas.

    These are the drawing operations, in the same order and with the same numbers, of
    reportlab's ``HorizontalBarChart`` in a ``Drawing`` with the settings the summary used
    before (kept in ``tests/report/summary_chart_reference.py``, and compared operation by
    operation in ``tests/report/test_summary.py``): reportlab's chart builds a tree of widgets,
    labels and shapes and renders it node by node, about 90 ms for a summary's charts; the same
    page takes a few milliseconds this way. ``labels``, ``values`` and ``value_labels`` are from
    the bottom up.
    """

    def __init__(self, width: float, label_width: float, labels: list[str], values: list[int],
                 value_labels: list[str], total: int, step: int) -> None:
        super().__init__()
        self.width = width
        self.height = BAR_ROW * len(labels) + 24
        self.label_width = label_width
        self.labels, self.values, self.value_labels = labels, values, value_labels
        self.total, self.step = total, step

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        x0, y0 = self.label_width, _AXIS_Y
        length = self.width - self.label_width - VALUE_ROOM
        top = y0 + BAR_ROW * len(self.labels)
        factor = length / float(self.total)
        ticks = [x0 + factor * (i * self.step) for i in range(int(float(self.total) / self.step) + 1)]

        c.saveState()  # the drawing's initial state, as reportlab's renderer sets it
        c.transform(1, 0, 0, 1, 0, 0)
        _stroke(c, _BLACK, 1)
        c.setFillColor(_BLACK)
        c.setFillAlpha(1)
        _begin_group(c)  # the drawing
        _begin_group(c)  # the chart
        for x in ticks:  # the value axis' grid
            _line(c, BAND, 0.25, x, y0, x, top)
        _begin_group(c)  # the bars
        bar_y = [y0 + BAR_ROW * i + _BAR_OFFSET for i in range(len(self.values))]
        ends = []
        for y, value in zip(bar_y, self.values, strict=True):
            end = x0 + factor * value
            if abs(end - x0) > 1e-7:  # a zero draws no bar, only its label
                _rect(c, ACCENT, x0, y, end - x0, _BAR_WIDTH)
            ends.append(end)
        _begin_group(c)  # their labels
        for y, end, text in zip(bar_y, ends, self.value_labels, strict=True):
            _label(c, INK, LABEL_SIZE, end + 3, y + _BAR_WIDTH / 2.0, 0.0, _MIDDLE_Y, text)
        c.restoreState()
        c.restoreState()
        _begin_group(c)  # the category axis: its line, no ticks, the items' labels
        _begin_group(c)
        _line(c, RULE, 1, x0, y0, x0, top)
        c.restoreState()
        _begin_group(c)
        c.restoreState()
        _begin_group(c)
        for i, text in enumerate(self.labels):
            _label(c, _BLACK, LABEL_SIZE, x0 - 4, y0 + BAR_ROW * i + BAR_ROW * 0.5,
                   -stringWidth(text, FONT, LABEL_SIZE), _MIDDLE_Y, text)
        c.restoreState()
        c.restoreState()
        _begin_group(c)  # the value axis: its line, the ticks below it, their labels
        _begin_group(c)
        _line(c, RULE, 1, x0, y0, x0 + length, y0)
        c.restoreState()
        _begin_group(c)
        for x in ticks:
            _line(c, RULE, 1, x, y0, x, y0 - _TICK)
        c.restoreState()
        _begin_group(c)
        for i, x in enumerate(ticks):
            text = str(i * self.step)
            _label(c, MUTED, _VALUE_SIZE, x, y0 - _TICK, -stringWidth(text, FONT, _VALUE_SIZE) * 0.5,
                   _TOP_Y, text)
        c.restoreState()
        c.restoreState()
        c.restoreState()
        c.restoreState()
        c.restoreState()


_AXIS_Y = 18  # where the value axis runs, above its labels
_BAR_WIDTH = BAR_ROW * 0.6
_BAR_OFFSET = BAR_ROW * 0.4 * 0.5  # half the space between two bars, below each
_VALUE_SIZE = 7  # the value axis' labels
_TICK = 5  # the value axis' ticks, below it
_BLACK = Color(0, 0, 0, 1)
_MIDDLE_Y = LABEL_SIZE * 1.2 * 0.5 - LABEL_SIZE * 1.2 * (LABEL_SIZE / (LABEL_SIZE * 1.2))
_TOP_Y = 0 - _VALUE_SIZE * 1.2 * (_VALUE_SIZE / (_VALUE_SIZE * 1.2))


def _begin_group(c: Canvas) -> None:
    c.saveState()
    c.transform(1, 0, 0, 1, 0, 0)


def _stroke(c: Canvas, color: Color, width: float) -> None:
    c.setStrokeColor(color)
    c.setStrokeAlpha(1)
    c.setLineWidth(width)
    c.setLineCap(0)
    c.setLineJoin(0)
    c.setDash()


def _line(c: Canvas, color: Color, width: float, x1: float, y1: float, x2: float, y2: float) -> None:
    c.saveState()
    _stroke(c, color, width)
    c.line(x1, y1, x2, y2)
    c.restoreState()


def _rect(c: Canvas, color: Color, x: float, y: float, width: float, height: float) -> None:
    c.saveState()
    c.setFillColor(color)
    c.setFillAlpha(1)
    c.setLineWidth(1)
    c.setLineCap(0)
    c.setLineJoin(0)
    c.setDash()
    c.rect(x, y, width, height, stroke=0, fill=1)
    c.restoreState()


def _label(c: Canvas, color: Color, size: float, at_x: float, at_y: float, x: float, y: float,
           text: str) -> None:
    c.saveState()
    c.transform(1.0, 0.0, 0.0, 1.0, at_x, at_y)
    c.saveState()
    c.setFillColor(color)
    c.setFillAlpha(1)
    c.setFont(FONT, size)
    c.setFont(FONT, size)
    c.drawString(x, y, text)
    c.restoreState()
    c.restoreState()


def _nice_step(total: int, length: float | None = None) -> int:
    """An axis step of 1, 2 or 5 × 10ⁿ giving at most ~10 ticks: 1, 2, 5, 10, 20, 50 …

    With the axis' ``length`` (points), also wide enough that the tick labels never touch: at
    10,000 plans ten ticks 25 pt apart ran together as 「0 1000200030004000…」.
    """
    step = 1
    while total / step > 10:
        step = _next_nice(step)
    if length:
        room = stringWidth(str(total), FONT, _VALUE_SIZE) + _TICK_LABEL_GAP
        while step < total and length * step / total < room:
            step = _next_nice(step)
    return step


def _next_nice(step: int) -> int:
    """The step after ``step`` in 1, 2, 5, 10, 20, 50 …"""
    digits = len(str(step)) - 1
    lead = step // 10**digits
    return {1: 2, 2: 5}.get(lead, 10) * 10**digits


_TICK_LABEL_GAP = 4  # points between two of the value axis' labels, at least
