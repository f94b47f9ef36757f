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

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from supportguide_app.guide import Guide, load_guide
from supportguide_app.plan.aggregate import DEFAULT_MIN_GROUP, Aggregation, SkippedFile, aggregate_sessions
from supportguide_app.plan.session import Session
from supportguide_app.progress import Progress, report
from supportguide_app.storage.autosave import AUTOSAVE_FORMAT
from supportguide_app.storage.codec import session_from_dict
from supportguide_app.storage.crypto import is_envelope
from supportguide_app.storage.errors import FileReadError, SessionFileError
from supportguide_app.storage.files import BACKUP_SUFFIX, read_json

REASON_AUTOSAVE = "自動保存のファイルです。計画として保存されたファイルだけを集計します"
REASON_BACKUP = "バックアップ（.bak）のファイルです。元の計画ファイルを集計します"
REASON_NO_FILES = "このフォルダには計画ファイル（.json）がありません"
REASON_PROTECTED = ("パスフレーズで保護されたファイルです。"
                    "集計するには、保護を外して保存した写しを使ってください")


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
            found = sorted(p for p in path.glob("*.json") if p.is_file() and not p.name.startswith("."))
            if not found:
                skipped.append(SkippedFile(path, REASON_NO_FILES))
            files += found
        elif path.name.endswith(BACKUP_SUFFIX):
            skipped.append(SkippedFile(path, REASON_BACKUP))
        else:
            files.append(path)
    return files, skipped


def read_sessions(paths: Iterable[Path | str], guide: Guide | None = None, *,
                  progress: Progress | None = None,
                  on_skipped: Callable[[SkippedFile], None] | None = None,
                  ) -> tuple[list[tuple[Path, Session]], list[SkippedFile]]:
    """Read every plan named by ``paths``; returns ((file, session) pairs, skipped files).

    ``progress(done, total)`` is called before each file and once at the end; ``on_skipped`` with
    each file left out, as soon as it is. Raises :class:`FolderVanishedError` when a file's
    folder is gone (the plans read so far are in the error).
    """
    guide = guide or load_guide()
    files, skipped = expand_paths(paths)
    if on_skipped is not None:
        for entry in skipped:
            on_skipped(entry)
    read: list[tuple[Path, Session]] = []
    seen_paths: set[Path] = set()
    seen_copies: dict[tuple[str, str], Path] = {}

    def skip(entry: SkippedFile) -> None:
        skipped.append(entry)
        if on_skipped is not None:
            on_skipped(entry)

    total = len(files)
    for done, path in enumerate(files):
        report(progress, done, total)
        resolved = Path(os.path.normcase(os.path.abspath(path)))  # resolve() costs a stat per part
        if resolved in seen_paths:
            continue  # named twice (a folder and a file in it): one file, counted once, not "skipped"
        seen_paths.add(resolved)
        try:
            data = read_json(path)
            if isinstance(data, dict) and data.get("format") == AUTOSAVE_FORMAT:
                skip(SkippedFile(path, REASON_AUTOSAVE))
                continue
            if is_envelope(data):
                skip(SkippedFile(path, REASON_PROTECTED))
                continue
            session = session_from_dict(data, path, guide=guide, owned=True).session
        except SessionFileError as exc:
            if isinstance(exc, FileReadError) and not path.parent.is_dir():
                error = FolderVanishedError(path.parent, len(read), total - done)
                error.sessions, error.skipped = read, skipped
                raise error from exc
            skip(SkippedFile(path, exc.message))
            continue
        key = (session.id, session.modified)
        first = seen_copies.get(key)
        if first is not None:
            skip(SkippedFile(
                path, f"「{first.name}」の写しです（計画IDと保存日時が同じ）。1件として数えます"))
            continue
        seen_copies[key] = path
        read.append((path, session))
    report(progress, total, total)
    return read, skipped


def aggregate_folder(paths: Iterable[Path | str], *, min_group: int = DEFAULT_MIN_GROUP,
                     guide: Guide | None = None, progress: Progress | None = None,
                     on_skipped: Callable[[SkippedFile], None] | None = None) -> Aggregation:
    """Read the plans in ``paths`` (folders and/or files) and count their choices.

    Files that could not be counted are listed in ``skipped`` with the reason; nothing on disk is
    changed. Counts below ``min_group`` are hidden (see :mod:`supportguide_app.plan.aggregate`).
    ``progress`` and ``on_skipped`` are as in :func:`read_sessions`; a folder that vanishes
    raises :class:`FolderVanishedError` whose ``partial`` counts the plans read before.
    """
    guide = guide or load_guide()
    try:
        sessions, skipped = read_sessions(paths, guide, progress=progress, on_skipped=on_skipped)
    except FolderVanishedError as exc:
        unread = SkippedFile(
            exc.folder, f"フォルダが見つからなくなったため、残りの{exc.remaining}件は読んでいません")
        exc.partial = aggregate_sessions(exc.sessions, guide, min_group=min_group,
                                         skipped=[*exc.skipped, unread])
        raise
    return aggregate_sessions(sessions, guide, min_group=min_group, skipped=skipped)
