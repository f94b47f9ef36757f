"""地域・組織の集計 as a CSV for Excel and a PDF with charts; the entry points the CLI calls.

The CSV is what Excel on a Japanese Windows opens correctly by double-click: UTF-8 *with* a byte
order mark (without it Excel reads cp932 and garbles every label), CRLF line ends, one header
row. Counts that are hidden for privacy read 「3未満」 and have no share. reportlab is imported
only inside :func:`export_summary_pdf`. Both files are written atomically, like the plan PDF.
The words and figures both show come from ``summary_data.py``; the layout is ``summary_pdf.py``.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from supportguide_app.guide import Guide, load_guide
from supportguide_app.plan.aggregate import Aggregation
from supportguide_app.progress import Progress
from supportguide_app.report import prepare_reportlab
from supportguide_app.report.export import layout_errors_as_report_errors, write_atomic
from supportguide_app.report.summary_data import summary_rows

CSV_HEADER = ("区分", "ID", "項目", "件数", "割合")


# A cell starting with one of these is a formula to Excel (=HYPERLINK(…), @SUM(…), +cmd|…): an ID
# or label from another office's plan must never run as one (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: str) -> str:
    """``value`` safe for a spreadsheet: a leading formula character is neutralised with ``'``."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def summary_csv_bytes(aggregation: Aggregation) -> bytes:
    """The CSV file's bytes: UTF-8 with BOM, CRLF."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(tuple(csv_cell(cell) for cell in row) for row in summary_rows(aggregation))
    return buffer.getvalue().encode("utf-8-sig")


def write_summary_csv(aggregation: Aggregation, path: Path | str) -> Path:
    """Write the counts as a CSV Excel opens correctly; raises ReportSaveError when it cannot."""
    path = Path(path)
    write_atomic(path, summary_csv_bytes(aggregation))
    return path


def summary_pdf_bytes(aggregation: Aggregation, *, guide: Guide | None = None,
                      today: date | None = None, office: str = "",
                      progress: Progress | None = None) -> bytes:
    """The summary PDF (title, 対象年度, figures, one bar chart per checkpoint, skipped files).

    ``office`` is the office that aggregated: printed under the title and the PDF's Author.
    Characters the bundled font cannot draw (in a file name or a prefecture's own ID) print as 〓
    rather than stopping the summary; any other failure to lay it out is a ReportLayoutError.
    ``progress(pages, 0)`` is called after each page (it may raise ``Cancelled``).
    """
    prepare_reportlab()  # before reportlab is first imported
    from supportguide_app.report import summary_pdf  # reportlab is loaded only when a PDF is made

    with layout_errors_as_report_errors("集計のPDF"):
        return summary_pdf.render_summary_pdf(aggregation, guide or load_guide(),
                                              today=today or date.today(), office=office,
                                              progress=progress)


def export_summary_pdf(aggregation: Aggregation, path: Path | str, *, guide: Guide | None = None,
                       today: date | None = None, office: str = "",
                       progress: Progress | None = None) -> Path:
    """Write :func:`summary_pdf_bytes` atomically; raises ReportSaveError when it cannot be
    written (and writes nothing when ``progress`` raises ``Cancelled``)."""
    path = Path(path)
    write_atomic(path, summary_pdf_bytes(aggregation, guide=guide, today=today, office=office,
                                         progress=progress))
    return path
