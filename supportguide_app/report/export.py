"""Export a plan as a PDF file: the one public entry point the window and the CLI call.

reportlab is imported here only inside :func:`export_pdf`, so importing this module stays cheap.
The file is written atomically (a temporary file in the same folder, flushed and synced, then
renamed over the target): a crash or a full disk never leaves half a PDF under the user's name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from supportguide_app.guide import Guide
from supportguide_app.plan.session import Session
from supportguide_app.progress import Cancelled, Progress, report
from supportguide_app.report import prepare_reportlab
from supportguide_app.report.errors import (
    MissingGlyphsError,
    ReportError,
    ReportLayoutError,
    ReportSaveError,
)

FILE_MODE = 0o644  # mkstemp creates 0600; a PDF is for sharing


def export_pdf(session: Session, guide: Guide, out_path: Path | str, *, layout: str = "plan",
               today: date | None = None, substitute: bool = False,
               progress: Progress | None = None) -> Path:
    """Write the session as a PDF (``layout`` "plan" or "checklist") and return the path.

    Raises :class:`MissingGlyphsError` when some text has characters the bundled font cannot draw,
    unless ``substitute`` is true (they then print as 〓), and :class:`ReportSaveError` when the
    file cannot be written. Both carry a short Japanese message for the user.
    ``progress(pages laid out, 0)`` is called as the pages are made and may raise ``Cancelled``;
    the file is written only after the last page, so a cancelled export writes nothing.
    """
    prepare_reportlab()  # before reportlab is first imported
    from supportguide_app.report import pdf  # reportlab is loaded only when a PDF is made
    from supportguide_app.report.data import build_report_data  # not needed to write a file

    out_path = Path(out_path)
    data = build_report_data(session, guide, layout=layout, today=today)
    missing = pdf.missing_glyphs(data)
    if missing and not substitute:
        raise MissingGlyphsError(missing)
    report(progress, 0)
    with layout_errors_as_report_errors():
        content = pdf.render_pdf(data, substitute=substitute, progress=progress)
    write_atomic(out_path, content)
    return out_path


@contextlib.contextmanager
def layout_errors_as_report_errors(what: str = "PDF") -> Iterator[None]:
    """Turn anything rendering raises (reportlab's LayoutError, an encoding error …) into a ReportError.

    The one place the report layer translates foreign failures, so that the window (which catches
    ReportError) and the command line both show a Japanese message, never a traceback or nothing.
    """
    try:
        yield
    except (ReportError, Cancelled):  # a cancel is the person's request, not a failure
        raise
    except (MemoryError, RecursionError, Exception) as exc:
        raise ReportLayoutError(what) from exc


def write_atomic(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` in one step, or leave it as it was and raise."""
    if path.is_symlink():  # replace the file the link points at, not the link
        path = Path(os.path.realpath(path))
    folder = path.parent
    if not folder.is_dir():
        raise ReportSaveError(path, "フォルダがありません")
    if path.exists() and not path.is_file():
        # os.replace would put a regular file where a device, a pipe or a folder was
        raise ReportSaveError(path, "同じ名前のフォルダか、ファイルではないもの（デバイスなど）があります",
                              "別の名前を指定してください。")
    try:
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}.", suffix=".tmp")
    except OSError as exc:
        raise ReportSaveError.from_os_error(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, FILE_MODE)
        os.replace(temp_name, path)
    except BaseException as exc:  # Ctrl+C too: no temporary file is left behind
        with contextlib.suppress(OSError):
            os.remove(temp_name)
        if isinstance(exc, OSError):
            raise ReportSaveError.from_os_error(path, exc) from exc
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
