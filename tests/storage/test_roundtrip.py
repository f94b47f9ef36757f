"""Random sessions survive save → load unchanged: nothing is lost, unknown IDs and extras included."""

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportguide_app.guide import load_guide
from supportguide_app.plan.session import (
    CHECKPOINTS,
    MEETINGS,
    REVIEW_STATUSES,
    ROLES,
    Choice,
    MethodReview,
    PlanLink,
    PrepAnswer,
    Review,
    Session,
    View,
)
from supportguide_app.storage import load_session, save_session, session_from_dict, session_to_dict
from supportguide_app.storage.validation import KNOWN_TOP_LEVEL

GUIDE = load_guide()

# Any text a person could type or paste: Japanese, emoji, control characters; no NUL or surrogates.
text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
japanese = st.text(st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=20)
any_text = st.one_of(text, japanese, st.sampled_from(["", "令和８年度 😀 計画", "改行\nあり\t", '"引用"\\']))
unknown_id = st.from_regex(r"X_[A-Z0-9_]{1,8}|D[2-9][0-9]|EX_[G-Z][0-9]", fullmatch=True)


def ids(known):
    return st.one_of(st.sampled_from(list(known)), unknown_id)


choices = {
    cp: st.dictionaries(ids(GUIDE.item_ids(cp)), st.builds(Choice, st.booleans(), any_text), max_size=6)
    for cp in CHECKPOINTS
}
prep_ids = [item.id for item in GUIDE.prep_items]
field_ids = sorted({f.id for item in GUIDE.prep_items for f in item.fields}) + ["x_local"]
prep = st.dictionaries(
    ids(prep_ids),
    st.builds(PrepAnswer, st.booleans(), st.dictionaries(st.sampled_from(field_ids), any_text, max_size=3)),
    max_size=5,
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | any_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(any_text, children, max_size=3),
    max_leaves=8,
)
extra = st.dictionaries(any_text.filter(lambda k: k not in KNOWN_TOP_LEVEL), json_value, max_size=3)
iso_date = st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10)

method_reviews = st.dictionaries(
    ids(GUIDE.item_ids("methods")),
    st.builds(MethodReview, st.sampled_from(["", *REVIEW_STATUSES]), any_text),
    max_size=5,
)
reviews = st.lists(
    st.builds(
        Review,
        id=st.one_of(st.uuids().map(lambda u: u.hex), st.from_regex(r"r[0-9]{1,3}", fullmatch=True)),
        date=st.one_of(st.just(""), iso_date),
        participants=any_text,
        methods=method_reviews,
        effect=any_text,
        attendance=st.one_of(st.none(), st.integers(0, 10**6)),
        questionnaire=any_text,
        next_steps=any_text,
    ),
    max_size=4,
    unique_by=lambda r: r.id,
)
lineage = st.lists(st.builds(PlanLink, id=any_text, title=any_text, date=any_text, file=any_text,
                             created=any_text), max_size=3)

consents = st.fixed_dictionaries({
    cp: st.dictionaries(ids(GUIDE.item_ids(cp)), st.booleans(), max_size=3) for cp in CHECKPOINTS})
view_choices = st.fixed_dictionaries(choices)
manager_views = st.builds(View, name=any_text, done=st.booleans(), selections=view_choices)
counselor_views = st.builds(View, name=any_text, done=st.booleans(), selections=view_choices,
                            consent=st.booleans(), note_consent=consents)
views = st.fixed_dictionaries({"manager": manager_views, "counselor": counselor_views})

sessions = st.builds(
    Session,
    title=any_text,
    organisation=any_text,
    author=any_text,
    role=st.sampled_from(list(ROLES)),
    date=st.one_of(st.just(""), iso_date),
    meeting=st.sampled_from(list(MEETINGS)),
    selections=st.fixed_dictionaries(choices),
    marked_examples=st.lists(ids([e.id for e in GUIDE.examples]), unique=True, max_size=6),
    preparation=prep,
    clauses=st.dictionaries(ids(GUIDE.item_ids("methods")), any_text, max_size=4),
    notes=any_text,
    created=any_text,
    modified=any_text,
    extra=extra,
    id=st.one_of(st.uuids().map(lambda u: u.hex), any_text.filter(str.strip)),
    reviews=reviews,
    lineage=lineage,
    views=views,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions)
def test_save_then_load_loses_nothing(session):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "支援計画 テスト.json"
        original = session.copy()
        save_session(session, path)
        save_session(session, path)  # a second save goes through the overwrite guard and the backup
        loaded = load_session(path).session
    assert loaded.modified == session.modified  # save_session stamped the session it wrote
    original.modified = session.modified
    assert loaded == original
    assert loaded.selections == original.selections  # order of first touch is kept too
    for cp in CHECKPOINTS:
        assert list(loaded.selections[cp]) == list(original.selections[cp])
    assert loaded.extra == original.extra
    assert loaded.id == original.id
    assert [r.id for r in loaded.reviews] == [r.id for r in original.reviews]  # order kept
    for got, want in zip(loaded.reviews, original.reviews, strict=True):
        assert list(got.methods) == list(want.methods)
    for who, view in original.views.items():  # views and consents, order of first touch included
        for cp in CHECKPOINTS:
            assert list(loaded.views[who].selections[cp]) == list(view.selections[cp])
            assert list(loaded.views[who].note_consent[cp]) == list(view.note_consent[cp])


@settings(max_examples=100, deadline=None)
@given(sessions)
def test_document_round_trip_is_pure(session):
    doc = session_to_dict(session)
    again = session_from_dict(json.loads(json.dumps(doc, ensure_ascii=False))).session
    assert again == session
    assert session_to_dict(again) == doc
