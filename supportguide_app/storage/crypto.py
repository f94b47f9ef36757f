"""Protecting a session file with a passphrase (パスフレーズ): AES-256-GCM, key from scrypt.

A protected file is a small JSON envelope around the encrypted bytes of an ordinary document::

    {"format": "supportguide-encrypted", "version": 1,
     "kdf": {"name": "scrypt", "n": 65536, "r": 8, "p": 1, "salt": "<base64>"},
     "cipher": "AES-256-GCM", "nonce": "<base64, 12 bytes>", "ciphertext": "<base64, with the tag>",
     "check": "<base64, 16 bytes>"}

The plaintext is exactly the bytes an unprotected file would hold (a session document, or an
autosave wrapper), so the one loader reads it after decryption, migrations included. The envelope's
``format``, ``version``, ``kdf`` (with the salt) and ``cipher`` are the associated data: changing any
of them makes decryption fail, as a wrong passphrase does. GCM authenticates, so a wrong passphrase
or a damaged file is always detected, never read as garbage.

Why these choices: the standard library has no authenticated cipher (hence the ``cryptography``
package); scrypt is memory-hard (64 MiB with these parameters), which makes guessing passphrases on
graphics cards expensive. It is derived by ``cryptography`` as well (the same RFC 7914 scrypt as
``hashlib.scrypt``, which earlier versions used: the keys are identical, tested), so the bundle
needs no second copy of OpenSSL for the standard library's ``_hashlib``. The parameters are
stored in the file, but only a small fixed set is accepted (:data:`ACCEPTED_KDF_PARAMS`: what this
version writes, and one step cheaper): a crafted file cannot make us allocate a gigabyte or spend a
minute before saying "wrong passphrase"; anything else is refused as a damaged or foreign file
before any key is derived. Every accepted derivation takes at most 64 MiB and about 0.3 s.

A passphrase has at least :data:`MIN_PASSPHRASE_CHARS` characters (:func:`check_new_passphrase`):
scrypt makes each guess cost, but a 1-character passphrase has a few thousand possibilities at most.

The envelope may hold ``check``, 16 bytes of HMAC-SHA256 of a fixed label under the derived key. It
tells the two failures GCM cannot: a matching check with a failing tag is a damaged (or altered)
file, a mismatching check a wrong passphrase. It reveals nothing a guesser could not learn from the
tag itself. Files without it (written before) get the old, combined message.

Derived keys are cached for the process (:func:`forget_keys` clears them): a window autosaves every
few seconds and must not spend 0.3 s deriving the same key each time. Encryptions with the same
passphrase reuse one salt for the same reason; every encryption has a fresh random 96-bit nonce. A
shared salt tells an attacker only that two files share a passphrase, which a cache of derived keys
could not hide anyway. The passphrase itself is never written anywhere, and cannot be recovered.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supportguide_app.storage.errors import (
    DamagedProtectedFileError,
    InvalidSessionError,
    NewerVersionError,
    PassphraseRequiredError,
    WeakPassphraseError,
    WrongPassphraseError,
)

# Recognising an envelope needs no cipher: both live with the other formats' names.
from supportguide_app.storage.migrations import ENCRYPTED_FORMAT as ENCRYPTED_FORMAT
from supportguide_app.storage.migrations import is_envelope as is_envelope

ENCRYPTED_VERSION = 1
CIPHER = "AES-256-GCM"
KDF_NAME = "scrypt"
# n = 2**16, r = 8, p = 1: 64 MiB and about 0.3 s on the development machine (benchmarks/README.md
# and the test print the figure). Stronger than the 2**15 commonly recommended as a minimum.
KDF_N, KDF_R, KDF_P = 2**16, 8, 1
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32
MIN_PASSPHRASE_CHARS = 8
_CHECK_LABEL = b"supportguide key check v1"
_CHECK_BYTES = 16
_CACHE_SIZE = 8


@dataclass(frozen=True)
class KdfParams:
    n: int = KDF_N
    r: int = KDF_R
    p: int = KDF_P

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        """The 256-bit key for ``passphrase`` (UTF-8, as typed) and ``salt``."""
        if self not in ACCEPTED_KDF_PARAMS:
            raise ValueError(f"scrypt parameters not accepted: {self}")
        return _scrypt(passphrase.encode("utf-8"), salt, self.n, self.r, self.p)


def _scrypt(secret: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    """RFC 7914 scrypt, KEY_BYTES long: cryptography's (OpenSSL inside its own extension)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # noqa: PLC0415 (first use)

    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(secret)


