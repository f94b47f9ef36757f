"""Whose view of checkpoints 1–3 the window shows in a 1on1 (管理者と相談員の見方), as pure rules.

In a 1on1 the manager enters their view first, then hands over to the counselor; neither sees the
other's view until both are done and they compare them on 「見方の比較と合意」. Afterwards (and in
any other meeting) the checkpoints show the agreed selection, which the later steps use.

Also :func:`previous_plan_text`, how はじめに and まとめ name the plan this one was carried from.
"""

from __future__ import annotations

from supportguide_app.plan.dates import parse_iso
from supportguide_app.plan.session import CHECKPOINTS, VIEW_ROLES, Session

# The order in which the two people enter their views: the hand-over goes from the first to the second.
ENTRY_ORDER = ("manager", "counselor")
assert set(ENTRY_ORDER) == set(VIEW_ROLES)


def is_one_on_one(session: Session) -> bool:
    return session.meeting == "one_on_one"


def entering_role(session: Session) -> str | None:
    """The person whose own view checkpoints 1–3 show now, or None for the agreed selection.

    None outside a 1on1 and once both are done. A 1on1 planned before views existed (format
    version 2: an agreed selection but no views) keeps showing its agreed selection: showing an
    empty view instead would look as if the plan had been lost.
    """
    if not is_one_on_one(session):
        return None
    views = session.views
    if all(views[who].done for who in ENTRY_ORDER):
        return None
    if (all(view.is_empty() for view in views.values())
            and any(session.selections[cp] for cp in CHECKPOINTS)):
        return None
    return next(who for who in ENTRY_ORDER if not views[who].done)


def next_role(who: str) -> str | None:
    """Who enters after ``who`` (None after the last)."""
    index = ENTRY_ORDER.index(who)
    return ENTRY_ORDER[index + 1] if index + 1 < len(ENTRY_ORDER) else None


def selection_path(who: str | None, checkpoint: str, item_id: str, attr: str) -> tuple[str, ...]:
    """The session path of one item's tick or note: a person's view, or the agreed selection."""
    if who is None:
        return ("selection", checkpoint, item_id, attr)
    return ("view", who, checkpoint, item_id, attr)


def selected_ids(session: Session, who: str | None, checkpoint: str) -> list[str]:
    """What is ticked at a checkpoint in ``who``'s view (None: the agreed selection)."""
    if who is None:
        return session.selected(checkpoint)
    return session.views[who].selected(checkpoint)


def views_ready(session: Session) -> bool:
    """Both people finished entering: the comparison may be shown."""
    return is_one_on_one(session) and all(session.views[who].done for who in ENTRY_ORDER)


def previous_plan_text(session: Session) -> str:
    """「令和８年度 … （2026/04/01・計画.json）」: the plan this one was carried forward from."""
    link = session.previous
    if link is None:
        return ""
    day = parse_iso(link.date)
    details = [d for d in (day.strftime("%Y/%m/%d") if day else link.date, link.file) if d]
    return (link.title or "（名前のない計画）") + (f"（{'・'.join(details)}）" if details else "")
