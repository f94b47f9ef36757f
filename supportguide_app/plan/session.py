"""The user's session: what one person (or a manager and a counselor together) entered.

The session is the one source of truth for the window, the file and the PDF. Every edit goes
through :meth:`Session.set_value` with a *path*, so that undo, autosave and the "unsaved changes"
mark see every change the same way. Item IDs are the guide's stable IDs (``../docs/ids.md``); IDs
this version does not know are kept as they are, never dropped.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from supportguide_app.plan.dates import (
    EARLIEST_FISCAL_YEAR,
    LATEST_FISCAL_YEAR,
    default_target_fiscal_year,
    parse_iso,
)

CHECKPOINTS = ("difficulties", "goals", "methods")

# Who entered the session and how they met. Keys are stored in files; labels are what people see.
ROLES = {"manager": "管理者", "counselor": "相談員", "other": "その他"}
MEETINGS = {"alone": "一人で", "one_on_one": "1on1", "team": "チーム"}

# 管理者と相談員の見方 (issue 5): in a 1on1, each person enters checkpoints 1 and 2 (and 3 if they
# want) on their own before the two views are compared and the agreed selection is settled.
VIEW_ROLES = {"manager": "管理者", "counselor": "相談員"}
# Whose notes go into an export only with their consent: the counselor owns what they wrote (as an
# employee does in a wellness action plan). The manager's notes print, as everything else the
# manager enters does.
CONSENT_ROLES = ("counselor",)

# 点検 (step 3 of the guide): whether a chosen method was carried out. Keys are stored in files;
# the labels are the official wording, the same on screen and on paper.
REVIEW_STATUSES = {"done": "実施済", "partly": "一部実施", "not_yet": "未実施"}
# A method whose status was not (yet) recorded in a review, on screen and on paper.
REVIEW_NOT_RECORDED = "未記録"

Path = tuple[str, ...]
_TEXT_FIELDS = ("title", "organisation", "author", "role", "date", "meeting", "notes")
REVIEW_TEXT_FIELDS = ("date", "participants", "effect", "questionnaire", "next_steps")


def new_id() -> str:
    """A fresh random ID (uuid4, 32 hex digits) for a session or a review."""
    return uuid.uuid4().hex


@dataclass
class Choice:
    """One item of a checkpoint: ticked or not, with the person's note (kept even when unticked)."""

    selected: bool = False
    note: str = ""

    def is_empty(self) -> bool:
        return not self.selected and not self.note


@dataclass
class PrepAnswer:
    """One item of the preparation checklist: checked or not, and the free-text fields it has."""

    checked: bool = False
    fields: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not self.checked and not any(self.fields.values())


class _ReadsSelections:
    """Reading ``selections`` ({checkpoint: {id: Choice}}): the agreed ones of a session, or one
    person's in a view."""

    selections: dict[str, dict[str, Choice]]

    def selected(self, checkpoint: str) -> list[str]:
        """IDs ticked at a checkpoint, in the order they were first touched."""
        return [item_id for item_id, c in self.selections[checkpoint].items() if c.selected]

    def is_selected(self, checkpoint: str, item_id: str) -> bool:
        choice = self.selections[checkpoint].get(item_id)
        return bool(choice and choice.selected)

    def note(self, checkpoint: str, item_id: str) -> str:
        choice = self.selections[checkpoint].get(item_id)
        return choice.note if choice else ""


@dataclass
class MethodReview:
    """How far one method got by a review: a status key of REVIEW_STATUSES ("" = not recorded)."""

    status: str = ""
    note: str = ""

    def is_empty(self) -> bool:
        return not self.status and not self.note


@dataclass
class Review:
    """One 点検 (review) of the plan: when, who, how far each method got, what it changed, what next.

    ``attendance`` is the number of people who took part in the initiatives (e.g. a training),
    ``questionnaire`` the questionnaire results in the person's own words; both are optional.
    """

    id: str = field(default_factory=new_id)
    date: str = ""  # YYYY-MM-DD or ""
    participants: str = ""  # who took part in the review (free text)
    methods: dict[str, MethodReview] = field(default_factory=dict)  # method ID → status and note
    effect: str = ""
    attendance: int | None = None
    questionnaire: str = ""
    next_steps: str = ""

    def status(self, method_id: str) -> str:
        entry = self.methods.get(method_id)
        return entry.status if entry else ""


