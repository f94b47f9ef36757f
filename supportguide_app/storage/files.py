"""Reading and writing session files on disk: parsing, atomic replacement, backup, overwrite guard.

A save never leaves a half-written file: the new content goes to a temporary file in the same
folder, is flushed and fsync'ed, and then ``os.replace`` swaps it in (atomic on POSIX and on NTFS).
The previous file is kept as ``<name>.bak`` (``plan.json`` → ``plan.json.bak``), itself replaced
the same way. A file we could not read, or one of a newer format, is never overwritten unless the
user confirmed (``force=True``): saving over it would lose what we did not understand.

A file may be protected with a passphrase (``storage/crypto.py``): it then holds an encrypted
envelope around the same document bytes. The passphrase is an argument of :func:`load_session`
and :func:`save_session`, never part of the ``Session`` (which is plain data and compared, copied
and autosaved as such) nor of any file: the window keeps it beside the file's path.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import math
import os
import re
import shutil
import stat
import threading
import time
from pathlib import Path
from typing import Any

from supportguide_app.plan.session import Session, now_iso
from supportguide_app.progress import Progress, report
from supportguide_app.storage.codec import LoadResult, session_from_dict, session_to_dict
from supportguide_app.storage.errors import (
    FileWriteError,
    NotJSONError,
    NotPlanFileError,
    OverwriteRefusedError,
    SessionFileError,
)
from supportguide_app.storage.migrations import is_envelope
from supportguide_app.storage.safeio import read_regular_file

BACKUP_SUFFIX = ".bak"
# A plan is a few kilobytes; a far bigger file is something else (a video picked by mistake), and
# reading it whole would only stall the window.
MAX_FILE_BYTES = 20 * 1024 * 1024
# A plan nests 5 levels deep and holds a few hundred values. The limits leave room for later formats
# and local extensions (kept in ``Session.extra``) while keeping a hostile or broken file from
# exhausting the stack (copying 500 nested lists overflows it) or stalling the window for seconds
# (a million values takes ~2 s to copy and check): both are refused as damaged files.
MAX_NESTING = 64
MAX_VALUES = 100_000
# The pre-parse bound: commas inside notes count too, so it leaves room for text full of them.
PRE_PARSE_MAX_SEPARATORS = 4 * MAX_VALUES
# A temporary file of an interrupted save (the process was killed, the PC lost power) is removed
# after each save and when the plan is opened for editing, once it has not been written to for this
# long. A save writes its temporary file in one go and renames it within a second (a few seconds on
# a slow share), so a second window saving at the same moment never loses its temporary file.
STALE_TEMP_SECONDS = 2 * 60


def backup_path(path: Path | str) -> Path:
    """Where :func:`save_session` keeps the previous version of ``path`` (``<name>.bak``)."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def read_json(path: Path | str) -> Any:
    """Read and parse a UTF-8 JSON file, mapping every failure to a :class:`SessionFileError`.

    A UTF-8 byte order mark (Windows Notepad may add one) is accepted. Raises FileReadError when
    the file cannot be read or is not a regular file (a FIFO, a device, a folder), FileTooLargeError
    when it is larger than any plan (checked while reading), and NotJSONError when it is empty, not
    UTF-8 or not strict JSON (see :func:`parse_json_bytes`).
    """
    path = path if isinstance(path, Path) else Path(path)
    return parse_json_bytes(read_regular_file(path, MAX_FILE_BYTES), path)


class _NonFinite:
    """What ``NaN``, ``Infinity`` and ``1e999`` parse to, so that the enclosing object can name its key."""

    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token


