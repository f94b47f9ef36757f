"""Passphrase protection (storage/crypto.py): nothing in the clear, wrong passphrase, backups, autosave."""

import base64
import copy
import json
import os
import time

import pytest

from supportguide_app.plan.session import Session
from supportguide_app.storage import (
    AutosaveStore,
    DamagedProtectedFileError,
    InvalidSessionError,
    NewerVersionError,
    OverwriteRefusedError,
    PassphraseRequiredError,
    WrongPassphraseError,
    aggregate_folder,
    backup_path,
    crypto,
    load_session,
    save_session,
    validate_files,
)

PASS = "ひまわり畑で 7 回 coffee"
# Everything of the session that must not be readable in a protected file.
SECRETS = ["相談員Ａさんの面談記録", "ひだまり市 福祉部", "山田 花子", "夜の電話対応がつらい", "D03", "D09",
           "MECH4", "X_LOCAL1", "課長 山田", "佐藤", "supportguide-session", "meta"]


def make_session() -> Session:
    s = Session.new()
    s.set_value(("title",), "相談員Ａさんの面談記録")
    s.set_value(("organisation",), "ひだまり市 福祉部")
    s.set_value(("author",), "山田 花子")
    s.set_value(("meeting",), "one_on_one")
    s.set_value(("selection", "difficulties", "D03", "selected"), True)
    s.set_value(("selection", "methods", "MECH4", "note"), "毎週木曜")
    s.set_value(("selection", "methods", "X_LOCAL1", "selected"), True)
    s.set_value(("view", "manager", "name"), "課長 山田")
    s.set_value(("view", "counselor", "name"), "佐藤")
    s.set_value(("view", "counselor", "difficulties", "D09", "note"), "夜の電話対応がつらい")
    return s


def assert_nothing_in_the_clear(raw: bytes) -> None:
    text = raw.decode("utf-8")
    envelope = json.loads(text)
    # Base64 of random bytes may spell a short secret ("D03") by chance: look outside it, and at
    # the decoded bytes of each base64 value.
    clear = copy.deepcopy(envelope)
    blobs = [clear.pop(key, "") for key in ("nonce", "ciphertext", "check")] + [clear["kdf"].pop("salt")]
    outside = json.dumps(clear, ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in outside, secret
        assert all(secret.encode("utf-8") not in base64.b64decode(blob) for blob in blobs), secret
    assert set(envelope) == {"format", "version", "kdf", "cipher", "nonce", "ciphertext", "check"}
    assert envelope["format"] == "supportguide-encrypted" and envelope["cipher"] == "AES-256-GCM"


def _standard_library_scrypt(secret, salt, n, r, p):
    """How versions up to 0e9ce6a derived the key: hashlib.scrypt (OpenSSL's, via _hashlib)."""
    import hashlib

    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, maxmem=2**27, dklen=crypto.KEY_BYTES)


@pytest.mark.parametrize("params", sorted(crypto.ACCEPTED_KDF_PARAMS, key=lambda k: k.n))
def test_every_accepted_key_is_the_one_the_standard_library_derives(params):
    salt = os.urandom(16)
    assert params.derive(PASS, salt) == _standard_library_scrypt(PASS.encode("utf-8"), salt,
                                                                 params.n, params.r, params.p)


def test_a_file_protected_by_an_earlier_version_opens_with_its_passphrase(tmp_path, monkeypatch):
    path = tmp_path / "前の版で保護した計画.json"
    with monkeypatch.context() as earlier:
        earlier.setattr(crypto, "_scrypt", _standard_library_scrypt)
        save_session(make_session(), path, passphrase=PASS)
    crypto.forget_keys()
    loaded = load_session(path, PASS).session
    assert loaded.title == "相談員Ａさんの面談記録"
    assert loaded.is_selected("difficulties", "D03")
    crypto.forget_keys()
    with pytest.raises(WrongPassphraseError):
        load_session(path, PASS + "x")


def test_key_derivation_is_memory_hard_and_well_under_a_second():
    params = crypto.KdfParams()
    assert params.n >= 2**15 and params.r >= 8 and params.p >= 1
    start = time.perf_counter()
    params.derive(PASS, os.urandom(16))
    seconds = time.perf_counter() - start
    print(f"\nscrypt n=2**{params.n.bit_length() - 1} r={params.r} p={params.p} "
          f"({128 * params.n * params.r // 2**20} MiB): {seconds:.3f} s")


