"""The published JSON Schema agrees with the hand-written validator and with what we write."""

import json
from pathlib import Path

import jsonschema
import pytest

from supportguide_app.storage import (
    FORMAT_VERSION,
    InvalidSessionError,
    load_session,
    save_session,
    session_from_dict,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = {
    version: json.loads((ROOT / "resources" / "schema" / f"session-v{version}.schema.json")
                        .read_text(encoding="utf-8"))
    for version in range(1, FORMAT_VERSION + 1)
}
SCHEMA = SCHEMAS[FORMAT_VERSION]
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


@pytest.mark.parametrize("version", sorted(SCHEMAS))
def test_every_version_has_a_valid_draft_2020_12_schema(version):
    jsonschema.Draft202012Validator.check_schema(SCHEMAS[version])
    assert SCHEMAS[version]["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMAS[version]["properties"]["version"] == {"type": "integer", "const": version}


@pytest.mark.parametrize(
    "path",
    [ROOT / "resources" / "examples" / "example-session.json",
     ROOT / "tests" / "fixtures" / "sessions" / "v1-valid.json",
     ROOT / "tests" / "fixtures" / "sessions" / "v2-valid.json",
     ROOT / "tests" / "fixtures" / "sessions" / "v3-valid.json",
     ROOT / "tests" / "fixtures" / "sessions" / "v4-valid.json",
     ROOT / "tests" / "fixtures" / "sessions" / "v4-follows-entry-date.json",
     ROOT / "tests" / "fixtures" / "sessions" / "unknown-ids.json"],
    ids=lambda p: p.name,
)
def test_valid_documents_match_the_schema_of_their_version(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMAS[doc["version"]]).validate(doc)


@pytest.mark.parametrize("name", ["wrong-types.json", "not-a-session.json", "newer-version.json"])
def test_defective_fixtures_do_not_match_the_schema(fixture_path, name):
    assert not VALIDATOR.is_valid(json.loads(fixture_path(name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["unknown-ids.json", "v1-valid.json", "v2-valid.json", "v3-valid.json",
                                  "v4-valid.json", "v4-follows-entry-date.json"])
def test_written_files_match_the_schema(tmp_path, fixture_path, name):
    session = load_session(fixture_path(name)).session
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
        lambda d: d.update(id=""),
        lambda d: d.update(id=7),
        lambda d: d.update(reviews={}),
        lambda d: d["reviews"][0].pop("id"),
        lambda d: d["reviews"][0].update(date="10月15日"),
        lambda d: d["reviews"][0].update(attendance=-1),
        lambda d: d["reviews"][0].update(attendance=2.5),
        lambda d: d["reviews"][0].update(attendance=True),
        lambda d: d["reviews"][0].update(attendance="12"),
        lambda d: d["reviews"][0].update(rating=5),
        lambda d: d["reviews"][0]["methods"]["ENV4"].update(status="yes"),
        lambda d: d["reviews"][0]["methods"]["ENV4"].update(when="7月"),
        lambda d: d["reviews"][0].update(effect=None),
        lambda d: d.update(lineage={}),
        lambda d: d["lineage"][0].update(path="/home/x"),
        lambda d: d["lineage"][0].update(date=None),
        lambda d: d.update(views=[]),
        lambda d: d["views"].update(team={}),
        lambda d: d["views"]["manager"].update(consent=True),
        lambda d: d["views"]["manager"].update(note_consent={}),
        lambda d: d["views"]["manager"].update(colour="red"),
        lambda d: d["views"]["manager"].update(done="yes"),
        lambda d: d["views"]["manager"].update(name=None),
        lambda d: d["views"]["manager"]["goals"].update(B={"note": "x"}),
        lambda d: d["views"]["counselor"]["difficulties"]["D02"].update(priority=1),
        lambda d: d["views"]["counselor"].update(consent="はい"),
        lambda d: d["views"]["counselor"]["note_consent"].update(examples={}),
        lambda d: d["views"]["counselor"]["note_consent"]["goals"].update(B="yes"),
        lambda d: d["meta"].update(fiscal_year="2027"),
        lambda d: d["meta"].update(fiscal_year=True),
        lambda d: d["meta"].update(fiscal_year=2027.5),
        lambda d: d["meta"].update(fiscal_year=1900),
    ],
)
def test_schema_and_validator_reject_the_same_defects(fixture_path, change):
    data = json.loads(fixture_path("v4-valid.json").read_text(encoding="utf-8"))
    assert VALIDATOR.is_valid(data)
    change(data)
    assert not VALIDATOR.is_valid(data)
    with pytest.raises(InvalidSessionError):
        session_from_dict(data)


def test_validator_rejects_a_duplicate_review_id(fixture_path):
    # JSON Schema cannot say "unique by one key"; the application's own validator does.
    data = json.loads(fixture_path("v2-valid.json").read_text(encoding="utf-8"))
    data["reviews"][1]["id"] = data["reviews"][0]["id"]
    with pytest.raises(InvalidSessionError) as info:
        session_from_dict(data)
    assert info.value.key == "reviews[1].id"
