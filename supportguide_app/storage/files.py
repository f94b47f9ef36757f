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
import os
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from supportguide_app.plan.session import Session, now_iso
from supportguide_app.storage import crypto
from supportguide_app.storage.codec import LoadResult, session_from_dict, session_to_dict
from supportguide_app.storage.errors import (
    FileReadError,
    FileWriteError,
    NotJSONError,
    NotPlanFileError,
    NotSessionFileError,
    OverwriteRefusedError,
    SessionFileError,
)

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
# A temporary file of an interrupted save (the process was killed, the PC lost power) is removed by
# a later save of the same file once it is this old; a save in progress never takes this long, so a
# second window saving at the same moment does not lose its temporary file.
STALE_TEMP_SECONDS = 60 * 60


def backup_path(path: Path | str) -> Path:
    """Where :func:`save_session` keeps the previous version of ``path`` (``<name>.bak``)."""
    path = Path(path)
    return path.with_name(path.name + BACKUP_SUFFIX)


def read_json(path: Path | str) -> Any:
    """Read and parse a UTF-8 JSON file, mapping every failure to a :class:`SessionFileError`.

    A UTF-8 byte order mark (Windows Notepad may add one) is accepted. Raises FileReadError when
    the file cannot be read, NotJSONError when it is empty, not UTF-8 or not JSON, and
    NotSessionFileError when it is too large to be a session file.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise NotSessionFileError(path)
        raw = path.read_bytes()
    except OSError as exc:
        raise FileReadError.from_os_error(path, exc) from exc
    return parse_json_bytes(raw, path)


def parse_json_bytes(raw: bytes, path: Path | str | None = None) -> Any:
    """Parse the bytes of a file (or of a protected file's plaintext) as :func:`read_json` does."""
    path = Path(path) if path is not None else None
    if raw.startswith(b"%PDF-"):
        raise NotPlanFileError(path, "pdf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not raw.lstrip().startswith((b"{", b"[")) and raw.strip(b"\0"):
            raise NotPlanFileError(path, "other") from exc  # a Word file, a picture, Shift_JIS text
        raise NotJSONError(path, "文字コードが UTF-8 ではありません") from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise NotJSONError(path, "ファイルが空です")
    if not text.lstrip().startswith(("{", "[")) and text.strip("\0").strip():
        # A damaged plan still begins with its opening brace; this is text of another kind.
        raise NotPlanFileError(path, "text")
    # Every value but the first follows a comma or an opening bracket, so these counts bound the
    # number of values from above. Refusing here costs milliseconds; json.loads of half a million
    # small objects took over a second before _check_size_and_nesting could refuse them.
    if raw.count(b",") + raw.count(b"[") + raw.count(b"{") > PRE_PARSE_MAX_SEPARATORS:
        raise NotJSONError(path, "項目が多すぎます")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotJSONError(path, f"JSON として読めません（{exc.lineno} 行目）") from exc
    except RecursionError as exc:
        raise NotJSONError(path, "入れ子が深すぎます") from exc
    except ValueError as exc:  # an integer of more than 4300 digits (sys.set_int_max_str_digits)
        raise NotJSONError(path, "桁数が多すぎる数値があります") from exc
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


def read_document(path: Path | str, passphrase: str | None = None) -> tuple[Any, bool]:
    """(the parsed document, whether the file was protected): a protected file is decrypted first.

    Raises PassphraseRequiredError for a protected file without a passphrase and
    WrongPassphraseError when the passphrase does not open it; the file is only read.
    """
    data = read_json(path)
    if not crypto.is_envelope(data):
        return data, False
    return parse_json_bytes(crypto.decrypt(data, passphrase, path), path), True


def load_session(path: Path | str, passphrase: str | None = None) -> LoadResult:
    """Open a session file: (decrypt →) parse → migrate step by step → validate → build the model.

    Returns a :class:`LoadResult` with the session, Japanese warnings (e.g. unknown item IDs,
    which are kept), the file's format version and whether it was protected. Raises a
    :class:`SessionFileError` subclass whose ``message`` tells the user what happened and what to
    do: for a protected file, :class:`PassphraseRequiredError` when ``passphrase`` is None and
    :class:`WrongPassphraseError` when it does not open the file. ``passphrase`` is ignored for
    a file that is not protected.
    """
    data, protected = read_document(path, passphrase)
    result = session_from_dict(data, path)
    result.protected = protected
    return result


def dumps_document(doc: dict[str, Any]) -> bytes:
    """The bytes of a document as written to disk: UTF-8 JSON, indented by 2, trailing newline."""
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def save_session(session: Session, path: Path | str, *, force: bool = False,
                 passphrase: str | None = None, previous_passphrase: str | None = None) -> None:
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
    """
    path = Path(path)
    if passphrase == "":
        raise ValueError("an empty passphrase protects nothing; pass None for an unprotected file")
    if not force and (path.exists() or path.is_symlink()):
        try:
            load_session(path, previous_passphrase if previous_passphrase is not None else passphrase)
        except SessionFileError as exc:
            raise OverwriteRefusedError(path, exc) from exc
    stamp = now_iso()
    doc = session_to_dict(session)
    doc["meta"]["modified"] = stamp
    try:
        data = dumps_document(doc)
    except UnicodeEncodeError as exc:  # a lone surrogate from a broken paste
        raise FileWriteError(path, "保存できない文字が含まれています") from exc
    if passphrase is not None:
        data = crypto.encrypt_bytes(data, passphrase)
    if path.is_file():
        _copy_atomically(path, backup_path(path), passphrase)
    atomic_write_bytes(path, data)
    session.modified = stamp
    remove_stale_temp_files(path)


def remove_stale_temp_files(path: Path | str, *, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete temporary files that interrupted saves of ``path`` (or of its ``.bak``) left behind.

    Only names :func:`atomic_write_bytes` makes (``.<name>.<8 hex>.tmp``, ``.<name>.bak.<8 hex>.tmp``)
    and only those not modified for ``older_than`` seconds, so that a save in progress elsewhere is
    never disturbed. Best effort: a file that cannot be removed is left. Returns the removed paths.
    """
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}(?:{re.escape(BACKUP_SUFFIX)})?\.[0-9a-f]{{8}}\.tmp")
    removed = []
    try:
        candidates = [p for p in path.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return removed
    for candidate in candidates:
        try:
            if candidate.is_file() and not candidate.is_symlink() and \
                    time.time() - candidate.stat().st_mtime >= older_than:
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
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
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


def _copy_atomically(source: Path, target: Path, passphrase: str | None = None) -> None:
    """Copy ``source`` to ``target`` atomically; with a passphrase, an unprotected source is encrypted."""
    # Errors name the file the user is saving, not the backup they did not ask for.
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise FileWriteError(source, "前の版をバックアップ（.bak）として残せませんでした") from exc
    if passphrase is not None and not _is_protected(data):
        data = crypto.encrypt_bytes(data, passphrase)
    try:
        atomic_write_bytes(target, data)
    except FileWriteError as exc:
        raise FileWriteError(source, f"バックアップ（.bak）を作れません: {exc.reason}", exc.advice) from (
            exc.__cause__ or exc)


def _is_protected(raw: bytes) -> bool:
    """Whether the bytes of a file are a protected file's envelope (anything unreadable is not)."""
    try:
        return crypto.is_envelope(json.loads(raw.decode("utf-8-sig")))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False


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
