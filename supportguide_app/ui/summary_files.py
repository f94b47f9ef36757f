"""地域・組織の集計's files: reading the chosen plans and writing the counts as CSV or PDF.

:class:`SummaryFiles` reads with ``storage.aggregate_folder`` (which never writes a plan) and
writes with ``report.summary``, imported only when the person writes a file (and so reportlab only
for the PDF): opening the aggregation window must stay as light as starting the application.
Reading and the PDF run on a worker thread with a progress dialog (:class:`BackgroundWork`); a
cancelled reading leaves the window showing what it showed before.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.plan.aggregate import Aggregation
from supportguide_app.progress import Cancelled
from supportguide_app.storage import FolderVanishedError, aggregate_folder
from supportguide_app.ui.background import BackgroundWork, count_text
from supportguide_app.ui.dialogs import Dialogs

SUMMARY_FILE_STEM = "地域・組織の集計"


class SummaryFiles(QObject):
    written_to = Signal(Path)
    status = Signal(str)

    def __init__(self, guide: Guide, dialogs: Dialogs, window: QWidget, *, export_folder: Path) -> None:
        super().__init__(window)
        self.work = BackgroundWork(window)
        self._guide = guide
        self._dialogs = dialogs
        self._window = window  # the parent of every dialog
        self.export_folder = export_folder
        self.paths: list[Path] = []
        self.aggregation: Aggregation | None = None
        self.written: list[Path] = []

    def count(self, paths: Sequence[Path], min_group: int) -> Aggregation | None:
        """Read ``paths`` (folders and/or files) and count their choices.

        Returns None, keeping the last counts and paths, when the person cancelled, or when the
        folder vanished and they chose not to keep what was counted until then.
        """
        paths = [Path(p) for p in paths]
        skipped = []  # appended by the worker as it meets them; read by the dialog's text

        def describe(done: int, total: int) -> str:
            text = count_text(done, total)
            return f"{text}\n読めなかったファイル：{len(skipped)}件" if skipped else text

        def read(progress) -> Aggregation:
            return aggregate_folder(paths, min_group=min_group, guide=self._guide,
                                    progress=progress, on_skipped=skipped.append)

        try:
            aggregation = self.work.run(read, title="地域・組織の集計",
                                        label="計画ファイルを探しています…", describe=describe)
        except Cancelled:
            self.status.emit("集計を取りやめました。表示は前のままです。")
            return None
        except FolderVanishedError as exc:
            partial = exc.partial
            if partial is None or not partial.files_read or not self._dialogs.confirm(
                    self._window, "フォルダが見つかりません",
                    f"{exc.message}\n\nここまでに読めた{partial.total}件だけで集計結果を表示しますか？"
                    "（「いいえ」を選ぶと、表示は前のままです）"):
                self.status.emit("集計を取りやめました。表示は前のままです。")
                return None
            aggregation = partial
        self.paths = paths
        self.aggregation = aggregation
        return aggregation

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

        aggregation = self.aggregation
        return self._write(path, lambda: self.work.run(
            lambda progress: export_summary_pdf(aggregation, path, guide=self._guide, progress=progress),
            title="地域・組織の集計", label="PDFを作っています…", describe=None))

    def _write(self, path: Path, write) -> Path | None:
        from supportguide_app.report.errors import ReportError

        try:
            write()
        except Cancelled:
            self.status.emit("書き出しを取りやめました。ファイルは作っていません。")
            return None
        except ReportError as exc:
            self._dialogs.error(self._window, "書き出せませんでした", str(exc))
            return None
        self.export_folder = path.parent
        self.written.append(path)
        self.written_to.emit(path)
        return path
