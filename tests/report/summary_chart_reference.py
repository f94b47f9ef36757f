"""FROZEN: the summary's bar chart as ``report/summary_pdf.py`` drew it before issue 16's third
round (reportlab's ``HorizontalBarChart`` in a ``Drawing``), kept only as the reference its
canvas-drawn replacement is compared with, operation by operation (``test_summary.py``).
Do not edit, but for the one setting that changed since: the value axis' step takes the axis'
length (``_nice_step(total, bc.width)``), so that its labels never touch.
"""
# ruff: noqa

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing

from supportguide_app.report.pdf import ACCENT, BAND, FONT, INK, MUTED, RULE
from supportguide_app.report.summary_pdf import BAR_ROW, LABEL_SIZE, VALUE_ROOM, _nice_step


def chart(self, rows, label_width=None):
    """``_SummaryBuilder.chart`` as it was (``self`` is the builder)."""
    label_width = label_width or self._label_width(rows)
    rows = tuple(reversed(rows))  # reportlab draws the first category at the bottom
    labels = [self._label(row) for row in rows]
    height = BAR_ROW * len(rows) + 24
    drawing = Drawing(self.width, height, initialFontName=FONT, initialFontSize=LABEL_SIZE)
    bc = HorizontalBarChart()
    bc.x = label_width
    bc.y = 18
    bc.width = self.width - label_width - VALUE_ROOM
    bc.height = BAR_ROW * len(rows)
    bc.data = [[row.count or 0 for row in rows]]
    bc.barLabelFormat = "values"
    bc.barLabelArray = [[self._value_label(row) for row in rows]]
    bc.barLabels.fontName = FONT
    bc.barLabels.fontSize = LABEL_SIZE
    bc.barLabels.fillColor = INK
    bc.barLabels.boxAnchor = "w"
    bc.barLabels.dx = 3
    bc.bars[0].fillColor = ACCENT
    bc.bars[0].strokeColor = None
    bc.barWidth = BAR_ROW * 0.6
    bc.groupSpacing = BAR_ROW * 0.4
    bc.categoryAxis.categoryNames = labels
    bc.categoryAxis.labels.fontName = FONT
    bc.categoryAxis.labels.fontSize = LABEL_SIZE
    bc.categoryAxis.labels.boxAnchor = "e"
    bc.categoryAxis.labels.dx = -4
    bc.categoryAxis.strokeColor = RULE
    bc.categoryAxis.tickLeft = 0
    total = max(self.agg.total, 1)
    bc.valueAxis.valueMin = 0
    bc.valueAxis.valueMax = total
    bc.valueAxis.valueStep = _nice_step(total, bc.width)
    bc.valueAxis.labels.fontName = FONT
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.labels.fillColor = MUTED
    bc.valueAxis.strokeColor = RULE
    bc.valueAxis.visibleGrid = 1
    bc.valueAxis.gridStrokeColor = BAND
    bc.valueAxis.labelTextFormat = "%d"
    drawing.add(bc)
    return drawing
