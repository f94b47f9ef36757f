"""ツール → 地域・組織の集計: count the choices of many plan files, as bar charts, CSV and PDF.

The window lays out the choice of plans, the minimum group and the charts (bar_chart.py); reading
the plans and writing the CSV and PDF are :class:`SummaryFiles`' (summary_files.py), which never
writes a plan and imports reportlab only when the person writes a PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supportguide_app.guide.model import Guide
from supportguide_app.plan.aggregate import CHECKPOINT_LABELS, DEFAULT_MIN_GROUP, Aggregation
from supportguide_app.ui.bar_chart import BarChart, chart_rows
from supportguide_app.ui.summary_files import SummaryFiles
from supportguide_app.ui.widgets import SpinBox, card, scroll_area, wrapped_label


class AggregationWindow(QDialog):
    """Choose plan files, set the minimum group, see the counts, write them as CSV or PDF."""

    def __init__(self, guide: Guide, dialogs, *, start_folder: Path, export_folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("地域・組織の集計")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setObjectName("centre")
        self.dialogs = dialogs
        self.start_folder = start_folder
        self.files = SummaryFiles(guide, dialogs, self, export_folder=export_folder)
        self.files.written_to.connect(
            lambda path: self.status_label.setText(f"「{path.name}」に書き出しました。"))
        self.files.status.connect(lambda text: self.status_label.setText(text))
        self.work = self.files.work
        self._close_after_work = False
        self.work.busy_changed.connect(self._on_work_busy_changed)

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
        self.min_group_spin = SpinBox()
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
        self.csv_button.clicked.connect(lambda: self.files.export_csv())
        self.pdf_button = QPushButton("PDFに書き出す…")
        self.pdf_button.setAccessibleName("集計をPDFに書き出す")
        self.pdf_button.clicked.connect(lambda: self.files.export_pdf())
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
        if self.files.paths:
            first = self.files.paths[0]
            return first if first.is_dir() else first.parent
        return self.start_folder

    def _on_min_group_changed(self, _value: int) -> None:
        if self.files.paths:
            self.aggregate(self.files.paths)
        else:
            self._show()

    def aggregate(self, paths: Sequence[Path]) -> Aggregation | None:
        """Read ``paths`` (folders and/or files) and show their counts (None: cancelled, as it was)."""
        self.status_label.setText("")
        aggregation = self.files.count(paths, self.min_group_spin.value())
        if aggregation is None and self.files.aggregation is not None:
            # The spin box may have moved before the cancelled count: show what the counts are of.
            self.min_group_spin.blockSignals(True)
            self.min_group_spin.setValue(self.files.aggregation.min_group)
            self.min_group_spin.blockSignals(False)
        self._show()
        return aggregation

    def _show(self) -> None:
        agg = self.files.aggregation
        paths = self.files.paths
        minimum = self.min_group_spin.value()
        self.min_group_note.setText(
            f"{minimum}件より少ない件数は「{minimum}未満」と表示します（一人ひとりの計画が推測されないように）。")
        if paths:
            shown = "、".join(p.name or str(p) for p in paths[:3])
            more = f" ほか{len(paths) - 3}件" if len(paths) > 3 else ""
            self.source_label.setText(f"対象：{shown}{more}")
            self.source_label.setToolTip("\n".join(str(p) for p in paths))
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

    # -- long work ---------------------------------------------------------------------------------------
    def _on_work_busy_changed(self, busy: bool) -> None:
        for widget in (self.folder_button, self.files_button, self.min_group_spin):
            widget.setEnabled(not busy)
        if busy:
            self.csv_button.setEnabled(False)
            self.pdf_button.setEnabled(False)
        else:
            has_data = self.files.aggregation is not None
            self.csv_button.setEnabled(has_data)
            self.pdf_button.setEnabled(has_data)
            if self._close_after_work:
                self._close_after_work = False
                QTimer.singleShot(0, self.close)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if self.work.is_running():
            event.ignore()
            if self.dialogs.confirm(self, "集計を取りやめますか", "集計の途中です。取りやめて閉じますか？"):
                self._close_after_work = True
                self.work.cancel()
            return
        super().closeEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_skipped_list()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_skipped_list()
