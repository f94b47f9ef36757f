"""地域・組織の集計: how often each difficulty, goal and method was chosen across many plans.

Prefectural centres back their municipalities; collecting the plans shows which difficulties are
common and which methods are tried. The plans of one office are few (often the 1on1 sessions of a
manager with each counselor), so a small count could point at one person: any count below the
minimum group size (but above zero) is hidden, and when fewer plans than that were read, every
count is hidden. The hidden numbers are not kept in the result at all, so no output can leak them.
An ID the guide does not know is listed only when its count is shown: such IDs are free text (a
prefecture's ``X_…``, or an office's ``X_山田さん個別``), and the mere row would tell that someone
chose it.

This module only counts sessions it is given; reading a folder of files is
``storage.collect.aggregate_folder`` (storage depends on plan, never the other way round).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from supportguide_app.guide import Guide
from supportguide_app.plan.dates import fiscal_year_name, western_fiscal_year_name
from supportguide_app.plan.session import CHECKPOINTS, Session

DEFAULT_MIN_GROUP = 3
CHECKPOINT_LABELS = {"difficulties": "困難さ", "goals": "目標", "methods": "手法"}


@dataclass(frozen=True)
class CountRow:
    """One item's count; ``count`` and ``share`` are None when hidden (below the minimum group)."""

    checkpoint: str
    id: str
    mark: str  # ② / A / ア）… ("" for methods and for IDs the guide does not know)
    label: str  # the guide's short label; the ID itself when the guide does not know it
    count: int | None
    share: float | None  # count / plans read, 0–1
    known: bool = True
    group: str = ""  # a method's group as the checklist heads it, 「ア）体制・環境づくりに関する取組」

    @property
    def hidden(self) -> bool:
        return self.count is None

    @property
    def title(self) -> str:
        """Mark and label as the checklist prints them: 「② 役割上の葛藤、不明確さ」."""
        return f"{self.mark} {self.label}" if self.mark else self.label


