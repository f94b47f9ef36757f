"""A mark that a plan is open for editing, so that a second window or PC opens it read-only.

Opening ``計画.json`` creates ``.~lock.計画.json#`` beside it (the name LibreOffice uses, which IT
staff and users of shared drives already recognise), atomically with ``O_CREAT | O_EXCL``, holding
who opened it::

    {"user": "山田", "host": "SOUDAN-PC01", "pid": 4242, "app": "supportguide",
     "since": "2026-11-27T10:15:03+09:00"}

A second :func:`acquire_lock` raises :class:`FileInUseError`, whose message names the person, the PC
and the time; the window then offers to open the plan read-only, or to take over the file
(:func:`break_lock`) if the user knows the other window is gone. Pure Python: no Qt.

When a lock is stale (left by a crash) and taken over without asking:

- **Same PC, process gone**: the recorded pid is not running (``os.kill(pid, 0)`` on POSIX,
  ``OpenProcess`` on Windows; when unsure, the process is assumed alive). A pid reused by another
  program keeps the lock held: the user can still take it over.
- **Another PC: never by age alone.** On a shared drive the other PC may simply have its window
  open over a weekend; taking its lock because it is old would let two people overwrite each other's
  work, while asking costs one click. So a lock from another host is always reported, with its time,
  and the user decides (:func:`break_lock`).
- **Damaged** (empty, not JSON, fields missing or of the wrong type): stale once it has not been
  touched for :data:`DAMAGED_GRACE_SECONDS`. A younger one may be a lock another window is writing
  at this very moment (the file exists a moment before its content), so it is reported as in use by
  an unknown person.

A lock cannot be made in a folder one may not write to (a read-only share, a CD): that raises
:class:`LockUnavailableError` and the plan can still be opened read-only.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from supportguide_app.plan.session import now_iso
from supportguide_app.storage.errors import (
    FileInUseError,
    FileReadError,
    FileTooLargeError,
    LockUnavailableError,
    SessionFileError,
)
from supportguide_app.storage.safeio import read_regular_file

APP_NAME = "supportguide"
LOCK_PREFIX = ".~lock."
LOCK_SUFFIX = "#"
DAMAGED_GRACE_SECONDS = 10.0
_MAX_LOCK_BYTES = 64 * 1024

__all__ = [
    "APP_NAME",
    "FileInUseError",
    "FileLock",
    "LockInfo",
    "LockUnavailableError",
    "acquire_lock",
    "break_lock",
    "is_stale",
    "lock_path",
    "read_lock",
]


def lock_path(path: Path | str) -> Path:
    """The lock file of ``path``: ``<folder>/.~lock.<name>#``."""
    path = Path(path)
    return path.with_name(f"{LOCK_PREFIX}{path.name}{LOCK_SUFFIX}")


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock, as its file says. ``damaged`` when the file could not be understood
    (the other fields are then empty); ``mtime`` is when the lock file was last written."""

    user: str
    host: str
    pid: int
    app: str
    since: str
    mtime: float = 0.0
    damaged: bool = False

    @classmethod
    def current(cls, app: str = APP_NAME) -> LockInfo:
        """This process, as it would write itself into a lock."""
        return cls(user=_current_user(), host=_host_name(), pid=os.getpid(), app=app,
                   since=now_iso())

    def to_json(self) -> bytes:
        doc = {"user": self.user, "host": self.host, "pid": self.pid, "app": self.app, "since": self.since}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")

    def is_this_host(self) -> bool:
        # Windows host names are case-insensitive; the same PC may report either case.
        return bool(self.host) and self.host.casefold() == _host_name().casefold()

    def since_text(self) -> str:
        """``since`` as people read it (``2026-11-27 10:15``), in the time the owner's PC recorded."""
        try:
            return datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.since


def read_lock(path: Path | str) -> LockInfo | None:
    """Who holds the lock of ``path``, or None when there is no lock file (or it cannot be read)."""
    target = lock_path(path)
    try:
        mtime = target.stat().st_mtime
    except OSError:
        return None
    try:
        raw = _read_lock_bytes(target)
    except FileTooLargeError:
        return _parse(b"", mtime)  # damaged
    except FileReadError as exc:
        if exc.__cause__ is not None:
            return None  # gone, or not readable by us: as before, no holder we can name
        # Not a regular file (a FIFO or a folder planted under the lock's name): a damaged lock,
        # never a read that waits for ever for a writer.
        return _parse(b"", mtime)
    return _parse(raw, mtime)


def _read_lock_bytes(target: Path) -> bytes:
    return read_regular_file(target, _MAX_LOCK_BYTES)


