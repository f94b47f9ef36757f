"""Reading many session files for 地域・組織の集計, without changing any of them.

A folder stands for its ``*.json`` files (not its sub-folders), in name order. Files that are not
plans are skipped with the reason a person can act on (the :class:`SessionFileError` message):
autosave files (the window's own crash recovery, not a finished plan), backups (``.bak``: the
previous version of a plan that is already counted), damaged files, newer versions. The same plan
given twice (the same file named twice, or a copy of it: the same plan ID *and* the same time of
saving) is counted once, since a double count could lift a small, hidden count over the minimum
group size. Only the ID is not enough: a file handed out as a template and filled in by several
offices keeps its ID through 「名前を付けて保存」, but each was saved at its own time. Older
versions are migrated in memory only: nothing is written.

Reading reports its progress (``progress(done, total)``, which may raise ``Cancelled`` to stop)
and each file it leaves out as it goes (``on_skipped``), and carries on past unreadable files. A
folder that disappears while it is read (a file server gone from the network) stops the reading
with :class:`FolderVanishedError`, which holds the counts of the plans read until then: the
caller decides whether they are worth keeping.
"""

from __future__ import annotations

import fnmatch
import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from supportguide_app.guide import Guide, load_guide
from supportguide_app.plan.aggregate import (
    DEFAULT_MIN_GROUP,
    Aggregation,
    SkippedFile,
    Tally,
    aggregate_sessions,
)
from supportguide_app.plan.session import CHECKPOINTS, Session, target_fiscal_year
from supportguide_app.progress import Progress, report
from supportguide_app.storage import migrations
from supportguide_app.storage.codec import session_from_dict
from supportguide_app.storage.errors import FileReadError, SessionFileError
from supportguide_app.storage.files import BACKUP_SUFFIX, read_json
from supportguide_app.storage.validation import validate_document

REASON_AUTOSAVE = "自動保存のファイルです。計画として保存されたファイルだけを集計します"
REASON_BACKUP = "バックアップ（.bak）のファイルです。元の計画ファイルを集計します"
REASON_NO_FILES = "このフォルダには計画ファイル（.json）がありません"
REASON_PROTECTED = ("パスフレーズで保護されたファイルです。"
                    "集計するには、保護を外して保存した写しを使ってください")


# What pathlib's glob("*.json") matches: case-insensitively on Windows, as its flavour does.
_JSON_NAME = re.compile(fnmatch.translate("*.json"), re.IGNORECASE if os.name == "nt" else 0).fullmatch


def _plan_files_in(folder: Path) -> list[Path]:
    """``sorted(p for p in folder.glob("*.json") if p.is_file() and not p.name.startswith("."))``

    in one directory scan: ``DirEntry.is_file`` needs no stat per file, and the names are sorted
    as pathlib sorts paths of one folder (by name; case-insensitively on Windows).
    """
    with os.scandir(folder) as entries:
        names = [e.name for e in entries
                 if _JSON_NAME(e.name) and not e.name.startswith(".") and _is_file(e)]
    names.sort(key=str.lower if os.name == "nt" else None)
    # What glob and iterdir build their paths with (a name from a listing needs no parsing):
    # ``folder / name`` took 3-4 us a file, pathlib's own child path under 1.
    child = getattr(folder, "_make_child_relpath", folder.joinpath)
    return [child(name) for name in names]


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:  # as Path.is_file: a file that cannot be looked at is not listed
        return False


class FolderVanishedError(Exception):
    """The folder of the plans disappeared while they were read (a file server went away).

    ``message`` says so in Japanese; ``partial`` is the aggregation of the plans read before (set
    by :func:`aggregate_folder`), with the files not read listed among the skipped ones.
    """

    def __init__(self, folder: Path, read: int, remaining: int) -> None:
        self.folder = folder
        self.read = read
        self.remaining = remaining
        self.message = (f"読み込みの途中で、フォルダ「{folder}」が見つからなくなりました"
                        f"（ファイルサーバーとの接続が切れた可能性があります）。"
                        f"{read}件を読み、残りの{remaining}件は読めていません。")
        self.partial: Aggregation | None = None
        self.sessions: list[tuple[Path, Session]] = []
        self.skipped: list[SkippedFile] = []
        super().__init__(self.message)


