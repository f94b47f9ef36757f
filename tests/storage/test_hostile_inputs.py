"""Bad inputs and misuses that used to get through (issue 12): FIFOs, devices, hostile KDF
parameters, duplicate keys, non-finite numbers, symlinks, old secrets in backups, stale temporaries.

A FIFO test that hangs on a broken build is stopped by an alarm (a safety net so that the suite
fails instead of hanging for ever, not a timed assertion).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import time
from pathlib import Path

import pytest

from supportguide_app.plan.session import Session
from supportguide_app.storage import (
    AutosaveStore,
    DamagedProtectedFileError,
    FileReadError,
    FileTooLargeError,
    InvalidSessionError,
    NotJSONError,
    WeakPassphraseError,
    WrongPassphraseError,
    aggregate_folder,
    backup_path,
    crypto,
    files,
    load_session,
    save_session,
    validate_files,
)
from supportguide_app.storage.lock import acquire_lock, lock_path

PASS = "ひまわり畑で 7 回 coffee"
NEW_PASS = "あたらしい 合言葉 2027"

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


class Hung(Exception):
    pass


@pytest.fixture
def no_hang():
    """Raise Hung in the test if it blocks for 10 s (what a FIFO read did before)."""
    def on_alarm(signum, frame):
        raise Hung("blocked: the call waited for a writer or read without end")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def make_session() -> Session:
    s = Session.new()
    s.set_value(("title",), "面談の記録")
    s.set_value(("selection", "difficulties", "D03", "selected"), True)
    return s


# -- 4. only regular files, the limit enforced while reading ----------------------------------
@posix_only
def test_a_fifo_is_refused_by_load_validate_and_aggregate_without_waiting(tmp_path, no_hang):
    fifo = tmp_path / "計画.json"
    os.mkfifo(fifo)
    with pytest.raises(FileReadError) as info:
        load_session(fifo)
    assert "名前付きパイプ" in info.value.message
    (result,) = validate_files([fifo])
    assert not result.ok and "名前付きパイプ" in result.error
    aggregation = aggregate_folder([fifo])
    assert aggregation.total == 0
    assert "名前付きパイプ" in aggregation.skipped[0].reason


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_before_anything_is_read(monkeypatch):
    read = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    with pytest.raises(FileReadError) as info:
        load_session("/dev/zero")
    assert "デバイス" in info.value.message
    assert read == []


def test_the_size_limit_holds_while_reading_even_if_the_recorded_size_lies(tmp_path, monkeypatch):
    path = tmp_path / "計画.json"
    path.write_bytes(b" " * (files.MAX_FILE_BYTES + 10))
    real_fstat = os.fstat

    class Small:
        def __init__(self, real):
            self._real = real

        def __getattr__(self, name):
            return 10 if name == "st_size" else getattr(self._real, name)

    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    with pytest.raises(FileTooLargeError) as info:
        load_session(path)
    assert "大きすぎる" in info.value.message


@posix_only
def test_a_fifo_planted_as_the_lock_file_does_not_hang_acquiring_the_lock(tmp_path, no_hang):
    plan = tmp_path / "計画.json"
    save_session(make_session(), plan)
    os.mkfifo(lock_path(plan))
    old = time.time() - 3600
    os.utime(lock_path(plan), (old, old))  # damaged and untouched for an hour: taken over
    with acquire_lock(plan) as lock:
        assert lock_path(plan).is_file()
        assert json.loads(lock_path(plan).read_text(encoding="utf-8"))["pid"] == os.getpid()
        assert lock.info.pid == os.getpid()


# -- 5. a fixed set of key-derivation parameters -------------------------------------------------
@pytest.mark.parametrize("kdf", [{"n": 2**20, "r": 32, "p": 1}, {"n": 2**20, "r": 8, "p": 16},
                                 {"n": 2**16, "r": 8, "p": 2}, {"n": 2**14, "r": 1, "p": 1},
                                 {"n": 2**17, "r": 8, "p": 1}])
def test_hostile_kdf_parameters_are_refused_before_any_key_is_derived(tmp_path, monkeypatch, kdf):
    path = tmp_path / "計画.json"
    save_session(make_session(), path, passphrase=PASS)
    envelope = json.loads(path.read_text(encoding="utf-8"))
    envelope["kdf"].update(kdf)
    path.write_text(json.dumps(envelope), encoding="utf-8")
    crypto.forget_keys()

    def no_scrypt(*args, **kwargs):
        raise AssertionError("scrypt was run with parameters from a hostile file")

    monkeypatch.setattr(crypto, "_scrypt", no_scrypt)
    monkeypatch.setattr(hashlib, "scrypt", no_scrypt)
    with pytest.raises(InvalidSessionError) as info:
        load_session(path, PASS)
    assert info.value.key == "kdf"
    assert "別のアプリで作られたファイル" in info.value.message
    assert "パスフレーズが違います" not in info.value.message


def test_the_parameters_this_version_writes_are_accepted(tmp_path):
    path = tmp_path / "計画.json"
    save_session(make_session(), path, passphrase=PASS)
    kdf = json.loads(path.read_text(encoding="utf-8"))["kdf"]
    assert crypto.KdfParams(kdf["n"], kdf["r"], kdf["p"]) in crypto.ACCEPTED_KDF_PARAMS
    assert max(128 * k.n * k.r * k.p for k in crypto.ACCEPTED_KDF_PARAMS) <= 64 * 1024 * 1024
    crypto.forget_keys()
    assert load_session(path, PASS).session.title == "面談の記録"


# -- 6. duplicate keys and non-finite numbers --------------------------------------------------
def _v3(fixture_path) -> str:
    return fixture_path("v3-valid.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(("edit", "key"), [
    (lambda t: t.replace('"notes": ', '"notes": "最初のメモ", "notes": ', 1), "notes"),
    (lambda t: t.replace('"difficulties": {', '"difficulties": {"D05": {"selected": true}, ', 1)
     .replace('"D05": {"selected": true}, ', '"D05": {"selected": true}, "D05": {"selected": false}, ', 1),
     "D05"),
])
def test_a_duplicate_key_is_refused_naming_the_key(tmp_path, fixture_path, edit, key):
    path = tmp_path / "計画.json"
    path.write_text(edit(_v3(fixture_path)), encoding="utf-8")
    with pytest.raises(NotJSONError) as info:
        load_session(path)
    assert f"「{key}」が2回以上あります" in info.value.message


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999", "[1, [NaN]]"])
def test_a_non_finite_number_is_refused_naming_the_key(tmp_path, fixture_path, token):
    path = tmp_path / "計画.json"
    text = _v3(fixture_path).replace('"notes": ', f'"x_local_score": {token}, "notes": ', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NotJSONError) as info:
        load_session(path)
    assert "「x_local_score」" in info.value.message
    # and nothing could be written back as a token that is not JSON
    with pytest.raises(ValueError):
        files.dumps_document({"x": float("nan")})


# -- 7. saving through a symbolic link -----------------------------------------------------------
@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_saving_through_a_symlink_writes_the_real_file_and_keeps_the_link(tmp_path):
    real_folder = tmp_path / "共有"
    real_folder.mkdir()
    target = real_folder / "計画.json"
    link = tmp_path / "計画へのリンク.json"
    s = make_session()
    save_session(s, target)
    link.symlink_to(target)
    loaded = load_session(link).session
    loaded.set_value(("title",), "リンク経由で直した")
    save_session(loaded, link)
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert load_session(target).session.title == "リンク経由で直した"
    assert load_session(backup_path(target)).session.title == "面談の記録"
    assert not backup_path(link).exists()


# -- 8. no older copy readable with an old secret -----------------------------------------------
def test_after_a_passphrase_change_the_backup_opens_only_with_the_new_one(tmp_path):
    path = tmp_path / "計画.json"
    s = make_session()
    save_session(s, path, passphrase=PASS)
    save_session(s, path, passphrase=PASS)  # a .bak protected with PASS
    save_session(s, path, passphrase=NEW_PASS, previous_passphrase=PASS)
    crypto.forget_keys()
    for copy in (path, backup_path(path)):
        with pytest.raises(WrongPassphraseError):
            load_session(copy, PASS)
        assert load_session(copy, NEW_PASS).protected


def test_after_protection_is_removed_no_copy_opens_with_the_old_passphrase(tmp_path):
    path = tmp_path / "計画.json"
    s = make_session()
    save_session(s, path, passphrase=PASS)
    save_session(s, path, passphrase=PASS)
    save_session(s, path, previous_passphrase=PASS)
    for copy in (path, backup_path(path)):
        assert not load_session(copy).protected
        assert b"supportguide-encrypted" not in copy.read_bytes()


def test_adding_protection_leaves_no_plaintext_backup(tmp_path):
    path = tmp_path / "計画.json"
    s = make_session()
    save_session(s, path)
    save_session(s, path, passphrase=PASS)
    assert "面談の記録" not in backup_path(path).read_text(encoding="utf-8")
    assert load_session(backup_path(path), PASS).protected


# -- 9. stale temporaries of interrupted saves ---------------------------------------------------
def _plant(path: Path, age: float) -> Path:
    path.write_bytes(b"{half a plan")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_stale_temporaries_of_a_plan_are_removed_when_it_is_opened_and_after_a_save(tmp_path):
    plan = tmp_path / "計画.json"
    save_session(make_session(), plan)
    stale = [_plant(tmp_path / f".計画.json.{i:08x}.tmp", 10 * 60) for i in range(3)]
    stale.append(_plant(tmp_path / ".計画.json.bak.0000abcd.tmp", 10 * 60))
    fresh = _plant(tmp_path / ".計画.json.0000ffff.tmp", 1)  # a save in progress elsewhere
    other = _plant(tmp_path / ".別の計画.json.00000001.tmp", 10 * 60)  # not this plan's
    with acquire_lock(plan):
        assert not any(p.exists() for p in stale)
        assert fresh.exists() and other.exists()
    _plant(stale[0], 10 * 60)
    save_session(load_session(plan).session, plan)
    assert not stale[0].exists() and fresh.exists()


def test_stale_autosave_temporaries_are_removed_at_start_and_after_each_autosave(tmp_path):
    folder = tmp_path / "autosave"
    folder.mkdir()
    plaintext = _plant(folder / ".autosave-0a1b2c3d4e5f.json.deadbeef.tmp", 10 * 60)
    fresh = _plant(folder / ".autosave-99.json.00000001.tmp", 1)
    unrelated = _plant(folder / "メモ.txt", 10 * 60)
    store = AutosaveStore(folder)
    assert store.pending() == []  # at start
    assert not plaintext.exists() and fresh.exists() and unrelated.exists()
    _plant(plaintext, 10 * 60)
    store.write(make_session(), None)
    assert not plaintext.exists() and fresh.exists()


# -- 13. messages that say what happened ---------------------------------------------------------
def test_a_50_mb_file_is_called_too_large_not_a_foreign_file(tmp_path):
    path = tmp_path / "計画.json"
    with open(path, "wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    with pytest.raises(FileTooLargeError) as info:
        load_session(path)
    assert "大きすぎる" in info.value.message and "20 MB" in info.value.message
    assert "計画ファイルではありません" not in info.value.message


@pytest.mark.parametrize("short", ["a", "1234567", "合言葉"])
def test_a_short_passphrase_is_refused_with_the_reason(tmp_path, short):
    path = tmp_path / "計画.json"
    with pytest.raises(WeakPassphraseError) as info:
        save_session(make_session(), path, passphrase=short)
    assert f"{crypto.MIN_PASSPHRASE_CHARS}文字以上" in info.value.message
    assert "総当たり" in info.value.message
    assert not path.exists()
    with pytest.raises(WeakPassphraseError):
        AutosaveStore(tmp_path / "autosave").write(make_session(), None, short)
    assert not (tmp_path / "autosave").exists() or not any((tmp_path / "autosave").iterdir())


def test_a_damaged_protected_file_says_damaged_and_a_wrong_passphrase_says_wrong(tmp_path):
    import base64

    path = tmp_path / "計画.json"
    save_session(make_session(), path, passphrase=PASS)
    envelope = json.loads(path.read_text(encoding="utf-8"))
    cipher = bytearray(base64.b64decode(envelope["ciphertext"]))
    cipher[len(cipher) // 2] ^= 0x40  # one bit flipped on a USB stick
    envelope["ciphertext"] = base64.b64encode(bytes(cipher)).decode()
    path.write_text(json.dumps(envelope), encoding="utf-8")
    with pytest.raises(DamagedProtectedFileError) as info:
        load_session(path, PASS)
    assert "パスフレーズは合っています" in info.value.message and "壊れて" in info.value.message
    with pytest.raises(WrongPassphraseError) as wrong:
        load_session(path, "まったく違うパスフレーズ")
    assert wrong.value.certain and "壊れて" not in wrong.value.message
