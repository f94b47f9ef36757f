"""Loading: one fixture per format version and one per defect, each with the error the user sees."""

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from supportguide_app.plan.session import Choice, PrepAnswer
from supportguide_app.storage import (
    FileReadError,
    InvalidSessionError,
    NewerVersionError,
    NotJSONError,
    NotSessionFileError,
    SessionFileError,
    load_session,
    session_from_dict,
)


def test_v1_fixture_loads_every_section(fixture_path):
    result = load_session(fixture_path("v1-valid.json"))
    s = result.session
    assert result.source_version == 1
    assert result.warnings == []
    assert result.app_version == "0.1.0"
    assert (s.title, s.organisation, s.author) == ("相談員の負担軽減計画", "△△町 健康福祉課", "佐藤 一郎")
    assert (s.role, s.date, s.meeting) == ("counselor", "2026-05-11", "one_on_one")
    assert (s.created, s.modified) == ("2026-05-11T09:30:00+09:00", "2026-05-12T17:05:00+09:00")
    assert s.selections["difficulties"] == {
        "D02": Choice(True, "担当の範囲がはっきりしない。"),
        "D07": Choice(False, "まだ判断できない。"),
    }
    assert s.selected("goals") == ["A", "C"]
    assert s.selected("methods") == ["ENV4", "MECH5"]
    assert s.marked_examples == ["EX_A2", "EX_C1"]
    assert s.preparation["PREP_PART_DATE"] == PrepAnswer(True, {"schedule": "毎朝 8:30〜8:40"})
    assert s.clauses == {"ENV4": "毎朝、始業時に10分間、担当ケースの状況を共有する。"}
    assert s.notes == "３か月後に1on1で振り返る。"
    assert s.extra == {
        "x_prefecture_report": {"submitted": False, "comment": "県への報告用（将来の版の項目）"}}


def test_example_in_resources_loads_without_warnings():
    example = Path(__file__).resolve().parents[2] / "resources" / "examples" / "example-session.json"
    result = load_session(example)
    assert result.warnings == []
    assert result.session.organisation == "〇〇市 福祉部 生活支援課"
    assert result.session.selected("difficulties")


@pytest.mark.parametrize(
    ("name", "error", "reason_part"),
    [
        ("truncated.json", NotJSONError, "JSON として読めません"),
        ("invalid-utf8.json", NotJSONError, "UTF-8 ではありません"),
        ("empty.json", NotJSONError, "ファイルが空です"),
    ],
)
def test_damaged_files_are_not_json(fixture_path, name, error, reason_part):
    path = fixture_path(name)
    with pytest.raises(error) as info:
        load_session(path)
    exc = info.value
    assert reason_part in exc.message
    assert path.name in exc.message
    assert str(exc) == exc.message
    assert exc.path == path
    if name != "empty.json":  # an empty file has no decoder error to chain
        assert exc.__cause__ is not None


def test_not_a_session(fixture_path):
    with pytest.raises(NotSessionFileError) as info:
        load_session(fixture_path("not-a-session.json"))
    assert "計画ファイルではありません" in str(info.value)
    assert isinstance(info.value, SessionFileError)


def test_newer_version_is_refused_not_guessed(fixture_path):
    with pytest.raises(NewerVersionError) as info:
        load_session(fixture_path("newer-version.json"))
    assert info.value.version == 5
    assert str(info.value) == (
        "このファイルは新しい版のアプリで作成されています（形式の版 5）。アプリを更新してから開いてください。"
    )


def test_wrong_types_name_the_key(fixture_path):
    with pytest.raises(InvalidSessionError) as info:
        load_session(fixture_path("wrong-types.json"))
    assert info.value.key == "difficulties.D02.selected"
    assert "difficulties.D02.selected" in info.value.message


def test_unknown_ids_are_kept_and_reported(fixture_path):
    result = load_session(fixture_path("unknown-ids.json"))
    s = result.session
    assert s.selections["difficulties"]["D99"] == Choice(True, "新しい版のガイドの項目")
    assert s.is_selected("methods", "X_LOCAL1")
    assert "EX_Z9" in s.marked_examples
    assert s.preparation["X_LOCAL_PREP"].fields == {"memo": "県の様式"}
    assert s.preparation["PREP_PART_DATE"].fields["room"] == "第２会議室"
    assert s.clauses["X_LOCAL1"].startswith("月１回")
    text = "\n".join(result.warnings)
    for item in ("D99", "X_LOCAL1", "EX_Z9", "X_LOCAL_PREP", "PREP_PART_DATE.room"):
        assert item in text
    assert len(result.warnings) == 5  # difficulties, methods, examples, preparation, clauses
    assert all("保持" in w for w in result.warnings)


