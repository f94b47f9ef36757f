"""Every wrong choice or review entry is still refused with the key that names it.

``validate_document`` lets the usual choice ({"selected": bool, "note": str}) and review entry
pass without building key paths; anything else must reach the full checks and their message.
"""

from __future__ import annotations

import copy

import pytest

from supportguide_app.storage import InvalidSessionError
from supportguide_app.storage.validation import validate_document

BASE = {
    "format": "supportguide-session", "version": 3, "id": "p1", "meta": {},
    "difficulties": {"D02": {"selected": True, "note": "メモ"}, "D03": {"selected": False}},
    "reviews": [{"id": "r1", "methods": {"MECH1": {"status": "done", "note": ""}, "ENV1": {}}}],
    "views": {"counselor": {"goals": {"A": {"selected": True}}}},
}


def test_the_usual_document_passes():
    validate_document(copy.deepcopy(BASE))


class Str(str):
    pass


@pytest.mark.parametrize(("section", "value", "key"), [
    ("difficulties", {"selected": 1}, "difficulties.D09.selected"),
    ("difficulties", {"selected": "true"}, "difficulties.D09.selected"),
    ("difficulties", {"note": "x"}, "difficulties.D09.selected"),
    ("difficulties", {"selected": True, "note": None}, "difficulties.D09.note"),
    ("difficulties", {"selected": True, "note": 3}, "difficulties.D09.note"),
    ("difficulties", {"selected": True, "extra": 1}, "difficulties.D09.extra"),
    ("difficulties", [True], "difficulties.D09"),
    ("difficulties", True, "difficulties.D09"),
    ("goals", None, "goals.D09"),
])
def test_a_wrong_choice_names_its_key(section, value, key):
    doc = copy.deepcopy(BASE)
    doc.setdefault(section, {})["D09"] = value
    with pytest.raises(InvalidSessionError) as caught:
        validate_document(doc)
    assert caught.value.key == key


def test_an_empty_id_and_a_view_choice_name_their_keys():
    doc = copy.deepcopy(BASE)
    doc["difficulties"][" "] = {"selected": True}
    with pytest.raises(InvalidSessionError) as caught:
        validate_document(doc)
    assert caught.value.key == "difficulties. "
    doc = copy.deepcopy(BASE)
    doc["views"]["counselor"]["goals"]["B"] = {"selected": "yes"}
    with pytest.raises(InvalidSessionError) as caught:
        validate_document(doc)
    assert caught.value.key == "views.counselor.goals.B.selected"


def test_a_string_subclass_note_is_still_accepted():
    doc = copy.deepcopy(BASE)
    doc["difficulties"]["D02"]["note"] = Str("メモ")
    validate_document(doc)


@pytest.mark.parametrize(("entry", "key"), [
    ({"status": "finished"}, "reviews[0].methods.X.status"),
    ({"status": ["done"]}, "reviews[0].methods.X.status"),
    ({"status": None}, "reviews[0].methods.X.status"),
    ({"note": 1}, "reviews[0].methods.X.note"),
    ({"status": "done", "when": "today"}, "reviews[0].methods.X.when"),
    ("done", "reviews[0].methods.X"),
])
def test_a_wrong_review_entry_names_its_key(entry, key):
    doc = copy.deepcopy(BASE)
    doc["reviews"][0]["methods"]["X"] = entry
    with pytest.raises(InvalidSessionError) as caught:
        validate_document(doc)
    assert caught.value.key == key


@pytest.mark.parametrize(("view", "key"), [
    ({"name": 1}, "views.manager.name"),
    ({"done": "yes"}, "views.manager.done"),
    ({"consent": True}, "views.manager.consent"),
    ({"goals": []}, "views.manager.goals"),
    ({"goals": None}, "views.manager.goals"),
    ({"note_consent": []}, "views.manager.note_consent"),
    ({"extra": {}}, "views.manager.extra"),
    ([], "views.manager"),
])
def test_a_wrong_view_names_its_key(view, key):
    doc = copy.deepcopy(BASE)
    doc["views"]["manager"] = view
    with pytest.raises(InvalidSessionError) as caught:
        validate_document(doc)
    assert caught.value.key == key


def test_empty_views_pass_and_true_is_no_attendance():
    doc = copy.deepcopy(BASE)
    doc["views"] = {"manager": {"name": "", "done": False, "difficulties": {}, "goals": {}},
                    "counselor": {"consent": False, "note_consent": {}}}
    validate_document(doc)
    doc["reviews"][0]["attendance"] = 3
    validate_document(doc)
    doc["reviews"][0]["attendance"] = True
    with pytest.raises(InvalidSessionError) as caught:
        validate_document(doc)
    assert caught.value.key == "reviews[0].attendance"
