"""地域・組織の集計's files: reading the chosen plans and writing the counts as CSV or PDF.

:class:`SummaryFiles` reads with ``storage.aggregate_folder`` (which never writes a plan) and
writes with ``report.summary``, imported only when the person writes a file (and so reportlab only
for the PDF): opening the aggregation window must stay as light as starting the application.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.plan.aggregate import Aggregation
from supportguide_app.storage import aggregate_folder
from supportguide_app.ui.busy import wait_cursor
from supportguide_app.ui.dialogs import Dialogs

SUMMARY_FILE_STEM = "地域・組織の集計"


class SummaryFiles(QObject):
    written_to = Signal(Path)

    def __init__(self, guide: Guide, dialogs: Dialogs, window: QWidget, *, export_folder: Path) -> None:
        super().__init__(window)
        self._guide = guide
        self._dialogs = dialogs
        self._window = window  # the parent of every dialog
        self.export_folder = export_folder
        self.paths: list[Path] = []
        self.aggregation: Aggregation | None = None
        self.written: list[Path] = []

    def count(self, paths: Sequence[Path], min_group: int) -> Aggregation:
        """Read ``paths`` (folders and/or files) and count their choices."""
        self.paths = [Path(p) for p in paths]
        with wait_cursor():
            self.aggregation = aggregate_folder(self.paths, min_group=min_group, guide=self._guide)
        return self.aggregation

    def _ask_path(self, kind: str) -> Path | None:
        suggested = self.export_folder / f"{SUMMARY_FILE_STEM}_{date.today():%Y%m%d}.{kind}"
        path = self._dialogs.summary_export_path(self._window, suggested, kind)
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

        return self._write(path, lambda: export_summary_pdf(self.aggregation, path, guide=self._guide))

    def _write(self, path: Path, write) -> Path | None:
        from supportguide_app.report.errors import ReportError

        try:
            with wait_cursor():
                write()
        except ReportError as exc:
            self._dialogs.error(self._window, "書き出せませんでした", str(exc))
            return None
        self.export_folder = path.parent
        self.written.append(path)
        self.written_to.emit(path)
        return path
