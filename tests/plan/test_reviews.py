"""点検の記録: reviews change only through set_value paths and add/remove, and every change undoes."""

import pytest

from supportguide_app.plan.session import MethodReview, Review, Session


def _session_with_review() -> tuple[Session, str]:
    s = Session.new()
    s.set_value(("selection", "methods", "MECH1", "selected"), True)
    return s, s.add_review()


def test_a_new_review_is_empty_and_makes_the_session_not_blank():
    s = Session.new()
    review_id = s.add_review()
    assert len(review_id) == 32 and s.review(review_id) == Review(id=review_id)
    assert not s.is_blank()
    s.remove_review(review_id)
    assert s.is_blank()


def test_review_paths_return_the_old_value_and_undo_restores_everything():
    s, rid = _session_with_review()
    before = s.copy()
    steps = [
        (("review", rid, "date"), "2026-10-15"),
        (("review", rid, "participants"), "課長、相談員３名"),
        (("review", rid, "method", "MECH1", "status"), "done"),
        (("review", rid, "method", "MECH1", "note"), "９月に実施"),
        (("review", rid, "method", "ENV4", "status"), "partly"),
        (("review", rid, "method", "ENV4", "status"), "not_yet"),
        (("review", rid, "effect"), "相談しやすくなった"),
        (("review", rid, "attendance"), 12),
        (("review", rid, "questionnaire"), "満足 10／12"),
        (("review", rid, "next_steps"), "年度初めに日程を決める"),
    ]
    history = []
    for path, value in steps:
        history.append((path, s.set_value(path, value)))
        assert s.get_value(path) == value
    review = s.review(rid)
    assert review.methods == {"MECH1": MethodReview("done", "９月に実施"), "ENV4": MethodReview("not_yet")}
    assert review.attendance == 12 and review.status("ENV4") == "not_yet" and review.status("ENV9") == ""
    assert history[5] == (("review", rid, "method", "ENV4", "status"), "partly")
    for path, old in reversed(history):
        s.set_value(path, old)
    assert s == before
    assert s.review(rid).methods == {}  # an entry with no status and no note is not kept


@pytest.mark.parametrize(("path", "value", "error"), [
    (("date",), "10月15日", ValueError),
    (("date",), "2026-02-30", ValueError),
    (("attendance",), -1, ValueError),
    (("attendance",), True, ValueError),
    (("attendance",), "12", TypeError),
    (("method", "MECH1", "status"), "yes", ValueError),
    (("method", "MECH1", "status"), None, TypeError),
    (("method", "MECH1", "when"), "x", KeyError),
    (("effect",), None, TypeError),
    (("colour",), "red", KeyError),
])
def test_bad_values_are_refused_and_change_nothing(path, value, error):
    s, rid = _session_with_review()
    before = s.copy()
    with pytest.raises(error):
        s.set_value(("review", rid, *path), value)
    assert s == before


def test_a_path_to_a_missing_review_is_a_key_error():
    s = Session.new()
    with pytest.raises(KeyError):
        s.set_value(("review", "nope", "effect"), "x")
    with pytest.raises(KeyError):
        s.get_value(("review", "nope", "effect"))


def test_remove_returns_what_insert_needs_to_undo_it():
    s = Session.new()
    ids = [s.add_review(Review(date=d)) for d in ("2026-07-01", "2026-10-01", "2027-01-15")]
    s.set_value(("review", ids[1], "effect"), "効果あり")
    before = s.copy()
    index, removed = s.remove_review(ids[1])
    assert index == 1 and removed.effect == "効果あり"
    assert [r.id for r in s.reviews] == [ids[0], ids[2]]
    s.insert_review(index, removed)
    assert s == before
    with pytest.raises(ValueError):
        s.insert_review(0, removed)  # already there
    with pytest.raises(KeyError):
        s.remove_review("nope")


def test_add_keeps_a_given_id_and_refuses_a_duplicate():
    s = Session.new()
    assert s.add_review(Review(id="r1")) == "r1"
    assert s.add_review(Review(id="")) not in ("", "r1")
    with pytest.raises(ValueError):
        s.add_review(Review(id="r1"))


def test_reviews_are_shown_by_date_undated_last_ties_in_order_added():
    s = Session.new()
    ids = {}
    for name, day in [("oct", "2026-10-01"), ("none1", ""), ("jul_a", "2026-07-01"),
                      ("jan", "2027-01-15"), ("jul_b", "2026-07-01"), ("none2", "")]:
        ids[name] = s.add_review(Review(date=day))
    order = [next(k for k, v in ids.items() if v == r.id) for r in s.reviews_in_order()]
    assert order == ["jul_a", "jul_b", "oct", "jan", "none1", "none2"]
    # the stored order (what remove/insert indices refer to) is the order added
    assert [r.id for r in s.reviews] == list(ids.values())
    # changing a date through set_value moves the review in the shown order
    s.set_value(("review", ids["jan"], "date"), "2026-06-01")
    assert s.reviews_in_order()[0].id == ids["jan"]