def test_a_utf8_byte_order_mark_is_accepted(tmp_path, fixture_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + fixture_path("v1-valid.json").read_bytes())
    assert load_session(path).session.title == "相談員の負担軽減計画"


def test_missing_file(tmp_path):
    with pytest.raises(FileReadError) as info:
        load_session(tmp_path / "ない.json")
    assert "ファイルが見つかりません" in info.value.message
    assert isinstance(info.value.__cause__, FileNotFoundError)


def test_a_folder_is_not_a_file(tmp_path):
    folder = tmp_path / "計画.json"
    folder.mkdir()
    with pytest.raises(FileReadError) as info:
        load_session(folder)
    assert "フォルダです" in info.value.message


def test_permission_denied(tmp_path, fixture_path, monkeypatch):
    path = tmp_path / "plan.json"
    shutil.copy(fixture_path("v1-valid.json"), path)

    real_open = os.open

    def deny(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(FileReadError) as info:
        load_session(path)
    assert "権限" in info.value.message
    assert isinstance(info.value.__cause__, PermissionError)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d.update(version="1"), "version"),
        (lambda d: d.update(version=True), "version"),
        (lambda d: d.update(version=0), "version"),
        (lambda d: d.update(meta=[]), "meta"),
        (lambda d: d["meta"].update(title=3), "meta.title"),
        (lambda d: d["meta"].update(role="boss"), "meta.role"),
        (lambda d: d["meta"].update(meeting="zoom"), "meta.meeting"),
        (lambda d: d["meta"].update(date="2026/05/11"), "meta.date"),
        (lambda d: d["meta"].update(colour="red"), "meta.colour"),
        (lambda d: d.update(goals=["A"]), "goals"),
        (lambda d: d["goals"].update(A=True), "goals.A"),
        (lambda d: d["goals"].update(B={"note": "x"}), "goals.B.selected"),
        (lambda d: d["goals"]["A"].update(note=None), "goals.A.note"),
        (lambda d: d["methods"]["ENV4"].update(priority=1), "methods.ENV4.priority"),
        (lambda d: d["methods"].update({" ": {"selected": True}}), "methods. "),
        (lambda d: d.update(examples="EX_A2"), "examples"),
        (lambda d: d.update(examples=["EX_A2", 5]), "examples[1]"),
        (lambda d: d.update(examples=["EX_A2", "EX_A2"]), "examples[1]"),
        (lambda d: d["preparation"]["PREP_STAFF_INTERNAL"].update(checked="yes"),
         "preparation.PREP_STAFF_INTERNAL.checked"),
        (lambda d: d["preparation"]["PREP_PART_DATE"]["fields"].update(schedule=10),
         "preparation.PREP_PART_DATE.fields.schedule"),
        (lambda d: d["clauses"].update(ENV4=["a"]), "clauses.ENV4"),
        (lambda d: d.update(notes={}), "notes"),
        (lambda d: d.update(app_version=1), "app_version"),
    ],
)
def test_every_wrong_value_is_named_by_its_key(fixture_path, change, key):
    data = json.loads(fixture_path("v1-valid.json").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(InvalidSessionError) as info:
        session_from_dict(data, "plan.json")
    assert info.value.key == key
    assert f"（{key}:" in info.value.message
    assert "「plan.json」" in info.value.message


def test_missing_sections_read_as_empty():
    result = session_from_dict({"format": "supportguide-session", "version": 1})
    s = result.session
    assert s.selections == {"difficulties": {}, "goals": {}, "methods": {}}
    assert (s.marked_examples, s.preparation, s.clauses, s.notes, s.extra) == ([], {}, {}, "", {})


def test_session_from_dict_does_not_change_its_input(fixture_path):
    data = json.loads(fixture_path("unknown-ids.json").read_text(encoding="utf-8"))
    before = json.dumps(data, sort_keys=True)
    result = session_from_dict(data)
    result.session.extra["x_prefecture_report"]["submitted"] = True
    assert json.dumps(data, sort_keys=True) == before


@pytest.mark.parametrize("data", [[], "text", None, 3, {"format": "supportguide-guide", "version": 1}])
def test_json_that_is_not_ours(data):
    with pytest.raises(NotSessionFileError):
        session_from_dict(data)


def test_storage_does_not_import_qt():
    code = ("import sys, supportguide_app.storage, supportguide_app.storage.autosave;"
            "print(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         encoding="utf-8")
    assert out.stdout.strip() == "False"


def test_v2_fixture_loads_reviews_lineage_and_id(fixture_path):
    from supportguide_app.plan.session import MethodReview

    result = load_session(fixture_path("v2-valid.json"))
    s = result.session
    assert result.source_version == 2
    assert s.id == "5d1c0e9a7b2f4c6e8a3d9f1b2c4e6a80"
    assert [r.date for r in s.reviews] == ["2026-10-15", "2026-07-10"]  # as stored
    assert [r.date for r in s.reviews_in_order()] == ["2026-07-10", "2026-10-15"]
    first = s.reviews[0]
    assert first.methods["MECH5"] == MethodReview("partly", "外部の先生の予定が合わず２回のみ。")
    assert (first.attendance, s.reviews[1].attendance) == (4, None)
    assert first.questionnaire == "「相談しやすくなった」4人中3人"
    assert s.previous.file == "負担軽減計画_R7.json" and len(s.lineage) == 2
    # a method the guide does not know in a review is kept and reported, like elsewhere
    assert s.reviews[1].methods["X_LOCAL1"].status == "done"
    assert any("点検の記録" in w and "X_LOCAL1" in w for w in result.warnings)
    assert s.extra == {
        "x_prefecture_report": {"submitted": False, "comment": "県への報告用（将来の版の項目）"}}


def test_v1_fixture_still_loads_and_gets_a_plan_id(fixture_path):
    first = load_session(fixture_path("v1-valid.json")).session
    second = load_session(fixture_path("v1-valid.json")).session
    assert first.id and first.id != second.id  # random, not derived: saved once, then kept
    assert first.reviews == [] and first.lineage == []


def test_v3_fixture_loads_both_views_and_the_counselors_consent(fixture_path):
    from supportguide_app.plan.session import Choice

    result = load_session(fixture_path("v3-valid.json"))
    s = result.session
    assert result.source_version == 3 and s.has_views()
    manager, counselor = s.views["manager"], s.views["counselor"]
    assert (manager.name, manager.done) == ("課長 山田", True)
    assert (counselor.name, counselor.done) == ("佐藤 一郎", True)
    assert manager.selected("difficulties") == ["D02", "D05"]
    assert counselor.selections["difficulties"]["D09"] == Choice(True, "夜の電話対応がつらい。")
    assert counselor.selected("methods") == ["MECH1"]
    assert not counselor.consent and counselor.note_shared("difficulties", "D02")
    assert not counselor.note_shared("difficulties", "D09")
    assert not manager.consent and manager.note_consent == {"difficulties": {}, "goals": {}, "methods": {}}
    # the agreed selection is the plan's, apart from the views
    assert s.selected("difficulties") == ["D02"]
    assert any("管理者と相談員の見方" in w and "X_LOCAL2" in w for w in result.warnings)
    assert s.extra == {
        "x_prefecture_report": {"submitted": False, "comment": "県への報告用（将来の版の項目）"}}


def test_every_older_fixture_still_loads_into_the_current_version(fixture_path):
    for name, version in (("v1-valid.json", 1), ("v2-valid.json", 2), ("v3-valid.json", 3),
                          ("v4-valid.json", 4), ("v4-follows-entry-date.json", 4)):
        result = load_session(fixture_path(name))
        assert result.source_version == version
        assert set(result.session.views) == {"manager", "counselor"}


def test_v4_fixtures_hold_the_target_fiscal_year_or_follow_the_entry_date(fixture_path):
    chosen = load_session(fixture_path("v4-valid.json")).session
    assert (chosen.date, chosen.fiscal_year, chosen.target_fiscal_year()) == ("2026-05-11", 2027, 2027)
    follows = load_session(fixture_path("v4-follows-entry-date.json")).session
    # entered in November: the plan is for the next 年度 unless the person chose one
    assert (follows.date, follows.fiscal_year, follows.target_fiscal_year()) == ("2026-11-04", None, 2027)
