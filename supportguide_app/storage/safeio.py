"""Reading only regular files, with the size limit enforced while reading; checking output paths.

One helper, :func:`read_regular_file`, serves every read of a file the user (or another program)
named: loading, validating, exporting and aggregating plans, the lock file, the backup copy. A FIFO,
a device (``/dev/zero`` never ends), a socket or a folder is refused before anything is read, and
the file is opened without blocking (``O_NONBLOCK``: opening a FIFO for reading would otherwise wait
for a writer for ever). The size is checked on the open descriptor and again while reading, so a
file that grows between the two (or lies about its size) is still cut off at the limit.

:func:`check_output_path` is what every command-line output goes through before anything is
written: an output that is one of the inputs, that holds a session file, or that is not a regular
file is refused with a Japanese message; an existing PDF/CSV is replaced atomically as before.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from supportguide_app.storage.errors import FileReadError, FileTooLargeError, OutputRefusedError

_CHUNK = 1024 * 1024
# How much of an existing output is read to tell whether it is a session file (a plan is kilobytes;
# a protected one's envelope starts with its "format"): enough to parse any real plan whole.
_SNIFF_BYTES = 20 * 1024 * 1024

REASON_NOT_REGULAR = "通常のファイルではありません（フォルダ、デバイス、名前付きパイプなど）"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "ファイルではなくフォルダです"
    if stat.S_ISFIFO(mode):
        return "通常のファイルではなく名前付きパイプ（FIFO）です"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "通常のファイルではなくデバイスです"
    if stat.S_ISSOCK(mode):
        return "通常のファイルではなくソケットです"
    return REASON_NOT_REGULAR


def read_regular_file(path: Path | str, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Raises :class:`FileReadError` (naming what the path is) for anything that is not a regular file
    or cannot be read, and :class:`FileTooLargeError` as soon as more than ``limit`` bytes are seen,
    whatever the file's recorded size said. Never blocks on a FIFO and never reads past the limit.
    """
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileReadError.from_os_error(path, exc) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileReadError(path, _kind(info.st_mode))
        if info.st_size > limit:
            raise FileTooLargeError(path, limit)
        if hasattr(os, "set_blocking"):
            try:
                os.set_blocking(fd, True)  # a regular file: ordinary reads from here on
            except OSError:
                pass
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLargeError(path, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise FileReadError.from_os_error(path, exc) from exc
    finally:
        os.close(fd)


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
        raise OutputRefusedError(output, _kind(info.st_mode))
    if holds_session_file(output):
        raise OutputRefusedError(output, "計画ファイル（または自動保存・保護されたファイル）です")
    return output


def holds_session_file(path: Path | str) -> bool:
    """Whether ``path`` holds one of this application's files (a plan, an autosave, a protected plan).

    Anything unreadable, too large or not JSON is not one; an exact parse is not needed here, only
    the ``format`` a session file carries at its top level.
    """
    import json

    from supportguide_app.storage.autosave import AUTOSAVE_FORMAT
    from supportguide_app.storage.crypto import ENCRYPTED_FORMAT
    from supportguide_app.storage.migrations import FORMAT_NAME

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
