"""The lock of the open plan (storage/lock.py): held while this window may save over the file.

:class:`FileLockKeeper` holds at most one lock; ``read_only`` is true when the file is someone
else's to save (they have it open, or no lock could be made). It asks through the dialogs helper
when a file is in use, and offers to take over a lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from supportguide_app.ui.dialogs import Dialogs, LockAnswer

# storage/lock.py is imported when a file is first locked, not before the window's first frame.
if TYPE_CHECKING:
    from supportguide_app.storage.lock import FileLock


class FileLockKeeper:
    def __init__(self, dialogs: Dialogs, window: QWidget) -> None:
        self._dialogs = dialogs
        self._window = window
        self.unwritable: Path | None = None  # the folder the last for_saving could not write in
        # The lock of the open file while this window may save over it; None with no file, and
        # in read-only mode, where the file is someone else's to save.
        self.lock: FileLock | None = None
        self.read_only = False

    def hold(self, lock: FileLock | None, read_only: bool) -> None:
        """Hold ``lock`` from now on (releasing the previous one, unless it is the same)."""
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock = lock
        self.read_only = read_only

    def release(self) -> None:
        """Let go of the open file (閉じる, another file, quitting)."""
        self.hold(None, False)

    def holds(self, path: Path) -> bool:
        return self.lock is not None and not self.lock.released and same_file(self.lock.path, path)

    def for_editing(self, path: Path) -> tuple[FileLock | None, bool] | None:
        """Lock ``path`` for editing, asking when someone else has it open.

        Returns (lock, read_only): (lock, False) to edit, (None, True) to open read-only; None when
        the person cancelled. Our own lock on the same file is kept (reopening it in this window).
        """
        from supportguide_app.storage.lock import (  # noqa: PLC0415
            FileInUseError,
            LockUnavailableError,
            acquire_lock,
            break_lock,
        )

        if self.holds(path):
            return self.lock, False
        try:
            return acquire_lock(path), False
        except LockUnavailableError as exc:
            self._dialogs.warning(self._window, "読み取り専用で開きます", exc.message)
            return None, True
        except FileInUseError as exc:
            answer = self._dialogs.ask_file_in_use(self._window, path.name, exc.user, exc.host,
                                                   exc.since)
        if answer is LockAnswer.READ_ONLY:
            return None, True
        if answer is not LockAnswer.TAKE_OVER:
            return None
        break_lock(path)
        try:
            return acquire_lock(path), False
        except (FileInUseError, LockUnavailableError) as exc:
            self._dialogs.warning(self._window, "読み取り専用で開きます", exc.message)
            return None, True

    def for_saving(self, path: Path) -> FileLock | None:
        """The lock to save ``path`` under: ours, or a new one; None (after saying why) when the
        file is someone else's (名前を付けて保存 onto a file in use, or a read-only one)."""
        from supportguide_app.storage.lock import (  # noqa: PLC0415
            FileInUseError,
            LockUnavailableError,
            acquire_lock,
        )

        self.unwritable = None
        if self.holds(path):
            return self.lock
        try:
            return acquire_lock(path)
        except FileInUseError as exc:
            self._dialogs.error(self._window, "保存できませんでした",
                                f"{exc.message}\n別の名前で保存してください。")
        except LockUnavailableError as exc:
            # Saving, not opening: the folder cannot be written; say so and offer another one.
            self.unwritable = path.parent
            self._dialogs.error(
                self._window, "このフォルダには保存できません",
                f"フォルダ「{path.parent}」に書き込めないため、「{path.name}」を保存できませんでした"
                f"（{exc.reason}）。\n\n次の画面で、書き込みできる別のフォルダ（例：ドキュメント）を"
                "選んでください。")
        return None


def same_file(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return Path(a).absolute() == Path(b).absolute()
