"""The wizard's pages: their IDs in one IntEnum, their order in one tuple, their titles in the step
list, and where each page's class lives.

The classes are imported when a step is first built (:func:`page_class`), not at start-up: only
はじめに is on screen when the window first appears, and importing every step's module before it
cost the window's start (issue 16).
"""

from __future__ import annotations

from enum import IntEnum
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from supportguide_app.guide.model import Guide


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

# PageId → (module under supportguide_app.ui.pages, class name).
PAGE_CLASS_NAMES = {
    PageId.START: ("start", "StartPage"), PageId.DIFFICULTIES: ("difficulties", "DifficultiesPage"),
    PageId.GOALS: ("goals", "GoalsPage"), PageId.METHODS: ("methods", "MethodsPage"),
    PageId.PREPARATION: ("preparation", "PreparationPage"), PageId.CLAUSES: ("clauses", "ClausesPage"),
    PageId.SUMMARY: ("summary", "SummaryPage"), PageId.REVIEW: ("review", "ReviewPage"),
    PageId.COMPARISON: ("comparison", "ComparisonPage"),
}

# The step list's titles (a line break where the list may wrap); the checkpoints' come from the guide.
_STEP_TITLES = {
    PageId.START: "はじめに",
    PageId.PREPARATION: "取組の準備",
    PageId.CLAUSES: "委託仕様書に\n盛り込む事項",
    PageId.SUMMARY: "まとめ",
    PageId.REVIEW: "点検\n（ステップ３）",
    PageId.COMPARISON: "見方の比較と合意\n（1on1）",
}


def step_title(page_id: PageId, guide: Guide) -> str:
    """The step's title in the step list; a checkpoint's number and short title are the guide's."""
    checkpoint_id = _PAGE_CHECKPOINTS.get(page_id)
    if checkpoint_id is None:
        return _STEP_TITLES[page_id]
    checkpoint = guide.checkpoint(checkpoint_id)
    return f"チェックポイント{checkpoint.number.strip('＜＞')}\n{checkpoint.short}"


def page_class(page_id: PageId) -> type:
    """The class of a step's page (a ``pages.base.Page``), its module imported on first use."""
    module, name = PAGE_CLASS_NAMES[page_id]
    return getattr(import_module(f"{__name__}.{module}"), name)


_CHECKPOINT_PAGES = {"difficulties": PageId.DIFFICULTIES, "goals": PageId.GOALS,
                     "methods": PageId.METHODS}
_PAGE_CHECKPOINTS = {page: checkpoint for checkpoint, page in _CHECKPOINT_PAGES.items()}
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
