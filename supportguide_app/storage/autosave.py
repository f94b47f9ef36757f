"""Autosave: a recovery copy of each open session, offered again after a crash.

Pure Python; the folder is given by the caller (the Qt layer passes a folder from
``QStandardPaths.AppDataLocation``; tests pass ``tmp_path``). Each running window owns one file,
``autosave-<id>.json``, written atomically. An autosave file wraps an ordinary session document::

    {"format": "supportguide-autosave", "version": 1, "saved_at": "…", "source_path": "…" | null,
     "session": { …the same document a session file holds… }}

so the one loader reads both, migrations included. The autosave of a protected session is protected
with the same passphrase: the whole wrapper (``source_path`` too, since a file name can name a
person) is encrypted into the envelope of ``storage/crypto.py``. Such a file is listed by
:meth:`AutosaveStore.pending` with ``protected`` set and a :class:`PassphraseRequiredError`, and
opened with :meth:`AutosaveStore.open`. A file left behind after a clean close or an
explicit save is a bug; one left after a crash is what :meth:`AutosaveStore.pending` reports.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from supportguide_app.plan.session import Session, now_iso
from supportguide_app.storage.codec import session_from_dict, session_to_dict
from supportguide_app.storage.errors import (
    FileWriteError,
    InvalidSessionError,
    NewerVersionError,
    NotSessionFileError,
    PassphraseRequiredError,
    SessionFileError,
    WrongPassphraseError,
)
from supportguide_app.storage.files import (
    atomic_write_bytes,
    dumps_document,
    parse_json_bytes,
    read_json,
    remove_stale_temps_in,
)
from supportguide_app.storage.migrations import AUTOSAVE_FORMAT, is_envelope

AUTOSAVE_VERSION = 1
_PREFIX = "autosave-"
_SUFFIX = ".json"
# What atomic_write_bytes leaves when a window is killed mid-autosave (of any store in the folder).
_TEMP_PATTERN = re.compile(rf"\.{re.escape(_PREFIX)}[A-Za-z0-9_-]+{re.escape(_SUFFIX)}\.[0-9a-f]{{8}}\.tmp")


@dataclass
class AutosaveEntry:
    """An autosave file found in the folder: the session in it, or the error that kept it unread.

    ``source_path`` is the file the session was last opened from or saved to (None for a session
    never saved); ``saved_at`` is when the autosave was written (ISO 8601, or None if unreadable).
    """

    path: Path
    session: Session | None
    source_path: Path | None
    saved_at: str | None
    warnings: list[str] = field(default_factory=list)
    error: SessionFileError | None = None
    # Protected with a passphrase: ``error`` is PassphraseRequiredError until opened with
    # AutosaveStore.open; ``saved_at`` is then the file's modification time (the real one is inside).
    protected: bool = False


class AutosaveStore:
    """The autosave files in one folder; this instance owns ``autosave-<store_id>.json``."""

    def __init__(self, folder: Path | str, store_id: str | None = None) -> None:
        self.folder = Path(folder)
        self.store_id = store_id or uuid.uuid4().hex
        if not re.fullmatch(r"[A-Za-z0-9_-]+", self.store_id):
            raise ValueError(f"store_id must be ASCII letters, digits, '-' or '_': {self.store_id!r}")
        self.path = self.folder / f"{_PREFIX}{self.store_id}{_SUFFIX}"

    def write(self, session: Session, source_path: Path | str | None,
              passphrase: str | None = None) -> Path:
        """Write this store's autosave file atomically (creating the folder) and return its path.

        The session itself is not changed (``modified`` is left alone: only an explicit save marks
        the session as saved). With the ``passphrase`` of a protected session, the autosave is
        protected too. Raises :class:`FileWriteError` when the folder is not writable.
        """
        document = {
            "format": AUTOSAVE_FORMAT,
            "version": AUTOSAVE_VERSION,
            "saved_at": now_iso(),
            "source_path": str(source_path) if source_path is not None else None,
            "session": session_to_dict(session),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FileWriteError.from_os_error(self.path, exc) from exc
        try:
            data = dumps_document(document)
        except UnicodeEncodeError as exc:
            raise FileWriteError(self.path, "保存できない文字が含まれています") from exc
        if passphrase is not None:
            from supportguide_app.storage import crypto  # noqa: PLC0415 (hashlib, OpenSSL: not at start)

            data = crypto.encrypt_bytes(data, passphrase)
        atomic_write_bytes(self.path, data)
        self.remove_stale_temps()
        return self.path

    def remove_stale_temps(self) -> list[Path]:
        """Delete temporary files of interrupted autosaves (any window's) not written to for a while.

        Called at start (by :meth:`pending`) and after each autosave; one may hold plaintext.
        """
        return remove_stale_temps_in(self.folder, _TEMP_PATTERN)

    def pending(self) -> list[AutosaveEntry]:
        """Autosave files left in the folder by other (earlier) stores, oldest first.

        Each entry holds the session, or ``error`` when the file cannot be read (it is still listed
        so that the user can discard it). This store's own file is not included.
        """
        if not self.folder.is_dir():
            return []
        self.remove_stale_temps()
        entries = [self._read(p) for p in self.folder.glob(f"{_PREFIX}*{_SUFFIX}")
                   if p != self.path and p.is_file()]
        return sorted(entries, key=lambda e: (e.saved_at or "", e.path.name))

    def open(self, entry: AutosaveEntry, passphrase: str) -> AutosaveEntry:
        """Read a protected entry with its passphrase (WrongPassphraseError leaves it as it is)."""
        opened = self._read(entry.path, passphrase)
        if isinstance(opened.error, (PassphraseRequiredError, WrongPassphraseError)):
            raise opened.error
        return opened

    def discard(self, entry: AutosaveEntry) -> None:
        """Delete an entry's autosave file (after the user recovered it or declined to)."""
        _remove(entry.path)

    def clear_own(self) -> None:
        """Delete this store's autosave file: after a successful explicit save or a clean close."""
        _remove(self.path)

    @staticmethod
    def _read(path: Path, passphrase: str | None = None) -> AutosaveEntry:
        saved_at: str | None = None
        source_path: Path | None = None
        protected = False
        try:
            wrapper = read_json(path)
            if is_envelope(wrapper):
                from supportguide_app.storage import crypto  # noqa: PLC0415 (as above)

                protected = True
                saved_at = _mtime(path)
                wrapper = parse_json_bytes(crypto.decrypt(wrapper, passphrase, path), path)
            if not isinstance(wrapper, dict) or wrapper.get("format") != AUTOSAVE_FORMAT:
                raise NotSessionFileError(path)
            version = wrapper.get("version")
            if type(version) is not int or version < 1:
                raise InvalidSessionError(path, "version", "形式の版は 1 以上の整数でなければなりません")
            if version > AUTOSAVE_VERSION:
                raise NewerVersionError(path, version, AUTOSAVE_VERSION)
            if isinstance(wrapper.get("saved_at"), str):
                saved_at = wrapper["saved_at"]
            if isinstance(wrapper.get("source_path"), str) and wrapper["source_path"]:
                source_path = Path(wrapper["source_path"])
            result = session_from_dict(wrapper.get("session"), path)
        except SessionFileError as exc:
            return AutosaveEntry(path, None, source_path, saved_at, error=exc, protected=protected)
        return AutosaveEntry(path, result.session, source_path, saved_at, result.warnings,
                             protected=protected)


def _mtime(path: Path) -> str | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).astimezone().replace(microsecond=0).isoformat()
    except OSError:
        return None


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise FileWriteError.from_os_error(path, exc) from exc