def test_a_protected_file_and_its_autosave_hold_nothing_in_the_clear(tmp_path):
    s = make_session()
    path = tmp_path / "面談_佐藤.json"
    save_session(s, path, passphrase=PASS)
    assert_nothing_in_the_clear(path.read_bytes())
    store = AutosaveStore(tmp_path / "autosave", "w1")
    store.write(s, path, passphrase=PASS)
    raw = store.path.read_bytes()
    assert_nothing_in_the_clear(raw)
    assert "面談_佐藤" not in raw.decode("utf-8")  # the source path is inside the envelope too


def test_opens_with_the_passphrase(tmp_path):
    s = make_session()
    path = tmp_path / "計画.json"
    save_session(s, path, passphrase=PASS)
    crypto.forget_keys()  # as a new run of the application would: derive the key again
    result = load_session(path, PASS)
    assert result.protected and result.session == s
    assert result.session.views["counselor"].note("difficulties", "D09") == "夜の電話対応がつらい"
    assert not load_session(_plain(tmp_path, s)).protected


def _plain(tmp_path, s) -> os.PathLike:
    path = tmp_path / "plain.json"
    save_session(s, path)
    return path


def test_without_a_passphrase_the_error_says_so_in_japanese(tmp_path):
    path = tmp_path / "計画.json"
    save_session(make_session(), path, passphrase=PASS)
    with pytest.raises(PassphraseRequiredError) as info:
        load_session(path)
    assert info.value.message == (
        "「計画.json」はパスフレーズで保護されています。パスフレーズを入力して開いてください。")
    assert info.value.path == path


def test_a_wrong_passphrase_is_refused_and_the_file_is_untouched(tmp_path):
    path = tmp_path / "計画.json"
    save_session(make_session(), path, passphrase=PASS)
    before = path.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    for wrong in ("ひまわり畑で 7 回 Coffee", PASS + " ", "x"):
        with pytest.raises(WrongPassphraseError) as info:
            load_session(path, wrong)
        assert info.value.message.startswith("パスフレーズが違います。")
        assert info.value.__cause__ is not None
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


@pytest.mark.parametrize(("change", "error"), [
    # the parameters are associated data: bound to the text (and to the key check)
    (lambda e: e["kdf"].update(n=2**15), WrongPassphraseError),
    (lambda e: e["kdf"].update(salt=base64.b64encode(b"0" * 16).decode()), WrongPassphraseError),
    # the right passphrase (its key check matches) but a changed nonce or ciphertext: damaged
    (lambda e: e.update(nonce=base64.b64encode(b"1" * 12).decode()), DamagedProtectedFileError),
    (lambda e: e.update(ciphertext=base64.b64encode(
        bytes([base64.b64decode(e["ciphertext"])[0] ^ 1]) + base64.b64decode(e["ciphertext"])[1:]).decode()),
     DamagedProtectedFileError),
])
def test_a_changed_envelope_does_not_open(tmp_path, change, error):
    path = tmp_path / "計画.json"
    save_session(make_session(), path, passphrase=PASS)
    envelope = json.loads(path.read_text(encoding="utf-8"))
    change(envelope)
    path.write_text(json.dumps(envelope), encoding="utf-8")
    with pytest.raises(error) as info:
        load_session(path, PASS)
    if error is DamagedProtectedFileError:
        assert "パスフレーズは合っていますが" in info.value.message
        assert "パスフレーズが違います" not in info.value.message


@pytest.mark.parametrize(("change", "error", "key"), [
    (lambda e: e["kdf"].update(n=2**30), InvalidSessionError, "kdf"),  # refused before allocating 1 TiB
    (lambda e: e["kdf"].update(n=3 * 2**14), InvalidSessionError, "kdf"),
    (lambda e: e["kdf"].update(r=True), InvalidSessionError, "kdf"),
    (lambda e: e["kdf"].update(name="pbkdf2"), InvalidSessionError, "kdf.name"),
    (lambda e: e["kdf"].update(salt="***"), InvalidSessionError, "kdf.salt"),
    (lambda e: e.update(nonce="AAAA"), InvalidSessionError, "nonce"),
    (lambda e: e.update(cipher="AES-128-CBC"), InvalidSessionError, "cipher"),
    (lambda e: e.pop("ciphertext"), InvalidSessionError, "ciphertext"),
    (lambda e: e.update(version=2), NewerVersionError, None),
])
def test_a_malformed_envelope_is_reported_without_a_passphrase_too(tmp_path, change, error, key):
    path = tmp_path / "計画.json"
    save_session(make_session(), path, passphrase=PASS)
    envelope = json.loads(path.read_text(encoding="utf-8"))
    change(envelope)
    path.write_text(json.dumps(envelope), encoding="utf-8")
    for passphrase in (None, PASS):
        with pytest.raises(error) as info:
            load_session(path, passphrase)
        if key:
            assert info.value.key == key


