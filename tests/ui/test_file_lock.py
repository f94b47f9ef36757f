"""The same plan opened twice: the lock, read-only mode, taking over, and releasing the lock."""

from __future__ import annotations

import json

import pytest
from scripted_dialogs import ScriptedDialogs
from wizard_helpers import type_text

from supportguide_app.storage import save_session
from supportguide_app.storage.errors import LockUnavailableError
from supportguide_app.storage.lock import lock_path
from supportguide_app.ui.dialogs import LockAnswer
from supportguide_app.ui.pages import PageId


@pytest.fixture
def plan(tmp_path, window, dialogs):
    """A plan saved by the first window, which keeps it open (and locked)."""
    type_text(window.pages[PageId.START].title_edit, "共有の計画")
    path = tmp_path / "shared.json"
    dialogs.save_paths.append(path)
    assert window.document.save()
    return path


def test_saving_locks_the_file_and_closing_releases_it(qtbot, window, plan):
    info = json.loads(lock_path(plan).read_text(encoding="utf-8"))
    assert info["app"] == "supportguide"
    window.document.close_session()
    assert not lock_path(plan).exists()
    assert window.document.open_file(plan)
    assert lock_path(plan).exists()
    window.close()
    assert not lock_path(plan).exists()  # quitting releases it


def test_opening_another_file_releases_the_first(qtbot, window, plan, tmp_path):
    other = tmp_path / "other.json"
    save_session(window.editor.session, other)
    assert window.document.open_file(other)
    assert not lock_path(plan).exists() and lock_path(other).exists()


def test_second_window_opens_read_only(qtbot, make_window, window, plan, tmp_path):
    second_dialogs = ScriptedDialogs()
    second = make_window(dialogs=second_dialogs)
    second_dialogs.in_use_answers.append(LockAnswer.READ_ONLY)
    assert second.document.open_file(plan)
    (name, user, host, since), = second_dialogs.in_use_asked
    assert name == "shared.json" and host and since
    assert second.document.read_only
    assert "（読み取り専用）" in second.windowTitle()
    assert not second.save_action.isEnabled()
    assert not second.pages[PageId.SUMMARY].save_button.isEnabled()

    type_text(second.pages[PageId.START].title_edit, "別の変更")
    before = plan.read_bytes()
    second_dialogs.save_paths.append(plan)  # Save offers Save As; the same file is refused
    assert not second.document.save()
    assert "別の名前で保存してください" in second_dialogs.errors[-1][1]
    assert plan.read_bytes() == before
    copy = tmp_path / "copy.json"
    second_dialogs.save_paths.append(copy)
    assert second.document.save()
    assert second.document.source_path == copy and not second.document.read_only
    assert lock_path(copy).exists() and second.save_action.isEnabled()
    assert "読み取り専用" not in second.windowTitle()
    assert lock_path(plan).exists()  # still the first window's
    second.document.close_session()
    assert not lock_path(copy).exists()


def test_cancel_leaves_the_second_window_as_it_was(qtbot, make_window, window, plan):
    second_dialogs = ScriptedDialogs()
    second = make_window(dialogs=second_dialogs)
    second_dialogs.in_use_answers.append(LockAnswer.CANCEL)
    assert not second.document.open_file(plan)
    assert second.document.source_path is None and second.editor.session.title == ""


def test_take_over_then_close_releases(qtbot, make_window, window, plan):
    second_dialogs = ScriptedDialogs()
    second = make_window(dialogs=second_dialogs)
    lock_path(plan).write_text(json.dumps({"user": "山田", "host": "SOUDAN-PC01", "pid": 4242,
                                           "app": "supportguide", "since": "2026-11-27T10:15:03+09:00"}),
                               encoding="utf-8")
    second_dialogs.in_use_answers.append(LockAnswer.TAKE_OVER)
    assert second.document.open_file(plan)
    assert second_dialogs.in_use_asked == [("shared.json", "山田", "SOUDAN-PC01", "2026-11-27 10:15")]
    assert not second.document.read_only and second.save_action.isEnabled()
    assert json.loads(lock_path(plan).read_text(encoding="utf-8"))["host"] != "SOUDAN-PC01"
    type_text(second.pages[PageId.START].title_edit, "を引き継ぎました")
    assert second.document.save()
    assert second_dialogs.errors == []
    second.document.close_session()
    assert not lock_path(plan).exists()


def test_unavailable_lock_opens_read_only_with_a_message(qtbot, window, dialogs, tmp_path, monkeypatch):
    path = tmp_path / "cd.json"
    save_session(window.editor.session, path)

    def refuse(target, **_kwargs):
        raise LockUnavailableError(target, "書き込みが許可されていません")

    monkeypatch.setattr("supportguide_app.storage.lock.acquire_lock", refuse)  # read when used
    assert window.document.open_file(path)
    assert window.document.read_only and "（読み取り専用）" in window.windowTitle()
    assert "読み取り専用で開くことができます" in dialogs.warnings[-1][1]
    assert not window.save_action.isEnabled()


def test_save_as_into_a_folder_that_cannot_be_written_says_so_and_offers_another(
        qtbot, window, dialogs, tmp_path, monkeypatch):
    from supportguide_app.storage import lock as storage_lock

    locked_folder = tmp_path / "共有（読み取り専用）"
    locked_folder.mkdir()
    real_acquire = storage_lock.acquire_lock

    def refuse_there(target, **kwargs):
        if target.parent == locked_folder:
            raise LockUnavailableError(target, "書き込みが許可されていません")
        return real_acquire(target, **kwargs)

    monkeypatch.setattr("supportguide_app.storage.lock.acquire_lock", refuse_there)
    elsewhere = tmp_path / "ドキュメント" / "計画.json"
    elsewhere.parent.mkdir()
    dialogs.save_paths += [locked_folder / "計画.json", elsewhere]
    assert window.document.save_as()
    title, message = dialogs.errors[-1]
    assert title == "このフォルダには保存できません"
    assert str(locked_folder) in message and "別のフォルダ" in message
    assert "読み取り専用で開" not in message and "編集用" not in message
    assert elsewhere.is_file() and not (locked_folder / "計画.json").exists()
    assert window.document.source_path == elsewhere
