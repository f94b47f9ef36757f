"""The converter: one registered step per version, applied in order (exercised with fake steps)."""

import json

import pytest

from supportguide_app.storage import load_session, migrations, session_from_dict


def test_every_old_version_has_a_step():
    assert set(migrations.UPGRADES) == set(range(1, migrations.FORMAT_VERSION))


def test_load_applies_registered_steps_in_order(monkeypatch, fixture_path):
    calls = []

    def to_v2(doc):
        calls.append(("1→2", doc["version"]))
        doc["notes"] = doc["notes"] + "［v2］"
        return doc

    def to_v3(doc):
        calls.append(("2→3", doc["version"]))
        doc["meta"]["title"] = "移行後: " + doc["meta"]["title"]
        return doc

    monkeypatch.setattr(migrations, "UPGRADES", {})
    monkeypatch.setattr(migrations, "FORMAT_VERSION", 3)
    migrations.register_upgrade(2)(to_v3)  # registration order does not matter
    migrations.register_upgrade(1)(to_v2)

    result = load_session(fixture_path("v1-valid.json"))
    assert calls == [("1→2", 1), ("2→3", 2)]
    assert result.source_version == 1
    assert result.session.notes.endswith("［v2］")
    assert result.session.title == "移行後: 相談員の負担軽減計画"
    # version 2, known now, is read without guessing; a step starts from the file's own version
    data = json.loads(fixture_path("newer-version.json").read_text(encoding="utf-8"))
    calls.clear()
    assert session_from_dict(data).source_version == 2
    assert calls == [("2→3", 2)]


def test_a_step_may_not_be_registered_twice(monkeypatch):
    monkeypatch.setattr(migrations, "UPGRADES", {})
    migrations.register_upgrade(1)(lambda d: d)
    with pytest.raises(ValueError):
        migrations.register_upgrade(1)(lambda d: d)


def test_a_missing_step_is_a_bug_not_a_file_error(monkeypatch, fixture_path):
    monkeypatch.setattr(migrations, "UPGRADES", {})
    monkeypatch.setattr(migrations, "FORMAT_VERSION", 2)
    with pytest.raises(RuntimeError):
        load_session(fixture_path("v1-valid.json"))
