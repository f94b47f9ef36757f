"""Saving: what ends up on disk, atomic replacement, the backup, and the overwrite guard."""

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from supportguide_app.plan.session import Session
from supportguide_app.storage import (
    FileWriteError,
    NewerVersionError,
    NotJSONError,
    NotPlanFileError,
    NotSessionFileError,
    OverwriteRefusedError,
    backup_path,
    load_session,
    save_session,
    session_to_dict,
)
from supportguide_app.storage import files as storage_files


def make_session(title="令和８年度 計画") -> Session:
    s = Session.new()
    s.set_value(("title",), title)
    s.set_value(("organisation",), "〇〇市 福祉部 生活支援課")
    s.set_value(("selection", "difficulties", "D03", "selected"), True)
    s.set_value(("selection", "difficulties", "D03", "note"), "新規相談が集中 😥")
    s.set_value(("example", "EX_B5"), True)
    s.set_value(("prep", "PREP_BUDGET_SECURED", "field", "amount"), "120,000円")
    return s


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "支援計画フォルダ"
    path.mkdir()
    return path


def test_written_file_is_readable_utf8_json_with_ids(folder):
    path = folder / "生活支援課_計画.json"
    s = make_session()
    save_session(s, path)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert text.endswith("}\n")
    assert "令和８年度 計画" in text and "😥" in text  # ensure_ascii=False: readable in an editor
    assert '\n  "version": 4,\n' in text  # indent=2
    doc = json.loads(text)
    assert list(doc)[:5] == ["format", "version", "app_version", "id", "meta"]
    assert doc["format"] == "supportguide-session"
    assert doc["difficulties"] == {"D03": {"selected": True, "note": "新規相談が集中 😥"}}
    assert doc["examples"] == ["EX_B5"]
    assert doc["preparation"] == {
        "PREP_BUDGET_SECURED": {"checked": False, "fields": {"amount": "120,000円"}}}
    assert load_session(path).session == s


def test_save_sets_modified(folder, monkeypatch):
    monkeypatch.setattr(storage_files, "now_iso", lambda: "2026-06-01T12:00:00+09:00")
    s = make_session()
    save_session(s, folder / "plan.json")
    assert s.modified == "2026-06-01T12:00:00+09:00"
    assert load_session(folder / "plan.json").session.modified == "2026-06-01T12:00:00+09:00"


def test_backup_holds_the_previous_version(folder):
    path = folder / "計画.json"
    save_session(make_session("一回目"), path)
    assert not backup_path(path).exists()
    first = path.read_bytes()
    save_session(make_session("二回目"), path)
    assert backup_path(path) == folder / "計画.json.bak"
    assert backup_path(path).read_bytes() == first
    assert load_session(path).session.title == "二回目"
    save_session(make_session("三回目"), path)
    assert load_session(backup_path(path)).session.title == "二回目"
    leftovers = sorted(p.name for p in folder.iterdir())
    assert leftovers == ["計画.json", "計画.json.bak"]  # no temporary files


