"""The guide's data against the guide's own text: labels word for word, relations as section II-2."""

import re
from pathlib import Path

import pytest

from supportguide_app.guide import load_guide

GUIDE_TEXT = Path(__file__).resolve().parents[3] / "shared" / "guide" / "supporter-support-guide.ja.txt"


def _squash(text: str) -> str:
    # The extraction broke lines inside words; compare without any white space.
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def guide():
    return load_guide()


@pytest.fixture(scope="module")
def text():
    if not GUIDE_TEXT.is_file():
        pytest.skip("the guide's text (../shared/guide) is not beside this checkout")
    return _squash(GUIDE_TEXT.read_text(encoding="utf-8"))


def test_ids_follow_ids_md(guide):
    assert [s.id for s in guide.steps] == ["step1", "step2", "step3"]
    assert [g.id for g in guide.goals] == list("ABCDEF")
    assert [c.id for c in guide.categories] == [f"C{i}" for i in range(1, 7)]
    assert [d.id for d in guide.difficulties] == [f"D{i:02d}" for i in range(1, 17)]
    assert [d.mark for d in guide.difficulties] == list("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯")
    assert [m.id for m in guide.methods_in("ENV")] == [f"ENV{i}" for i in range(1, 6)]
    assert [m.id for m in guide.methods_in("MECH")] == [f"MECH{i}" for i in range(1, 10)]
    assert [p.id for p in guide.prep_items] == [
        "PREP_STAFF_INTERNAL", "PREP_STAFF_EXTERNAL", "PREP_STAFF_PROVIDER", "PREP_PART_SCOPE",
        "PREP_PART_DATE", "PREP_PR_METHOD", "PREP_PR_CHANNEL", "PREP_BUDGET_SECURED",
        "PREP_BUDGET_NONE", "PREP_EVAL_METHOD"]
    assert [c.id for c in guide.concepts] == [
        "WORLD_CAFE", "PCAGIP", "TRAUMA_INFORMED_CARE", "NEGATIVE_CAPABILITY"]
    for goal in guide.goals:
        own = [e.id for e in guide.examples if e.goal_id == goal.id]
        assert own == [f"EX_{goal.id}{i}" for i in range(1, len(own) + 1)]


def test_checklist_holds_difficulties_two_to_thirteen(guide):
    assert [d.mark for d in guide.checklist_difficulties] == list("②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬")
    outside = [d for d in guide.difficulties if not d.in_checklist]
    assert [d.mark for d in outside] == list("①⑭⑮⑯")
    # Each one left out carries the guide's reason, through its category.
    for d in outside:
        assert "ガイド" in guide.category(d.category_id).guide_note


@pytest.mark.parametrize(("mark", "goals"), [
    ("②", "ABD"), ("③", "ABD"), ("④", "ABD"), ("⑤", "ABD"), ("⑥", "ABD"), ("⑦", "ABD"),
    ("⑧", "ABD"), ("⑨", "ABCEF"), ("⑩", "A"), ("⑪", "ABCD"), ("⑫", "ABCD"), ("⑬", "ABCD"),
    ("①", ""), ("⑭", ""), ("⑮", ""), ("⑯", ""),
])
def test_relation_matches_section_two(guide, text, mark, goals):
    from supportguide_app.plan.rules import goals_for_difficulty

    difficulty = next(d for d in guide.difficulties if d.mark == mark)
    assert "".join(g.id for g in goals_for_difficulty(guide, difficulty.id)) == goals
    # The guide's sentence that states the relation names each goal by its letter.
    note = guide.category(difficulty.category_id).guide_note
    assert _squash(note) in text
    for letter in goals:
        assert f"「{letter}." in note


def test_labels_are_word_for_word(guide, text):
    for d in guide.checklist_difficulties:
        assert _squash(f"□{d.mark}{d.label}") in text, d.id
    for d in guide.difficulties:
        assert _squash(f"{d.mark}{d.guide_label}") in text, d.id
        if d.description:
            assert _squash(d.description) in text, d.id
    for c in guide.categories:
        if c.checklist_label:
            assert _squash(c.checklist_label) in text, c.id
    for m in guide.methods:
        assert _squash(f"□{m.label}") in text, m.id
    for g in guide.method_groups:
        assert _squash(f"{g.mark}{g.label}") in text, g.id
    for p in guide.prep_items:
        assert _squash(f"□{p.label}") in text, p.id
    for goal in guide.goals:
        assert _squash(goal.label) in text, goal.id
        assert _squash(f"{goal.id}.{goal.title}") in text, goal.id
    assert _squash(guide.preparation_heading) in text
    for group in guide.prep_groups:
        assert _squash(f"（{group.label}）") in text


def test_explanations_are_the_guides_or_say_why_not(guide, text):
    """Every explanation is the guide's text, unless it carries a note on the repair."""
    raw = guide.raw
    checked = 0
    for kind, fields in (("examples", ("name", "content")), ("concepts", ("definition",)),
                         ("steps", ("text", "caption", "action"))):
        for item in raw[kind]:
            notes = item.get("edit_notes", {})
            for name in fields:
                value = item[name] if name != "name" else f"【{item[name]}】"
                if name in notes:
                    assert notes[name].strip()
                else:
                    assert _squash(value) in text, (item["id"], name)
                    checked += 1
            for i, step in enumerate(item.get("steps", [])):
                if f"steps.{i}" not in notes:
                    assert _squash(step) in text, (item["id"], i)
    for goal in guide.goals:
        for point in goal.points:
            assert _squash(point.text) in text, goal.id
            for detail in point.details:
                assert _squash(detail) in text, goal.id
    for point in guide.common_points:
        assert _squash(point.text) in text, point.id
    for link in guide.method_links:
        assert _squash(link.basis) in text, (link.goal_id, link.method_id)
    assert checked > 30


def test_no_number_the_guide_does_not_print(guide, text):
    """Repaired texts add no digits: every number in them is one the guide's text has nearby."""
    digits = re.compile(r"[0-9０-９]+")
    for item in guide.raw["examples"] + guide.raw["concepts"]:
        for name in item.get("edit_notes", {}):
            value = item[name] if "." not in name else item["steps"][int(name.split(".")[1])]
            for number in digits.findall(value):
                assert number in text, (item["id"], number)


def test_relisted_examples_keep_their_first_id(guide):
    # Goal D's table repeats 1on1 from A and 相談員全員が集まる場づくり from B （再）.
    d = guide.goal("D")
    assert d.example_ids == ("EX_A4", "EX_D1", "EX_B2", "EX_D2")
    assert guide.example("EX_A4").goal_id == "A"
    assert guide.example("EX_B2").location == "奈良県"


def test_concepts_belong_to_goal_b_with_steps(guide):
    assert guide.goal("B").concept_ids == (
        "WORLD_CAFE", "PCAGIP", "TRAUMA_INFORMED_CARE", "NEGATIVE_CAPABILITY")
    assert len(guide.concept("WORLD_CAFE").steps) == 4
    assert len(guide.concept("PCAGIP").steps) == 4
    assert guide.concept("PCAGIP").name.startswith("PCAGIP法")


def test_preparation_provider_depends_on_external(guide):
    provider = guide.prep_item("PREP_STAFF_PROVIDER")
    assert provider.requires == "PREP_STAFF_EXTERNAL"
    assert provider.condition == "外部専門家に依頼し実施する場合"
    assert [g.label for g in guide.prep_groups] == ["実施体制", "参加者", "周知", "予算", "評価"]
