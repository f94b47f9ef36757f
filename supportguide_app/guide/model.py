"""The guide's content as immutable records.

Everything the application shows of the guide comes from ``resources/guide/guide.json`` through
:func:`supportguide_app.guide.loader.load_guide`; nothing here holds a label of its own.

The records behave like frozen dataclasses (keyword or positional construction, defaults, value
equality and hashing, a ``Name(field=…)`` repr, ``FrozenInstanceError`` on assignment, copy and
pickle) but are plain classes with ``__slots__``: ``@dataclass`` compiles six methods per class
with ``exec`` at import time, which cost the window's start-up some 10 ms for these 16 classes.
:func:`as_dict` is ``dataclasses.asdict`` for them.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, ClassVar


class _Record:
    """An immutable record whose fields are its ``__slots__`` (or ``_fields``), in order.

    ``_defaults`` gives default values, ``_factories`` callables that make a default per instance;
    fields in ``_uncompared`` take no part in ``==`` and ``hash``, those in ``_unshown`` not in repr.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _factories: ClassVar[dict[str, Any]] = {}
    _uncompared: ClassVar[frozenset[str]] = frozenset()
    _unshown: ClassVar[frozenset[str]] = frozenset()
    _compared: ClassVar[tuple[str, ...]] = ()
    _shown: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = cls.__dict__.get("_fields", cls.__slots__)
        cls._compared = tuple(f for f in cls._fields if f not in cls._uncompared)
        cls._shown = tuple(f for f in cls._fields if f not in cls._unshown)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        name = type(self).__name__
        if len(args) > len(fields):
            raise TypeError(f"{name}() takes {len(fields)} arguments but {len(args)} were given")
        values = dict(zip(fields, args, strict=False))
        for key, value in kwargs.items():
            if key not in fields:
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}")
            if key in values:
                raise TypeError(f"{name}() got multiple values for argument {key!r}")
            values[key] = value
        setter = object.__setattr__
        for field in fields:
            if field in values:
                setter(self, field, values[field])
            elif field in self._defaults:
                setter(self, field, self._defaults[field])
            elif field in self._factories:
                setter(self, field, self._factories[field]())
            else:
                raise TypeError(f"{name}() missing required argument: {field!r}")
        self.__post_init__()

    def __post_init__(self) -> None:
        pass

    def _key(self) -> tuple:
        return tuple(getattr(self, f) for f in self._compared)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._shown)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple:
        return type(self), tuple(getattr(self, f) for f in self._fields)


def as_dict(value: Any) -> Any:
    """Records as dicts of their fields, recursively, like ``dataclasses.asdict``."""
    if isinstance(value, _Record):
        return {f: as_dict(getattr(value, f)) for f in value._fields}
    if isinstance(value, (list, tuple)):
        return type(value)(as_dict(v) for v in value)
    if isinstance(value, dict):
        return type(value)((as_dict(k), as_dict(v)) for k, v in value.items())
    return value


class Step(_Record):
    __slots__ = ("id", "number", "text", "caption", "action")
    id: str
    number: str
    text: str
    caption: str
    action: str


class Checkpoint(_Record):
    __slots__ = ("id", "number", "short", "heading")
    id: str  # "difficulties", "goals" or "methods": the session's selection keys
    number: str
    short: str
    heading: str


class Point(_Record):
    __slots__ = ("text", "details")
    _defaults: ClassVar[dict[str, Any]] = {"details": ()}
    text: str
    details: tuple[str, ...]


class Goal(_Record):
    __slots__ = ("id", "label", "title", "method_examples", "points", "example_ids", "concept_ids")
    id: str
    label: str  # as the checklist prints it
    title: str  # as section II-1 names it ("…ために")
    method_examples: str
    points: tuple[Point, ...]
    example_ids: tuple[str, ...]  # the goal's table in section III, re-listed ones included
    concept_ids: tuple[str, ...]


class Category(_Record):
    __slots__ = ("id", "number", "label", "checklist_label", "goal_ids", "guide_note")
    id: str
    number: str
    label: str
    checklist_label: str | None
    goal_ids: tuple[str, ...]
    guide_note: str

    @property
    def in_checklist(self) -> bool:
        return self.checklist_label is not None


class Difficulty(_Record):
    __slots__ = ("id", "mark", "category_id", "label", "guide_label", "description", "in_checklist")
    id: str
    mark: str
    category_id: str
    label: str  # as the checklist prints it (the guide's own label where not in the checklist)
    guide_label: str  # as section II-2 names it
    description: str | None
    in_checklist: bool


class MethodGroup(_Record):
    __slots__ = ("id", "mark", "label", "summary")
    id: str
    mark: str
    label: str
    summary: str


class Method(_Record):
    __slots__ = ("id", "group_id", "label")
    id: str
    group_id: str
    label: str


class MethodLink(_Record):
    """A checklist method that the guide names among a goal's methods; ``basis`` quotes the guide."""

    __slots__ = ("goal_id", "method_id", "basis")
    goal_id: str
    method_id: str
    basis: str


