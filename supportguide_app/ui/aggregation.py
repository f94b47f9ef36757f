"""ツール → 地域・組織の集計: count the choices of many plan files, as bar charts, CSV and PDF.

The window reads the chosen folder or files with ``storage.aggregate_folder`` (which never writes)
and shows the counts as horizontal bars drawn with QPainter: no charting library is bundled for a
few bars. Counts below the minimum group size arrive already hidden (``count`` None) and are shown
as 「3未満」 with no bar. ``report.summary`` (and so reportlab for the PDF) is imported only when the
person writes a file: opening the window must stay as light as starting the application.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supportguide_app.guide.model import Guide
from supportguide_app.plan.aggregate import CHECKPOINT_LABELS, DEFAULT_MIN_GROUP, Aggregation
from supportguide_app.storage import aggregate_folder
from supportguide_app.ui.widgets import card, scroll_area, wrapped_label

SUMMARY_FILE_STEM = "地域・組織の集計"
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


class AggregationWindow(QDialog):
    """Choose plan files, set the minimum group, see the counts, write them as CSV or PDF."""

    def __init__(self, guide: Guide, dialogs, *, start_folder: Path, export_folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("地域・組織の集計")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setObjectName("centre")
        self.guide = guide
        self.dialogs = dialogs
        self.start_folder = start_folder
        self.export_folder = export_folder
        self.paths: list[Path] = []
        self.aggregation: Aggregation | None = None
        self.written: list[Path] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 14)
        outer.setSpacing(10)
        title = wrapped_label("地域・組織の集計", "pageTitle")
        outer.addWidget(title)
        outer.addWidget(wrapped_label(
            "複数の計画ファイルを読み、困難さ・目標・手法がそれぞれいくつの計画で選ばれたかを数えます。"
            "ファイルは読むだけで、変更しません。", "pageIntro"))

        frame, layout = card()
        row = QHBoxLayout()
        row.setSpacing(10)
        self.folder_button = QPushButton("フォルダを選ぶ…")
        self.folder_button.setAccessibleName("集計する計画ファイルのフォルダを選ぶ")
        self.folder_button.setProperty("primary", True)
        self.folder_button.clicked.connect(self._on_folder_clicked)
        self.files_button = QPushButton("ファイルを選ぶ…")
        self.files_button.setAccessibleName("集計する計画ファイルを選ぶ")
        self.files_button.clicked.connect(self._on_files_clicked)
        row.addWidget(self.folder_button)
        row.addWidget(self.files_button)
        row.addStretch(1)
        min_label = QLabel("最小の集計単位")
        self.min_group_spin = QSpinBox()
        self.min_group_spin.setRange(1, 99)
        self.min_group_spin.setValue(DEFAULT_MIN_GROUP)
        self.min_group_spin.setSuffix(" 件")
        self.min_group_spin.setAccessibleName("最小の集計単位（これより少ない件数は表示しません）")
        self.min_group_spin.setMinimumWidth(90)
        min_label.setBuddy(self.min_group_spin)
        self.min_group_spin.valueChanged.connect(self._on_min_group_changed)
        row.addWidget(min_label)
        row.addWidget(self.min_group_spin)
        layout.addLayout(row)
        self.min_group_note = wrapped_label("", "muted")
        layout.addWidget(self.min_group_note)
        self.source_label = wrapped_label("まだ何も選んでいません。", "muted")
        self.source_label.setAccessibleName("集計の対象")
        layout.addWidget(self.source_label)
        self.result_label = wrapped_label("", "sectionTitle")
        self.result_label.setAccessibleName("集計の結果")
        layout.addWidget(self.result_label)
        outer.addWidget(frame)

        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 12, 0)
        charts_layout.setSpacing(12)
        self.hidden_note = wrapped_label("", "hint")
        charts_layout.addWidget(self.hidden_note)
        self.charts: dict[str, BarChart] = {}
        self.chart_frames: dict[str, QWidget] = {}
        for checkpoint, label in CHECKPOINT_LABELS.items():
            chart_frame, chart_layout = card()
            chart_layout.addWidget(wrapped_label(label, "cardTitle"))
            chart = BarChart(f"{label}の集計")
            chart_layout.addWidget(chart)
            self.charts[checkpoint] = chart
            self.chart_frames[checkpoint] = chart_frame
            charts_layout.addWidget(chart_frame)
        # The skipped files scroll with the charts: a long list must not squeeze the charts away.
        self.skipped_frame, skipped_layout = card("gapCard")
        self.skipped_title = wrapped_label("", "cardTitle")
        skipped_layout.addWidget(self.skipped_title)
        self.skipped_list = QListWidget()
        self.skipped_list.setAccessibleName("集計しなかったファイルと理由")
        self.skipped_list.setWordWrap(True)
        self.skipped_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.skipped_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        skipped_layout.addWidget(self.skipped_list)
        charts_layout.addWidget(self.skipped_frame)
        charts_layout.addStretch(1)
        outer.addWidget(scroll_area(charts, "集計のグラフ"), 1)

        buttons = QHBoxLayout()
        self.csv_button = QPushButton("CSVに書き出す…")
        self.csv_button.setAccessibleName("集計をCSVに書き出す")
        self.csv_button.setToolTip("Excelで開けるCSVファイル（UTF-8、BOM付き）に書き出します")
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.pdf_button = QPushButton("PDFに書き出す…")
        self.pdf_button.setAccessibleName("集計をPDFに書き出す")
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.status_label = wrapped_label("", "muted")
        close = QPushButton("閉じる")
        close.clicked.connect(self.close)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(close)
        outer.addLayout(buttons)
        self.resize(980, 760)
        self._show()

    # -- choosing and counting ------------------------------------------------------------------------
    def _on_folder_clicked(self) -> None:
        folder = self.dialogs.aggregation_folder(self, self._folder())
        if folder is not None:
            self.aggregate([folder])

    def _on_files_clicked(self) -> None:
        files = self.dialogs.aggregation_files(self, self._folder())
        if files:
            self.aggregate(files)

    def _folder(self) -> Path:
        if self.paths:
            first = self.paths[0]
            return first if first.is_dir() else first.parent
        return self.start_folder

    def _on_min_group_changed(self, _value: int) -> None:
        if self.paths:
            self.aggregate(self.paths)
        else:
            self._show()

    def aggregate(self, paths: Sequence[Path]) -> Aggregation:
        """Read ``paths`` (folders and/or files) and show their counts."""
        self.paths = [Path(p) for p in paths]
        with _wait_cursor():
            self.aggregation = aggregate_folder(self.paths, min_group=self.min_group_spin.value(),
                                                guide=self.guide)
        self._show()
        return self.aggregation

    def _show(self) -> None:
        agg = self.aggregation
        minimum = self.min_group_spin.value()
        self.min_group_note.setText(
            f"{minimum}件より少ない件数は「{minimum}未満」と表示します（一人ひとりの計画が推測されないように）。")
        if self.paths:
            shown = "、".join(p.name or str(p) for p in self.paths[:3])
            more = f" ほか{len(self.paths) - 3}件" if len(self.paths) > 3 else ""
            self.source_label.setText(f"対象：{shown}{more}")
            self.source_label.setToolTip("\n".join(str(p) for p in self.paths))
        has_data = agg is not None
        skipped = agg.skipped if agg else ()
        result = f"集計した計画ファイル：{agg.total}件" if agg else ""
        if skipped:
            result += f"　集計しなかったファイル：{len(skipped)}件（理由はグラフの下にあります）"
        self.result_label.setText(result)
        self.skipped_title.setText(f"集計しなかったファイル：{len(skipped)}件")
        self.skipped_list.clear()
        for entry in skipped:
            item = QListWidgetItem(f"{entry.path.name}：{entry.reason}")
            item.setToolTip(str(entry.path))
            self.skipped_list.addItem(item)
        self.skipped_frame.setVisible(bool(skipped))
        self._fit_skipped_list()
        if agg is None:
            self.hidden_note.setText("「フォルダを選ぶ」か「ファイルを選ぶ」で、集計する計画ファイルを選んでください。")
        elif agg.all_hidden:
            self.hidden_note.setText(
                f"読めた計画が{agg.total}件で、最小の集計単位（{agg.min_group}件）より少ないため、"
                "件数はすべて表示していません。")
        else:
            self.hidden_note.setText("")
        self.hidden_note.setVisible(bool(self.hidden_note.text()))
        for checkpoint, chart in self.charts.items():
            chart.set_rows(chart_rows(agg, checkpoint) if agg else [])
            self.chart_frames[checkpoint].setVisible(has_data)
        self.csv_button.setEnabled(has_data)
        self.pdf_button.setEnabled(has_data)

    def _fit_skipped_list(self) -> None:
        # As tall as its rows (the surrounding area scrolls), so no reason is cut off.
        if not hasattr(self, "skipped_list"):
            return  # a style event while the window is still being built
        self.skipped_list.doItemsLayout()
        rows = sum(self.skipped_list.visualItemRect(self.skipped_list.item(i)).height()
                   for i in range(self.skipped_list.count()))
        self.skipped_list.setFixedHeight(rows + 2 * self.skipped_list.frameWidth() + 8)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_skipped_list()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_skipped_list()

    # -- writing ----------------------------------------------------------------------------------------
    def _ask_path(self, kind: str) -> Path | None:
        suggested = self.export_folder / f"{SUMMARY_FILE_STEM}_{date.today():%Y%m%d}.{kind}"
        path = self.dialogs.summary_export_path(self, suggested, kind)
        if path is None:
            return None
        path = Path(path)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(f"{path.name}.{kind}")
        return path

    def export_csv(self) -> Path | None:
        if self.aggregation is None:
            return None
        path = self._ask_path("csv")
        if path is None:
            return None
        from supportguide_app.report.summary import write_summary_csv  # only when asked

        return self._write(path, lambda: write_summary_csv(self.aggregation, path))

    def export_pdf(self) -> Path | None:
        if self.aggregation is None:
            return None
        path = self._ask_path("pdf")
        if path is None:
            return None
        from supportguide_app.report.summary import export_summary_pdf  # loads reportlab

        return self._write(path, lambda: export_summary_pdf(self.aggregation, path, guide=self.guide))

    def _write(self, path: Path, write) -> Path | None:
        from supportguide_app.report.errors import ReportError

        try:
            with _wait_cursor():
                write()
        except ReportError as exc:
            self.dialogs.error(self, "書き出せませんでした", str(exc))
            return None
        self.export_folder = path.parent
        self.written.append(path)
        self.status_label.setText(f"「{path.name}」に書き出しました。")
        return path


@contextmanager
def _wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