@dataclass(frozen=True)
class SkippedFile:
    """A file that was not counted, with the reason in Japanese (a SessionFileError's message)."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Aggregation:
    """The counts of a set of plans, safe to show: small counts are already hidden."""

    files_read: tuple[Path, ...]
    skipped: tuple[SkippedFile, ...]
    min_group: int
    rows: dict[str, tuple[CountRow, ...]]  # checkpoint → rows in the guide's order
    # The 対象年度 of the plans read (Session.target_fiscal_year), each once, in order; and how
    # many plans named none (no year chosen and no entry date).
    fiscal_years: tuple[int, ...] = ()
    without_year: int = 0

    @property
    def total(self) -> int:
        return len(self.files_read)

    @property
    def all_hidden(self) -> bool:
        """True when fewer plans than the minimum group were read: no count is shown."""
        return self.total < self.min_group

    def period_label(self) -> str:
        """The 対象年度 of the plans: 「令和９年度（２０２７年度）」, or for several years
        「令和８年度～令和９年度（２０２６～２０２７年度）」; "" when no plan names one."""
        if not self.fiscal_years:
            return ""
        first, last = self.fiscal_years[0], self.fiscal_years[-1]
        if first == last:
            return f"{fiscal_year_name(first)}（{western_fiscal_year_name(first)}）"
        western = f"{western_fiscal_year_name(first)[:-2]}～{western_fiscal_year_name(last)}"
        return f"{fiscal_year_name(first)}～{fiscal_year_name(last)}（{western}）"

    def hidden_label(self) -> str:
        """How a hidden count is printed: 「3未満」."""
        return f"{self.min_group}未満"


class Tally:
    """The running counts of an aggregation, fed one plan at a time; nothing else of a plan is kept.

    ``files`` are the files counted, in order; ``counters[checkpoint][item_id]`` how many of them
    ticked the item (a plan counts once per item); ``years`` the 対象年度 named, and
    ``without_year`` how many plans named none.
    """

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.counters: dict[str, Counter] = {cp: Counter() for cp in CHECKPOINTS}
        self.years: set[int] = set()
        self.without_year = 0

    def add(self, path: Path, selected: Mapping[str, Iterable[str]], fiscal_year: int | None) -> None:
        """Count one plan: ``selected`` maps each checkpoint to the IDs it ticked; ``fiscal_year``
        is its 対象年度 (``Session.target_fiscal_year``), None when it names none."""
        for checkpoint in CHECKPOINTS:
            self.counters[checkpoint].update(set(selected[checkpoint]))
        self.add_plan(path, fiscal_year)

    def add_plan(self, path: Path, fiscal_year: int | None) -> None:
        """Count one plan whose ticked IDs the caller added to ``counters`` itself (each once)."""
        self.files.append(path)
        if fiscal_year is None:
            self.without_year += 1
        else:
            self.years.add(fiscal_year)


def aggregate_sessions(sessions: Iterable[tuple[Path, Session]], guide: Guide, *,
                       min_group: int = DEFAULT_MIN_GROUP,
                       skipped: Iterable[SkippedFile] = (), tally: Tally | None = None) -> Aggregation:
    """Count the ticked items of ``sessions`` ((file, session) pairs), hiding the small counts.

    Every checklist item of the guide gets a row (zero included); items outside the checklist
    get one when some plan chose them, and IDs the guide does not know (a prefecture's ``X_…``)
    when at least ``min_group`` plans chose them, after the guide's. A count from 1 to
    ``min_group - 1`` is hidden (None); with fewer plans than ``min_group`` every count is.
    ``min_group`` must be at least 1. A ``tally`` of plans counted before (``storage.collect``
    streams files into one) is counted on with ``sessions``.
    """
    if min_group < 1:
        raise ValueError(f"min_group must be at least 1, not {min_group}")
    tally = tally if tally is not None else Tally()
    for path, session in sessions:
        tally.add(path, {checkpoint: session.selected(checkpoint) for checkpoint in CHECKPOINTS},
                  session.target_fiscal_year())
    files, counters = tally.files, tally.counters
    total = len(files)

    def row(checkpoint: str, item_id: str, mark: str, label: str, known: bool) -> CountRow:
        count: int | None = counters[checkpoint][item_id]
        if total < min_group or 0 < count < min_group:
            count = None
        share = None if count is None else count / total
        group = ""
        if checkpoint == "methods" and known:
            method_group = guide.method_group(guide.method(item_id).group_id)
            group = f"{method_group.mark}{method_group.label}"
        return CountRow(checkpoint, item_id, mark, label, count, share, known, group)

    rows: dict[str, tuple[CountRow, ...]] = {}
    for checkpoint in CHECKPOINTS:
        found = counters[checkpoint]
        out = []
        for item_id in guide.item_ids(checkpoint):
            mark, label, listed = _describe(guide, checkpoint, item_id)
            if listed or found[item_id]:
                out.append(row(checkpoint, item_id, mark, label, True))
        known = set(guide.item_ids(checkpoint))
        unknown = (row(checkpoint, item_id, "", item_id, False)
                   for item_id in sorted(i for i in found if i not in known))
        out += [r for r in unknown if not r.hidden]  # the ID itself could tell who chose it
        rows[checkpoint] = tuple(out)
    return Aggregation(tuple(files), tuple(skipped), min_group, rows, tuple(sorted(tally.years)),
                       tally.without_year)


def _describe(guide: Guide, checkpoint: str, item_id: str) -> tuple[str, str, bool]:
    """(mark, label, always listed) of a guide item."""
    if checkpoint == "difficulties":
        d = guide.difficulty(item_id)
        return d.mark, d.label, d.in_checklist
    if checkpoint == "goals":
        return item_id, guide.goal(item_id).label, True
    return "", guide.method(item_id).label, True
