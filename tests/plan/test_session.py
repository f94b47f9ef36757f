"""The one mutation method: every edit returns the old value, and nothing typed is lost."""

from datetime import date, datetime

import pytest

from supportguide_app.plan.session import Session


def test_new_session_is_dated_today_and_blank():
    s = Session.new()
    assert s.date and s.is_blank()
    assert datetime.fromisoformat(s.created).tzinfo is not None
    assert date.fromisoformat(s.date) == date.today()


def test_set_value_returns_old_and_undo_restores():
    s = Session.new()
    steps = [
        (("title",), "令和８年度 支援者支援計画"),
        (("selection", "difficulties", "D03", "selected"), True),
        (("selection", "difficulties", "D03", "note"), "新規相談が増えている"),
        (("example", "EX_A2"), True),
        (("prep", "PREP_STAFF_EXTERNAL", "checked"), True),
        (("prep", "PREP_STAFF_PROVIDER", "field", "provider"), "〇〇大学 臨床心理士"),
        (("clause", "MECH1"), "受託者は研修を行うこと。"),
    ]
    history = []
    for path, value in steps:
        history.append((path, s.set_value(path, value)))
        assert s.get_value(path) == value
    assert not s.is_blank()
    assert s.selected("difficulties") == ["D03"]
    assert s.prep_field("PREP_STAFF_PROVIDER", "provider") == "〇〇大学 臨床心理士"
    for path, old in reversed(history):
        s.set_value(path, old)
    assert s.is_blank()
    assert s.selections["difficulties"] == {} and s.preparation == {} and s.clauses == {}


def test_unticking_keeps_the_note():
    s = Session.new()
    s.set_value(("selection", "goals", "A", "selected"), True)
    s.set_value(("selection", "goals", "A", "note"), "朝会から始める")
    s.set_value(("selection", "goals", "A", "selected"), False)
    assert s.selected("goals") == []
    assert s.note("goals", "A") == "朝会から始める"


def test_unknown_ids_are_kept():
    s = Session.new()
    s.set_value(("selection", "methods", "X_PREF_1", "selected"), True)
    assert s.selected("methods") == ["X_PREF_1"]


@pytest.mark.parametrize(("path", "value", "error"), [
    (("title",), 3, TypeError),
    (("role",), "boss", ValueError),
    (("meeting",), "lunch", ValueError),
    (("selection", "goals", "A", "selected"), "yes", TypeError),
    (("selection", "goals", "A", "colour"), "red", KeyError),
    (("nowhere",), "x", KeyError),
])
def test_bad_edits_are_refused(path, value, error):
    s = Session.new()
    with pytest.raises(error):
        s.set_value(path, value)
    assert s.is_blank()


def test_fiscal_year_is_set_through_set_value_and_checked():
    import pytest

    from supportguide_app.plan.session import Session

    s = Session(date="2026-10-01")
    assert s.get_value(("fiscal_year",)) is None and s.target_fiscal_year() == 2027
    assert s.set_value(("fiscal_year",), 2026) is None
    assert s.target_fiscal_year() == 2026 and not s.is_blank()
    assert s.set_value(("fiscal_year",), None) == 2026
    for bad, error in ((True, ValueError), ("2027", TypeError), (1900, ValueError)):
        with pytest.raises(error):
            s.set_value(("fiscal_year",), bad)
    assert s.fiscal_year is None and Session().target_fiscal_year() is None
