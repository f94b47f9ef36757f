"""The guide's records: immutable, compared by value, copyable, and as_dict like dataclasses.asdict."""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import FrozenInstanceError

import pytest

from supportguide_app import paths
from supportguide_app.guide import load_guide
from supportguide_app.guide.model import Example, Point, PrepItem, as_dict


def test_guide_records_cannot_be_changed():
    guide = load_guide()
    with pytest.raises(FrozenInstanceError):
        guide.goals[0].label = "別の目標"
    with pytest.raises(FrozenInstanceError):
        del guide.difficulties[0].description
    with pytest.raises(AttributeError):
        guide.goals[0].extra = "x"
    assert guide.goal("A").label == "相談員が独りで抱え込まないようにする"


def test_records_construct_like_dataclasses():
    assert Point("本文").details == ()
    item = PrepItem("P1", "G1", "ラベル", fields=())
    assert (item.requires, item.condition) == (None, None)
    assert repr(Point("a", ("b",))) == "Point(text='a', details=('b',))"
    first, second = Example("E", "A", "名", "内容", "県"), Example("E", "A", "名", "内容", "県")
    assert first.edit_notes == {} and first.edit_notes is not second.edit_notes
    assert Example("E", "A", "名", "内容", "県", {"name": "直した"}) == first  # notes are not compared
    with pytest.raises(TypeError, match="missing required argument: 'text'"):
        Point()
    with pytest.raises(TypeError, match="unexpected keyword argument 'note'"):
        Point("a", note="b")
    with pytest.raises(TypeError):
        Point("a", (), "c")


def test_guide_copies_are_equal_and_keep_their_lookups():
    guide = load_guide()
    copied = copy.deepcopy(guide)
    assert copied == guide and copied is not guide
    assert copied.goal("B") is copied.goals[1]
    assert pickle.loads(pickle.dumps(guide.examples[0])) == guide.examples[0]
    assert hash(copy.copy(guide.goals[0])) == hash(guide.goals[0])
    assert len({guide.goals[0], copy.copy(guide.goals[0])}) == 1


def test_as_dict_gives_the_guide_as_read_from_its_file():
    guide = load_guide()
    raw = json.loads(paths.resource("guide", "guide.json").read_text(encoding="utf-8"))
    document = as_dict(guide)
    assert list(document) == list(guide._fields)
    assert [g["label"] for g in document["goals"]] == [g["label"] for g in raw["goals"]]
    assert document["goals"][0]["points"][0]["text"] == raw["goals"][0]["points"][0]["text"]
    assert document["prep_groups"][0]["items"][0]["fields"] == tuple(
        as_dict(f) for f in guide.prep_groups[0].items[0].fields)
    assert document["community"] == raw["community"] and document["community"] is not guide.community
