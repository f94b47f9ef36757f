"""Comparing the two views and settling the agreed selection (plan/compare.py)."""

from supportguide_app.guide import load_guide
from supportguide_app.plan.compare import (
    Agreement,
    adoption_edits,
    agreement_proposal,
    apply_edits,
    compare_checkpoint,
    compare_views,
    compared_checkpoints,
)
from supportguide_app.plan.session import Session

GUIDE = load_guide()


def one_on_one() -> Session:
    s = Session(meeting="one_on_one")
    chosen = {"manager": ["D05", "D02", "D09"], "counselor": ["D09", "D01", "X_LOCAL2", "D02"]}
    for who, ids in chosen.items():
        for item_id in ids:
            s.set_value(("view", who, "difficulties", item_id, "selected"), True)
    s.set_value(("view", "manager", "difficulties", "D05", "note"), "課で決めていない")
    s.set_value(("view", "counselor", "difficulties", "D01", "note"), "毎回迷う")
    s.set_value(("view", "counselor", "difficulties", "D16", "note"), "選ばないがメモ")
    return s


def test_differences_first_then_both_then_neither_each_in_guide_order():
    c = compare_checkpoint(one_on_one(), GUIDE, "difficulties")
    order = [(i.item_id, i.agreement) for i in c.items]
    assert order[:5] == [
        ("D05", Agreement.MANAGER_ONLY),
        ("D01", Agreement.COUNSELOR_ONLY),
        ("X_LOCAL2", Agreement.COUNSELOR_ONLY),  # unknown IDs kept, after the guide's
        ("D02", Agreement.BOTH),
        ("D09", Agreement.BOTH),
    ]
    neither = [i.item_id for i in c.neither]
    assert neither == [i for i in GUIDE.item_ids("difficulties") if i not in ("D01", "D02", "D05", "D09")]
    assert len(c.items) == len(GUIDE.item_ids("difficulties")) + 1
    assert [i.item_id for i in c.differences] == ["D05", "D01", "X_LOCAL2"]
    assert not next(i for i in c.items if i.item_id == "X_LOCAL2").known


def test_each_persons_note_is_beside_the_item_with_the_counselors_consent():
    s = one_on_one()
    items = {i.item_id: i for i in compare_checkpoint(s, GUIDE, "difficulties").items}
    assert items["D05"].manager_note == "課で決めていない" and items["D05"].counselor_note == ""
    assert items["D01"].counselor_note == "毎回迷う" and not items["D01"].counselor_note_shared
    assert items["D16"].agreement is Agreement.NEITHER and items["D16"].has_content()
    assert not items["D03"].has_content()
    s.set_value(("view", "counselor", "note_consent", "difficulties", "D01"), True)
    items = {i.item_id: i for i in compare_checkpoint(s, GUIDE, "difficulties").items}
    assert items["D01"].counselor_note_shared


def test_checkpoint_3_is_compared_only_when_someone_entered_it():
    s = one_on_one()
    assert compared_checkpoints(s) == ("difficulties", "goals")
    s.set_value(("view", "counselor", "methods", "MECH1", "selected"), True)
    assert [c.checkpoint for c in compare_views(s, GUIDE)] == ["difficulties", "goals", "methods"]


def test_proposal_selects_what_both_chose_and_leaves_differences_to_the_people():
    s = one_on_one()
    p = agreement_proposal(s, GUIDE, "difficulties")
    assert dict(p.decisions) == {"D02": True, "D09": True}
    assert p.undecided == ("D05", "D01", "X_LOCAL2")
    p = p.decide("D01", True).decide("D05", False)
    assert p.undecided == ("X_LOCAL2",)
    edits = adoption_edits(s, p)
    # D05 is not selected in the agreed selection already: no edit for it
    assert edits == [(("selection", "difficulties", "D02", "selected"), True),
                     (("selection", "difficulties", "D09", "selected"), True),
                     (("selection", "difficulties", "D01", "selected"), True)]
    before = s.copy()
    undo = apply_edits(s, edits)
    assert s.selected("difficulties") == ["D02", "D09", "D01"]
    assert s.note("difficulties", "D01") == ""  # notes are never copied from a view
    assert adoption_edits(s, p) == []  # adopting twice changes nothing
    apply_edits(s, undo)
    assert s == before


def test_proposal_does_not_untick_what_the_agreed_selection_already_holds():
    s = one_on_one()
    s.set_value(("selection", "difficulties", "D12", "selected"), True)
    p = agreement_proposal(s, GUIDE, "difficulties")
    apply_edits(s, adoption_edits(s, p))
    assert s.is_selected("difficulties", "D12")
    item = next(i for i in compare_checkpoint(s, GUIDE, "difficulties").items if i.item_id == "D12")
    assert item.agreement is Agreement.NEITHER and item.agreed


def test_compare_does_not_change_the_session():
    s = one_on_one()
    before = s.copy()
    compare_views(s, GUIDE, ["difficulties", "goals", "methods"])
    agreement_proposal(s, GUIDE, "goals")
    assert s == before