def test_the_backup_of_a_protected_file_is_never_plaintext(tmp_path):
    path = tmp_path / "計画.json"
    s = make_session()
    save_session(s, path)  # an unprotected first version …
    first = load_session(path).session
    s.set_value(("notes",), "二回目")
    save_session(s, path, passphrase=PASS)  # … protected now: its backup is protected too
    assert_nothing_in_the_clear(backup_path(path).read_bytes())
    assert load_session(backup_path(path), PASS).session == first
    previous = path.read_bytes()
    s.set_value(("notes",), "三回目")
    save_session(s, path, passphrase=PASS)
    assert backup_path(path).read_bytes() == previous  # the previous encrypted bytes, as they were
    assert load_session(path, PASS).session.notes == "三回目"


def test_the_overwrite_guard_needs_the_passphrase_of_the_existing_file(tmp_path):
    path = tmp_path / "計画.json"
    s = make_session()
    save_session(s, path, passphrase=PASS)
    before = path.read_bytes()
    for passphrase in (None, "新しいパスフレーズ"):
        with pytest.raises(OverwriteRefusedError) as info:
            save_session(s, path, passphrase=passphrase)
        assert "パスフレーズで保護されていて" in info.value.message
        assert path.read_bytes() == before
    # removing the protection of a file opened with its passphrase
    save_session(s, path, previous_passphrase=PASS)
    assert not load_session(path).protected
    # the backup is unprotected too, as the file now is: nothing still opens with the old secret
    assert not load_session(backup_path(path)).protected
    # changing the passphrase
    save_session(s, path, passphrase="新しいパスフレーズ")
    save_session(s, path, passphrase="別のパスフレーズ２", previous_passphrase="新しいパスフレーズ")
    assert load_session(path, "別のパスフレーズ２").protected
    with pytest.raises(ValueError):
        save_session(s, path, passphrase="")


def test_protected_autosave_is_listed_and_opened_with_the_passphrase(tmp_path):
    folder = tmp_path / "autosave"
    s = make_session()
    AutosaveStore(folder, "crashed").write(s, tmp_path / "計画.json", passphrase=PASS)
    store = AutosaveStore(folder, "now")
    (entry,) = store.pending()
    assert entry.protected and entry.session is None and entry.source_path is None
    assert isinstance(entry.error, PassphraseRequiredError) and entry.saved_at
    with pytest.raises(WrongPassphraseError):
        store.open(entry, "違う")
    opened = store.open(entry, PASS)
    assert opened.error is None and opened.protected
    assert opened.session == s and opened.source_path == tmp_path / "計画.json"
    store.discard(opened)
    assert store.pending() == []


def test_validate_reports_a_protected_file_without_failing(tmp_path):
    path = tmp_path / "計画.json"
    save_session(make_session(), path, passphrase=PASS)
    (result,) = validate_files([path])
    assert result.ok and result.protected and result.error is None
    assert "パスフレーズで保護された" in result.warnings[0]
    (result,) = validate_files([path], passphrase=PASS)
    assert result.ok and result.protected
    assert any("X_LOCAL1" in w for w in result.warnings)  # the content was checked
    (result,) = validate_files([path], passphrase="違う")
    assert not result.ok and result.error.startswith("パスフレーズが違います")
    envelope = json.loads(path.read_text(encoding="utf-8"))
    envelope["kdf"]["n"] = 7
    path.write_text(json.dumps(envelope), encoding="utf-8")
    (result,) = validate_files([path])
    assert not result.ok and "kdf" in result.error


def test_aggregation_skips_a_protected_file_with_its_reason(tmp_path):
    save_session(make_session(), tmp_path / "a.json", passphrase=PASS)
    aggregation = aggregate_folder([tmp_path])
    assert aggregation.files_read == ()
    assert "パスフレーズで保護された" in aggregation.skipped[0].reason
