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
