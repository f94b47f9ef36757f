"""The exceptions of the session file format.

Every error carries a short Japanese ``message`` for the user: what happened and what to do. Only
``ui/`` turns them into dialogs and only ``cli.py`` into exit codes; the storage layer never shows
anything. The underlying cause (``OSError``, ``JSONDecodeError`` …) is chained with ``raise … from``.
"""

from __future__ import annotations

from pathlib import Path

from supportguide_app.oserrors import ADVICE_ANY, describe_write_error


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


class FileTooLargeError(SessionFileError):
    """The file is far larger than any plan (a video or an archive picked by mistake)."""

    def __init__(self, path: Path | str | None, limit: int) -> None:
        super().__init__(
            f"{_name(path)}は大きすぎるため開けません（{limit // (1024 * 1024)} MB まで）。"
            "計画ファイルは通常数十 KB です。選んだファイルが計画ファイルか確かめてください。",
            path,
        )
        self.limit = limit


class OutputRefusedError(SessionFileError):
    """An output path that would destroy something: an input, a plan, a device, a folder."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        super().__init__(
            f"{_name(path)}には書き出しません（{reason}）。"
            "書き出し先には、別の名前の PDF や CSV のファイルを指定してください。",
            path,
        )
        self.reason = reason
class NotPlanFileError(NotSessionFileError):
    """The file is of another kind altogether (a PDF, a text or Word file), not a damaged plan:
    no .bak to suggest. ``kind`` is "pdf", "text" or "other"."""

    def __init__(self, path: Path | str | None, kind: str) -> None:
        what = {"pdf": "PDFファイル", "text": "文章（テキスト）のファイル"}.get(kind, "別の種類のファイル")
        advice = ("このアプリが書き出したPDFは、計画を印刷するためのもので、計画ファイルの代わりには"
                  "なりません。計画の内容は、保存した計画ファイル（.json）にあります。PDFを書き出す前に"
                  "保存したフォルダ（ふつうは「ドキュメント」）を探して、その.jsonファイルを開いてください。"
                  if kind == "pdf" else
                  "このアプリで保存した計画ファイル（.json）を選んでください。")
        SessionFileError.__init__(
            self, f"{_name(path)}は{what}で、支援者サポート計画ツールの計画ファイルではありません。"
            f"{advice}", path)
        self.kind = kind


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


class PassphraseRequiredError(SessionFileError):
    """The file is protected with a passphrase and none was given: ask for it and open again."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(
            f"{_name(path)}はパスフレーズで保護されています。パスフレーズを入力して開いてください。",
            path,
        )


class WrongPassphraseError(SessionFileError):
    """The passphrase does not open the file (or the protected file was changed or damaged).

    For a file with a key check (``storage/crypto.py``) the passphrase is known to be wrong
    (``certain``); for an older file AES-GCM cannot tell the two apart, and the message says both.
    The file is left as it was.
    """

    def __init__(self, path: Path | str | None = None, *, certain: bool = False) -> None:
        message = "パスフレーズが違います。大文字・小文字や全角・半角を確かめて、もう一度入力してください。"
        if not certain:
            message += (f"（正しいパスフレーズでも開けない場合は、{_name(path)}が壊れているか書き換えられて"
                        "います。バックアップ（.bak）から開いてください。）")
        super().__init__(message, path)
        self.certain = certain


class DamagedProtectedFileError(SessionFileError):
    """The passphrase is right (the key check matches) but the encrypted content was damaged."""

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__(
            f"パスフレーズは合っていますが、{_name(path)}の暗号化された中身が壊れているか書き換えられているため"
            "開けません。同じフォルダのバックアップ（.bak）か、別の写しから開いてください。",
            path,
        )


class WeakPassphraseError(SessionFileError):
    """A new passphrase is too short to protect the plan."""

    def __init__(self, path: Path | str | None, minimum: int) -> None:
        super().__init__(
            f"パスフレーズは{minimum}文字以上にしてください。短いパスフレーズは、"
            "ファイルを手に入れた人が総当たりで試すとすぐに見つかってしまい、保護になりません"
            "（例: 覚えやすい言葉を3つ以上つなげる）。",
            path,
        )
        self.minimum = minimum


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
    """The file could not be written (folder not writable, disk full …); the old file is intact.

    ``reason`` says what went wrong and ``advice`` what to do; :meth:`from_os_error` picks both.
    """

    def __init__(self, path: Path | str | None, reason: str, advice: str = ADVICE_ANY) -> None:
        super().__init__(
            f"{_name(path)}を保存できませんでした（{reason}）。元のファイルは変更されていません。{advice}",
            path,
        )
        self.reason = reason
        self.advice = advice

    @classmethod
    def from_os_error(cls, path: Path | str, exc: OSError) -> FileWriteError:
        """The error for an ``OSError`` raised while writing ``path``."""
        reason, advice = describe_write_error(exc)
        return cls(path, reason, advice)


class FileInUseError(SessionFileError):
    """Someone (another window, or another PC on a shared drive) has the file open for editing.

    ``user``, ``host`` and ``since`` (``YYYY-MM-DD HH:MM``) come from their lock file and may be
    empty when it was damaged. The window offers to open the file read-only, or to take it over.
    """

    def __init__(self, path: Path | str | None, user: str, host: str, since: str) -> None:
        who = f"{user}さん" if user else "ほかの人"
        where = f"（{host}）" if host else ""
        when = f" {since} から" if since else ""
        super().__init__(
            f"このファイルは{who}{where}が{when}開いています。読み取り専用で開くことができます。", path)
        self.user = user
        self.host = host
        self.since = since


class LockUnavailableError(SessionFileError):
    """The file's lock could not be created (a read-only folder or share): open it read-only."""

    def __init__(self, path: Path | str | None, reason: str) -> None:
        super().__init__(
            f"{_name(path)}を編集用に開けません（{reason}）。読み取り専用で開くことができます。"
            "編集するには、書き込み権限のあるフォルダに写してから開いてください。",
            path,
        )
        self.reason = reason

    @classmethod
    def from_os_error(cls, path: Path | str, exc: OSError) -> LockUnavailableError:
        """The error for an ``OSError`` raised while creating the lock file beside ``path``."""
        return cls(path, FileWriteError.from_os_error(path, exc).reason)


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
        elif isinstance(reason_error, FileTooLargeError):
            reason = "計画ファイルとしては大きすぎます"
        elif isinstance(reason_error, (PassphraseRequiredError, WrongPassphraseError,
                                       DamagedProtectedFileError)):
            reason = "パスフレーズで保護されていて、中身を確かめられません"
        else:
            reason = "壊れているか、読み込めない内容があります"
        super().__init__(
            f"{_name(path)}は上書きしませんでした（{reason}）。"
            "上書きすると元の内容が失われます。別の名前で保存してください。",
            path,
        )
        self.reason_error = reason_error


__all__ = [
    "DamagedProtectedFileError",
    "FileInUseError",
    "FileReadError",
    "FileTooLargeError",
    "FileWriteError",
    "InvalidSessionError",
    "LockUnavailableError",
    "NewerVersionError",
    "NotJSONError",
    "NotSessionFileError",
    "OutputRefusedError",
    "OverwriteRefusedError",
    "PassphraseRequiredError",
    "SessionFileError",
    "WeakPassphraseError",
    "WrongPassphraseError",
]