def expand_paths(paths: Iterable[Path | str]) -> tuple[list[Path], list[SkippedFile]]:
    """The files to read: folders become their ``*.json`` files (sorted, hidden ones left out).

    Returns (files, skipped): a backup named directly is skipped with its reason, as is a folder
    with no session files in it; a missing path is left to the reader (it says why).
    """
    files: list[Path] = []
    skipped: list[SkippedFile] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _plan_files_in(path)
            if not found:
                skipped.append(SkippedFile(path, REASON_NO_FILES))
            files += found
        elif path.name.endswith(BACKUP_SUFFIX):
            skipped.append(SkippedFile(path, REASON_BACKUP))
        else:
            files.append(path)
    return files, skipped


class _PlanFiles:
    """Reads plan files one at a time for an aggregation, keeping only what finds copies.

    :meth:`read` gives the checked, migrated document of a file to count, or None when the file
    is not counted: then the reason is in ``skipped`` (or the same file was named twice, which is
    not a reason to tell). Only the file names and (plan ID, time of saving) keys are kept.
    """

    def __init__(self, skipped: list[SkippedFile],
                 on_skipped: Callable[[SkippedFile], None] | None = None) -> None:
        self.skipped = skipped
        self._on_skipped = on_skipped
        self._seen_paths: set[str] = set()
        self._folders: dict[str, str] = {}  # a folder as named → its normcase(abspath(…))
        self._seen_copies: dict[tuple[str, str], Path] = {}
        if on_skipped is not None:
            for entry in skipped:  # left out while the paths were expanded
                on_skipped(entry)

    def skip(self, entry: SkippedFile) -> None:
        self.skipped.append(entry)
        if self._on_skipped is not None:
            self._on_skipped(entry)

    def _key(self, path: Path) -> str:
        """``os.path.normcase(os.path.abspath(path))`` (``resolve()`` costs a stat per part), with
        the folder's part worked out once per folder (``abspath`` asks for the working folder)."""
        head, tail = os.path.split(os.fspath(path))
        if tail in ("", os.curdir, os.pardir):
            return os.path.normcase(os.path.abspath(path))
        folder = self._folders.get(head)
        if folder is None:
            folder = self._folders[head] = os.path.normcase(os.path.abspath(head or os.curdir))
        return os.path.join(folder, os.path.normcase(tail))

    def read(self, path: Path) -> dict[str, Any] | None:
        resolved = self._key(path)
        if resolved in self._seen_paths:
            return None  # named twice (a folder and a file in it): one file, counted once, not "skipped"
        self._seen_paths.add(resolved)
        try:
            data = read_json(path)
            if isinstance(data, dict) and data.get("format") == migrations.AUTOSAVE_FORMAT:
                self.skip(SkippedFile(path, REASON_AUTOSAVE))
                return None
            if migrations.is_envelope(data):
                self.skip(SkippedFile(path, REASON_PROTECTED))
                return None
            # What session_from_dict checks, without building a Session (the file is ours alone).
            doc = migrations.upgrade(data, migrations.document_version(data, path))
            validate_document(doc, path)
        except SessionFileError as exc:
            if isinstance(exc, FileReadError) and not path.parent.is_dir():
                raise _FolderGone(path.parent) from exc
            self.skip(SkippedFile(path, exc.message))
            return None
        plan_id = doc.get("id")
        if plan_id:  # a plan without an ID gets a new one when read: never a copy of another
            key = (plan_id, doc.get("meta", {}).get("modified", ""))
            first = self._seen_copies.get(key)
            if first is not None:
                self.skip(SkippedFile(
                    path, f"「{first.name}」の写しです（計画IDと保存日時が同じ）。1件として数えます"))
                return None
            self._seen_copies[key] = path
        return doc


class _FolderGone(Exception):
    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder


def _documents(files: list[Path], reader: _PlanFiles, progress: Progress | None
               ) -> Iterator[tuple[Path, dict[str, Any]]]:
    """(file, checked document) of each file to count, reporting ``progress(done, total)`` before
    each file and once at the end. Raises :class:`FolderVanishedError` (without ``partial``)
    when a file's folder is gone."""
    total = len(files)
    counted = 0
    for done, path in enumerate(files):
        report(progress, done, total)
        try:
            doc = reader.read(path)
        except _FolderGone as gone:
            raise FolderVanishedError(gone.folder, counted, total - done) from gone
        if doc is not None:
            counted += 1
            yield path, doc
    report(progress, total, total)


