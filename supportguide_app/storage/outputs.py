"""Checking an output path before anything is written to it.

:func:`check_output_path` is what every command-line output goes through: an output that is one of
the inputs, that holds a session file, or that is not a regular file is refused with a Japanese
message; an existing PDF/CSV is replaced atomically as before.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from supportguide_app.storage.errors import FileReadError, FileTooLargeError, OutputRefusedError
from supportguide_app.storage.migrations import AUTOSAVE_FORMAT, ENCRYPTED_FORMAT, FORMAT_NAME
from supportguide_app.storage.safeio import kind_of, read_regular_file

# How much of an existing output is read to tell whether it is a session file (a plan is kilobytes;
# a protected one's envelope starts with its "format"): enough to parse any real plan whole.
_SNIFF_BYTES = 20 * 1024 * 1024


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def check_output_path(output: Path | str, inputs: Iterable[Path | str] = ()) -> Path:
    """Refuse an output that would destroy something; return it as a Path when it is safe.

    Refused with :class:`OutputRefusedError` (a Japanese message naming the file): one of the
    ``inputs`` (or a folder given as input), an existing path that is not a regular file (a device,
    a FIFO, a folder), and an existing file that holds a session file, an autosave or a protected
    plan. A missing output, or an existing PDF/CSV/other regular file, is fine.
    """
    output = Path(output)
    for raw in inputs:
        if _same_file(output, Path(raw)):
            raise OutputRefusedError(output, "入力に指定したファイル・フォルダと同じです")
    try:
        info = os.stat(output)
    except FileNotFoundError:
        return output
    except OSError as exc:
        raise OutputRefusedError(output, FileReadError.from_os_error(output, exc).reason) from exc
    if not stat.S_ISREG(info.st_mode):
        raise OutputRefusedError(output, kind_of(info.st_mode))
    if holds_session_file(output):
        raise OutputRefusedError(output, "計画ファイル（または自動保存・保護されたファイル）です")
    return output


def holds_session_file(path: Path | str) -> bool:
    """Whether ``path`` holds one of this application's files (a plan, an autosave, a protected plan).

    Anything unreadable, too large or not JSON is not one; an exact parse is not needed here, only
    the ``format`` a session file carries at its top level.
    """
    try:
        raw = read_regular_file(path, _SNIFF_BYTES)
    except (FileReadError, FileTooLargeError):
        return False
    if b'"format"' not in raw:
        return False
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # A damaged plan (cut off while copying) is still the user's plan: never write over it.
        return b'"supportguide-' in raw[:4096]
    return isinstance(data, dict) and data.get("format") in (FORMAT_NAME, AUTOSAVE_FORMAT,
                                                              ENCRYPTED_FORMAT)
