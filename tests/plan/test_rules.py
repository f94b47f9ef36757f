"""Suggestions follow the guide's section II-2 and section III, for every difficulty."""

import pytest

from supportguide_app.guide import load_guide
from supportguide_app.plan import rules

GUIDE = load_guide()

# Section II-2, read off the guide's text: which goals reduce which difficulty.
EXPECTED = {
    **{f"D{i:02d}": "ABD" for i in range(2, 9)},
    "D09": "ABCEF",
    "D10": "A",
    **{f"D{i:02d}": "ABCD" for i in range(11, 14)},
    "D01": "", "D14": "", "D15": "", "D16": "",
}


@pytest.mark.parametrize("difficulty_id", sorted(EXPECTED))
def test_each_difficulty_alone_suggests_the_guides_goals(difficulty_id):
    suggestions = rules.suggested_goals(GUIDE, [difficulty_id])
    assert "".join(s.goal.id for s in suggestions) == EXPECTED[difficulty_id]
    for s in suggestions:
        assert [d.id for d in s.difficulties] == [difficulty_id]
        assert s.reason.startswith(GUIDE.difficulty(difficulty_id).mark)


def test_suggestions_gather_every_difficulty_behind_a_goal():
    suggestions = rules.suggested_goals(GUIDE, ["D10", "D09", "D03", "X_LOCAL1"])
    by_goal = {s.goal.id: [d.mark for d in s.difficulties] for s in suggestions}
    assert by_goal == {
        "A": ["③", "⑨", "⑩"], "B": ["③", "⑨"], "C": ["⑨"], "D": ["③"], "E": ["⑨"], "F": ["⑨"],
    }
    a = suggestions[0]
    assert a.reason == "③⑨⑩を軽減する目標としてガイドに挙げられています"
    assert len(a.guide_notes) == 3  # one sentence of the guide per category behind it


def test_no_difficulty_no_suggestion():
    assert rules.suggested_goals(GUIDE, []) == []


def test_guidance_for_goal_d_includes_relisted_examples():
    (guidance,) = rules.guidance_for_goals(GUIDE, ["D"])
    assert guidance.method_examples.startswith("1on1といった個別の会議")
    assert [(e.example.id, e.relisted) for e in guidance.examples] == [
        ("EX_A4", True), ("EX_D1", False), ("EX_B2", True), ("EX_D2", False)]
    assert len(guidance.points) == 3


def test_guidance_for_goal_b_brings_the_concepts():
    (guidance,) = rules.guidance_for_goals(GUIDE, ["B"])
    assert [c.name for c in guidance.concepts] == [
        "ワールドカフェ", "PCAGIP法（ピカジップ）", "トラウマインフォームドケア", "ネガティブケイパビリティ"]


def test_guidance_follows_goal_order_not_selection_order():
    assert [g.goal.id for g in rules.guidance_for_goals(GUIDE, ["F", "A", "Z"])] == ["A", "F"]


def test_methods_for_goals_quote_the_guide():
    links = rules.methods_for_goals(GUIDE, ["E"])
    assert list(links) == ["MECH6"]
    assert links["MECH6"][0].basis == "ネットワーク作りのための会議"
    f = rules.methods_for_goals(GUIDE, ["F"])
    assert {"MECH7", "MECH8", "MECH9"} <= set(f)
    assert "ENV3" not in rules.methods_for_goals(GUIDE, list("ABCDEF"))


def test_examples_for_goals_once_each():
    ids = [e.id for e in rules.examples_for_goals(GUIDE, ["A", "D"])]
    assert ids == ["EX_A1", "EX_A2", "EX_A3", "EX_A4", "EX_D1", "EX_B2", "EX_D2"]
