"""The guide's content as frozen dataclasses.

Everything the application shows of the guide comes from ``resources/guide/guide.json`` through
:func:`supportguide_app.guide.loader.load_guide`; nothing here holds a label of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    id: str
    number: str
    text: str
    caption: str
    action: str


@dataclass(frozen=True)
class Checkpoint:
    id: str  # "difficulties", "goals" or "methods": the session's selection keys
    number: str
    short: str
    heading: str


@dataclass(frozen=True)
class Point:
    text: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Goal:
    id: str
    label: str  # as the checklist prints it
    title: str  # as section II-1 names it ("…ために")
    method_examples: str
    points: tuple[Point, ...]
    example_ids: tuple[str, ...]  # the goal's table in section III, re-listed ones included
    concept_ids: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    id: str
    number: str
    label: str
    checklist_label: str | None
    goal_ids: tuple[str, ...]
    guide_note: str

    @property
    def in_checklist(self) -> bool:
        return self.checklist_label is not None


@dataclass(frozen=True)
class Difficulty:
    id: str
    mark: str
    category_id: str
    label: str  # as the checklist prints it (the guide's own label where not in the checklist)
    guide_label: str  # as section II-2 names it
    description: str | None
    in_checklist: bool


@dataclass(frozen=True)
class MethodGroup:
    id: str
    mark: str
    label: str
    summary: str


@dataclass(frozen=True)
class Method:
    id: str
    group_id: str
    label: str


@dataclass(frozen=True)
class MethodLink:
    """A checklist method that the guide names among a goal's methods; ``basis`` quotes the guide."""

    goal_id: str
    method_id: str
    basis: str


@dataclass(frozen=True)
class Example:
    id: str
    goal_id: str  # the goal whose table lists it first
    name: str
    content: str
    location: str
    edit_notes: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Concept:
    id: str
    name: str
    kind: str
    definition: str
    steps: tuple[str, ...]
    source: str | None


@dataclass(frozen=True)
class CommonPoint:
    id: str
    label: str
    text: str


@dataclass(frozen=True)
class PrepField:
    id: str
    label: str
    multiline: bool


@dataclass(frozen=True)
class PrepItem:
    id: str
    group_id: str
    label: str
    fields: tuple[PrepField, ...]
    requires: str | None = None  # shown only when this other item is checked
    condition: str | None = None


@dataclass(frozen=True)
class PrepGroup:
    id: str
    label: str
    items: tuple[PrepItem, ...]


@dataclass(frozen=True)
class Guide:
    """The whole content model of the guide, with look-ups by stable ID."""

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
    raw: dict = field(repr=False, compare=False, hash=False, default_factory=dict)

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