def selected_in_document(doc: dict[str, Any]) -> dict[str, list[str]]:
    """The IDs ticked at each checkpoint of a checked document: ``Session.selected`` without a Session."""
    return {checkpoint: [item_id for item_id, choice in doc.get(checkpoint, {}).items()
                         if choice["selected"]]
            for checkpoint in CHECKPOINTS}


def _document_counter(tally: Tally) -> Callable[[Path, dict[str, Any]], None]:
    """A function that adds a checked document to ``tally``: what ``Tally.add`` does with
    :func:`selected_in_document` and ``target_fiscal_year``, without building either (a dict
    holds each item ID once, so each ticked ID is counted once)."""
    sections = [(checkpoint, tally.counters[checkpoint]) for checkpoint in CHECKPOINTS]
    years: dict[str, int | None] = {}  # entry date → its 対象年度, for plans that chose none
    add_plan = tally.add_plan

    def count(path: Path, doc: dict[str, Any]) -> None:
        for checkpoint, counter in sections:
            section = doc.get(checkpoint)
            if section:
                get = counter.get
                for item_id, choice in section.items():
                    if choice["selected"]:
                        counter[item_id] = get(item_id, 0) + 1
        meta = doc.get("meta", {})
        year = meta.get("fiscal_year")
        if year is None:
            entry_date = meta.get("date", "")
            year = years.get(entry_date, _UNKNOWN)
            if year is _UNKNOWN:
                year = years[entry_date] = target_fiscal_year(None, entry_date)
        add_plan(path, year)

    return count


_UNKNOWN = object()


@contextmanager
def _collector_paused():
    """No cyclic garbage collection while many files are read.

    Each file makes thousands of small dicts and strings that are freed by reference counting as
    soon as it is counted; the collector would only walk them (and everything else alive) again
    and again, so that the time per file grew with the number of files.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_sessions(paths: Iterable[Path | str], guide: Guide | None = None, *,
                  progress: Progress | None = None,
                  on_skipped: Callable[[SkippedFile], None] | None = None,
                  ) -> tuple[list[tuple[Path, Session]], list[SkippedFile]]:
    """Read every plan named by ``paths``; returns ((file, session) pairs, skipped files).

    The same files are read and skipped, for the same reasons, as :func:`aggregate_folder` counts.
    ``progress(done, total)`` is called before each file and once at the end; ``on_skipped`` with
    each file left out, as soon as it is. Raises :class:`FolderVanishedError` when a file's
    folder is gone (the plans read so far are in the error).
    """
    guide = guide or load_guide()
    files, skipped = expand_paths(paths)
    reader = _PlanFiles(skipped, on_skipped)
    read: list[tuple[Path, Session]] = []
    try:
        for path, doc in _documents(files, reader, progress):
            read.append((path, session_from_dict(doc, path, guide=guide, owned=True).session))
    except FolderVanishedError as exc:
        exc.sessions, exc.skipped = read, skipped
        raise
    return read, skipped


def aggregate_folder(paths: Iterable[Path | str], *, min_group: int = DEFAULT_MIN_GROUP,
                     guide: Guide | None = None, progress: Progress | None = None,
                     on_skipped: Callable[[SkippedFile], None] | None = None) -> Aggregation:
    """Read the plans in ``paths`` (folders and/or files) and count their choices.

    Files that could not be counted are listed in ``skipped`` with the reason; nothing on disk is
    changed. Counts below ``min_group`` are hidden (see :mod:`supportguide_app.plan.aggregate`).
    The files are read and counted one by one: memory does not grow with their number.
    ``progress`` and ``on_skipped`` are as in :func:`read_sessions`; a folder that vanishes
    raises :class:`FolderVanishedError` whose ``partial`` counts the plans read before.
    """
    guide = guide or load_guide()
    files, skipped = expand_paths(paths)
    reader = _PlanFiles(skipped, on_skipped)
    tally = Tally()
    count = _document_counter(tally)
    try:
        with _collector_paused():
            for path, doc in _documents(files, reader, progress):
                count(path, doc)
                del doc
    except FolderVanishedError as exc:
        unread = SkippedFile(
            exc.folder, f"フォルダが見つからなくなったため、残りの{exc.remaining}件は読んでいません")
        exc.skipped = [*skipped, unread]
        exc.partial = aggregate_sessions((), guide, min_group=min_group, skipped=exc.skipped,
                                         tally=tally)
        raise
    return aggregate_sessions((), guide, min_group=min_group, skipped=skipped, tally=tally)
