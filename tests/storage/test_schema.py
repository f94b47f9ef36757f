"""The published JSON Schema agrees with the hand-written validator and with what we write."""

import json
from pathlib import Path

import jsonschema
import pytest

from supportguide_app.storage import InvalidSessionError, load_session, save_session, session_from_dict

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "resources" / "schema" / "session-v1.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(
    "path",
    [ROOT / "resources" / "examples" / "example-session.json",
     ROOT / "tests" / "fixtures" / "sessions" / "v1-valid.json",
     ROOT / "tests" / "fixtures" / "sessions" / "unknown-ids.json"],
    ids=lambda p: p.name,
)
def test_valid_documents_match_the_schema(path):
    VALIDATOR.validate(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["wrong-types.json", "not-a-session.json", "newer-version.json"])
def test_defective_fixtures_do_not_match_the_schema(fixture_path, name):
    assert not VALIDATOR.is_valid(json.loads(fixture_path(name).read_text(encoding="utf-8")))


def test_written_files_match_the_schema(tmp_path, fixture_path):
    session = load_session(fixture_path("unknown-ids.json")).session
    path = tmp_path / "計画.json"
    save_session(session, path)
    VALIDATOR.validate(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["meta"].update(role="boss"),
        lambda d: d["meta"].update(date="2026/05/11"),
        lambda d: d["meta"].update(colour="red"),
        lambda d: d["goals"].update(B={"note": "x"}),
        lambda d: d["methods"]["ENV4"].update(priority=1),
        lambda d: d.update(examples=["EX_A2", "EX_A2"]),
        lambda d: d["preparation"]["PREP_STAFF_INTERNAL"].update(checked="yes"),
        lambda d: d["preparation"]["PREP_STAFF_INTERNAL"].update(comment="x"),
        lambda d: d["clauses"].update(ENV4=None),
        lambda d: d.update(version=True),
    ],
)
def test_schema_and_validator_reject_the_same_defects(fixture_path, change):
    data = json.loads(fixture_path("v1-valid.json").read_text(encoding="utf-8"))
    change(data)
    assert not VALIDATOR.is_valid(data)
    with pytest.raises(InvalidSessionError):
        session_from_dict(data)
