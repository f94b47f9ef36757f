"""PDFに書き出す and テキストとしてコピー: the plan leaves the window as a PDF or as plain text.

:class:`PlanExporter` gets the session editor, the guide, the settings (last layout and folder)
and the dialogs helper; it reports what it did through :attr:`PlanExporter.status`. The report
modules are imported only when asked, so starting the window never loads reportlab. The PDF is
made on a worker thread (:class:`BackgroundWork`): a plan with very long notes takes seconds,
counted in pages, and can be cancelled before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.progress import Cancelled
from supportguide_app.report.errors import MissingGlyphsError, ReportError, ReportSaveError
from supportguide_app.ui.background import BackgroundWork
from supportguide_app.ui.busy import documents_folder
from supportguide_app.ui.dialogs import Dialogs
from supportguide_app.ui.settings import AppSettings
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.views import entering_role


class PlanExporter(QObject):
    status = Signal(str, int)  # a message for the status bar, and how long it stays (ms)

    def __init__(self, guide: Guide, editor: SessionEditor, settings: AppSettings, dialogs: Dialogs,
                 window: QWidget, *, work: BackgroundWork | None = None) -> None:
        super().__init__(window)
        self.work = work or BackgroundWork(window)
        self._guide = guide
        self._editor = editor
        self._settings = settings
        self._dialogs = dialogs
        self._window = window  # the parent of every dialog

    def export_pdf(self) -> Path | None:
        """PDFに書き出す: layout, file, then the PDF; returns its path, or None when not written."""
        session = self._editor.session
        layout = self._choose_layout(self._dialogs.ask_pdf_layout)
        if layout is None:
            return None
        from supportguide_app.report.text import default_pdf_name  # imports report.data: not at start

        name = default_pdf_name(session, layout)  # 支援者支援計画_令和９年度_…[_仕様書添付用].pdf
        folder = self._settings.export_folder() or documents_folder()
        path = self._dialogs.export_path(self._window, folder / name)
        if path is None:
            return None
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        from supportguide_app.report.export import export_pdf  # loads reportlab: only when asked

        def export(substitute: bool) -> None:
            self.work.run(lambda progress: export_pdf(session, self._guide, path, layout=layout,
                                                      substitute=substitute, progress=progress),
                          title="PDFに書き出す", label=f"「{path.name}」を作っています…",
                          describe=_pages_text)

        try:
            try:
                export(False)
            except MissingGlyphsError as exc:
                if not self._dialogs.ask_substitute_glyphs(self._window, exc.characters):
                    self.status.emit("PDFの書き出しを取りやめました。", 5000)
                    return None
                export(True)
        except Cancelled:
            self.status.emit("PDFの書き出しを取りやめました。ファイルは作っていません。", 8000)
            return None
        except ReportSaveError as exc:
            self._dialogs.error(self._window, "PDFを保存できませんでした", str(exc))
            return None
        except ReportError as exc:
            self._dialogs.error(self._window, "PDFを作れませんでした", str(exc))
            return None
        self._settings.set_export_folder(path.parent)
        self.status.emit(f"「{path.name}」に書き出しました。", 8000)
        if (self._dialogs.ask_open_pdf(self._window, path)
                and not self._dialogs.open_local_file(path)):
            self._dialogs.warning(self._window, "PDFを開けませんでした",
                                  f"PDFを表示するアプリが見つかりませんでした。\n{path}")
        return path

    def copy_as_text(self) -> bool:  # fast (no layout): stays on the window's thread
        """テキストとしてコピー: one layout as plain text on the clipboard, for Word or an e-mail."""
        layout = self._choose_layout(self._dialogs.ask_text_layout)
        if layout is None:
            return False
        try:
            from supportguide_app.report.text import report_as_text

            text = report_as_text(self._editor.session, self._guide, layout)
        except ReportError as exc:
            self._dialogs.error(self._window, "コピーできませんでした", str(exc))
            return False
        QGuiApplication.clipboard().setText(text)
        self._copied = text
        self.status.emit("計画をテキストとしてコピーしました。Wordやメールに貼り付けられます。", 8000)
        return True

    def _choose_layout(self, ask) -> str | None:
        """The layout the person chooses (remembered for next time), or None: cancelled, or not
        now (see :meth:`_may_export`)."""
        if not self._may_export():
            return None
        layout = ask(self._window, self._settings.export_layout())
        if layout is not None:
            self._settings.set_export_layout(layout)
        return layout
    def forget(self) -> None:
        """閉じる or quitting: take our plan text off the clipboard (if it is still ours) and forget
        the export folder, so the next person at a shared laptop finds neither."""
        clipboard = QGuiApplication.clipboard()
        if getattr(self, "_copied", None) and clipboard.text() == self._copied:
            clipboard.clear()
        self._copied = None
        self._settings.clear_export_folder()

    def _may_export(self) -> bool:
        """Not while one person of a 1on1 is entering: the export would show the other's view."""
        session = self._editor.session
        if entering_role(session) is None or not session.has_views():
            return True
        self._dialogs.warning(
            self._window, "いまは書き出せません",
            "管理者と相談員の見方を入力している間は、PDFやテキストにできません"
            "（もう一人の見方が見えてしまうためです）。\n両方の入力が終わってから書き出してください。")
        return False


def _pages_text(pages: int, _total: int) -> str:
    """The PDF's progress: its pages are not known until the last is laid out."""
    return f"{pages}ページ目を作っています…" if pages else "PDFの準備をしています…"
