"""The guide's relations as pure functions: what to suggest for what the person ticked.

Section II-2 of the guide says which goals reduce each group of difficulties; section III gives,
for each goal, the 手法の例, the ポイント, example initiatives and concepts. These functions only
read the guide and a selection; the person decides, the application suggests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from supportguide_app.guide.model import (
    Concept,
    Difficulty,
    Example,
    Goal,
    Guide,
    Method,
    MethodLink,
    Point,
)


@dataclass(frozen=True)
class GoalSuggestion:
    """A goal the guide relates to the ticked difficulties, with the difficulties behind it."""

    goal: Goal
    difficulties: tuple[Difficulty, ...]
    guide_notes: tuple[str, ...]  # the guide's sentences that make the relation

    @property
    def reason(self) -> str:
        marks = "".join(d.mark for d in self.difficulties)
        return f"{marks}を軽減する目標としてガイドに挙げられています"


@dataclass(frozen=True)
class ExampleEntry:
    example: Example
    relisted: bool  # （再）: first listed under another goal


@dataclass(frozen=True)
class GoalGuidance:
    """Section III for one goal: what to read before choosing methods."""

    goal: Goal
    method_examples: str
    points: tuple[Point, ...]
    examples: tuple[ExampleEntry, ...]
    concepts: tuple[Concept, ...]
    links: tuple[MethodLink, ...]


def goals_for_difficulty(guide: Guide, difficulty_id: str) -> tuple[Goal, ...]:
    """The goals the guide says reduce one difficulty, in the order of section II-1."""
    category = guide.category(guide.difficulty(difficulty_id).category_id)
    return tuple(g for g in guide.goals if g.id in category.goal_ids)


def suggested_goals(guide: Guide, difficulty_ids: Iterable[str]) -> list[GoalSuggestion]:
    """Goals suggested by the ticked difficulties, each with the difficulties that suggest it.

    Goals come in the guide's order (A–F), difficulties in theirs (①–⑯); IDs the guide does not
    know are ignored here (the session keeps them).
    """
    chosen = set(difficulty_ids)
    suggestions = []
    for goal in guide.goals:
        behind = tuple(d for d in guide.difficulties
                       if d.id in chosen and goal.id in guide.category(d.category_id).goal_ids)
        if behind:
            notes = tuple(dict.fromkeys(guide.category(d.category_id).guide_note for d in behind))
            suggestions.append(GoalSuggestion(goal, behind, notes))
    return suggestions


def guidance_for_goals(guide: Guide, goal_ids: Iterable[str]) -> list[GoalGuidance]:
    """Section III's 手法の例, ポイント, example initiatives and concepts for the chosen goals."""
    chosen = set(goal_ids)
    result = []
    for goal in guide.goals:
        if goal.id not in chosen:
            continue
        examples = tuple(ExampleEntry(guide.example(e), guide.example(e).goal_id != goal.id)
                         for e in goal.example_ids)
        result.append(GoalGuidance(
            goal=goal,
            method_examples=goal.method_examples,
            points=goal.points,
            examples=examples,
            concepts=tuple(guide.concept(c) for c in goal.concept_ids),
            links=tuple(link for link in guide.method_links if link.goal_id == goal.id),
        ))
    return result


def methods_for_goals(guide: Guide, goal_ids: Iterable[str]) -> dict[str, tuple[MethodLink, ...]]:
    """Checklist methods that section III names for the chosen goals, with the guide's words.

    Every method stays choosable: the guide stresses that no method serves only one goal. This
    only marks the ones its examples mention, and says where.
    """
    chosen = set(goal_ids)
    result: dict[str, tuple[MethodLink, ...]] = {}
    for method in guide.methods:
        links = tuple(link for link in guide.method_links
                      if link.method_id == method.id and link.goal_id in chosen)
        if links:
            result[method.id] = links
    return result


def examples_for_goals(guide: Guide, goal_ids: Iterable[str]) -> list[Example]:
    """Example initiatives of the chosen goals, each once, in the guide's order."""
    seen: dict[str, Example] = {}
    for guidance in guidance_for_goals(guide, goal_ids):
        for entry in guidance.examples:
            seen.setdefault(entry.example.id, entry.example)
    return list(seen.values())


def methods_in_order(guide: Guide, method_ids: Iterable[str]) -> list[Method]:
    """Known methods among ``method_ids``, in the checklist's order."""
    chosen = set(method_ids)
    return [m for m in guide.methods if m.id in chosen]
