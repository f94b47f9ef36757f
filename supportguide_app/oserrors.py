"""Why a write failed, in Japanese, and what to do next: shared by session saves and PDF exports.

A full disk and a folder one may not write to need different steps, and telling someone with a
full disk to check their permissions (or the reverse) wastes their time.
"""

from __future__ import annotations

import errno

ADVICE_ANY = "別のフォルダを選ぶか、空き容量を確かめてから、もう一度保存してください。"
ADVICE_NO_SPACE = ("不要なファイルを削除して空き容量を増やすか、別のドライブ（USBメモリなど）を選んで、"
                   "もう一度保存してください。")
ADVICE_NO_PERMISSION = ("書き込み権限のある別のフォルダ（ドキュメントなど）を選んで、"
                        "もう一度保存してください。")
ADVICE_IN_USE = ("そのファイルを開いているアプリ（PDFビューアーなど）を閉じてから、もう一度保存してください。"
                 "閉じられないときは、別の名前で保存してください。")
# ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program holds the file (Windows only).
WINERROR_IN_USE = (32, 33)


def describe_write_error(exc: OSError) -> tuple[str, str]:
    """``(reason, advice)`` for an ``OSError`` raised while writing a file."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "ディスクの空き容量が足りません", ADVICE_NO_SPACE
    if code == errno.EROFS:
        return "保存先は読み取り専用です", ADVICE_NO_PERMISSION
    if isinstance(exc, FileNotFoundError):
        return "保存先のフォルダが見つかりません", ADVICE_ANY
    if isinstance(exc, IsADirectoryError):
        return "同じ名前のフォルダがあります", ADVICE_ANY
    # A refused replace (os.replace sets filename2) comes after the temporary file was written in
    # the same folder, so the folder is writable: the file itself is held open (Windows refuses to
    # replace a file a PDF viewer keeps open; Wine and Windows say 5 or 32) or read-only.
    if getattr(exc, "winerror", None) in WINERROR_IN_USE or (
            isinstance(exc, PermissionError) and exc.filename2 is not None):
        return "ファイルがほかのアプリで開かれているか、読み取り専用です", ADVICE_IN_USE
    if isinstance(exc, PermissionError):
        return ("保存先のフォルダに書き込む権限がないか、ファイルがほかのアプリで開かれています",
                ADVICE_NO_PERMISSION)
    return f"書き込み中にエラーが発生しました: {exc.strerror or exc}", ADVICE_ANY
