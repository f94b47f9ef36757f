"""The bars of 地域・組織の集計, drawn with QPainter: no charting library is bundled for a few bars.

Counts below the minimum group size arrive already hidden (``count`` None) and are shown as
「3未満」 with no bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from supportguide_app.plan.aggregate import Aggregation

BAR_COLOUR = QColor("#1b5e9e")
TRACK_COLOUR = QColor("#e8edf3")
TEXT_COLOUR = QColor("#1f2328")
MUTED_COLOUR = QColor("#4f5963")


@dataclass(frozen=True)
class ChartRow:
    """One bar: the guide's mark and label, the count (None when hidden) and the text beside it."""

    label: str
    count: int | None
    share: float | None
    value_text: str

    @property
    def hidden(self) -> bool:
        return self.count is None


def chart_rows(aggregation: Aggregation, checkpoint: str) -> list[ChartRow]:
    """The rows of one checkpoint's chart: 「5件（41.7%）」, or 「3未満」 for a hidden count."""
    rows = []
    for row in aggregation.rows.get(checkpoint, ()):
        if row.count is None:
            text = aggregation.hidden_label()
        else:
            text = f"{row.count}件（{(row.share or 0) * 100:.1f}%）"
        rows.append(ChartRow(row.title, row.count, row.share, text))
    return rows


class BarChart(QWidget):
    """Horizontal bars, one per item; a bar's full length is every plan read (its share).

    Labels wrap instead of being cut off: the label column takes what the longest label needs, up
    to half of the width, and a row grows to the label's wrapped height.
    """

    PADDING = 4
    GAP = 10

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.rows: list[ChartRow] = []
        sizing = self.sizePolicy()
        sizing.setHeightForWidth(True)
        self.setSizePolicy(sizing)
        self.setMinimumWidth(360)

    def set_rows(self, rows: Sequence[ChartRow]) -> None:
        self.rows = list(rows)
        self.setAccessibleDescription("、".join(f"{r.label}：{r.value_text}" for r in self.rows))
        self.updateGeometry()
        self.update()

    # -- geometry -------------------------------------------------------------------------------------
    def _columns(self, width: int) -> tuple[int, int, int]:
        """(label width, bar start, bar width) for a widget ``width`` wide."""
        fm = QFontMetrics(self.font())
        natural = max((fm.horizontalAdvance(r.label) for r in self.rows), default=0) + 4
        label_width = max(80, min(natural, width // 2))
        value_room = fm.horizontalAdvance("9999件（100.0%）") + self.GAP
        bar_start = label_width + self.GAP
        return label_width, bar_start, max(20, width - bar_start - value_room)

    def _row_heights(self, width: int) -> list[int]:
        fm = QFontMetrics(self.font())
        label_width = self._columns(width)[0]
        heights = []
        for row in self.rows:
            box = fm.boundingRect(QRect(0, 0, label_width, 10000), Qt.TextFlag.TextWordWrap, row.label)
            heights.append(max(fm.height(), box.height()) + 2 * self.PADDING)
        return heights

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return sum(self._row_heights(width)) + 2

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(560, self.heightForWidth(560))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(360, self.heightForWidth(max(self.width(), 360)))

    # -- painting -------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        fm = QFontMetrics(self.font())
        width = self.width()
        label_width, bar_start, bar_width = self._columns(width)
        y = 1
        for row, height in zip(self.rows, self._row_heights(width), strict=True):
            painter.setPen(TEXT_COLOUR)
            painter.drawText(QRect(0, y + self.PADDING, label_width, height - 2 * self.PADDING),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                             | Qt.TextFlag.TextWordWrap, row.label)
            bar_height = min(fm.height(), height - 2 * self.PADDING)
            bar_top = y + (height - bar_height) // 2
            text_left = bar_start
            if not row.hidden:
                painter.fillRect(QRect(bar_start, bar_top, bar_width, bar_height), TRACK_COLOUR)
                length = round(bar_width * (row.share or 0))
                if length > 0:
                    painter.fillRect(QRect(bar_start, bar_top, length, bar_height), BAR_COLOUR)
                text_left = bar_start + bar_width + self.GAP // 2
            painter.setPen(MUTED_COLOUR if row.hidden or not row.count else TEXT_COLOUR)
            painter.drawText(QRect(text_left, y, width - text_left, height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, row.value_text)
            y += height
        painter.end()
