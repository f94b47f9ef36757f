"""The wizard's pages: their IDs in one IntEnum and their order in one tuple."""

from __future__ import annotations

from enum import IntEnum


class PageId(IntEnum):
    START = 0
    DIFFICULTIES = 1
    GOALS = 2
    METHODS = 3
    PREPARATION = 4
    CLAUSES = 5
    SUMMARY = 6
    REVIEW = 7  # 点検: step 3 of the guide, after the plan is in place
    COMPARISON = 8  # 見方の比較と合意: a 1on1 only (main_window skips it otherwise)


# The order of the steps; main_window builds the step list and the stack from this alone. The
# numbers shown in the step list are positions among the steps that apply, not these values.
PAGE_ORDER = (PageId.START, PageId.DIFFICULTIES, PageId.GOALS, PageId.METHODS, PageId.COMPARISON,
              PageId.PREPARATION, PageId.CLAUSES, PageId.SUMMARY, PageId.REVIEW)

_CHECKPOINT_PAGES = {"difficulties": PageId.DIFFICULTIES, "goals": PageId.GOALS,
                     "methods": PageId.METHODS}
_FIELD_PAGES = {"title": PageId.START, "organisation": PageId.START, "author": PageId.START,
                "role": PageId.START, "date": PageId.START, "meeting": PageId.START,
                "notes": PageId.SUMMARY, "example": PageId.METHODS, "prep": PageId.PREPARATION,
                "clause": PageId.CLAUSES, "review": PageId.REVIEW}


def page_for_path(path: tuple[str, ...]) -> PageId | None:
    """The step where the session value at ``path`` is edited (undo and redo go there), or None."""
    if not path:
        return None
    head = path[0]
    if head == "selection":
        return _CHECKPOINT_PAGES.get(path[1])
    if head == "view":
        if len(path) > 2 and path[2] in _CHECKPOINT_PAGES:
            return _CHECKPOINT_PAGES[path[2]]
        return PageId.COMPARISON if path[2:3] in (("consent",), ("note_consent",)) else None
    return _FIELD_PAGES.get(head)