@pytest.mark.parametrize("failing", ["replace", "write", "fsync"])
def test_a_failed_write_leaves_the_old_file_intact(folder, monkeypatch, failing):
    path = folder / "計画.json"
    save_session(make_session("元の内容"), path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(errno.EIO, "I/O error")

    if failing == "replace":
        real_replace = os.replace
        # let the backup through, fail on the target itself
        monkeypatch.setattr(os, "replace", lambda a, b: boom() if Path(b) == path else real_replace(a, b))
    elif failing == "fsync":
        monkeypatch.setattr(os, "fsync", boom)
    else:
        real_open = open

        class FailingStream:
            def __init__(self, stream):
                self.stream = stream

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.stream.close()

            def write(self, data):
                self.stream.write(data[:10])  # a partial write, then the disk fails
                boom()

        monkeypatch.setattr("builtins.open", lambda file, mode="r", *a, **k: FailingStream(
            real_open(file, mode, *a, **k)) if isinstance(file, int) else real_open(file, mode, *a, **k))

    s = make_session("新しい内容")
    modified = s.modified
    with pytest.raises(FileWriteError) as info:
        save_session(s, path)
    assert path.read_bytes() == before
    assert s.modified == modified  # not marked as saved
    assert "元のファイルは変更されていません" in info.value.message
    assert isinstance(info.value.__cause__, OSError)
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "書き込む権限がない"),
        (OSError(errno.ENOSPC, "No space left on device"), "空き容量が足りません"),
        (OSError(errno.EROFS, "Read-only file system"), "読み取り専用"),
    ],
)
def test_unwritable_folder_gives_a_japanese_message(folder, monkeypatch, error, reason):
    # Tests run as root, for whom chmod does not stop writing: simulate the OS refusing instead.
    real_os_open = os.open

    def refuse(path, flags, *args):
        if flags & os.O_CREAT:
            raise error
        return real_os_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    path = folder / "計画.json"
    with pytest.raises(FileWriteError) as info:
        save_session(make_session(), path)
    assert reason in info.value.message
    assert "「計画.json」を保存できませんでした" in str(info.value)
    assert info.value.__cause__ is error
    assert not path.exists()


def test_missing_folder(tmp_path):
    with pytest.raises(FileWriteError) as info:
        save_session(make_session(), tmp_path / "ないフォルダ" / "plan.json")
    assert "フォルダが見つかりません" in info.value.message


@pytest.mark.parametrize(
    ("fixture", "cause"),
    [
        ("truncated.json", NotJSONError),
        ("not-json.json", NotPlanFileError),  # a text file: not a plan, and never overwritten
        ("invalid-utf8.json", NotJSONError),
        ("not-a-session.json", NotSessionFileError),
        ("newer-version.json", NewerVersionError),
    ],
)
def test_refuses_to_overwrite_what_it_cannot_read(folder, fixture_path, fixture, cause):
    path = folder / "計画.json"
    shutil.copy(fixture_path(fixture), path)
    before = path.read_bytes()
    with pytest.raises(OverwriteRefusedError) as info:
        save_session(make_session(), path)
    assert isinstance(info.value.__cause__, cause)
    assert info.value.reason_error is info.value.__cause__
    assert "上書きしませんでした" in info.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["計画.json"]


def test_newer_version_refusal_names_the_version(folder, fixture_path):
    path = folder / "plan.json"
    shutil.copy(fixture_path("newer-version.json"), path)
    with pytest.raises(OverwriteRefusedError) as info:
        save_session(make_session(), path)
    assert "形式の版 5" in info.value.message


def test_force_overwrites_and_keeps_the_unreadable_file_as_backup(folder, fixture_path):
    path = folder / "計画.json"
    shutil.copy(fixture_path("newer-version.json"), path)
    before = path.read_bytes()
    s = make_session()
    save_session(s, path, force=True)
    assert load_session(path).session == s
    assert backup_path(path).read_bytes() == before


def test_overwrites_a_readable_session_with_unknown_ids(folder, fixture_path):
    path = folder / "plan.json"
    shutil.copy(fixture_path("unknown-ids.json"), path)
    loaded = load_session(path).session
    save_session(loaded, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert "D99" in doc["difficulties"] and "X_LOCAL1" in doc["clauses"]
    assert doc["x_prefecture_report"] == {"submitted": False, "comment": "県への報告用（将来の版の項目）"}


def test_extra_keys_are_written_back_unchanged_and_known_keys_win():
    s = make_session()
    s.extra = {"x_local": [1, {"a": None}], "notes": "stray"}
    doc = session_to_dict(s)
    assert doc["x_local"] == [1, {"a": None}]
    assert doc["notes"] == s.notes
    assert list(doc)[-1] == "x_local"


def test_a_lone_surrogate_is_reported_not_written(folder):
    path = folder / "plan.json"
    s = make_session()
    s.notes = "壊れた文字\ud800"
    with pytest.raises(FileWriteError):
        save_session(s, path)
    assert not path.exists()
