"""The two views of a 1on1 (管理者と相談員の見方): set_value paths, undo, consent."""

import pytest

from supportguide_app.plan.session import CHECKPOINTS, Session, View


def test_a_new_session_has_two_empty_views_and_is_blank():
    s = Session()
    assert set(s.views) == {"manager", "counselor"}
    assert all(v == View() for v in s.views.values())
    assert s.is_blank() and not s.has_views()


@pytest.mark.parametrize(("path", "value", "empty"), [
    (("view", "manager", "name"), "課長 山田", ""),
    (("view", "counselor", "name"), "佐藤", ""),
    (("view", "manager", "done"), True, False),
    (("view", "counselor", "done"), True, False),
    (("view", "manager", "difficulties", "D02", "selected"), True, False),
    (("view", "counselor", "goals", "B", "note"), "研修がほしい", ""),
    (("view", "counselor", "methods", "X_LOCAL1", "selected"), True, False),
    (("view", "counselor", "consent"), True, False),
    (("view", "counselor", "note_consent", "goals", "B"), False, None),
    (("view", "counselor", "note_consent", "difficulties", "D02"), True, None),
])
def test_every_view_path_sets_returns_the_old_value_and_undoes(path, value, empty):
    s = Session()
    before = s.copy()
    assert s.get_value(path) == empty
    assert s.set_value(path, value) == empty
    assert s.get_value(path) == value
    assert not s.is_blank()
    assert s.set_value(path, empty) == value  # the undo
    assert s == before  # an emptied choice or override is removed, not left behind


def test_view_edits_do_not_touch_the_agreed_selection():
    s = Session(meeting="one_on_one")
    s.set_value(("view", "manager", "difficulties", "D02", "selected"), True)
    s.set_value(("view", "counselor", "difficulties", "D02", "note"), "迷う")
    assert s.selected("difficulties") == []
    assert s.views["manager"].selected("difficulties") == ["D02"]
    assert s.views["counselor"].note("difficulties", "D02") == "迷う"
    assert s.has_views()
    s.set_value(("meeting",), "team")  # views are kept, only not shown
    assert not s.has_views() and s.views["manager"].selected("difficulties") == ["D02"]


@pytest.mark.parametrize("path", [
    ("view", "team", "name"),
    ("view", "manager"),
    ("view", "manager", "consent"),  # the manager's notes print: no consent to record
    ("view", "manager", "note_consent", "goals", "A"),
    ("view", "counselor", "examples", "EX_A1", "selected"),
    ("view", "counselor", "goals", "A", "status"),
    ("view", "counselor", "goals", "A"),
    ("view", "counselor", "name", "extra"),
    ("view", "counselor", "note_consent", "notes", "A"),
    ("view", "counselor", "note_consent", "goals"),
])
def test_bad_view_paths_are_key_errors(path):
    s = Session()
    with pytest.raises(KeyError):
        s.get_value(path)
    with pytest.raises(KeyError):
        s.set_value(path, True)
    assert s == Session(id=s.id, created=s.created, modified=s.modified, date=s.date)


@pytest.mark.parametrize(("path", "value"), [
    (("view", "manager", "name"), None),
    (("view", "manager", "done"), "yes"),
    (("view", "counselor", "consent"), 1),
    (("view", "counselor", "note_consent", "goals", "A"), "yes"),
    (("view", "counselor", "goals", "A", "selected"), "true"),
    (("view", "counselor", "goals", "A", "note"), 3),
])
def test_view_values_are_type_checked(path, value):
    with pytest.raises(TypeError):
        Session().set_value(path, value)


def test_note_consent_override_wins_over_the_whole_view_consent():
    s = Session()
    counselor = s.views["counselor"]
    assert not counselor.note_shared("goals", "B")
    s.set_value(("view", "counselor", "note_consent", "goals", "B"), True)
    assert counselor.note_shared("goals", "B") and not counselor.note_shared("goals", "A")
    s.set_value(("view", "counselor", "consent"), True)
    s.set_value(("view", "counselor", "note_consent", "goals", "A"), False)
    assert counselor.note_shared("goals", "B") and not counselor.note_shared("goals", "A")
    assert counselor.note_shared("difficulties", "D01")
    assert s.set_value(("view", "counselor", "note_consent", "goals", "A"), None) is False
    assert counselor.note_shared("goals", "A")


def test_existing_paths_still_work_beside_views():
    s = Session()
    for cp in CHECKPOINTS:
        s.set_value(("selection", cp, "X", "selected"), True)
    s.set_value(("title",), "計画")
    assert s.get_value(("selection", "goals", "X", "selected")) is True
    assert all(v.is_empty() for v in s.views.values())
