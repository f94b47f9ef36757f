"""The published JSON Schemas and the application give the same verdict (issue 12).

On every fixture and on a generated corpus (each value of the valid fixtures replaced, in turn, by
values of every JSON type and by near-miss strings, each key removed, an unknown key added), a
standard validator accepts a document exactly when the application opens it. The only exceptions
are the rules JSON Schema cannot express, listed in docs/session-format.md and recognised here by
:func:`beyond_json_schema`; each has a test of its own below.
"""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import pytest

from supportguide_app.guide import load_guide
from supportguide_app.storage import FORMAT_VERSION, SessionFileError, session_from_dict
from supportguide_app.storage.files import parse_json_bytes

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "sessions"
EXAMPLE = ROOT / "resources" / "examples" / "example-session.json"
VALIDATORS = {
    version: jsonschema.Draft202012Validator(json.loads(
        (ROOT / "resources" / "schema" / f"session-v{version}.schema.json").read_text(encoding="utf-8")))
    for version in range(1, FORMAT_VERSION + 1)
}
GUIDE = load_guide()

REPLACEMENTS = [None, True, False, 0, 1, -1, 2.5, "", " ", "x", "2026-13-45", "2026-02-29",
                "2024-02-29", "2026-04-01", "2026-4-1", "２０２６-04-01", "0000-01-01", [], ["x"],
                {}, {"selected": True}, {"selected": "yes"}, {"status": "完了"}]


def schema_accepts(doc) -> bool:
    """Whether one of the published schemas accepts ``doc`` (each fixes its own version)."""
    version = doc.get("version") if isinstance(doc, dict) else None
    if type(version) is int:  # only that version's schema can match (``const``); saves time
        validator = VALIDATORS.get(version)
        return validator is not None and validator.is_valid(doc)
    return any(validator.is_valid(doc) for validator in VALIDATORS.values())


def app_accepts(doc) -> bool:
    try:
        data = parse_json_bytes(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        session_from_dict(data, guide=GUIDE, owned=True)
    except SessionFileError:
        return False
    return True


def beyond_json_schema(doc) -> str | None:
    """Which documented rule JSON Schema cannot express this document breaks, if any."""
    if not isinstance(doc, dict):
        return None
    ids = [r.get("id") for r in doc.get("reviews", []) if isinstance(r, dict)] \
        if isinstance(doc.get("reviews"), list) else []
    if len(ids) != len(set(map(repr, ids))):
        return "duplicate review IDs"
    integers = [doc.get("version")] + [r.get("attendance") for r in doc.get("reviews", [])
                                       if isinstance(r, dict)] if isinstance(doc.get("reviews"), list) \
        else [doc.get("version")]
    if any(isinstance(value, float) and value.is_integer() for value in integers):
        return "an integer written with a fraction"
    return None


def paths_of(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_of(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths_of(child, (*prefix, index))


def mutations(doc, every: int = 1):
    """Documents that differ from ``doc`` in one place (at every ``every``-th place)."""
    for index, path in enumerate(paths_of(doc)):
        if not path or index % every:
            continue
        *parents, last = path
        # each place gets a third of the replacements, in turn, so every one meets every kind of value
        for replacement in REPLACEMENTS[index % 3::3]:
            changed = copy.deepcopy(doc)
            holder = changed
            for key in parents:
                holder = holder[key]
            holder[last] = copy.deepcopy(replacement)
            yield changed
        removed = copy.deepcopy(doc)
        holder = removed
        for key in parents:
            holder = holder[key]
        del holder[last]
        yield removed
        parent = copy.deepcopy(doc)
        holder = parent
        for key in parents:
            holder = holder[key]
        if isinstance(holder, dict):
            holder["zz_unknown"] = 1
            yield parent


def corpus():
    # the current version everywhere; the older ones (migrated first) at every third place
    for name, every in (("v1-valid.json", 3), ("v2-valid.json", 3), ("v3-valid.json", 1)):
        yield from mutations(json.loads((FIXTURES / name).read_text(encoding="utf-8")), every)


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")) + [EXAMPLE], ids=lambda p: p.name)
def test_schema_and_application_agree_on_every_fixture(path):
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError):
        pytest.skip("not JSON at all: refused before any schema applies (see session-format.md)")
    assert schema_accepts(doc) == app_accepts(doc)


def test_schema_and_application_agree_on_a_generated_corpus():
    disagreements = []
    count = 0
    for doc in corpus():
        count += 1
        if beyond_json_schema(doc):
            continue
        schema, app = schema_accepts(doc), app_accepts(doc)
        if schema != app:
            disagreements.append((schema, app, json.dumps(doc, ensure_ascii=False)[:300]))
    assert count > 1500  # the corpus is not empty by accident
    assert disagreements == []


def test_the_date_pattern_is_exactly_the_calendar():
    pattern = VALIDATORS[FORMAT_VERSION].schema["$defs"]["date"]
    check = jsonschema.Draft202012Validator(pattern)
    day, samples = date(1, 1, 1), []
    while day < date(9999, 12, 1):  # every 7th day of the whole range, and every 29 February
        samples.append(day.isoformat())
        day += timedelta(days=7)
    samples += [f"{year:04d}-02-29" for year in range(0, 10000)]
    samples += ["0000-01-01", "2026-00-10", "2026-13-01", "2026-04-31", "2026-04-00", "2026-4-01",
                "２０２６-04-01", "2026-04-01 ", "", "2026/04/01"]
    for text in samples:
        try:
            valid = len(text) == 10 and bool(date.fromisoformat(text))
        except ValueError:
            valid = False
        assert check.is_valid(text) == (valid or text == ""), text


# -- what JSON Schema cannot express: the application is stricter, as documented ----------------
def _v3():
    return json.loads((FIXTURES / "v3-valid.json").read_text(encoding="utf-8"))


def test_a_duplicate_review_id_is_refused_by_the_application_only():
    doc = _v3()
    doc["reviews"][1]["id"] = doc["reviews"][0]["id"]
    assert beyond_json_schema(doc) == "duplicate review IDs"
    assert schema_accepts(doc) and not app_accepts(doc)


def test_version_3_0_is_refused_by_the_application_only():
    # JSON Schema compares numbers by value: 3.0 is the integer 3 to any validator.
    doc = _v3()
    doc["version"] = 3.0
    assert beyond_json_schema(doc) == "an integer written with a fraction"
    assert schema_accepts(doc) and not app_accepts(doc)


def test_a_calendar_date_out_of_range_is_refused_by_both():
    doc = _v3()
    doc["meta"]["date"] = "2026-13-45"
    assert not schema_accepts(doc) and not app_accepts(doc)
    doc["meta"]["date"] = "2026-02-29"
    assert not schema_accepts(doc) and not app_accepts(doc)
    doc["meta"]["date"] = "2028-02-29"
    assert schema_accepts(doc) and app_accepts(doc)
