"""The exceptions of the session file format.

Every error carries a short Japanese ``message`` for the user: what happened and what to do. Only
``ui/`` turns them into dialogs and only ``cli.py`` into exit codes; the storage layer never shows
anything. The underlying cause (``OSError``, ``JSONDecodeError`` …) is chained with ``raise … from``.
"""

from __future__ import annotations

import errno
from pathlib import Path


def _name(path: Path | str | None) -> str:
    return f"「{Path(path).name}」" if path else "ファイル"


class SessionFileError(Exception):
    """Base of every error about reading or writing a session file."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


class NotJSONError(SessionFileError):
    """The file is empty, not valid UTF-8, or not JSON (e.g. cut off while copying)."""

    def __init__(self, path: Path | str | None = None, reason: str = "JSON として読めません") -> None:
        super().__init__(
            f"{_name(path)}は壊れているため開けません（{reason}）。"
            "同じフォルダのバックアップ（.bak）か、別の写しから開いてください。",
            path,
        )
        self.reason = reason


class NotSessionFileError(SessionFileError):
    """The file is JSON but not a session file of this application."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(
            f"{_name(path)}は支援者サポート計画ツールの計画ファイルではありません。"
            "このアプリで保存した計画ファイル（.json）を選んでください。",
            path,
        )


class NewerVersionError(SessionFileError):
    """The file's format version is newer than this application knows: we never guess."""

    def __init__(self, path: Path | str | None, version: int, known: int) -> None:
        super().__init__(
            f"このファイルは新しい版のアプリで作成されています（形式の版 {version}）。"
            "アプリを更新してから開いてください。",
            path,
        )
        self.version = version
        self.known = known


class InvalidSessionError(SessionFileError):
    """The file is a session file but a value has the wrong type or form; ``key`` names it."""

    def __init__(self, path: Path | str | None, key: str, problem: str) -> None:
        super().__init__(
            f"{_name(path)}の内容に誤りがあるため開けません（{key}: {problem}）。"
            "手で編集した場合は元に戻すか、バックアップ（.bak）から開いてください。",
            path,
        )
        self.key = key
        self.problem = problem


class FileReadError(SessionFileError):
    """The file cannot be read at all: missing, no permission, a folder, a device error."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        super().__init__(
            f"{_name(path)}を読み込めません（{reason}）。"
            "ファイルの場所と名前を確かめてから、もう一度開いてください。",
            path,
        )
        self.reason = reason

    @classmethod
    def from_os_error(cls, path: Path | str, exc: OSError) -> FileReadError:
        """The error for an ``OSError`` raised while reading ``path``."""
        if isinstance(exc, FileNotFoundError):
            reason = "ファイルが見つかりません"
        elif isinstance(exc, IsADirectoryError):
            reason = "ファイルではなくフォルダです"
        elif isinstance(exc, PermissionError):
            reason = "読み取る権限がないか、ほかのアプリが使用中です"
        else:
            reason = f"読み取り中にエラーが発生しました: {exc.strerror or exc}"
        return cls(path, reason)


class FileWriteError(SessionFileError):
    """The file could not be written (folder not writable, disk full …); the old file is intact."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        super().__init__(
            f"{_name(path)}を保存できませんでした（{reason}）。元のファイルは変更されていません。"
            "別のフォルダを選ぶか、空き容量を確かめてから、もう一度保存してください。",
            path,
        )
        self.reason = reason

    @classmethod
    def from_os_error(cls, path: Path | str, exc: OSError) -> FileWriteError:
        """The error for an ``OSError`` raised while writing ``path``."""
        code = exc.errno
        if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            reason = "ディスクの空き容量が足りません"
        elif code == errno.EROFS:
            reason = "保存先は読み取り専用です"
        elif isinstance(exc, FileNotFoundError):
            reason = "保存先のフォルダが見つかりません"
        elif isinstance(exc, IsADirectoryError):
            reason = "同じ名前のフォルダがあります"
        elif isinstance(exc, PermissionError):
            reason = "保存先のフォルダに書き込む権限がないか、ファイルがほかのアプリで開かれています"
        else:
            reason = f"書き込み中にエラーが発生しました: {exc.strerror or exc}"
        return cls(path, reason)


class OverwriteRefusedError(SessionFileError):
    """Saving would replace a file we could not read, or one that holds more than we would write.

    ``reason_error`` is the error reading the existing file gave (also chained as ``__cause__``).
    The UI may save anyway with ``save_session(..., force=True)`` after the user confirmed.
    """

    def __init__(self, path: Path | str | None, reason_error: SessionFileError) -> None:
        if isinstance(reason_error, NewerVersionError):
            reason = f"新しい版のアプリで作成されたファイルです（形式の版 {reason_error.version}）"
        elif isinstance(reason_error, NotSessionFileError):
            reason = "計画ファイルではありません"
        elif isinstance(reason_error, FileReadError):
            reason = reason_error.reason
        else:
            reason = "壊れているか、読み込めない内容があります"
        super().__init__(
            f"{_name(path)}は上書きしませんでした（{reason}）。"
            "上書きすると元の内容が失われます。別の名前で保存してください。",
            path,
        )
        self.reason_error = reason_error


__all__ = [
    "FileReadError",
    "FileWriteError",
    "InvalidSessionError",
    "NewerVersionError",
    "NotJSONError",
    "NotSessionFileError",
    "OverwriteRefusedError",
    "SessionFileError",
]
