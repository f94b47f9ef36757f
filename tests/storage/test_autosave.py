"""Autosave: one file per store, found again by a later run, discarded or cleared."""

import errno
import json
import os
from pathlib import Path

import pytest

from supportguide_app.plan.session import Session
from supportguide_app.storage import (
    AutosaveStore,
    FileWriteError,
    NewerVersionError,
    NotJSONError,
    load_session,
    session_from_dict,
)


def make_session(title="自動保存のテスト") -> Session:
    s = Session.new()
    s.set_value(("title",), title)
    s.set_value(("selection", "goals", "A", "selected"), True)
    s.set_value(("selection", "methods", "X_LOCAL1", "selected"), True)
    return s


def test_write_creates_the_folder_and_embeds_a_session_document(tmp_path):
    folder = tmp_path / "アプリデータ" / "autosave"
    store = AutosaveStore(folder, "window1")
    s = make_session()
    modified = s.modified
    path = store.write(s, tmp_path / "計画.json")
    assert path == folder / "autosave-window1.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "supportguide-autosave"
    assert doc["source_path"] == str(tmp_path / "計画.json")
    assert session_from_dict(doc["session"]).session == s  # the same loader reads it
    assert s.modified == modified  # an autosave does not mark the session as saved
    assert [p.name for p in folder.iterdir()] == ["autosave-window1.json"]


def test_a_later_run_finds_pending_entries(tmp_path):
    crashed = AutosaveStore(tmp_path, "earlier")
    s = make_session("前回の作業")
    crashed.write(s, None)
    other = AutosaveStore(tmp_path, "another")
    other.write(make_session("別のウィンドウ"), tmp_path / "別.json")

    now = AutosaveStore(tmp_path)
    now.write(make_session("今回"), None)
    entries = now.pending()
    assert sorted(e.path.name for e in entries) == ["autosave-another.json", "autosave-earlier.json"]
    earlier = next(e for e in entries if e.path.name == "autosave-earlier.json")
    assert earlier.session == s
    assert earlier.source_path is None
    assert earlier.error is None
    assert earlier.saved_at
    assert any("X_LOCAL1" in w for w in earlier.warnings)
    another = next(e for e in entries if e.path.name == "autosave-another.json")
    assert another.source_path == tmp_path / "別.json"

    now.discard(earlier)
    assert not earlier.path.exists()
    assert [e.path.name for e in now.pending()] == ["autosave-another.json"]


def test_unreadable_autosaves_are_listed_with_their_error(tmp_path, fixture_path):
    (tmp_path / "autosave-broken.json").write_text("{\"format\": ", encoding="utf-8")
    newer = {"format": "supportguide-autosave", "version": 9, "saved_at": "2030-01-01T00:00:00+09:00",
             "source_path": None, "session": {}}
    (tmp_path / "autosave-newer.json").write_text(json.dumps(newer), encoding="utf-8")
    inner_newer = {"format": "supportguide-autosave", "version": 1, "saved_at": "2026-01-01T00:00:00+09:00",
                   "source_path": "a.json",
                   "session": json.loads(fixture_path("newer-version.json").read_text(encoding="utf-8"))}
    (tmp_path / "autosave-inner.json").write_text(json.dumps(inner_newer), encoding="utf-8")
    (tmp_path / "unrelated.json").write_text("{}", encoding="utf-8")

    entries = {e.path.name: e for e in AutosaveStore(tmp_path).pending()}
    assert set(entries) == {"autosave-broken.json", "autosave-newer.json", "autosave-inner.json"}
    assert isinstance(entries["autosave-broken.json"].error, NotJSONError)
    assert isinstance(entries["autosave-newer.json"].error, NewerVersionError)
    assert isinstance(entries["autosave-inner.json"].error, NewerVersionError)
    assert entries["autosave-inner.json"].source_path == Path("a.json")
    assert all(e.session is None for e in entries.values())


def test_clear_own_removes_only_this_stores_file(tmp_path):
    mine, theirs = AutosaveStore(tmp_path, "mine"), AutosaveStore(tmp_path, "theirs")
    mine.write(make_session(), None)
    theirs.write(make_session(), None)
    mine.clear_own()
    mine.clear_own()  # nothing left to clear is fine
    assert [p.name for p in tmp_path.iterdir()] == ["autosave-theirs.json"]


def test_pending_of_a_missing_folder_is_empty(tmp_path):
    assert AutosaveStore(tmp_path / "ない").pending() == []


def test_rewrite_replaces_the_same_file(tmp_path):
    store = AutosaveStore(tmp_path, "w")
    store.write(make_session("一"), None)
    path = store.write(make_session("二"), None)
    assert [p.name for p in tmp_path.iterdir()] == ["autosave-w.json"]
    assert json.loads(path.read_text(encoding="utf-8"))["session"]["meta"]["title"] == "二"


def test_write_failure_is_a_file_write_error(tmp_path, monkeypatch):
    store = AutosaveStore(tmp_path, "w")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "open", full)
    with pytest.raises(FileWriteError) as info:
        store.write(make_session(), None)
    assert "空き容量" in info.value.message


def test_an_autosave_file_is_not_mistaken_for_a_session_file(tmp_path):
    path = AutosaveStore(tmp_path, "w").write(make_session(), None)
    with pytest.raises(Exception) as info:
        load_session(path)
    assert "計画ファイルではありません" in str(info.value)


@pytest.mark.parametrize("bad", ["../x", "a/b", "", "名前"])
def test_store_id_cannot_escape_the_folder(tmp_path, bad):
    if bad == "":
        assert AutosaveStore(tmp_path, bad).store_id  # empty means "make one"
        return
    with pytest.raises(ValueError):
        AutosaveStore(tmp_path, bad)
