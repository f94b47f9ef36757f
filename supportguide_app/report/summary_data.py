"""The words and figures of a 地域・組織の集計, shared by its CSV and its PDF.

This is the data side of the summary: ``summary.py`` (CSV and the entry points) and
``summary_pdf.py`` (the layout) both import it, and it imports neither, so the dependencies run
one way, as ``report/data.py`` → ``report/pdf.py`` do for the plan.
"""

from __future__ import annotations

from supportguide_app.plan.aggregate import CHECKPOINT_LABELS, Aggregation, CountRow

SUMMARY_TITLE = "地域・組織の集計"


def count_text(aggregation: Aggregation, row: CountRow) -> str:
    """「5」, or 「3未満」 for a hidden count."""
    return aggregation.hidden_label() if row.count is None else str(row.count)


def share_text(row: CountRow) -> str:
    """「41.7%」 (Excel reads it as a percentage), or "" for a hidden count."""
    return "" if row.share is None else f"{row.share * 100:.1f}%"


def summary_rows(aggregation: Aggregation) -> list[tuple[str, str, str, str, str]]:
    """One row per item after the header: 区分, ID, 項目 (mark and label), 件数, 割合."""
    return [(CHECKPOINT_LABELS[checkpoint], row.id, row.title, count_text(aggregation, row),
             share_text(row))
            for checkpoint, rows in aggregation.rows.items() for row in rows]