class Example(_Record):
    __slots__ = ("id", "goal_id", "name", "content", "location", "edit_notes")
    _factories: ClassVar[dict[str, Any]] = {"edit_notes": dict}
    _uncompared = frozenset({"edit_notes"})
    id: str
    goal_id: str  # the goal whose table lists it first
    name: str
    content: str
    location: str
    edit_notes: dict[str, str]


class Concept(_Record):
    __slots__ = ("id", "name", "kind", "definition", "steps", "source")
    id: str
    name: str
    kind: str
    definition: str
    steps: tuple[str, ...]
    source: str | None


class CommonPoint(_Record):
    __slots__ = ("id", "label", "text")
    id: str
    label: str
    text: str


class PrepField(_Record):
    __slots__ = ("id", "label", "multiline")
    id: str
    label: str
    multiline: bool


class PrepItem(_Record):
    __slots__ = ("id", "group_id", "label", "fields", "requires", "condition")
    _defaults: ClassVar[dict[str, Any]] = {"requires": None, "condition": None}
    id: str
    group_id: str
    label: str
    fields: tuple[PrepField, ...]
    requires: str | None  # shown only when this other item is checked
    condition: str | None


class PrepGroup(_Record):
    __slots__ = ("id", "label", "items")
    id: str
    label: str
    items: tuple[PrepItem, ...]


class Guide(_Record):
    """The whole content model of the guide, with look-ups by stable ID."""

    _fields = ("info", "steps", "checklist", "checkpoints", "goals", "categories", "difficulties",
               "methods_intro", "method_groups", "methods", "method_links_note", "method_links",
               "examples", "concepts", "common_points_title", "common_points_subtitle", "common_points",
               "community", "preparation_heading", "prep_groups", "raw")
    __slots__ = (*_fields, "_by_id")
    _factories: ClassVar[dict[str, Any]] = {"raw": dict}
    _uncompared = frozenset({"raw"})
    _unshown = frozenset({"raw"})
    info: dict[str, str]
    steps: tuple[Step, ...]
    checklist: dict[str, str]
    checkpoints: tuple[Checkpoint, ...]
    goals: tuple[Goal, ...]
    categories: tuple[Category, ...]
    difficulties: tuple[Difficulty, ...]
    methods_intro: tuple[str, ...]
    method_groups: tuple[MethodGroup, ...]
    methods: tuple[Method, ...]
    method_links_note: str
    method_links: tuple[MethodLink, ...]
    examples: tuple[Example, ...]
    concepts: tuple[Concept, ...]
    common_points_title: str
    common_points_subtitle: str
    common_points: tuple[CommonPoint, ...]
    community: dict
    preparation_heading: str
    prep_groups: tuple[PrepGroup, ...]
    raw: dict

    def __post_init__(self) -> None:
        # The guide is frozen and loaded once, so the look-up tables are built once here.
        index: dict[str, dict[str, object]] = {}
        for name in ("goals", "difficulties", "categories", "methods", "method_groups", "examples",
                     "concepts", "checkpoints"):
            index[name] = {item.id: item for item in getattr(self, name)}
        index["prep_items"] = {i.id: i for g in self.prep_groups for i in g.items}
        object.__setattr__(self, "_by_id", index)

    # -- look-ups -----------------------------------------------------------------------------
    def goal(self, goal_id: str) -> Goal:
        return self._by_id["goals"][goal_id]

    def difficulty(self, difficulty_id: str) -> Difficulty:
        return self._by_id["difficulties"][difficulty_id]

    def category(self, category_id: str) -> Category:
        return self._by_id["categories"][category_id]

    def method(self, method_id: str) -> Method:
        return self._by_id["methods"][method_id]

    def method_group(self, group_id: str) -> MethodGroup:
        return self._by_id["method_groups"][group_id]

    def example(self, example_id: str) -> Example:
        return self._by_id["examples"][example_id]

    def concept(self, concept_id: str) -> Concept:
        return self._by_id["concepts"][concept_id]

    def checkpoint(self, checkpoint_id: str) -> Checkpoint:
        return self._by_id["checkpoints"][checkpoint_id]

    @property
    def prep_items(self) -> tuple[PrepItem, ...]:
        return tuple(self._by_id["prep_items"].values())

    def prep_item(self, item_id: str) -> PrepItem:
        return self._by_id["prep_items"][item_id]

    def difficulties_in(self, category_id: str) -> tuple[Difficulty, ...]:
        return tuple(d for d in self.difficulties if d.category_id == category_id)

    def methods_in(self, group_id: str) -> tuple[Method, ...]:
        return tuple(m for m in self.methods if m.group_id == group_id)

    @property
    def checklist_difficulties(self) -> tuple[Difficulty, ...]:
        return tuple(d for d in self.difficulties if d.in_checklist)

    def item_ids(self, checkpoint_id: str) -> tuple[str, ...]:
        """The IDs a session may select at one checkpoint ("difficulties", "goals", "methods")."""
        return tuple(self._by_id[checkpoint_id])

    def label_of(self, item_id: str) -> str:
        """The label of any item by its stable ID (difficulty, goal, method, prep item, example)."""
        for name in ("difficulties", "goals", "methods", "prep_items"):
            found = self._by_id[name].get(item_id)
            if found is not None:
                return found.label
        return self.example(item_id).name
