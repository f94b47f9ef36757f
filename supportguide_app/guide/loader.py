"""Load and validate the guide's content from ``resources/guide/guide.json``.

The file is data that people edit by hand, so every problem is reported with the file and the key
(``difficulties[2].description``) and never papered over: an application that shows a guide with a
missing text or a dangling reference would mislead the people who plan with it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from supportguide_app import paths
from supportguide_app.guide.model import (
    Category,
    Checkpoint,
    CommonPoint,
    Concept,
    Difficulty,
    Example,
    Goal,
    Guide,
    Method,
    MethodGroup,
    MethodLink,
    Point,
    PrepField,
    PrepGroup,
    PrepItem,
    Step,
)

GUIDE_FORMAT = "supportguide-guide"
GUIDE_VERSION = 1
CHECKPOINT_IDS = ("difficulties", "goals", "methods")


class GuideDataError(Exception):
    """The guide's data file is missing, damaged or inconsistent."""

    def __init__(self, path: Path | str, key: str, problem: str) -> None:
        self.path = Path(path)
        self.key = key
        self.problem = problem
        where = f"{self.path.name} の {key}" if key else self.path.name
        super().__init__(f"ガイドのデータ（{where}）に問題があります: {problem}")


class _Reader:
    """Reads typed values out of nested JSON, naming the key on every failure."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> GuideDataError:
        return GuideDataError(self.path, key, problem)

    def get(self, obj: dict, key: str, prefix: str, kind: type | tuple, *, optional: bool = False,
            nullable: bool = False):
        """``optional``: the key may be absent or null; ``nullable``: present, but may be null."""
        where = f"{prefix}.{key}" if prefix else key
        if not isinstance(obj, dict):
            raise self.fail(prefix, "オブジェクトではありません")
        if key not in obj:
            if optional:
                return None
            raise self.fail(where, "必要な項目がありません")
        value = obj[key]
        if value is None and (optional or nullable):
            return None
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise self.fail(where, "型が正しくありません")
        return value

    def text(self, obj: dict, key: str, prefix: str, *, optional: bool = False,
             nullable: bool = False) -> str | None:
        value = self.get(obj, key, prefix, str, optional=optional, nullable=nullable)
        if value is not None and not value.strip():
            raise self.fail(f"{prefix}.{key}" if prefix else key, "文言が空です")
        return value

    def texts(self, obj: dict, key: str, prefix: str) -> tuple[str, ...]:
        values = self.get(obj, key, prefix, list)
        for i, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{prefix}.{key}[{i}]", "文言が空か、文字列ではありません")
        return tuple(values)

    def items(self, obj: dict, key: str, prefix: str = "") -> list[tuple[str, dict]]:
        values = self.get(obj, key, prefix, list)
        base = f"{prefix}.{key}" if prefix else key
        if not values:
            raise self.fail(base, "項目が一つもありません")
        return [(f"{base}[{i}]", value) for i, value in enumerate(values)]


@lru_cache(maxsize=4)
def load_guide(path: Path | None = None) -> Guide:
    """Read, validate and return the guide; cached, since the content never changes at run time."""
    path = Path(path) if path is not None else paths.resource("guide", "guide.json")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GuideDataError(path, "", "ファイルが見つかりません") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GuideDataError(path, "", f"読み込めません（{exc}）") from exc
    return build_guide(raw, path)


def build_guide(raw: Any, path: Path | str = "guide.json") -> Guide:
    """Validate parsed guide data and build the frozen :class:`Guide` from it."""
    r = _Reader(Path(path))
    if not isinstance(raw, dict):
        raise r.fail("", "JSONオブジェクトではありません")
    if raw.get("format") != GUIDE_FORMAT:
        raise r.fail("format", f"\"{GUIDE_FORMAT}\" ではありません")
    if raw.get("version") != GUIDE_VERSION:
        raise r.fail("version", f"このアプリが読める版は {GUIDE_VERSION} です")

    info_raw = r.get(raw, "guide", "", dict)
    info = {k: r.text(info_raw, k, "guide") for k in ("title", "subtitle", "purpose", "audience",
                                                       "steps_intro", "steps_goal")}
    steps = tuple(
        Step(r.text(s, "id", k), r.text(s, "number", k), r.text(s, "text", k),
             r.text(s, "caption", k), r.text(s, "action", k))
        for k, s in r.items(raw, "steps")
    )
    cl = r.get(raw, "checklist", "", dict)
    checklist = {k: r.text(cl, k, "checklist") for k in ("title", "intro", "usage", "first_three")}
    checkpoints = tuple(
        Checkpoint(r.text(c, "id", k), r.text(c, "number", k), r.text(c, "short", k),
                   r.text(c, "heading", k))
        for k, c in r.items(cl, "checkpoints", "checklist")
    )
    goals = tuple(
        Goal(
            id=r.text(g, "id", k),
            label=r.text(g, "label", k),
            title=r.text(g, "title", k),
            method_examples=r.text(g, "method_examples", k),
            points=tuple(Point(r.text(p, "text", pk), r.texts(p, "details", pk))
                         for pk, p in r.items(g, "points", k)),
            example_ids=r.texts(g, "examples", k),
            concept_ids=r.texts(g, "concepts", k),
        )
        for k, g in r.items(raw, "goals")
    )
    categories = tuple(
        Category(r.text(c, "id", k), r.text(c, "number", k), r.text(c, "label", k),
                 r.text(c, "checklist_label", k, nullable=True), r.texts(c, "goals", k),
                 r.text(c, "guide_note", k))
        for k, c in r.items(raw, "categories")
    )
    difficulties = tuple(
        Difficulty(r.text(d, "id", k), r.text(d, "mark", k), r.text(d, "category", k),
                   r.text(d, "label", k), r.text(d, "guide_label", k),
                   r.text(d, "description", k, nullable=True), r.get(d, "in_checklist", k, bool))
        for k, d in r.items(raw, "difficulties")
    )
    method_groups = tuple(
        MethodGroup(r.text(g, "id", k), r.text(g, "mark", k), r.text(g, "label", k),
                    r.text(g, "summary", k))
        for k, g in r.items(raw, "method_groups")
    )
    methods = tuple(
        Method(r.text(m, "id", k), r.text(m, "group", k), r.text(m, "label", k))
        for k, m in r.items(raw, "methods")
    )
    links = tuple(
        MethodLink(r.text(m, "goal", k), r.text(m, "method", k), r.text(m, "basis", k))
        for k, m in r.items(raw, "method_links")
    )
    examples = tuple(
        Example(r.text(e, "id", k), r.text(e, "goal", k), r.text(e, "name", k),
                r.text(e, "content", k), r.text(e, "location", k),
                dict(r.get(e, "edit_notes", k, dict, optional=True) or {}))
        for k, e in r.items(raw, "examples")
    )
    concepts = tuple(
        Concept(r.text(c, "id", k), r.text(c, "name", k), r.text(c, "kind", k),
                r.text(c, "definition", k), tuple(r.get(c, "steps", k, list)),
                r.text(c, "source", k, nullable=True))
        for k, c in r.items(raw, "concepts")
    )
    cp = r.get(raw, "common_points", "", dict)
    common_points = tuple(
        CommonPoint(r.text(p, "id", k), r.text(p, "label", k), r.text(p, "text", k))
        for k, p in r.items(cp, "items", "common_points")
    )
    community = r.get(raw, "community", "", dict)
    for key in ("title", "name"):
        r.text(community, key, "community")
    r.texts(community, "paragraphs", "community")
    prep = r.get(raw, "preparation", "", dict)
    prep_groups = []
    for gk, g in r.items(prep, "groups", "preparation"):
        group_id = r.text(g, "id", gk)
        items = tuple(
            PrepItem(
                id=r.text(i, "id", ik),
                group_id=group_id,
                label=r.text(i, "label", ik),
                fields=tuple(PrepField(r.text(f, "id", fk), r.text(f, "label", fk),
                                       bool(r.get(f, "multiline", fk, bool)))
                             for fk, f in ((f"{ik}.fields[{n}]", f)
                                           for n, f in enumerate(r.get(i, "fields", ik, list)))),
                requires=r.text(i, "requires", ik, optional=True),
                condition=r.text(i, "condition", ik, optional=True),
            )
            for ik, i in r.items(g, "items", gk)
        )
        prep_groups.append(PrepGroup(group_id, r.text(g, "label", gk), items))

    guide = Guide(
        info=info,
        steps=steps,
        checklist=checklist,
        checkpoints=checkpoints,
        goals=goals,
        categories=categories,
        difficulties=difficulties,
        methods_intro=r.texts(raw, "methods_intro", ""),
        method_groups=method_groups,
        methods=methods,
        method_links_note=r.text(raw, "method_links_note", ""),
        method_links=links,
        examples=examples,
        concepts=concepts,
        common_points_title=r.text(cp, "title", "common_points"),
        common_points_subtitle=r.text(cp, "subtitle", "common_points"),
        common_points=common_points,
        community=community,
        preparation_heading=r.text(prep, "heading", "preparation"),
        prep_groups=tuple(prep_groups),
        raw=raw,
    )
    _check_references(guide, r)
    return guide


def _check_references(guide: Guide, r: _Reader) -> None:
    """Unique IDs across the whole guide, and every reference pointing at an item that exists."""
    seen: dict[str, str] = {}
    kinds = {
        "steps": guide.steps, "goals": guide.goals, "categories": guide.categories,
        "difficulties": guide.difficulties, "method_groups": guide.method_groups,
        "methods": guide.methods, "examples": guide.examples, "concepts": guide.concepts,
        "preparation.items": guide.prep_items,
    }
    for kind, items in kinds.items():
        for i, item in enumerate(items):
            if item.id in seen:
                raise r.fail(f"{kind}[{i}].id", f"ID「{item.id}」が {seen[item.id]} と重複しています")
            seen[item.id] = f"{kind}[{i}]"
    if tuple(c.id for c in guide.checkpoints) != CHECKPOINT_IDS:
        raise r.fail("checklist.checkpoints", f"ID は {', '.join(CHECKPOINT_IDS)} の順です")

    goal_ids = {g.id for g in guide.goals}
    example_ids = {e.id for e in guide.examples}
    concept_ids = {c.id for c in guide.concepts}

    def need(ref: str, known: set[str], key: str, what: str) -> None:
        if ref not in known:
            raise r.fail(key, f"{what}「{ref}」が見つかりません")

    for i, c in enumerate(guide.categories):
        for ref in c.goal_ids:
            need(ref, goal_ids, f"categories[{i}].goals", "目標")
    category_ids = {c.id for c in guide.categories}
    for i, d in enumerate(guide.difficulties):
        need(d.category_id, category_ids, f"difficulties[{i}].category", "分類")
        if d.in_checklist and guide.category(d.category_id).checklist_label is None:
            raise r.fail(f"difficulties[{i}].in_checklist",
                         "チェックリストにない分類の困難さがチェックリストにあることになっています")
        if d.in_checklist and not d.description:
            raise r.fail(f"difficulties[{i}].description", "チェックリストの困難さには説明が必要です")
    for i, g in enumerate(guide.goals):
        for ref in g.example_ids:
            need(ref, example_ids, f"goals[{i}].examples", "取組例")
        for ref in g.concept_ids:
            need(ref, concept_ids, f"goals[{i}].concepts", "考え方")
    group_ids = {g.id for g in guide.method_groups}
    for i, m in enumerate(guide.methods):
        need(m.group_id, group_ids, f"methods[{i}].group", "手法の分類")
    method_ids = {m.id for m in guide.methods}
    for i, link in enumerate(guide.method_links):
        need(link.goal_id, goal_ids, f"method_links[{i}].goal", "目標")
        need(link.method_id, method_ids, f"method_links[{i}].method", "手法")
    for i, e in enumerate(guide.examples):
        need(e.goal_id, goal_ids, f"examples[{i}].goal", "目標")
        if e.id not in guide.goal(e.goal_id).example_ids:
            raise r.fail(f"examples[{i}].goal", f"目標「{e.goal_id}」の取組例に「{e.id}」がありません")
    prep_ids = {p.id for p in guide.prep_items}
    for i, item in enumerate(guide.prep_items):
        if item.requires is not None:
            need(item.requires, prep_ids, f"preparation.items[{i}].requires", "準備項目")
