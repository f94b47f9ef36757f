"""The user's session: what one person (or a manager and a counselor together) entered.

The session is the one source of truth for the window, the file and the PDF. Every edit goes
through :meth:`Session.set_value` with a *path*, so that undo, autosave and the "unsaved changes"
mark see every change the same way. Item IDs are the guide's stable IDs (``../docs/ids.md``); IDs
this version does not know are kept as they are, never dropped.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

CHECKPOINTS = ("difficulties", "goals", "methods")

# Who entered the session and how they met. Keys are stored in files; labels are what people see.
ROLES = {"manager": "管理者", "counselor": "相談員", "other": "その他"}
MEETINGS = {"alone": "一人で", "one_on_one": "1on1", "team": "チーム"}

Path = tuple[str, ...]
_TEXT_FIELDS = ("title", "organisation", "author", "role", "date", "meeting", "notes")


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


def now_iso() -> str:
    """The current local time with its UTC offset, to the second (how files record times)."""
    return datetime.now().astimezone().replace(microsecond=0).isoformat()


@dataclass
class Session:
    """A plan in the making. Plain data: no Qt, no file handling."""

    title: str = ""
    organisation: str = ""
    author: str = ""
    role: str = "manager"
    date: str = ""  # ISO 8601 calendar date (YYYY-MM-DD), or "" when not set
    meeting: str = "alone"
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

    @classmethod
    def new(cls, today: date | None = None) -> Session:
        """A fresh session dated today."""
        return cls(date=(today or date.today()).isoformat())

    # -- reading ---------------------------------------------------------------------------------
    def selected(self, checkpoint: str) -> list[str]:
        """IDs ticked at a checkpoint, in the order they were first touched."""
        return [item_id for item_id, c in self.selections[checkpoint].items() if c.selected]

    def is_selected(self, checkpoint: str, item_id: str) -> bool:
        choice = self.selections[checkpoint].get(item_id)
        return bool(choice and choice.selected)

    def note(self, checkpoint: str, item_id: str) -> str:
        choice = self.selections[checkpoint].get(item_id)
        return choice.note if choice else ""

    def prep(self, item_id: str) -> PrepAnswer:
        return self.preparation.get(item_id) or PrepAnswer()

    def prep_field(self, item_id: str, field_id: str) -> str:
        return self.prep(item_id).fields.get(field_id, "")

    def is_blank(self) -> bool:
        """True when nothing has been entered yet (a new session is not worth autosaving)."""
        if any((self.title, self.organisation, self.author, self.notes)):
            return False
        if any(not c.is_empty() for cp in CHECKPOINTS for c in self.selections[cp].values()):
            return False
        if any(not a.is_empty() for a in self.preparation.values()):
            return False
        return not self.marked_examples and not self.clauses

    # -- the one way to change a session -------------------------------------------------------------
    def get_value(self, path: Path) -> Any:
        """The value at ``path`` (see :meth:`set_value` for the paths)."""
        head, *rest = path
        if head in _TEXT_FIELDS and not rest:
            return getattr(self, head)
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
        raise KeyError(path)

    def set_value(self, path: Path, value: Any) -> Any:
        """Set the value at ``path`` and return the previous one (for undo).

        Paths: ``("title",)`` and the other text fields; ``("selection", checkpoint, id,
        "selected"|"note")``; ``("example", id)`` (bool); ``("prep", id, "checked")``;
        ``("prep", id, "field", field_id)``; ``("clause", method_id)`` (str, or None to go
        back to the template).
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
        else:
            raise KeyError(path)
        return old

    def copy(self) -> Session:
        return copy.deepcopy(self)


def _choice_attr(attr: str) -> str:
    if attr not in ("selected", "note"):
        raise KeyError(attr)
    return attr


def _check_type(path: Path, value: Any, kind: type) -> None:
    if not isinstance(value, kind):
        raise TypeError(f"{'/'.join(path)} takes {kind.__name__}, not {type(value).__name__}")
