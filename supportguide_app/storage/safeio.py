"""Reading only regular files, with the size limit enforced while reading; checking output paths.

One helper, :func:`read_regular_file`, serves every read of a file the user (or another program)
named: loading, validating, exporting and aggregating plans, the lock file, the backup copy. A FIFO,
a device (``/dev/zero`` never ends), a socket or a folder is refused before anything is read, and
the file is opened without blocking (``O_NONBLOCK``: opening a FIFO for reading would otherwise wait
for a writer for ever). The size is checked on the open descriptor and again while reading, so a
file that grows between the two (or lies about its size) is still cut off at the limit.
(Checking an output path before writing is ``outputs.py``: it needs to know the session formats,
which import this module.)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from supportguide_app.storage.errors import FileReadError, FileTooLargeError

_CHUNK = 1024 * 1024
# Opened without blocking: opening a FIFO for reading would otherwise wait for a writer for ever.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
_set_blocking = getattr(os, "set_blocking", None)

REASON_NOT_REGULAR = "通常のファイルではありません（フォルダ、デバイス、名前付きパイプなど）"


def kind_of(mode: int) -> str:
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
    if not isinstance(path, Path):
        path = Path(path)
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise FileReadError.from_os_error(path, exc) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileReadError(path, kind_of(info.st_mode))
        if info.st_size > limit:
            raise FileTooLargeError(path, limit)
        if _set_blocking is not None:
            try:
                _set_blocking(fd, True)  # a regular file: ordinary reads from here on
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