@dataclass
class View(_ReadsSelections):
    """How one person (管理者 or 相談員) sees checkpoints 1–3, entered on their own in a 1on1.

    ``selections`` has the shape of :attr:`Session.selections`; ``done`` says the person finished
    entering (the hand-over to the other person). ``consent`` and ``note_consent`` are used by the
    counselor's view only (see CONSENT_ROLES; they stay False / empty in the manager's): whether the
    counselor's notes may go into an export, for the whole view, with per-note overrides
    (``note_consent[checkpoint][item_id]`` True or False wins over ``consent``).
    """

    name: str = ""
    done: bool = False
    selections: dict[str, dict[str, Choice]] = field(
        default_factory=lambda: {cp: {} for cp in CHECKPOINTS})
    consent: bool = False
    note_consent: dict[str, dict[str, bool]] = field(
        default_factory=lambda: {cp: {} for cp in CHECKPOINTS})

    def note_shared(self, checkpoint: str, item_id: str) -> bool:
        """Whether this note may be exported: the per-note override, else the whole-view consent."""
        return self.note_consent[checkpoint].get(item_id, self.consent)

    def is_empty(self) -> bool:
        """Nothing entered: no choice, no note, no name, not marked done, no consent given."""
        return (not self.name and not self.done and not self.consent
                and all(c.is_empty() for cp in CHECKPOINTS for c in self.selections[cp].values())
                and not any(self.note_consent[cp] for cp in CHECKPOINTS))


@dataclass
class PlanLink:
    """What a plan remembers of the plan it was carried forward from (see plan/carry.py)."""

    id: str = ""
    title: str = ""
    date: str = ""
    file: str = ""  # the file name only (no folder: files travel between offices)
    created: str = ""
    # 前年度の点検から (format version 4): the previous plan's last review, read-only in this plan,
    # the starting point of its year. Its date (YYYY-MM-DD or ""), its 次に変えること, and how far
    # each method got: method ID → a key of REVIEW_STATUSES, or "" (未記録). All empty when the
    # previous plan had no review.
    last_review_date: str = ""
    next_changes: str = ""
    method_statuses: dict[str, str] = field(default_factory=dict)

    def has_last_review(self) -> bool:
        """Whether the previous plan had a review to start from."""
        return bool(self.last_review_date or self.next_changes or self.method_statuses)


def now_iso() -> str:
    """The current local time with its UTC offset, to the second (how files record times)."""
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


