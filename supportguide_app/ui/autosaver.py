"""Autosave in the window: a copy of the unsaved work a few seconds after the last change, and,
at the next start, the offer to restore what a crash left behind.

:class:`Autosaver` owns the store (storage/autosave.py) and the timer. When the timer runs out it
emits :attr:`Autosaver.due`; the document decides whether there is anything to write, since only it
knows whether the work is modified and which file and passphrase it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QWidget

from supportguide_app.ui.busy import wait_cursor
from supportguide_app.ui.dialogs import Dialogs, RestoreAnswer

if TYPE_CHECKING:
    from supportguide_app.plan.session import Session
    from supportguide_app.storage.autosave import AutosaveEntry, AutosaveStore

AUTOSAVE_DELAY_MS = 3000


def default_autosave_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "autosave"


class Autosaver(QObject):
    due = Signal()
    status = Signal(str, int)

    def __init__(self, dialogs: Dialogs, window: QWidget, *, folder: Path | None = None,
                 delay_ms: int = AUTOSAVE_DELAY_MS) -> None:
        super().__init__(window)
        self._dialogs = dialogs
        self._window = window
        self._folder = folder or default_autosave_folder()
        self._store: AutosaveStore | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.due)

    @property
    def store(self) -> AutosaveStore:
        """This window's autosave store, made when first used: the storage layer (sessions, their
        codec and migrations) is not imported before the window's first frame (issue 16)."""
        if self._store is None:
            from supportguide_app.storage.autosave import AutosaveStore  # noqa: PLC0415

            self._store = AutosaveStore(self._folder)
        return self._store

    # -- the timer -----------------------------------------------------------------------------------
    def schedule(self) -> None:
        """(Re)start the timer: the autosave comes a few seconds after the last change."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_scheduled(self) -> bool:
        return self._timer.isActive()

    # -- writing -------------------------------------------------------------------------------------
    def write(self, session: Session, source: Path | None, passphrase: str | None) -> None:
        from supportguide_app.storage.errors import SessionFileError  # noqa: PLC0415

        try:
            # The key is derived once and cached (storage/crypto.py): no wait cursor every few seconds.
            self.store.write(session, source, passphrase)
        except SessionFileError as exc:
            self.status.emit(f"自動保存できませんでした：{exc.message}", 10000)

    def clear_own(self) -> None:
        """Stop the timer and remove this window's autosave (saved, closed, or another plan)."""
        self._timer.stop()
        from supportguide_app.storage.errors import SessionFileError  # noqa: PLC0415

        try:
            self.store.clear_own()
        except SessionFileError as exc:
            self.status.emit(exc.message, 10000)

    def adopt(self, entry: AutosaveEntry, session: Session, source: Path | None,
              passphrase: str | None) -> None:
        """A restored entry becomes this window's own autosave."""
        from supportguide_app.storage.errors import SessionFileError  # noqa: PLC0415

        try:
            self.store.write(session, source, passphrase)
            self.store.discard(entry)
        except SessionFileError as exc:
            self._dialogs.warning(self._window, "自動保存", exc.message)

    def discard(self, entry: AutosaveEntry) -> None:
        from supportguide_app.storage.errors import SessionFileError  # noqa: PLC0415

        try:
            self.store.discard(entry)
        except SessionFileError as exc:
            self._dialogs.error(self._window, "自動保存", exc.message)

    # -- restoring -----------------------------------------------------------------------------------
    def restore_offers(self) -> Iterator[tuple[AutosaveEntry, str | None]]:
        """Offer the sessions that were autosaved but never saved (after a crash), one by one.

        Yields the entry the person chose to restore, read and ready, with its passphrase; entries
        they discard are removed, the others are offered again at the next start. Stop after the
        first: one session at a time.
        """
        from supportguide_app.storage.errors import PassphraseRequiredError  # noqa: PLC0415

        for entry in self.store.pending():
            passphrase = None
            if entry.protected and isinstance(entry.error, PassphraseRequiredError):
                answer = self._dialogs.ask_restore(self._window, restore_text(entry))
                if answer is RestoreAnswer.DISCARD:
                    self.discard(entry)
                    continue
                if answer is not RestoreAnswer.RESTORE:
                    continue
                opened = self._open_protected(entry)
                if opened is None:
                    continue  # cancelled: offered again at the next start
                entry, passphrase = opened
                if entry.error is None and entry.session is not None:
                    yield entry, passphrase
                    return
            if entry.error is not None or entry.session is None:
                reason = entry.error.message if entry.error else ""
                if self._dialogs.confirm(self._window, "自動保存されたデータ",
                                         f"自動保存されたデータを読み込めませんでした。\n{reason}\n\n破棄しますか？"):
                    self.discard(entry)
                continue
            answer = self._dialogs.ask_restore(self._window, restore_text(entry))
            if answer is RestoreAnswer.RESTORE:
                yield entry, None
                return  # one session at a time; others are offered at the next start
            if answer is RestoreAnswer.DISCARD:
                self.discard(entry)

    def _open_protected(self, entry: AutosaveEntry) -> tuple[AutosaveEntry, str] | None:
        """Ask for the passphrase of a protected autosave until it opens; None when cancelled."""
        from supportguide_app.storage.errors import (  # noqa: PLC0415
            PassphraseRequiredError,
            WrongPassphraseError,
        )

        wrong = False
        while True:
            passphrase = self._dialogs.ask_passphrase(self._window, "自動保存された計画", wrong)
            if passphrase is None:
                return None
            try:
                with wait_cursor():
                    return self.store.open(entry, passphrase), passphrase
            except (PassphraseRequiredError, WrongPassphraseError):
                wrong = True


def restore_text(entry: AutosaveEntry) -> str:
    """The question at the next start. It names no title, person or file: on a shared laptop the
    one who sees it may not be the one who left the plan (a title such as 「…さんとの1on1」 is
    itself personal). Only the time is shown; restoring opens the plan for whoever asks."""
    saved = (entry.saved_at or "").replace("T", " ")[:16]
    protected = ("この計画はパスフレーズで保護されています。復元するには、次にパスフレーズを入力します。\n"
                 if entry.protected and entry.session is None else "")
    return ("前回、保存されないまま終了した計画があります。\n"
            "計画の名前やファイルは、復元するまで表示しません。\n\n"
            f"{protected}自動保存：{saved}\n\n"
            "ご自分の計画なら「復元する」を、心当たりがなければ「あとで決める」を押してください。")
