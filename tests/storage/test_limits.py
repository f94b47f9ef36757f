"""The byte-level proof that a parsed document is within the size and nesting limits.

``parse_json_bytes`` skips the walk over every value when ``_within_limits`` proves from the bytes
that the walk cannot fail; the walk decides otherwise. So the proof must never say "within" for a
document the walk refuses, whatever the strings hold (brackets, quotes, backslashes).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportguide_app.storage import NotJSONError
from supportguide_app.storage.files import (
    MAX_NESTING,
    MAX_VALUES,
    _check_size_and_nesting,
    _within_limits,
    parse_json_bytes,
)

TRICKY = st.text(alphabet=st.sampled_from('[]{}"\\/,:ab漢\n'), max_size=8)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TRICKY,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TRICKY, children, max_size=4),
    max_leaves=30,
)


def _separators(raw: bytes) -> int:
    return raw.count(b",") + raw.count(b"[") + raw.count(b"{")


def _walk_accepts(value) -> bool:
    try:
        _check_size_and_nesting(value, None)
    except NotJSONError:
        return False
    return True


def _nested(depth: int, innermost=1):
    value = innermost
    for n in range(depth):
        value = [value] if n % 2 else {"[{\\\"": value}
    return value


@settings(max_examples=400, deadline=None)
@given(JSON_VALUES, st.integers(min_value=0, max_value=MAX_NESTING + 3), st.booleans())
def test_the_proof_never_accepts_what_the_walk_refuses(value, extra_depth, ascii_only):
    value = _nested(extra_depth, value)
    raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8")
    if _within_limits(raw, _separators(raw)):
        assert _walk_accepts(value)


@pytest.mark.parametrize("depth", [MAX_NESTING - 2, MAX_NESTING - 1, MAX_NESTING, MAX_NESTING + 1])
def test_documents_at_the_nesting_limit_get_the_walks_answer(depth):
    for innermost in (1, [], {}, "]]]}}}"):
        value = _nested(depth, innermost)
        raw = json.dumps(value).encode("utf-8")
        if _walk_accepts(value):
            assert parse_json_bytes(raw) == value
        else:
            with pytest.raises(NotJSONError, match="入れ子が深すぎます"):
                parse_json_bytes(raw)


def test_a_plan_with_brackets_and_quotes_in_its_notes_is_proved_within():
    note = 'メモ: [重要] {"引用"} \\ 終わり ]]]'
    doc = {"format": "x", "notes": note, "difficulties": {"D02": {"selected": True, "note": note}}}
    raw = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    assert _within_limits(raw, _separators(raw))
    assert parse_json_bytes(raw) == doc


def test_many_values_are_left_to_the_walk():
    raw = json.dumps([0] * MAX_VALUES).encode("utf-8")
    assert not _within_limits(raw, _separators(raw))
    with pytest.raises(NotJSONError, match="項目が多すぎます"):
        parse_json_bytes(raw)