@dataclass
class Session(_ReadsSelections):
    """A plan in the making. Plain data: no Qt, no file handling."""

    title: str = ""
    organisation: str = ""
    author: str = ""
    role: str = "manager"
    date: str = ""  # ISO 8601 calendar date (YYYY-MM-DD), or "" when not set
    meeting: str = "alone"
    # 対象年度 (format version 4): the Western year in which the planned 年度 starts (2027 for
    # 令和９年度), or None to follow the entry date (see :meth:`target_fiscal_year`).
    fiscal_year: int | None = None
    selections: dict[str, dict[str, Choice]] = field(
        default_factory=lambda: {cp: {} for cp in CHECKPOINTS})
    marked_examples: list[str] = field(default_factory=list)
    preparation: dict[str, PrepAnswer] = field(default_factory=dict)
    clauses: dict[str, str] = field(default_factory=dict)  # method ID → edited clause text
    notes: str = ""
    created: str = field(default_factory=now_iso)
    modified: str = field(default_factory=now_iso)
    # Keys of the file's top level that this version does not know; written back unchanged.
    extra: dict[str, Any] = field(default_factory=dict)
    # Stable identity of the plan (uuid4 hex); a carried-forward plan names its predecessor by it.
    id: str = field(default_factory=new_id)
    reviews: list[Review] = field(default_factory=list)  # in the order they were added
    # The plans this one was carried forward from, newest first: lineage[0] is the previous plan.
    lineage: list[PlanLink] = field(default_factory=list)
    # 管理者と相談員の見方 (format version 3): always both keys of VIEW_ROLES. Kept whatever the
    # meeting is (changing it never drops them); shown and printed only for a 1on1.
    views: dict[str, View] = field(default_factory=lambda: {who: View() for who in VIEW_ROLES})

    @classmethod
    def new(cls, today: date | None = None) -> Session:
        """A fresh session dated today."""
        return cls(date=(today or date.today()).isoformat())

    # -- reading ---------------------------------------------------------------------------------
    def target_fiscal_year(self) -> int | None:
        """The 年度 the plan is for (its starting Western year): the one the person chose, else
        the default for the entry date (plan.dates.default_target_fiscal_year), else None."""
        return target_fiscal_year(self.fiscal_year, self.date)

    def prep(self, item_id: str) -> PrepAnswer:
        return self.preparation.get(item_id) or PrepAnswer()

    def prep_field(self, item_id: str, field_id: str) -> str:
        return self.prep(item_id).fields.get(field_id, "")

    def is_blank(self) -> bool:
        """True when nothing has been entered yet (a new session is not worth autosaving)."""
        if any((self.title, self.organisation, self.author, self.notes)):
            return False
        if self.fiscal_year is not None:
            return False
        if any(not c.is_empty() for cp in CHECKPOINTS for c in self.selections[cp].values()):
            return False
        if any(not a.is_empty() for a in self.preparation.values()):
            return False
        if any(not view.is_empty() for view in self.views.values()):
            return False
        return not self.marked_examples and not self.clauses and not self.reviews and not self.lineage

    def has_views(self) -> bool:
        """True for a 1on1 in which at least one of the two people entered something of their view."""
        return self.meeting == "one_on_one" and any(not v.is_empty() for v in self.views.values())

    @property
    def previous(self) -> PlanLink | None:
        """The plan this one was carried forward from, or None."""
        return self.lineage[0] if self.lineage else None

    # -- reviews (点検の記録) ------------------------------------------------------------------------
    def review(self, review_id: str) -> Review:
        """The review with this ID; KeyError when there is none."""
        for review in self.reviews:
            if review.id == review_id:
                return review
        raise KeyError(review_id)

    def last_review(self) -> Review | None:
        """The review the next plan starts from: the latest dated one (of equal dates, the one added
        last), else, when none is dated, the one added last; None without reviews."""
        dated = [r for r in self.reviews if r.date]
        if dated:
            return max(reversed(dated), key=lambda r: r.date)  # max keeps the first of ties
        return self.reviews[-1] if self.reviews else None

    def reviews_in_order(self) -> list[Review]:
        """Reviews as they are shown: by date, undated ones last, ties in the order added."""
        return sorted(self.reviews, key=lambda r: (not r.date, r.date))

    def add_review(self, review: Review | None = None) -> str:
        """Append a review (a new empty one when None) and return its ID; undo: remove_review."""
        review = review if review is not None else Review()
        if not review.id:
            review.id = new_id()
        if any(r.id == review.id for r in self.reviews):
            raise ValueError(f"review {review.id!r} already exists")
        self.reviews.append(review)
        return review.id

    def remove_review(self, review_id: str) -> tuple[int, Review]:
        """Remove a review; return (index, review) so that insert_review can undo it exactly."""
        for index, review in enumerate(self.reviews):
            if review.id == review_id:
                del self.reviews[index]
                return index, review
        raise KeyError(review_id)

    def insert_review(self, index: int, review: Review) -> None:
        """Put a removed review back at its index (the undo of remove_review)."""
        if any(r.id == review.id for r in self.reviews):
            raise ValueError(f"review {review.id!r} already exists")
        self.reviews.insert(index, review)

    # -- the one way to change a session -------------------------------------------------------------
    def get_value(self, path: Path) -> Any:
        """The value at ``path`` (see :meth:`set_value` for the paths)."""
        head, *rest = path
        if head in _TEXT_FIELDS and not rest:
            return getattr(self, head)
        if head == "fiscal_year" and not rest:
            return self.fiscal_year
        if head == "selection":
            checkpoint, item_id, attr = rest
            choice = self.selections[checkpoint].get(item_id) or Choice()
            return getattr(choice, _choice_attr(attr))
        if head == "example":
            (example_id,) = rest
            return example_id in self.marked_examples
        if head == "prep":
            item_id, attr, *field_id = rest
            if attr == "checked":
                return self.prep(item_id).checked
            if attr == "field":
                return self.prep_field(item_id, field_id[0])
        if head == "clause":
            (method_id,) = rest
            return self.clauses.get(method_id)
        if head == "view":
            return self._get_view_value(path)
        if head == "review":
            review_id, attr, *more = rest
            review = self.review(review_id)
            if attr in REVIEW_TEXT_FIELDS and not more:
                return getattr(review, attr)
            if attr == "attendance" and not more:
                return review.attendance
            if attr == "method":
                method_id, method_attr = more
                entry = review.methods.get(method_id) or MethodReview()
                return getattr(entry, _method_review_attr(method_attr))
        raise KeyError(path)

    def set_value(self, path: Path, value: Any) -> Any:
        """Set the value at ``path`` and return the previous one (for undo).

        Paths: ``("title",)`` and the other text fields; ``("fiscal_year",)`` (int: the Western
        year the planned 年度 starts, or None to follow the entry date); ``("selection", checkpoint, id,
        "selected"|"note")``; ``("example", id)`` (bool); ``("prep", id, "checked")``;
        ``("prep", id, "field", field_id)``; ``("clause", method_id)`` (str, or None to go
        back to the template). Reviews (the review must exist: see :meth:`add_review`):
        ``("review", review_id, "date"|"participants"|"effect"|"questionnaire"|"next_steps")``
        (str; a date is YYYY-MM-DD or ""); ``("review", review_id, "attendance")`` (int ≥ 0 or
        None); ``("review", review_id, "method", method_id, "status")`` (a key of
        REVIEW_STATUSES, or "" for not recorded) and ``(…, "method", method_id, "note")`` (str).
        Views (``who`` is a key of VIEW_ROLES): ``("view", who, "name")`` (str); ``("view", who,
        "done")`` (bool); ``("view", who, checkpoint, id, "selected"|"note")``; and, for the
        counselor only, ``("view", "counselor", "consent")`` (bool: the notes may be exported) and
        ``("view", "counselor", "note_consent", checkpoint, id)`` (bool overriding ``consent`` for
        one note, or None to remove the override).
        """
        old = self.get_value(path)
        head, *rest = path
        if head in _TEXT_FIELDS and not rest:
            _check_type(path, value, str)
            if head == "role" and value not in ROLES:
                raise ValueError(f"unknown role {value!r}")
            if head == "meeting" and value not in MEETINGS:
                raise ValueError(f"unknown meeting {value!r}")
            setattr(self, head, value)
        elif head == "fiscal_year" and not rest:
            if value is not None:
                _check_type(path, value, int)
                if isinstance(value, bool) or not EARLIEST_FISCAL_YEAR <= value <= LATEST_FISCAL_YEAR:
                    raise ValueError(f"not a fiscal year this application can write: {value!r}")
            self.fiscal_year = value
        elif head == "selection":
            checkpoint, item_id, attr = rest
            attr = _choice_attr(attr)
            _check_type(path, value, bool if attr == "selected" else str)
            choice = self.selections[checkpoint].setdefault(item_id, Choice())
            setattr(choice, attr, value)
            if choice.is_empty():
                del self.selections[checkpoint][item_id]
        elif head == "example":
            (example_id,) = rest
            _check_type(path, value, bool)
            if value and example_id not in self.marked_examples:
                self.marked_examples.append(example_id)
            elif not value and example_id in self.marked_examples:
                self.marked_examples.remove(example_id)
        elif head == "prep":
            item_id, attr, *field_id = rest
            answer = self.preparation.setdefault(item_id, PrepAnswer())
            if attr == "checked":
                _check_type(path, value, bool)
                answer.checked = value
            else:
                _check_type(path, value, str)
                if value:
                    answer.fields[field_id[0]] = value
                else:
                    answer.fields.pop(field_id[0], None)
            if answer.is_empty():
                del self.preparation[item_id]
        elif head == "clause":
            (method_id,) = rest
            if value is None:
                self.clauses.pop(method_id, None)
            else:
                _check_type(path, value, str)
                self.clauses[method_id] = value
        elif head == "review":
            self._set_review_value(path, value)
        elif head == "view":
            self._set_view_value(path, value)
        else:
            raise KeyError(path)
        return old

    def _view_path(self, path: Path) -> tuple[View, str, list[str]]:
        """(the view, its role, the rest of the path) for a ("view", who, …) path; KeyError if bad."""
        if len(path) < 3 or path[1] not in VIEW_ROLES:
            raise KeyError(path)
        who, attr, *more = path[1:]
        if attr in ("consent", "note_consent") and who not in CONSENT_ROLES:
            raise KeyError(path)  # the manager's notes print: there is no consent to record
        if attr in ("name", "done", "consent") and more:
            raise KeyError(path)
        if attr in CHECKPOINTS:
            if len(more) != 2:
                raise KeyError(path)
            _choice_attr(more[1])
        elif attr == "note_consent":
            if len(more) != 2 or more[0] not in CHECKPOINTS:
                raise KeyError(path)
        elif attr not in ("name", "done", "consent"):
            raise KeyError(path)
        return self.views[who], attr, more

    def _get_view_value(self, path: Path) -> Any:
        view, attr, more = self._view_path(path)
        if attr in CHECKPOINTS:
            item_id, choice_attr = more
            return getattr(view.selections[attr].get(item_id) or Choice(), choice_attr)
        if attr == "note_consent":
            checkpoint, item_id = more
            return view.note_consent[checkpoint].get(item_id)
        return getattr(view, attr)

    def _set_view_value(self, path: Path, value: Any) -> None:
        view, attr, more = self._view_path(path)
        if attr in CHECKPOINTS:
            item_id, choice_attr = more
            _check_type(path, value, bool if choice_attr == "selected" else str)
            choice = view.selections[attr].setdefault(item_id, Choice())
            setattr(choice, choice_attr, value)
            if choice.is_empty():
                del view.selections[attr][item_id]
        elif attr == "note_consent":
            checkpoint, item_id = more
            if value is None:
                view.note_consent[checkpoint].pop(item_id, None)
            else:
                _check_type(path, value, bool)
                view.note_consent[checkpoint][item_id] = value
        else:
            _check_type(path, value, str if attr == "name" else bool)
            setattr(view, attr, value)

    def _set_review_value(self, path: Path, value: Any) -> None:
        _, review_id, attr, *more = path
        review = self.review(review_id)
        if attr in REVIEW_TEXT_FIELDS and not more:
            _check_type(path, value, str)
            if attr == "date" and value and not _is_iso_date(value):
                raise ValueError(f"not a YYYY-MM-DD date: {value!r}")
            setattr(review, attr, value)
        elif attr == "attendance" and not more:
            if value is not None:
                _check_type(path, value, int)
                if isinstance(value, bool) or value < 0:
                    raise ValueError(f"attendance must be an integer ≥ 0, not {value!r}")
            review.attendance = value
        elif attr == "method":
            method_id, method_attr = more
            method_attr = _method_review_attr(method_attr)
            _check_type(path, value, str)
            if method_attr == "status" and value and value not in REVIEW_STATUSES:
                raise ValueError(f"unknown review status {value!r}")
            entry = review.methods.setdefault(method_id, MethodReview())
            setattr(entry, method_attr, value)
            if entry.is_empty():
                del review.methods[method_id]
        else:
            raise KeyError(path)

    def copy(self) -> Session:
        return copy.deepcopy(self)


def _choice_attr(attr: str) -> str:
    if attr not in ("selected", "note"):
        raise KeyError(attr)
    return attr


def _method_review_attr(attr: str) -> str:
    if attr not in ("status", "note"):
        raise KeyError(attr)
    return attr


def _is_iso_date(text: str) -> bool:
    try:
        return len(text) == 10 and bool(date.fromisoformat(text))
    except ValueError:
        return False


def _check_type(path: Path, value: Any, kind: type) -> None:
    if not isinstance(value, kind):
        raise TypeError(f"{'/'.join(path)} takes {kind.__name__}, not {type(value).__name__}")


def target_fiscal_year(chosen: int | None, entry_date: str) -> int | None:
    """The 年度 a plan is for, from its stored ``fiscal_year`` and its ``date`` (ISO): the chosen
    one, else the default for the entry date, else None (also for a file's raw ``meta``)."""
    if chosen is not None:
        return chosen
    day = parse_iso(entry_date)
    return default_target_fiscal_year(day) if day else None
