"""The converter: one registered step per version, applied in order (exercised with fake steps)."""

import json
import re

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
        return migrations._v2_to_v3(doc)

    def to_v4(doc):
        calls.append(("3→4", doc["version"]))
        return migrations._v3_to_v4(doc)

    def to_v5(doc):
        calls.append(("4→5", doc["version"]))
        doc["meta"]["title"] = "移行後: " + doc["meta"]["title"]
        return doc

    monkeypatch.setattr(migrations, "UPGRADES", {})
    monkeypatch.setattr(migrations, "FORMAT_VERSION", 5)
    migrations.register_upgrade(4)(to_v5)  # registration order does not matter
    migrations.register_upgrade(1)(to_v2)
    migrations.register_upgrade(3)(to_v4)
    migrations.register_upgrade(2)(to_v3)

    result = load_session(fixture_path("v1-valid.json"))
    assert calls == [("1→2", 1), ("2→3", 2), ("3→4", 3), ("4→5", 4)]
    assert result.source_version == 1
    assert result.session.notes.endswith("［v2］")
    assert result.session.title == "移行後: 相談員の負担軽減計画"
    # a step starts from the file's own version
    data = json.loads(fixture_path("v2-valid.json").read_text(encoding="utf-8"))
    calls.clear()
    assert session_from_dict(data).source_version == 2
    assert calls == [("2→3", 2), ("3→4", 3), ("4→5", 4)]
    # version 5, known now, is read without guessing
    data = json.loads(fixture_path("newer-version.json").read_text(encoding="utf-8"))
    calls.clear()
    assert session_from_dict(data).source_version == 5
    assert calls == []


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


def test_v1_to_v2_keeps_every_v1_field_and_adds_id_reviews_lineage(fixture_path):
    v1 = json.loads(fixture_path("v1-valid.json").read_text(encoding="utf-8"))
    doc = migrations.UPGRADES[1](json.loads(json.dumps(v1)))
    for key, value in v1.items():
        if key != "version":
            assert doc[key] == value, key
    assert set(doc) - set(v1) == {"id", "reviews", "lineage"}
    assert re.fullmatch(r"[0-9a-f]{32}", doc["id"])
    assert doc["reviews"] == [] and doc["lineage"] == []


def test_v1_file_round_trips_through_the_current_version_without_losing_a_field(tmp_path, fixture_path):
    from supportguide_app.storage import save_session
    from supportguide_app.storage.files import read_json

    v1 = read_json(fixture_path("v1-valid.json"))
    loaded = load_session(fixture_path("v1-valid.json")).session
    save_session(loaded, tmp_path / "plan.json")
    written = read_json(tmp_path / "plan.json")
    for key, value in v1.items():
        if key == "meta":
            assert {k: v for k, v in written["meta"].items() if k != "modified"} == {
                **{k: v for k, v in value.items() if k != "modified"}, "fiscal_year": None}
        elif key not in ("version", "app_version"):
            assert written[key] == value, key
    assert written["version"] == migrations.FORMAT_VERSION and written["id"] == loaded.id
    # the ID is generated once, then kept: loading the saved file gives the same plan ID
    assert load_session(tmp_path / "plan.json").session.id == loaded.id


def test_v1_keys_that_v2_now_uses_are_kept_under_another_name(fixture_path):
    v1 = json.loads(fixture_path("v1-valid.json").read_text(encoding="utf-8"))
    v1["reviews"] = "a prefecture's own note"
    v1["id"] = 42
    session = session_from_dict(v1).session
    assert session.reviews == [] and isinstance(session.id, str)
    assert session.extra["x_v1_reviews"] == "a prefecture's own note"
    assert session.extra["x_v1_id"] == 42


def test_the_input_document_is_not_changed(fixture_path):
    v1 = json.loads(fixture_path("v1-valid.json").read_text(encoding="utf-8"))
    before = json.dumps(v1)
    session_from_dict(v1)
    assert json.dumps(v1) == before


def test_v1_is_brought_to_the_current_version_through_every_step(fixture_path):
    v1 = json.loads(fixture_path("v1-valid.json").read_text(encoding="utf-8"))
    doc = migrations.upgrade(json.loads(json.dumps(v1)), 1)
    assert doc["version"] == migrations.FORMAT_VERSION == 4
    assert set(doc) - set(v1) == {"id", "reviews", "lineage", "views"}
    assert doc["views"] == migrations.empty_views()
    assert doc["meta"] == {**v1["meta"], "fiscal_year": None}


def test_v2_to_v3_keeps_every_v2_field_and_adds_empty_views(fixture_path):
    v2 = json.loads(fixture_path("v2-valid.json").read_text(encoding="utf-8"))
    doc = migrations.UPGRADES[2](json.loads(json.dumps(v2)))
    for key, value in v2.items():
        if key != "version":
            assert doc[key] == value, key
    assert set(doc) - set(v2) == {"views"}
    assert doc["views"] == migrations.empty_views()
    session = session_from_dict(doc).session
    assert all(view.is_empty() for view in session.views.values())
    assert not session.has_views()


