"""The same plan opened twice: the second window (or PC) is told who has it, and since when."""

import errno
import getpass
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from supportguide_app.storage import SessionFileError
from supportguide_app.storage import lock as lock_module
from supportguide_app.storage.lock import (
    FileInUseError,
    LockUnavailableError,
    acquire_lock,
    break_lock,
    lock_path,
    read_lock,
)

HOLD_IN_CHILD = """
import sys
from supportguide_app.storage.lock import acquire_lock
lock = acquire_lock(sys.argv[1])
print("locked", flush=True)
sys.stdin.readline()  # hold the lock until the test closes our stdin (or kills us)
lock.release()
"""


@pytest.fixture
def plan(tmp_path) -> Path:
    folder = tmp_path / "共有ドライブ"
    folder.mkdir()
    path = folder / "計画.json"
    path.write_bytes(b"{}")
    return path


@pytest.fixture
def yamada(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "山田")
    monkeypatch.setattr(socket, "gethostname", lambda: "SOUDAN-PC01")
    monkeypatch.setattr(lock_module, "now_iso", lambda: "2026-11-27T10:15:42+09:00")


def write_lock(path: Path, doc, *, age: float = 0.0) -> Path:
    target = lock_path(path)
    target.write_bytes(doc if isinstance(doc, bytes) else json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    if age:
        os.utime(target, (time.time() - age,) * 2)
    return target


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_lock_file_says_who_opened_the_plan(plan, yamada):
    with acquire_lock(plan) as held:
        target = plan.parent / ".~lock.計画.json#"
        assert held.lock_path == target
        doc = json.loads(target.read_text(encoding="utf-8"))
        assert doc == {"user": "山田", "host": "SOUDAN-PC01", "pid": os.getpid(), "app": "supportguide",
                       "since": "2026-11-27T10:15:42+09:00"}
        assert "山田" in target.read_text(encoding="utf-8")  # readable, not \\u escapes
    assert not target.exists()
    assert sorted(p.name for p in plan.parent.iterdir()) == ["計画.json"]


def test_a_second_open_names_the_owner_the_pc_and_the_time(plan, yamada):
    with acquire_lock(plan):
        with pytest.raises(FileInUseError) as info:
            acquire_lock(plan)  # a second window of the same app, still running: in use
    assert isinstance(info.value, SessionFileError)
    assert info.value.message == (
        "このファイルは山田さん（SOUDAN-PC01）が 2026-11-27 10:15 から開いています。"
        "読み取り専用で開くことができます。")
    assert (info.value.user, info.value.host, info.value.since) == ("山田", "SOUDAN-PC01", "2026-11-27 10:15")
    assert info.value.path == plan


def test_another_process_holds_the_lock_until_it_releases(plan):
    child = subprocess.Popen([sys.executable, "-c", HOLD_IN_CHILD, str(plan)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert child.stdout.readline() == "locked\n"
        with pytest.raises(FileInUseError) as info:
            acquire_lock(plan)
        assert f"{getpass.getuser()}さん（{socket.gethostname()}）が" in info.value.message
        assert read_lock(plan).pid == child.pid
        child.stdin.close()  # the other window closes the plan
        assert child.wait(timeout=30) == 0
    finally:
        child.kill()
        child.wait()
    with acquire_lock(plan) as held:
        assert read_lock(plan).pid == os.getpid() == held.info.pid


def test_a_killed_holder_leaves_a_stale_lock_that_is_taken_over(plan):
    child = subprocess.Popen([sys.executable, "-c", HOLD_IN_CHILD, str(plan)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert child.stdout.readline() == "locked\n"
    finally:
        child.kill()  # the app crashed: no chance to remove its lock
        child.wait()
    assert read_lock(plan).pid == child.pid  # the lock is still there
    with acquire_lock(plan):
        assert read_lock(plan).pid == os.getpid()


def test_a_lock_from_a_dead_pid_on_this_pc_is_stale(plan, yamada):
    write_lock(plan, {"user": "山田", "host": "soudan-pc01", "pid": dead_pid(), "app": "supportguide",
                      "since": "2026-11-26T09:00:00+09:00"})  # host names compare without case
    with acquire_lock(plan):
        now = read_lock(plan)
        assert (now.pid, now.since) == (os.getpid(), "2026-11-27T10:15:42+09:00")


def test_a_lock_from_another_pc_is_never_stale_by_age(plan, yamada):
    write_lock(plan, {"user": "佐藤", "host": "SOUDAN-PC02", "pid": dead_pid(), "app": "supportguide",
                      "since": "2026-10-01T17:45:00+09:00"}, age=60 * 24 * 3600)
    with pytest.raises(FileInUseError) as info:
        acquire_lock(plan)
    assert "佐藤さん（SOUDAN-PC02）が 2026-10-01 17:45 から開いています" in info.value.message
    assert read_lock(plan).user == "佐藤"  # left as it was

    break_lock(plan)  # the user chose to take over the file
    with acquire_lock(plan):
        assert read_lock(plan).user == "山田"


def test_a_japanese_user_name_is_written_and_read_back(plan, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "渡邉 髙子")
    with acquire_lock(plan) as held:
        raw = held.lock_path.read_bytes()
        assert "渡邉 髙子".encode() in raw
        code = ("import sys\nfrom supportguide_app.storage.lock import acquire_lock, FileInUseError\n"
                "try:\n    acquire_lock(sys.argv[1])\nexcept FileInUseError as e:\n"
                "    sys.stdout.buffer.write(e.message.encode('utf-8'))\n")
        out = subprocess.run([sys.executable, "-c", code, str(plan)], capture_output=True, check=True,
                             env={**os.environ, "PYTHONIOENCODING": "ascii"}).stdout.decode("utf-8")
    assert out.startswith("このファイルは渡邉 髙子さん（")


@pytest.mark.parametrize("content", [b"", b"{", b"null", b"[]", b'{"user": 1}', b"\xff\xfe\x00",
                                     b'{"user": "a", "host": "b", "pid": -5, "app": "c", "since": "d"}',
                                     b'{"user": "a", "host": "b", "pid": true, "app": "c", "since": "d"}'])
def test_a_damaged_lock_is_stale_once_it_is_a_few_seconds_old(plan, yamada, content):
    write_lock(plan, content, age=60)
    with acquire_lock(plan):
        assert read_lock(plan).user == "山田"


def test_a_damaged_lock_being_written_right_now_is_respected(plan, yamada):
    # Another window created the file an instant ago and has not written its name yet.
    write_lock(plan, b"")
    with pytest.raises(FileInUseError) as info:
        acquire_lock(plan)
    assert info.value.message == "このファイルはほかの人が開いています。読み取り専用で開くことができます。"
    assert lock_path(plan).read_bytes() == b""


def test_release_does_not_remove_a_lock_someone_else_took_over(plan, yamada, monkeypatch):
    first = acquire_lock(plan)
    break_lock(plan)
    monkeypatch.setattr(lock_module, "now_iso", lambda: "2026-11-27T11:00:00+09:00")
    second = acquire_lock(plan)
    first.release()
    assert read_lock(plan).since == "2026-11-27T11:00:00+09:00"
    second.release()
    assert not lock_path(plan).exists()


@pytest.mark.parametrize(("error", "says"), [
    (OSError(errno.EROFS, "Read-only file system"), "読み取り専用です"),
    (PermissionError(errno.EACCES, "Permission denied"), "書き込む権限がない"),
])
def test_a_folder_that_cannot_hold_a_lock_offers_read_only(plan, monkeypatch, error, says):
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(LockUnavailableError) as info:
        acquire_lock(plan)
    assert says in info.value.message and "読み取り専用で開くことができます" in info.value.message
    assert not lock_path(plan).exists()


def test_break_lock_without_a_lock_is_harmless(plan):
    break_lock(plan)
    assert sorted(p.name for p in plan.parent.iterdir()) == ["計画.json"]
