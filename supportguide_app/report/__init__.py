"""Reports of a plan: plain ReportData, a PDF with reportlab (imported only at export), text.

``export_pdf`` and ``missing_glyphs`` are imported from ``report.export`` and ``report.pdf`` by
the callers that need them, so that importing this package never loads reportlab.
"""

from supportguide_app.report.data import ReportData, build_report_data
from supportguide_app.report.errors import (
    ClauseTemplateError,
    MissingGlyphsError,
    ReportError,
    ReportSaveError,
    UnknownLayoutError,
)

__all__ = ["ClauseTemplateError", "MissingGlyphsError", "ReportData", "ReportError",
           "ReportSaveError", "UnknownLayoutError", "build_report_data"]
