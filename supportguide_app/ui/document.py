"""The document's life: new, open, save, save as, passphrase protection, the lock of the open file,
autosave and restore, the next plan, and whether the work differs from the file (the 「*」 mark).

:class:`DocumentController` gets the session editor, the settings, the dialogs helper and the
navigator (to show the right step after opening). It owns a :class:`FileLockKeeper` and an
:class:`Autosaver`, and tells the window what changed through signals: ``state_changed`` (title,
modified mark, read-only), ``file_used`` (for the recent-files list) and ``status``.

Opening and saving run on a worker thread (:class:`BackgroundWork`, shared with the window): a
protected plan derives its key with scrypt, and a large plan takes long to read or write, and
the window must keep painting meanwhile. A cancelled open leaves the plan shown as it was; a
cancelled save stops before anything is written (``save_session`` reports only until then).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from supportguide_app.filenames import safe_file_stem
from supportguide_app.plan.carry import next_plan
from supportguide_app.plan.session import Session
from supportguide_app.progress import Cancelled
from supportguide_app.ui.autosaver import AUTOSAVE_DELAY_MS, Autosaver
from supportguide_app.ui.background import BackgroundWork
from supportguide_app.ui.busy import documents_folder
from supportguide_app.ui.dialogs import Dialogs, UnsavedAnswer
from supportguide_app.ui.file_locks import FileLockKeeper, same_file
from supportguide_app.ui.navigation import StepNavigator
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.undo import SessionEditor

# The storage layer (the session codec, its validation and migrations, the files, the errors) is
# imported where a file is first read or written, not before the window's first frame (issue 16).
if TYPE_CHECKING:
    from supportguide_app.storage import AutosaveEntry, LoadResult
    from supportguide_app.storage.lock import FileLock

UNTITLED = "無題の計画"


class DocumentController(QObject):
    state_changed = Signal()  # name, modified mark, protection or read-only changed
    file_used = Signal(Path)  # opened or saved: goes on the recent-files list
    status = Signal(str, int)
    closed = Signal()  # 閉じる: the next person may be the one at the keyboard

    def __init__(self, editor: SessionEditor, dialogs: Dialogs, navigator: StepNavigator,
                 window: QWidget, *, autosave_folder: Path | None = None,
                 autosave_delay_ms: int = AUTOSAVE_DELAY_MS, work: BackgroundWork | None = None) -> None:
        super().__init__(window)
        self.work = work or BackgroundWork(window)
        self._editor = editor
        self._dialogs = dialogs
        self._navigator = navigator
        self._window = window  # the parent of every dialog
        self.source_path: Path | None = None
        self.locks = FileLockKeeper(dialogs, window)
        self.autosaver = Autosaver(dialogs, window, folder=autosave_folder, delay_ms=autosave_delay_ms)
        self.autosaver.due.connect(self._on_autosave_due)
        self.autosaver.status.connect(self.status)
        # True after restoring an autosave: the work differs from any file though no command exists.
        self._dirty_without_commands = False
        # パスフレーズ: kept beside source_path, never in settings or the session. ``_passphrase``
        # protects the next save and the autosave; ``_file_passphrase`` is what the file on disk
        # has now (to check it before overwriting, when the protection is changed or removed).
        self._passphrase: str | None = None
        self._file_passphrase: str | None = None

    # -- state ---------------------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self.locks.read_only

    def is_modified(self) -> bool:
        return self._dirty_without_commands or not self._editor.undo_stack.isClean()

    def is_protected(self) -> bool:
        """Whether the next save (and the autosave) is protected with a passphrase."""
        return self._passphrase is not None

    def session_name(self) -> str:
        if self._editor.session.title.strip():
            return self._editor.session.title.strip()
        if self.source_path is not None:
            return self.source_path.stem
        return UNTITLED

    def default_folder(self) -> Path:
        if self.source_path is not None:
            return self.source_path.parent
        return documents_folder()

    def forget_history(self) -> None:
        """Clear the undo history (the 1on1 hand-over) without losing the modified mark."""
        modified = self.is_modified()
        self._editor.undo_stack.clear()
        self._dirty_without_commands = modified
        self.state_changed.emit()

    def _mark_saved(self) -> None:
        self._dirty_without_commands = False
        self._editor.undo_stack.setClean()
        self.state_changed.emit()

    # -- following the session -----------------------------------------------------------------------
    def on_session_changed(self, _path: tuple) -> None:
        self.autosaver.schedule()  # restarts: autosave a few seconds after the last change

    def on_session_replaced(self) -> None:
        self.autosaver.stop()

    # -- new, open, close ----------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled (or saving failed)."""
        if not self.is_modified():
            return True
        answer = self._dialogs.ask_unsaved(self._window, self.session_name())
        if answer is UnsavedAnswer.SAVE:
            return self.save()
        return answer is UnsavedAnswer.DISCARD

    def _start_fresh(self, session: Session, source: Path | None, *, lock: FileLock | None = None,
                     read_only: bool = False, passphrase: str | None = None) -> None:
        self.locks.hold(lock, read_only)
        self.source_path = source
        # Nothing of the last plan's protection stays in memory: its passphrase and derived keys.
        _forget_keys()
        self._passphrase = self._file_passphrase = passphrase
        self._dirty_without_commands = False
        self._editor.replace(session)
        self.autosaver.clear_own()

    def new_session(self) -> None:
        if not self.maybe_save():
            return
        self._start_fresh(Session.new(), None)
        self._navigator.go_to(PageId.START)
        self._navigator.pages[PageId.START].title_edit.setFocus()

    def close_session(self) -> None:
        """閉じる: back to the start with nothing of the last session visible."""
        if not self.maybe_save():
            return
        self._start_fresh(Session.new(), None)
        self._navigator.go_to(PageId.START)
        self.closed.emit()
        self.status.emit("計画を閉じました。", 5000)

    def open_file(self, path: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            path = self._dialogs.open_path(self._window, self.default_folder())
            if path is None:
                return False
        from supportguide_app.storage.errors import SessionFileError  # noqa: PLC0415

        path = Path(path)
        loaded = self._load_asking_passphrase(path)
        if loaded is None:
            return False
        result, passphrase = loaded
        decided = self.locks.for_editing(path)
        if decided is None:
            return False
        lock, read_only = decided
        if lock is not None and lock is not self.locks.lock:
            # The other window may have saved while we asked: read what the lock now protects.
            try:
                result = self._load(path, passphrase)
            except Cancelled:
                lock.release()
                self.status.emit(f"「{path.name}」を開くのを取りやめました。", 5000)
                return False
            except SessionFileError as exc:
                lock.release()
                self._dialogs.error(self._window, "ファイルを開けません", exc.message)
                return False
        self._start_fresh(result.session, path, lock=lock, read_only=read_only,
                          passphrase=passphrase if result.protected else None)
        self.file_used.emit(path)
        if result.warnings:
            self._dialogs.warning(self._window, "ファイルを開きました（確認が必要な点があります）",
                                  "\n".join(result.warnings))
        self._navigator.go_to(PageId.START)
        note = "（読み取り専用）" if read_only else ""
        self.status.emit(f"「{path.name}」を開きました{note}。", 5000)
        return True

    def _load_asking_passphrase(self, path: Path) -> tuple[LoadResult, str | None] | None:
        """Load ``path``, asking for its passphrase while it is protected and not yet opened.

        A wrong passphrase asks again (saying so); cancelling returns None. The file is only read.
        """
        from supportguide_app.storage.errors import (  # noqa: PLC0415
            PassphraseRequiredError,
            SessionFileError,
            WrongPassphraseError,
        )

        passphrase: str | None = None
        wrong = False
        while True:
            try:
                return self._load(path, passphrase), passphrase
            except Cancelled:
                self.status.emit(f"「{path.name}」を開くのを取りやめました。", 5000)
                return None
            except PassphraseRequiredError:
                pass
            except WrongPassphraseError:
                wrong = True
            except SessionFileError as exc:
                self._dialogs.error(self._window, "ファイルを開けません", exc.message)
                return None
            passphrase = self._dialogs.ask_passphrase(self._window, path.name, wrong)
            if passphrase is None:
                self.status.emit(f"「{path.name}」を開くのを取りやめました。", 5000)
                return None

    def _load(self, path: Path, passphrase: str | None) -> LoadResult:
        """load_session on the worker thread (raises Cancelled when the person cancelled)."""
        from supportguide_app.storage import load_session  # noqa: PLC0415

        label = (f"「{path.name}」のパスフレーズを確かめています…" if passphrase is not None
                 else f"「{path.name}」を開いています…")
        return self.work.run(lambda progress: load_session(path, passphrase, progress=progress),
                             title="ファイルを開く", label=label, describe=None)

    def create_next_plan(self) -> bool:
        """この計画から次の計画を作る: a new, unsaved plan that carries this one forward."""
        if self.is_modified():
            answer = self._dialogs.ask_unsaved(self._window, self.session_name())
            if answer is UnsavedAnswer.CANCEL:
                return False
            if answer is UnsavedAnswer.SAVE and not self.save():
                return False
        previous = self._editor.session
        session = next_plan(previous, date.today(), source_file=self.source_path)
        # The next plan carries this one's content: it stays protected with the same passphrase.
        self._start_fresh(session, None, passphrase=self._passphrase)
        self._dirty_without_commands = True  # never saved: closing must ask
        self.state_changed.emit()
        self.autosaver.schedule()
        self._navigator.go_to(PageId.START)
        self._navigator.pages[PageId.START].show_details()
        self.status.emit("前の計画を引き継いで、新しい計画を作りました。まだ保存されていません。", 10000)
        return True

    # -- protection ----------------------------------------------------------------------------------
    def protect(self) -> bool:
        """ファイル → パスフレーズで保護: set, change or remove the protection of this plan."""
        request = self._dialogs.ask_protection(self._window, self.is_protected(),
                                               weakness=passphrase_weakness)
        if request is None or request.passphrase == self._passphrase:
            return False
        removing = request.passphrase is None
        if self._passphrase is not None:
            _forget_keys()
        self._passphrase = request.passphrase
        done = "パスフレーズによる保護を外しました" if removing else "パスフレーズで保護しました"
        if self.source_path is not None and not self.read_only:
            if self._save_to(self.source_path):
                self.status.emit(f"{done}（「{self.source_path.name}」に保存しました）。", 8000)
                return True
        # Not saved yet: the protection applies from the next save; the autosave follows it now,
        # so that no unprotected copy of a protected plan stays in the autosave folder.
        self._dirty_without_commands = True
        if self.autosaver.store.path.exists() or not self._editor.session.is_blank():
            self._write_autosave()
        self.state_changed.emit()
        self.status.emit(f"{done}。次に保存するときから有効になります。", 8000)
        return True

    # -- saving --------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.source_path is None:
            return self.save_as()
        if self.read_only:
            # Someone else may save this file: offer another file instead of overwriting theirs.
            self.status.emit("読み取り専用で開いています。別の名前で保存してください。", 8000)
            return self.save_as()
        return self._save_to(self.source_path)

    def save_as(self) -> bool:
        # The title as a name Windows accepts (no \ / : * ? " < > |, CON/NUL/COM1, trailing dots).
        name = safe_file_stem(self.session_name())
        suggested = self.source_path or self.default_folder() / f"{name}.json"
        path = self._dialogs.save_path(self._window, suggested)
        if path is None:
            return False
        if path.suffix == "":
            path = path.with_suffix(".json")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        from supportguide_app.storage import (  # noqa: PLC0415
            OverwriteRefusedError,
            SessionFileError,
            save_session,
        )

        path = Path(path)
        # Another file (名前を付けて保存), or a read-only one: it must be ours to write first.
        lock = self.locks.for_saving(path)
        if lock is None:
            if self.locks.unwritable is None:
                return False
            # A folder that cannot be written: choose another (from Documents), or cancel.
            other = self._dialogs.save_path(self._window, documents_folder() / path.name)
            if other is None:
                return False
            return self._save_to(other if other.suffix else other.with_suffix(".json"))
        # The file on disk has the passphrase it was opened or last saved with: needed to check it
        # before overwriting when the protection is being changed or removed.
        previous = (self._file_passphrase if self.source_path is not None
                    and same_file(path, self.source_path) else None)
        session, passphrase = self._editor.session, self._passphrase
        try:
            self.work.run(lambda progress: save_session(session, path, passphrase=passphrase,
                                                        previous_passphrase=previous,
                                                        progress=progress),
                          title="保存", label=f"「{path.name}」に保存しています…", describe=None)
        except Cancelled:
            if lock is not self.locks.lock:
                lock.release()
            self.status.emit(f"保存を取りやめました。「{path.name}」は変わっていません。", 8000)
            return False
        except (OverwriteRefusedError, SessionFileError) as exc:
            if lock is not self.locks.lock:
                lock.release()
            refused = isinstance(exc, OverwriteRefusedError)
            title = "上書きしませんでした" if refused else "保存できませんでした"
            self._dialogs.error(self._window, title, exc.message)
            return False
        self.locks.hold(lock, False)
        self.source_path = path
        self._file_passphrase = self._passphrase
        self._mark_saved()
        self.file_used.emit(path)
        self.autosaver.clear_own()
        self.status.emit(f"「{path.name}」に保存しました。", 5000)
        return True

    # -- autosave and restore ------------------------------------------------------------------------
    def _on_autosave_due(self) -> None:
        if self.work.is_running():
            self.autosaver.schedule()  # not beside a save or an open: a little later
            return
        if not self.is_modified() or self._editor.session.is_blank():
            return
        self._write_autosave()

    def _write_autosave(self) -> None:
        self.autosaver.write(self._editor.session, self.source_path, self._passphrase)

    def flush_autosave(self) -> None:
        """Write the autosave now if one is due (used at shutdown of a test or a crash handler)."""
        if self.autosaver.is_scheduled():
            self.autosaver.stop()
            self._on_autosave_due()

    def check_autosave(self) -> None:
        """Offer to restore sessions that were autosaved but never saved (after a crash)."""
        for entry, passphrase in self.autosaver.restore_offers():
            if self.maybe_save():
                self._restore(entry, passphrase)
            return  # one session at a time; others are offered at the next start

    def _restore(self, entry: AutosaveEntry, passphrase: str | None) -> None:
        lock, read_only = None, False
        if entry.source_path is not None and entry.source_path.exists():
            decided = self.locks.for_editing(entry.source_path)
            lock, read_only = decided if decided is not None else (None, True)
        self.locks.hold(lock, read_only)
        self.source_path = entry.source_path
        self._passphrase = self._file_passphrase = passphrase
        self._editor.replace(entry.session)
        self._dirty_without_commands = True
        self.autosaver.adopt(entry, self._editor.session, self.source_path, self._passphrase)
        if entry.warnings:
            self._dialogs.warning(self._window, "自動保存されたデータ", "\n".join(entry.warnings))
        self.state_changed.emit()
        self._navigator.go_to(PageId.SUMMARY)

    # -- closing the window --------------------------------------------------------------------------
    def shut_down(self) -> None:
        """The window closes: no autosave of saved work, no lock, no passphrase or key in memory."""
        self.autosaver.clear_own()
        self.locks.release()
        _forget_keys()
        self._passphrase = self._file_passphrase = None


def passphrase_weakness(passphrase: str) -> str:
    """Why ``passphrase`` may not protect a plan (the storage layer's rule), or "" when it may."""
    from supportguide_app.storage import crypto  # noqa: PLC0415 (the cipher: not at start-up)
    from supportguide_app.storage.errors import WeakPassphraseError  # noqa: PLC0415

    try:
        crypto.check_new_passphrase(passphrase)
    except WeakPassphraseError as exc:
        return exc.message
    return ""


def _forget_keys() -> None:
    """``storage.forget_keys``: the keys derived for protected files are forgotten."""
    from supportguide_app.storage import forget_keys  # noqa: PLC0415

    forget_keys()