# What a file may ask for: what this version writes, and one step cheaper. At most 128·n·r·p =
# 64 MiB and about 0.3 s here (n = 2**17 took a second on a busy 2-core machine: not accepted).
ACCEPTED_KDF_PARAMS = frozenset(KdfParams(n, KDF_R, KDF_P) for n in (KDF_N // 2, KDF_N))


def check_new_passphrase(passphrase: str, path: Path | str | None = None) -> None:
    """Refuse a passphrase too short to protect anything, with a Japanese message saying why."""
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise WeakPassphraseError(path, MIN_PASSPHRASE_CHARS)


# (passphrase, salt, params) → key, and passphrase/params → the salt used for new encryptions.
_keys: dict[tuple[str, bytes, KdfParams], bytes] = {}
_salts: dict[tuple[str, KdfParams], bytes] = {}


def _aesgcm(key: bytes) -> Any:
    # Imported on first use: most windows never open a protected plan, and start-up stays quick.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    cache_key = (passphrase, salt, params)
    key = _keys.get(cache_key)
    if key is None:
        key = params.derive(passphrase, salt)
        if len(_keys) >= _CACHE_SIZE:
            _keys.clear()
        _keys[cache_key] = key
    return key


def forget_keys() -> None:
    """Drop every cached key and salt (e.g. when the window closes a protected plan)."""
    _keys.clear()
    _salts.clear()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _associated_data(envelope: dict[str, Any]) -> bytes:
    """The envelope's parameters, canonically encoded: bound to the ciphertext by GCM."""
    bound = {key: envelope[key] for key in ("format", "version", "kdf", "cipher")}
    return json.dumps(bound, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def encrypt(plaintext: bytes, passphrase: str, params: KdfParams | None = None) -> dict[str, Any]:
    """The envelope (a JSON-ready dict) holding ``plaintext`` encrypted under ``passphrase``."""
    if not passphrase:
        raise ValueError("an empty passphrase protects nothing")
    check_new_passphrase(passphrase)
    params = params or KdfParams()
    salt = _salts.setdefault((passphrase, params), secrets.token_bytes(SALT_BYTES))
    envelope: dict[str, Any] = {
        "format": ENCRYPTED_FORMAT,
        "version": ENCRYPTED_VERSION,
        "kdf": {"name": KDF_NAME, "n": params.n, "r": params.r, "p": params.p, "salt": _b64(salt)},
        "cipher": CIPHER,
    }
    nonce = os.urandom(NONCE_BYTES)
    key = _key(passphrase, salt, params)
    ciphertext = _aesgcm(key).encrypt(nonce, plaintext, _associated_data(envelope))
    envelope["nonce"] = _b64(nonce)
    envelope["ciphertext"] = _b64(ciphertext)
    envelope["check"] = _b64(_key_check(key))
    return envelope


def _key_check(key: bytes) -> bytes:
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).digest()[:_CHECK_BYTES]


def encrypt_bytes(plaintext: bytes, passphrase: str) -> bytes:
    """The bytes of a protected file holding ``plaintext`` (a small UTF-8 JSON document)."""
    return (json.dumps(encrypt(plaintext, passphrase), indent=2) + "\n").encode("utf-8")


def check_envelope(envelope: dict[str, Any], path: Path | str | None = None
                   ) -> tuple[KdfParams, bytes, bytes, bytes]:
    """(params, salt, nonce, ciphertext) of a well-formed envelope of a version we know.

    Raises NewerVersionError for a later envelope version and InvalidSessionError, naming the key,
    for anything malformed or a key derivation not in :data:`ACCEPTED_KDF_PARAMS`. Needs no
    passphrase and derives nothing.
    """
    version = envelope.get("version")
    if type(version) is not int or version < 1:
        raise InvalidSessionError(path, "version", "形式の版は 1 以上の整数でなければなりません")
    if version > ENCRYPTED_VERSION:
        raise NewerVersionError(path, version, ENCRYPTED_VERSION)
    if envelope.get("cipher") != CIPHER:
        raise InvalidSessionError(path, "cipher", f"{CIPHER} でなければなりません")
    kdf = envelope.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("name") != KDF_NAME:
        raise InvalidSessionError(path, "kdf.name", f"{KDF_NAME} でなければなりません")
    values = {name: kdf.get(name) for name in ("n", "r", "p")}
    if not all(type(value) is int for value in values.values()) or \
            KdfParams(**values) not in ACCEPTED_KDF_PARAMS:
        shown = ", ".join(f"{name}={str(value)[:12]}" for name, value in values.items())
        raise InvalidSessionError(
            path, "kdf", f"このアプリが使わない鍵の導出の設定です（{shown}）。"
            "壊れているか、別のアプリで作られたファイルです")

    def decoded(value: Any, key: str, size: int | None = None) -> bytes:
        try:
            raw = base64.b64decode(value, validate=True) if isinstance(value, str) else None
        except (binascii.Error, ValueError):
            raw = None
        if raw is None or (size is not None and len(raw) != size) or (size is None and not raw):
            raise InvalidSessionError(path, key, "base64 の値が正しくありません")
        return raw

    salt = decoded(kdf.get("salt"), "kdf.salt")
    if not 8 <= len(salt) <= 64:
        raise InvalidSessionError(path, "kdf.salt", "base64 の値が正しくありません")
    nonce = decoded(envelope.get("nonce"), "nonce", NONCE_BYTES)
    ciphertext = decoded(envelope.get("ciphertext"), "ciphertext")
    return KdfParams(**values), salt, nonce, ciphertext


def decrypt(envelope: dict[str, Any], passphrase: str | None, path: Path | str | None = None) -> bytes:
    """The plaintext of an envelope; PassphraseRequiredError / WrongPassphraseError otherwise.

    A wrong passphrase and a changed or damaged file cannot be told apart (GCM only says the tag
    does not match); both raise WrongPassphraseError, whose message mentions the second case.
    """
    params, salt, nonce, ciphertext = check_envelope(envelope, path)
    check = envelope.get("check")
    if check is not None:
        try:
            check = base64.b64decode(check, validate=True) if isinstance(check, str) else b""
        except (binascii.Error, ValueError):
            check = b""
        if len(check) != _CHECK_BYTES:
            raise InvalidSessionError(path, "check", "base64 の値が正しくありません")
    if not passphrase:
        raise PassphraseRequiredError(path)
    from cryptography.exceptions import InvalidTag

    key = _key(passphrase, salt, params)
    try:
        return _aesgcm(key).decrypt(nonce, ciphertext, _associated_data(envelope))
    except InvalidTag as exc:
        if check is None:  # an older file: GCM alone cannot tell the two failures apart
            raise WrongPassphraseError(path) from exc
        if hmac.compare_digest(check, _key_check(key)):
            # The passphrase is right: the ciphertext, the nonce or the bound parameters changed.
            raise DamagedProtectedFileError(path) from exc
        raise WrongPassphraseError(path, certain=True) from exc
