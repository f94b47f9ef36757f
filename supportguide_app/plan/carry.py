"""「この計画から次の計画を作る」: start next year's plan from a reviewed one, linked to it.

Step 3 of the guide is to check the initiatives together and keep them going. The next plan starts
from what this one chose (so the people only revise it) and remembers where it came from: its
``lineage`` names the previous plan first, then the plans before that, so a prefecture can follow
one office's plans over the years by their IDs even when the files were renamed.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path

from supportguide_app.plan.session import PlanLink, Session, new_id, now_iso

# 令和８年度, 令和元年度, 平成30年度, 2026年度: the first one in a title is moved on by one year.
_ERA_YEAR = re.compile(r"(令和|平成)(元|[0-9０-９]+)(年度)")
_WESTERN_YEAR = re.compile(r"(?<![0-9０-９])([0-9]{4}|[０-９]{4})(年度)")
_TO_HALF = str.maketrans("０１２３４５６７８９", "0123456789")
_TO_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_REIWA_FIRST = 2019  # 平成31年度 (April 2019 –) is 令和元年度, as offices write it


def next_plan(session: Session, today: date, *, source_file: Path | str | None = None) -> Session:
    """A new session that carries a plan forward: same people and choices, a new ID, dated today.

    Copied: organisation, author, role, meeting, every choice with its note, marked examples,
    preparation answers, edited clauses and the notes; the title with its 年度 moved on by one
    (「令和８年度 …」 → 「令和９年度 …」; a title without a 年度 is kept as it is), and the 対象年度
    likewise (one chosen by the person moves on by one; one that followed the entry date follows
    the new date). Not copied: the
    reviews themselves (they belong to the year they were made in), the two views of a 1on1 (the next 1on1
    starts from how each person sees things then; a counselor's notes stay with the plan they consented
    for) and unknown top-level keys read from the
    file (``extra``: they may describe that file, e.g. a report already sent). The new plan's
    ``lineage`` is the previous plan (``source_file`` gives its file name) followed by the
    previous plan's own lineage, so the chain is kept. The link also holds the previous plan's
    last review (:meth:`Session.last_review`): its date, its 次に変えること and the status of each
    method chosen (or recorded) there, "" for 未記録; the new plan shows them read-only as
    「前年度の点検から」, the starting point of its year. ``session`` is not changed.
    """
    stamp = now_iso()
    link = PlanLink(id=session.id, title=session.title, date=session.date,
                    file=Path(source_file).name if source_file else "", created=session.created)
    review = session.last_review()
    if review is not None:
        link.last_review_date = review.date
        link.next_changes = review.next_steps
        recorded = [m for m, entry in review.methods.items() if entry.status]
        chosen = session.selected("methods")
        link.method_statuses = {m: review.status(m)
                                for m in [*chosen, *(m for m in recorded if m not in chosen)]}
    return Session(
        title=next_year_title(session.title),
        organisation=session.organisation,
        author=session.author,
        role=session.role,
        date=today.isoformat(),
        meeting=session.meeting,
        fiscal_year=None if session.fiscal_year is None else session.fiscal_year + 1,
        selections=copy.deepcopy(session.selections),
        marked_examples=list(session.marked_examples),
        preparation=copy.deepcopy(session.preparation),
        clauses=dict(session.clauses),
        notes=session.notes,
        created=stamp,
        modified=stamp,
        id=new_id(),
        reviews=[],
        lineage=[link, *copy.deepcopy(session.lineage)],
    )


def next_year_title(title: str) -> str:
    """The title with its first 年度 moved on by one year; unchanged when it names none."""
    match = _ERA_YEAR.search(title)
    if match:
        era, year_text, suffix = match.groups()
        # The app writes 和暦 with full-width digits (plan/dates.py); 元 follows that.
        full = year_text == "元" or bool(re.search("[０-９]", year_text))
        year = 1 if year_text == "元" else int(year_text.translate(_TO_HALF))
        western = (2018 if era == "令和" else 1988) + year + 1
        if western >= _REIWA_FIRST:
            era, year = "令和", western - 2018
        else:
            year = western - 1988
        number = str(year).translate(_TO_FULL) if full else str(year)
        if year == 1:
            number = "元"
        return f"{title[:match.start()]}{era}{number}{suffix}{title[match.end():]}"
    match = _WESTERN_YEAR.search(title)
    if match:
        year_text, suffix = match.groups()
        full = bool(re.search("[０-９]", year_text))
        number = str(int(year_text.translate(_TO_HALF)) + 1)
        number = number.translate(_TO_FULL) if full else number
        return f"{title[:match.start()]}{number}{suffix}{title[match.end():]}"
    return title
