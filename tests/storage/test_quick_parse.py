"""The quick parse and the exact parse give every document the same answer.

``parse_json_bytes`` first parses with ``json.loads``'s own object building and proves from the
bytes that no object repeated a key (as many keys parsed as there are ':' outside the strings)
and that the size and nesting limits hold; a document it cannot vouch for goes to the exact path
(``strict_loads`` with its object hook, then the limits walk), which was the only path before and
names what is wrong. Here both paths read the same bytes: the same value, key order included, or
the same refusal with the same message. Valid plans must take the quick path (else these tests
would compare the exact path with itself).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportguide_app.storage import SessionFileError, files

ROOT = Path(__file__).resolve().parents[2]
VALID_FILES = [ROOT / "resources" / "examples" / "example-session.json",
               *sorted((ROOT / "tests" / "fixtures" / "sessions").glob("v*-valid.json"))]


def _answer(raw: bytes, *, quick: bool) -> tuple:
    """What parse_json_bytes gives ``raw``: ("value", the value as JSON text, keys in order) or
    ("refused", the error's class, its message)."""
    with pytest.MonkeyPatch.context() as patch:
        if not quick:
            patch.setattr(files, "_quick_loads", lambda *_args: files._NOT_PROVED)
        try:
            value = files.parse_json_bytes(raw)
        except SessionFileError as exc:
            return "refused", type(exc).__name__, exc.message
    return "value", json.dumps(value, ensure_ascii=False)


def _proved(raw: bytes) -> bool:
    text = raw.decode("utf-8").removeprefix("\ufeff")
    separators = raw.count(b",") + raw.count(b"[") + raw.count(b"{")
    return files._quick_loads(text, files._structure(raw), separators) is not files._NOT_PROVED


def _agree(raw: bytes) -> tuple:
    quick, exact = _answer(raw, quick=True), _answer(raw, quick=False)
    assert quick == exact, raw[:200]
    return quick


# A key repeated in one object, where a count of all colons or a shallow look would miss it.
DUPLICATES = [
    ('{"created": "2026-04-01T09:00:00+09:00", "a": 1, "a": 2}', "a"),  # colons in strings
    ('{"t": "10:00", "x": {"y": {"k": 1, "k": 1}}}', "k"),  # deep inside, the same value twice
    ('{"a:b": 1, "a:b": 2}', "a:b"),  # the key itself holds a colon
    ('{"k": "\\":\\"", "k": 0}', "k"),  # escaped quotes around a colon
    ('{"k\\\\": 1, "k\\\\": 2, "z": "\\\\:"}', "k\\"),  # escaped backslashes
    ('{"a": 1, "\\u0061": 2}', "a"),  # the same key written two ways
    ('{"a": {}, "a": {}}', "a"),
    ('[{"a": 1}, {"b": ":", "b": "::"}]', "b"),
    ('{"n": "[{:}]", "n": "]}"}', "n"),  # brackets and colons in the strings
    ('{"a": ":", "b": {"c": "::", "c": ":::"}, "d": "\\u003a"}', "c"),
    ('{"format": "supportguide-session", "meta": {"title": "x", "title": "y"}}', "title"),
]


@pytest.mark.parametrize(("text", "key"), DUPLICATES)
def test_a_repeated_key_is_refused_naming_it_on_both_paths(text, key):
    raw = text.encode("utf-8")
    assert not _proved(raw)
    answer = _agree(raw)
    assert answer[0] == "refused" and f"キー「{key}」が2回以上あります" in answer[2]


def test_a_repeated_lone_surrogate_key_is_refused_on_both_paths():
    answer = _agree(b'{"\\ud800": 1, "\\ud800": 2}')
    assert answer[0] == "refused" and "2回以上あります" in answer[2]


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "[1, [NaN]]",
                                   '{"deep": 1e400}'])
def test_a_non_finite_number_is_refused_naming_its_key_on_both_paths(token):
    raw = f'{{"t": "12:00", "x_local_score": {token}}}'.encode()
    assert not _proved(raw)
    answer = _agree(raw)
    assert answer[0] == "refused"
    assert ("「x_local_score」" in answer[2] or "「deep」" in answer[2]) and "NaN・Infinity" in answer[2]