class _StrictJSONError(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _non_finite_in(value: Any) -> _NonFinite | None:
    """A non-finite number in ``value`` or in lists nested in it (objects were checked already)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _NonFinite):
            return item
        if isinstance(item, list):
            stack.extend(item)
    return None


def _shown_key(key: str) -> str:
    """A key as an error message shows it: control characters escaped, long keys cut."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in key[:60])
    return shown + ("…" if len(key) > 60 else "")


def strict_loads(text: str) -> Any:
    """``json.loads`` that refuses what would be silently changed: duplicate keys and non-finite numbers.

    RFC 8259 leaves duplicate names undefined (Python keeps the last value, dropping the first), and
    ``NaN``/``Infinity`` are not JSON at all (``1e999`` overflows to infinity), yet ``json.dumps``
    would write them back as such tokens. Raises ValueError (a ``_StrictJSONError`` naming the key).

    The object hook builds each dict in C and compares lengths; the values are searched for a
    non-finite number only once one was seen, so a valid plan parses at nearly ``json.loads`` speed.
    """
    seen_non_finite = False

    def non_finite(token: str) -> _NonFinite:
        nonlocal seen_non_finite
        seen_non_finite = True
        return _NonFinite(token)

    def parse_float(token: str) -> Any:
        value = float(token)
        return value if math.isfinite(value) else non_finite(token)

    def strict_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    raise _StrictJSONError(
                        f"キー「{_shown_key(key)}」が2回以上あります。どちらの値が正しいか決められません")
                seen.add(key)
        if seen_non_finite:
            for key, value in pairs:
                bad = _non_finite_in(value)
                if bad is not None:
                    raise _StrictJSONError(
                        f"キー「{_shown_key(key)}」の値 {bad.token[:20]} は JSON の数値として"
                        "書けません（NaN・Infinity・範囲を超える数）")
        return obj

    data = json.loads(text, object_pairs_hook=strict_object, parse_constant=non_finite,
                      parse_float=parse_float)
    if seen_non_finite and _non_finite_in(data) is not None:
        raise _StrictJSONError("JSON の数値として書けない値（NaN・Infinity・範囲を超える数）があります")
    return data


class _NotProved(Exception):
    """The quick parse cannot vouch for a document: :func:`strict_loads` must decide."""


_NOT_PROVED = object()  # what _quick_loads returns then


def _refuse_constant(token: str) -> Any:
    raise _NotProved(token)


def _finite_float(token: str) -> float:
    value = float(token)
    if math.isfinite(value):
        return value
    raise _NotProved(token)


class _QuickScanner(threading.local):
    """json's own scanner (what ``json.loads`` parses with), one per thread, with
    ``json.loads``'s settings but non-finite numbers refused and every object it builds noted in
    ``objects`` (made once: making a scanner reads its settings, a few microseconds a file)."""

    strict = True
    parse_int = int
    object_pairs_hook = None
    parse_float = staticmethod(_finite_float)
    parse_constant = staticmethod(_refuse_constant)

    def __init__(self) -> None:
        self.objects: list[dict[str, Any]] = []
        note = self.objects.append

        def object_hook(obj: dict[str, Any]) -> dict[str, Any]:
            note(obj)
            return obj

        self.object_hook = object_hook
        self.memo: dict[str, str] = {}  # for the pure-Python scanner, when _json is missing
        self.scan = json.scanner.make_scanner(self)


_quick_scanner = _QuickScanner()


def _quick_loads(text: str, structure: bytes, separators: int) -> Any:
    """``text`` parsed when it is proved that :func:`strict_loads` and the limits accept it as it is;
    else ``_NOT_PROVED``, and the caller takes the exact path (which says what is wrong).

    :func:`strict_loads` builds every object through a Python hook only to see duplicate keys. Here
    the parse is ``json.loads``'s own scanner (one per thread, so that threads do not share its
    list of objects), with a hook that only notes each object, and the proof is a count: every
    key in the text is followed by exactly one ':' outside the strings, so the parsed objects hold
    as many keys as there are such colons exactly when no object repeated one (a repeated key
    leaves its object smaller). Non-finite numbers (``NaN``, ``Infinity``, ``1e999``), invalid
    JSON, too many digits and a document the byte-level limits proof cannot clear are all left to
    the exact path, so that each is refused with the same message as before. ``structure`` is
    :func:`_structure` of the file's bytes; ``separators`` the number of ',', '[' and '{' in them.
    """
    if 1 + separators > MAX_VALUES:
        return _NOT_PROVED  # the limits proof cannot succeed: do not parse twice
    scanner = _quick_scanner
    objects = scanner.objects
    try:
        data, end = scanner.scan(text, _skip_space(text, 0).end())
        keys = sum(map(len, objects))
    except (StopIteration, ValueError, RecursionError, _NotProved):  # JSONDecodeError is a ValueError
        return _NOT_PROVED
    finally:
        parsed = len(objects)
        objects.clear()  # holds no document once parsed
    if _skip_space(text, end).end() != len(text):
        return _NOT_PROVED  # something after the document
    outside = _outside(structure)
    if keys != outside.count(b":"):
        return _NOT_PROVED
    # Fewer opening brackets (strings' included) than the limit cannot nest as deep as it.
    if parsed + structure.count(b"[") >= MAX_NESTING and not _depth_within(outside):
        return _NOT_PROVED
    return data


_skip_space = json.decoder.WHITESPACE.match


_OPENING = ("{", "[")


def parse_json_bytes(raw: bytes, path: Path | str | None = None) -> Any:
    """Parse the bytes of a file (or of a protected file's plaintext) as :func:`read_json` does."""
    if path is not None and not isinstance(path, Path):
        path = Path(path)
    if raw.startswith(b"%PDF-"):
        raise NotPlanFileError(path, "pdf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not raw.lstrip().startswith((b"{", b"[")) and raw.strip(b"\0"):
            raise NotPlanFileError(path, "other") from exc  # a Word file, a picture, Shift_JIS text
        raise NotJSONError(path, "文字コードが UTF-8 ではありません") from exc
    text = text.removeprefix("\ufeff")
    if text[:1] not in _OPENING:  # a plan's first character: neither empty nor other text
        if not text.strip():
            raise NotJSONError(path, "ファイルが空です")
        if not text.lstrip().startswith(_OPENING) and text.strip("\0").strip():
            # A damaged plan still begins with its opening brace; this is text of another kind.
            raise NotPlanFileError(path, "text")
    # Every value but the first follows a comma or an opening bracket, so these counts bound the
    # number of values from above. Refusing here costs milliseconds; json.loads of half a million
    # small objects took over a second before _check_size_and_nesting could refuse them.
    # Objects cost most (the strict parse builds each through a hook, about twice json.loads's time),
    # and every object is a value: more opening braces than MAX_VALUES cannot be a plan we accept.
    structure = _structure(raw)  # counted there: a fraction of the bytes
    objects = structure.count(b"{")
    separators = structure.count(b",") + structure.count(b"[") + objects
    if objects > MAX_VALUES or separators > PRE_PARSE_MAX_SEPARATORS:
        raise NotJSONError(path, "項目が多すぎます")
    data = _quick_loads(text, structure, separators)
    if data is not _NOT_PROVED:
        return data
    try:
        data = strict_loads(text)
    except json.JSONDecodeError as exc:
        raise NotJSONError(path, f"JSON として読めません（{exc.lineno} 行目）") from exc
    except _StrictJSONError as exc:
        raise NotJSONError(path, exc.reason) from exc
    except RecursionError as exc:
        raise NotJSONError(path, "入れ子が深すぎます") from exc
    except ValueError as exc:  # an integer of more than 4300 digits (sys.set_int_max_str_digits)
        raise NotJSONError(path, "桁数が多すぎる数値があります") from exc
    if not _within_limits(raw, separators, structure):
        _check_size_and_nesting(data, path)
    return data


def _check_size_and_nesting(data: Any, path: Path | None) -> None:
    """Refuse a parsed document nested deeper than MAX_NESTING or holding more than MAX_VALUES.

    Iterative, and stops as soon as a limit is passed, so the check itself is cheap on any input.
    """
    count = 1
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth >= MAX_NESTING and children:
            raise NotJSONError(path, "入れ子が深すぎます")
        count += len(children)
        if count > MAX_VALUES:
            raise NotJSONError(path, "項目が多すぎます")
        stack.extend((child, depth + 1) for child in children)


# The bytes of the JSON text that tell its structure: quotes, brackets, colons and commas.
_STRUCTURE_BYTES = b'"{}[]:,'
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in _STRUCTURE_BYTES)
# Brackets only, every '[' made '{': depth does not depend on the kind.
_AS_BRACES = bytes.maketrans(b"[]", b"{}")


def _structure(raw: bytes) -> bytes:
    """The quotes, brackets, colons and commas of the JSON text ``raw``, in order, with the
    escaped backslashes and escaped quotes taken out first (one pass over the bytes; the rest of
    the proof works on this, a fraction of their length). Counts of '{', '[' and ',' in it are
    those of ``raw``; every '"' left in it opens or closes a string.

    Multi-byte UTF-8 sequences hold no ASCII bytes, so the bytes tell what the characters would.
    """
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    return raw.translate(None, _NOT_STRUCTURE)


def _outside(structure: bytes) -> bytes:
    """The colons, commas and brackets of :func:`_structure` that are not inside a string.

    A string with none of them in it is '""' there (two strings are always apart by a ',' or ':'
    or a bracket), and those go first; what is left is the few strings that hold some (an ISO
    time holds colons), dropped by splitting at their quotes.
    """
    outside = structure.replace(b'""', b"")
    if b'"' in outside:
        outside = b"".join(outside.split(b'"')[::2])
    return outside


def _depth_within(outside: bytes) -> bool:
    """True when the brackets of :func:`_outside` nest less than MAX_NESTING deep: with the strings
    taken out, they nest exactly as the parsed containers do, so removing the innermost pairs
    until none are left counts the depth."""
    brackets = outside.translate(_AS_BRACES, b":,")
    depth = 0
    while brackets:
        brackets = brackets.replace(b"{}", b"")
        depth += 1
        if depth >= MAX_NESTING:
            return False
    return True


def _within_limits(raw: bytes, separators: int, structure: bytes | None = None) -> bool:
    """True when the JSON text ``raw`` (already parsed) cannot fail :func:`_check_size_and_nesting`.

    A proof from the bytes, in a few C-level passes instead of a visit of every value: each value
    but the first follows a comma or an opening bracket, so those bound the number of values; and
    the depth is that of the brackets outside the strings (:func:`_depth_within`). When the proof
    fails (a document near or over a limit) the exact walk decides, with its own message.
    ``separators`` is the number of ',', '[' and '{' bytes in ``raw``, counted already for the
    pre-parse bound; ``structure`` is :func:`_structure` of ``raw`` when the caller has it already.
    """
    if 1 + separators > MAX_VALUES:
        return False
    return _depth_within(_outside(structure if structure is not None else _structure(raw)))


def read_document(path: Path | str, passphrase: str | None = None, *,
                  progress: Progress | None = None) -> tuple[Any, bool]:
    """(the parsed document, whether the file was protected): a protected file is decrypted first.

    Raises PassphraseRequiredError for a protected file without a passphrase and
    WrongPassphraseError when the passphrase does not open it; the file is only read.
    ``progress`` is called between the steps (read, decrypt) and may raise ``Cancelled``.
    """
    data = read_json(path)
    report(progress, 1)
    if not is_envelope(data):
        return data, False
    from supportguide_app.storage import crypto  # the cipher only for a protected file

    plaintext = crypto.decrypt(data, passphrase, path)  # derives the key: the slow step
    report(progress, 2)
    return parse_json_bytes(plaintext, path), True


def load_session(path: Path | str, passphrase: str | None = None, *,
                 progress: Progress | None = None) -> LoadResult:
    """Open a session file: (decrypt →) parse → migrate step by step → validate → build the model.

    Returns a :class:`LoadResult` with the session, Japanese warnings (e.g. unknown item IDs,
    which are kept), the file's format version and whether it was protected. Raises a
    :class:`SessionFileError` subclass whose ``message`` tells the user what happened and what to
    do: for a protected file, :class:`PassphraseRequiredError` when ``passphrase`` is None and
    :class:`WrongPassphraseError` when it does not open the file. ``passphrase`` is ignored for
    a file that is not protected. ``progress(step, 0)`` is called between the steps and may raise
    ``Cancelled`` to stop (the file is only read, so stopping changes nothing).
    """
    data, protected = read_document(path, passphrase, progress=progress)
    result = session_from_dict(data, path)
    result.protected = protected
    return result


def dumps_document(doc: dict[str, Any]) -> bytes:
    """The bytes of a document as written to disk: UTF-8 JSON, indented by 2, trailing newline."""
    return (json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def save_session(session: Session, path: Path | str, *, force: bool = False,
                 passphrase: str | None = None, previous_passphrase: str | None = None,
                 progress: Progress | None = None) -> None:
    """Write the session to ``path`` atomically, keeping the previous file as ``<name>.bak``.

    Sets ``session.modified`` to now (only once the file is written). Refuses with
    :class:`OverwriteRefusedError` to replace an existing file that is not a readable session
    file of a version we know, unless ``force=True`` (the user confirmed in a Save-As dialog).
    Raises :class:`FileWriteError` when the folder is not writable or the disk is full; the old
    file is then unchanged.

    With a ``passphrase`` the file is protected (AES-256-GCM, see ``storage/crypto.py``), and so is
    its backup: a previous unprotected file is encrypted with the passphrase before it becomes the
    ``.bak``, so protecting a plan never leaves its plaintext beside it. The existing file is checked
    with ``previous_passphrase`` (default: ``passphrase``): pass the old one when the user changes
    or removes the protection of a file they opened with it.

    ``progress(step, 0)`` is called after each slow step that comes before any write (checking
    the existing file, encrypting: both may derive a key) and may raise ``Cancelled``: once the
    backup is being written the save is no longer stopped, so a cancelled save changes no file.
    """
    from supportguide_app.storage import crypto  # (reading needs it only for a protected file)

    path = _write_target(Path(path))
    if passphrase == "":
        raise ValueError("an empty passphrase protects nothing; pass None for an unprotected file")
    if passphrase is not None:
        crypto.check_new_passphrase(passphrase, path)
    old_secret = previous_passphrase if previous_passphrase is not None else passphrase
    if not force and path.exists():
        try:
            load_session(path, old_secret)
        except SessionFileError as exc:
            raise OverwriteRefusedError(path, exc) from exc
    report(progress, 1)
    stamp = now_iso()
    doc = session_to_dict(session)
    doc["meta"]["modified"] = stamp
    try:
        data = dumps_document(doc)
    except UnicodeEncodeError as exc:  # a lone surrogate from a broken paste
        raise FileWriteError(path, "保存できない文字が含まれています") from exc
    if passphrase is not None:
        data = crypto.encrypt_bytes(data, passphrase)
    report(progress, 2)  # the last point where the save may stop: nothing is written yet
    if path.is_file():
        _copy_atomically(path, backup_path(path), passphrase, old_secret)
    atomic_write_bytes(path, data)
    session.modified = stamp
    remove_stale_temp_files(path)


def _write_target(path: Path) -> Path:
    """Where a save of ``path`` really goes: through a symbolic link to the file it points at.

    ``os.replace`` on the link itself would turn it into a regular file and leave the real plan old.
    """
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


_TEMP_NAME = r"\.{name}\.[0-9a-f]{{8}}\.tmp"


def remove_stale_temp_files(path: Path | str, *, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete temporary files that interrupted saves of ``path`` (or of its ``.bak``) left behind.

    Only names :func:`atomic_write_bytes` makes (``.<name>.<8 hex>.tmp``, ``.<name>.bak.<8 hex>.tmp``)
    and only those not modified for ``older_than`` seconds, so that a save in progress elsewhere is
    never disturbed. Best effort: a file that cannot be removed is left. Returns the removed paths.
    Called after each save and when a plan is opened for editing (:func:`storage.lock.acquire_lock`).
    """
    path = Path(path)
    name = rf"{re.escape(path.name)}(?:{re.escape(BACKUP_SUFFIX)})?"
    return remove_stale_temps_in(path.parent, re.compile(_TEMP_NAME.format(name=name)), older_than)


def remove_stale_temps_in(folder: Path, pattern: re.Pattern[str],
                          older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete the regular files in ``folder`` whose whole name matches ``pattern`` and that are stale."""
    removed: list[Path] = []
    try:
        candidates = [p for p in folder.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return removed
    now = time.time()
    for candidate in candidates:
        try:
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            pass  # gone already, or not ours to remove
    return removed


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that it holds either the old or the new content, never half.

    Temporary file in the same folder → write, flush, fsync → ``os.replace`` → fsync the folder
    (POSIX). An existing file's permission bits are kept. Raises FileWriteError, after removing the
    temporary file, on any OS error.
    """
    path = _write_target(Path(path))
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")  # secrets.token_hex(4)
    try:
        # 0o666 minus the umask, like an ordinary new file (mkstemp would make it 0o600).
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            with open(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            if path.is_file():
                try:
                    shutil.copymode(path, tmp)
                except OSError:
                    pass  # keeping the mode is a courtesy; the content is what matters
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise FileWriteError.from_os_error(path, exc) from exc
    _fsync_folder(path.parent)


def _copy_atomically(source: Path, target: Path, passphrase: str | None = None,
                     previous_passphrase: str | None = None) -> None:
    """Copy ``source`` to ``target`` atomically, protected as the new file is (``passphrase``).

    The backup never stays readable with a secret the user just gave up: an unprotected source is
    encrypted with ``passphrase``; a source protected with ``previous_passphrase`` is decrypted and
    encrypted again with ``passphrase`` when it changed, or written unprotected when the protection
    was removed (as the new file is). Only a source we cannot decrypt (saved with ``force``) is
    copied as it is.
    """
    from supportguide_app.storage import crypto

    # Errors name the file the user is saving, not the backup they did not ask for.
    try:
        data = read_regular_file(source, MAX_FILE_BYTES)
    except SessionFileError as exc:
        raise FileWriteError(source, "前の版をバックアップ（.bak）として残せませんでした") from exc
    envelope = _envelope_of(data)
    if envelope is None:
        if passphrase is not None:
            data = crypto.encrypt_bytes(data, passphrase)
    elif previous_passphrase != passphrase and previous_passphrase is not None:
        try:
            plaintext = crypto.decrypt(envelope, previous_passphrase, source)
        except SessionFileError:
            plaintext = None  # not ours to re-encrypt: kept as it was
        if plaintext is not None:
            data = plaintext if passphrase is None else crypto.encrypt_bytes(plaintext, passphrase)
    try:
        atomic_write_bytes(target, data)
    except FileWriteError as exc:
        raise FileWriteError(source, f"バックアップ（.bak）を作れません: {exc.reason}", exc.advice) from (
            exc.__cause__ or exc)


def _envelope_of(raw: bytes) -> dict[str, Any] | None:
    """The parsed envelope if the bytes are a protected file's, else None (unreadable is not one)."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return data if is_envelope(data) else None


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to fsync."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) do not support it; the data is already synced
    finally:
        os.close(fd)
