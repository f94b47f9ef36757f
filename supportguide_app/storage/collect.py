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
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from supportguide_app.guide import Guide, load_guide
from supportguide_app.plan.aggregate import DEFAULT_MIN_GROUP, Aggregation, SkippedFile, aggregate_sessions
from supportguide_app.plan.session import Session
from supportguide_app.storage.autosave import AUTOSAVE_FORMAT
from supportguide_app.storage.codec import session_from_dict
from supportguide_app.storage.crypto import is_envelope
from supportguide_app.storage.errors import SessionFileError
from supportguide_app.storage.files import BACKUP_SUFFIX, read_json

REASON_AUTOSAVE = "自動保存のファイルです。計画として保存されたファイルだけを集計します"
REASON_BACKUP = "バックアップ（.bak）のファイルです。元の計画ファイルを集計します"
REASON_NO_FILES = "このフォルダには計画ファイル（.json）がありません"
REASON_PROTECTED = ("パスフレーズで保護されたファイルです。"
                    "集計するには、保護を外して保存した写しを使ってください")


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


def read_sessions(paths: Iterable[Path | str], guide: Guide | None = None
                  ) -> tuple[list[tuple[Path, Session]], list[SkippedFile]]:
    """Read every plan named by ``paths``; returns ((file, session) pairs, skipped files)."""
    guide = guide or load_guide()
    files, skipped = expand_paths(paths)
    read: list[tuple[Path, Session]] = []
    seen_paths: set[Path] = set()
    seen_copies: dict[tuple[str, str], Path] = {}
    for path in files:
        resolved = Path(os.path.normcase(os.path.abspath(path)))  # resolve() costs a stat per part
        if resolved in seen_paths:
            continue  # named twice (a folder and a file in it): one file, counted once, not "skipped"
        seen_paths.add(resolved)
        try:
            data = read_json(path)
            if isinstance(data, dict) and data.get("format") == AUTOSAVE_FORMAT:
                skipped.append(SkippedFile(path, REASON_AUTOSAVE))
                continue
            if is_envelope(data):
                skipped.append(SkippedFile(path, REASON_PROTECTED))
                continue
            session = session_from_dict(data, path, guide=guide, owned=True).session
        except SessionFileError as exc:
            skipped.append(SkippedFile(path, exc.message))
            continue
        key = (session.id, session.modified)
        first = seen_copies.get(key)
        if first is not None:
            skipped.append(SkippedFile(
                path, f"「{first.name}」の写しです（計画IDと保存日時が同じ）。1件として数えます"))
            continue
        seen_copies[key] = path
        read.append((path, session))
    return read, skipped


def aggregate_folder(paths: Iterable[Path | str], *, min_group: int = DEFAULT_MIN_GROUP,
                     guide: Guide | None = None) -> Aggregation:
    """Read the plans in ``paths`` (folders and/or files) and count their choices.

    Files that could not be counted are listed in ``skipped`` with the reason; nothing on disk is
    changed. Counts below ``min_group`` are hidden (see :mod:`supportguide_app.plan.aggregate`).
    """
    guide = guide or load_guide()
    sessions, skipped = read_sessions(paths, guide)
    return aggregate_sessions(sessions, guide, min_group=min_group, skipped=skipped)