@pytest.mark.parametrize("text", [
    '{"a": 1, "a": NaN}',  # both wrong: the exact path says which it meets first
    '{"a": 1, "a": 2} x',  # a repeated key, then something that is not JSON
    '{"a": 1,}',
    '{"a": ' + "9" * 5000 + "}",
    "[" * 70 + "]" * 70,
    '{"a": ' * 70 + "1" + "}" * 70,
    "[" + ",".join(["0"] * 100_001) + "]",
    '{"a": "\\ud800"}',
    '\ufeff{"a": "BOM"}',
    '{"x": 1e-999, "y": 2.5, "z": -0.0, "t": "09:00"}',
])
def test_documents_near_or_past_a_limit_get_the_same_answer(text):
    _agree(text.encode("utf-8"))


@pytest.mark.parametrize("depth", [62, 63, 64, 65])
def test_the_nesting_limit_is_where_it_was(depth):
    doc = 1
    for n in range(depth):
        doc = {"k:": doc, "t": "12:00"} if n % 2 else [doc, "]]:"]
    _agree(json.dumps(doc).encode("utf-8"))


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_valid_plans_take_the_quick_path_and_read_as_before(path):
    raw = path.read_bytes()
    assert _proved(raw)
    assert _agree(raw)[0] == "value"


def test_a_plan_full_of_colons_quotes_and_brackets_takes_the_quick_path():
    note = 'メモ: 10:00 から [重要] {"引用": "a:b"} \\ 終わり ]]] "'
    doc = {"format": "supportguide-session", "version": 4, "notes": note,
           "meta": {"created": "2026-04-01T09:00:00+09:00", "title": note},
           note: {"D02": {"selected": True, "note": note}}, "x": [note, {note + ":": [note]}]}
    for indent in (None, 2):
        raw = json.dumps(doc, ensure_ascii=False, indent=indent).encode("utf-8")
        assert _proved(raw)
        assert _agree(raw) == ("value", json.dumps(doc, ensure_ascii=False))


# Generated documents whose objects often repeat a key, at any depth, with strings full of the
# characters the byte-level proof looks at.
TRICKY = st.text(alphabet=st.sampled_from('ab:"\\[]{},漢 \n'), max_size=4)
KEYS = st.sampled_from(["a", "b", "a:", ":", '"', "\\", "[", "漢"]) | TRICKY
SCALARS = st.none() | st.booleans() | st.integers(-10**6, 10**6) | TRICKY | st.floats(allow_nan=False)
TREES = st.recursive(
    SCALARS,
    lambda children: (st.lists(children, max_size=4).map(lambda items: ("list", items))
                      | st.lists(st.tuples(KEYS, children), max_size=5).map(lambda pairs: ("object", pairs))),
    max_leaves=25,
)


def _text(tree, ascii_only: bool) -> str:
    """JSON text of ``tree``; an object's pairs are written as given, repeated keys and all."""
    if isinstance(tree, tuple) and tree[0] == "list":
        return "[" + ", ".join(_text(item, ascii_only) for item in tree[1]) + "]"
    if isinstance(tree, tuple) and tree[0] == "object":
        return "{" + ", ".join(f"{json.dumps(key, ensure_ascii=ascii_only)}: {_text(value, ascii_only)}"
                               for key, value in tree[1]) + "}"
    return json.dumps(tree, ensure_ascii=ascii_only)


@settings(max_examples=600, deadline=None)
@given(TREES, st.booleans(), st.sampled_from(["", "NaN", "1e999", "-Infinity"]))
def test_generated_documents_get_the_same_answer_on_both_paths(tree, ascii_only, bad_number):
    text = _text(("object", [("x", tree)]), ascii_only)
    if bad_number:
        text = text[:-1] + f', "bad": {bad_number}}}'
    _agree(text.encode("utf-8"))


def test_threads_parsing_at_once_get_their_own_answers():
    """The quick parse's scanner and its list of objects are per thread: plans parsed in two
    threads at once (the window's worker aggregating while a plan is opened) read as they are,
    each proved on the quick path (a list shared by the threads would miscount their keys), and
    a repeated key is still refused."""
    import threading

    plans = [path.read_bytes() for path in VALID_FILES]
    repeated = DUPLICATES[10][0].encode("utf-8")
    results: dict[int, list] = {0: [], 1: []}

    def parse(worker: int) -> None:
        for _ in range(150):
            for raw in plans:
                results[worker].append(_proved(raw) and files.parse_json_bytes(raw) == json.loads(raw))
            try:
                files.parse_json_bytes(repeated)
            except SessionFileError:
                results[worker].append(True)
            else:
                results[worker].append(False)

    threads = [threading.Thread(target=parse, args=(worker,)) for worker in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(results[0]) and all(results[1]) and len(results[0]) == 150 * (len(plans) + 1)