def _parse(raw: bytes, mtime: float) -> LockInfo:
    damaged = LockInfo("", "", 0, "", "", mtime, damaged=True)
    if len(raw) > _MAX_LOCK_BYTES:
        return damaged
    try:
        doc: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return damaged
    if not isinstance(doc, dict):
        return damaged
    text_fields = ("user", "host", "app", "since")
    if not all(isinstance(doc.get(k), str) for k in text_fields):
        return damaged
    pid = doc.get("pid")
    if type(pid) is not int or pid <= 0:
        return damaged
    return LockInfo(doc["user"], doc["host"], pid, doc["app"], doc["since"], mtime)


def is_stale(info: LockInfo, *, now: float | None = None) -> bool:
    """Whether a lock may be taken over without asking (see the module docstring for the rules)."""
    if info.damaged:
        return (now if now is not None else time.time()) - info.mtime >= DAMAGED_GRACE_SECONDS
    if not info.is_this_host():
        return False
    return not _process_running(info.pid)


class FileLock:
    """A lock this process holds on ``path``; :meth:`release` (or leaving the ``with``) removes it."""

    def __init__(self, path: Path, info: LockInfo, content: bytes) -> None:
        self.path = path
        self.lock_path = lock_path(path)
        self.info = info
        self._content = content
        self.released = False

    def release(self) -> None:
        """Remove the lock file, if it is still ours (another window may have taken it over)."""
        if self.released:
            return
        self.released = True
        with contextlib.suppress(OSError, SessionFileError):
            if _read_lock_bytes(self.lock_path) == self._content:
                self.lock_path.unlink()

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __repr__(self) -> str:
        state = "released" if self.released else "held"
        return f"<FileLock {self.lock_path} {state}>"


def acquire_lock(path: Path | str, *, app: str = APP_NAME) -> FileLock:
    """Mark ``path`` as open for editing by this process and return the lock.

    A stale lock (its process gone on this PC, or damaged and untouched for a while) is taken over.
    Raises :class:`FileInUseError` naming who holds the file when another window or PC has it open,
    and :class:`LockUnavailableError` when the folder does not let us create the lock file.
    """
    path = Path(path)
    target = lock_path(path)
    for _ in range(3):  # a stale lock removed, then created again: try a few times, not for ever
        info = LockInfo.current(app)
        content = info.to_json()
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            holder = read_lock(path)
            if holder is None:
                continue  # released between our attempt and our look: try again
            if not is_stale(holder):
                raise FileInUseError(path, holder.user, holder.host, holder.since_text()) from None
            _remove_if_unchanged(target, holder)
            continue
        except OSError as exc:
            raise LockUnavailableError.from_os_error(path, exc) from exc
        try:
            with open(fd, "wb") as stream:
                stream.write(content)
        except OSError as exc:
            with contextlib.suppress(OSError):
                target.unlink()
            raise LockUnavailableError.from_os_error(path, exc) from exc
        # We hold the plan now: temporary files that interrupted saves of it left are cleaned at once.
        from supportguide_app.storage.files import remove_stale_temp_files

        remove_stale_temp_files(path)
        return FileLock(path, info, content)
    holder = read_lock(path)
    raise FileInUseError(path, holder.user if holder else "", holder.host if holder else "",
                         holder.since_text() if holder else "")


def break_lock(path: Path | str) -> None:
    """Remove the lock of ``path`` whoever holds it: only when the user chose to take over the file."""
    with contextlib.suppress(FileNotFoundError):
        lock_path(path).unlink()


def _remove_if_unchanged(target: Path, holder: LockInfo) -> None:
    """Remove a stale lock unless it changed since we read it (another window just took it over).

    Two windows taking over the same stale lock within the same instant could still both succeed;
    the window is a few microseconds and both would be on the same PC as the dead process.
    """
    with contextlib.suppress(OSError):
        mtime = target.stat().st_mtime
        try:
            raw = _read_lock_bytes(target)
        except SessionFileError:
            raw = b""  # not a regular file, or too large: damaged, as read_lock saw it
        if mtime == holder.mtime and _parse(raw, mtime) == holder:
            if target.is_dir() and not target.is_symlink():
                target.rmdir()  # only an empty folder; anything in it is not ours to delete
            else:
                target.unlink()


# socket and getpass are imported when a lock is made, not when the window starts (issue 16).
def _host_name() -> str:
    import socket  # noqa: PLC0415

    return socket.gethostname()


def _current_user() -> str:
    import getpass  # noqa: PLC0415

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a service account, a container)
        return ""


def _process_running(pid: int) -> bool:
    """Whether a process with this pid runs on this PC; True when we cannot tell."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _windows_process_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except OSError:
        return True
    return True


def _windows_process_running(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    process_query_limited_information = 0x1000
    still_active = 259
    error_invalid_parameter = 87  # no process with this id
    try:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.OpenProcess.restype = wintypes.HANDLE
        handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
        if not handle:
            return ctypes.get_last_error() != error_invalid_parameter
        try:
            code = wintypes.DWORD()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == still_active
        finally:
            kernel32.CloseHandle(handle)
    except (AttributeError, OSError):
        return True