@pytest.mark.parametrize("name", ["v2-valid.json", "v3-valid.json"])
def test_an_older_file_round_trips_through_the_current_version_without_losing_a_field(
        tmp_path, fixture_path, name):
    from supportguide_app.storage import save_session
    from supportguide_app.storage.files import read_json

    old = read_json(fixture_path(name))
    save_session(load_session(fixture_path(name)).session, tmp_path / "plan.json")
    written = read_json(tmp_path / "plan.json")
    for key, value in old.items():
        if key == "meta":  # what version 4 adds: a 対象年度 that follows the entry date
            assert {k: v for k, v in written["meta"].items() if k != "modified"} == {
                **{k: v for k, v in value.items() if k != "modified"}, "fiscal_year": None}
        elif key == "lineage":  # what version 4 adds: no last review of the previous plan
            assert written[key] == [{**link, **migrations.LINK_V4_DEFAULTS} for link in value]
        elif key not in ("version", "app_version"):
            assert written[key] == value, key
    assert written["version"] == 4
    if "views" not in old:  # version 3 added the views: empty for a version-2 file
        assert written["views"] == migrations.empty_views()


def test_a_v2_key_that_v3_now_uses_is_kept_under_another_name(fixture_path):
    v2 = json.loads(fixture_path("v2-valid.json").read_text(encoding="utf-8"))
    v2["views"] = ["a prefecture's own list"]
    session = session_from_dict(v2).session
    assert session.extra["x_v2_views"] == ["a prefecture's own list"]
    assert session.views["manager"].is_empty()


def test_v3_to_v4_keeps_every_v3_field_and_adds_a_fiscal_year_that_follows_the_date(fixture_path):
    v3 = json.loads(fixture_path("v3-valid.json").read_text(encoding="utf-8"))
    doc = migrations.upgrade(json.loads(json.dumps(v3)), 3)
    assert doc["version"] == 4
    for key, value in v3.items():
        if key not in ("version", "meta", "lineage"):
            assert doc[key] == value, key
    assert set(doc) == set(v3)
    assert doc["meta"] == {**v3["meta"], "fiscal_year": None}
    # each link keeps its fields and gets an empty last review (前年度の点検から)
    assert doc["lineage"] == [{**link, "last_review_date": "", "next_changes": "",
                               "method_statuses": {}} for link in v3["lineage"]]
    session = session_from_dict(doc).session
    # 記入日 2026-05-11 (first half of 令和８年度): the plan is for 令和８年度, i.e. 2026
    assert session.fiscal_year is None and session.target_fiscal_year() == 2026


def test_v3_without_meta_gets_one_and_a_bad_meta_is_left_to_the_validator():
    doc = migrations._v3_to_v4({"format": "supportguide-session", "version": 3})
    assert doc["meta"] == {"fiscal_year": None}
    assert migrations._v3_to_v4({"meta": "x"})["meta"] == "x"


def test_a_chosen_fiscal_year_survives_saving_and_loading(tmp_path):
    from supportguide_app.plan.session import Session
    from supportguide_app.storage import save_session

    s = Session(date="2026-11-04")
    assert s.target_fiscal_year() == 2027
    s.set_value(("fiscal_year",), 2028)
    save_session(s, tmp_path / "plan.json")
    doc = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert doc["meta"]["fiscal_year"] == 2028
    assert load_session(tmp_path / "plan.json").session.target_fiscal_year() == 2028


def test_v3_links_get_no_last_review_and_a_v4_link_keeps_it_through_saving(tmp_path, fixture_path):
    from supportguide_app.storage import save_session

    v3 = load_session(fixture_path("v3-valid.json")).session
    assert [link.has_last_review() for link in v3.lineage] == [False, False]
    assert v3.lineage[0].title == "令和７年度 相談員の負担軽減計画"  # nothing else of the link lost

    v4 = load_session(fixture_path("v4-valid.json")).session
    previous = v4.previous
    assert (previous.last_review_date, previous.next_changes) == (
        "2026-02-20", "面談の記録様式を短くし、研修は年２回にする")
    assert previous.method_statuses == {"ENV4": "done", "MECH5": "partly", "X_LOCAL9": ""}
    assert not v4.lineage[1].has_last_review()  # a link without the keys reads as none
    save_session(v4, tmp_path / "plan.json")
    written = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert written["lineage"][0]["method_statuses"] == {"ENV4": "done", "MECH5": "partly",
                                                         "X_LOCAL9": ""}
    assert written["lineage"][0]["next_changes"] == "面談の記録様式を短くし、研修は年２回にする"
    again = load_session(tmp_path / "plan.json").session
    assert again.lineage == v4.lineage


@pytest.mark.parametrize("change", [
    lambda link: link.update(method_statuses={"ENV4": "finished"}),
    lambda link: link.update(method_statuses=["ENV4"]),
    lambda link: link.update(last_review_date="2026/02/20"),
    lambda link: link.update(next_changes=3),
])
def test_a_bad_last_review_in_a_link_is_refused(fixture_path, change):
    from supportguide_app.storage.errors import InvalidSessionError

    doc = json.loads(fixture_path("v4-valid.json").read_text(encoding="utf-8"))
    change(doc["lineage"][0])
    with pytest.raises(InvalidSessionError):
        session_from_dict(doc)
