"""Long work off the window's thread: aggregation, opening and saving plans, PDF export.

:class:`BackgroundWork` runs one domain function at a time on a worker thread of the global
``QThreadPool`` and waits for it in a local event loop, so that the caller reads as before (it
gets the result or the exception) while the window keeps painting and its timers keep running.
Meanwhile the person's input to the window is held back (an application event filter), so that
no second save or a closing of the plan can start; the window disables its own conflicting
actions as well, following :attr:`BackgroundWork.busy_changed`. After ``min_duration_ms`` a
window-modal :class:`QProgressDialog` shows how far the work is (「1,234 / 10,000 件を読み込みました」)
with a キャンセル button.

The domain reports through ``progress(done, total)`` (``supportguide_app.progress``): the worker's
callback raises ``Cancelled`` once キャンセル was pressed, and the work stops at its next report.
The dialog then says 「取り消しています…」 and stays until the worker has really stopped: a
caller never goes on while the worker might still write. Work that cannot be interrupted (a key
derivation) ends first; it writes nothing, so nothing is lost by waiting for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget

from supportguide_app.progress import Cancelled, Progress

T = TypeVar("T")
# Work that ends sooner shows no dialog at all: a flash would only distract.
MIN_DURATION_MS = 500
# The worker reports at most this often: 10,000 files must not mean 10,000 queued events.
REPORT_INTERVAL_S = 0.05
CANCELLING = "取り消しています…"
_HELD_BACK = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel, QEvent.Type.Shortcut,
    QEvent.Type.ShortcutOverride, QEvent.Type.ContextMenu,
})


def _give_focus_back(widget: QWidget | None) -> None:
    """The progress dialog took the focus; the field the person was in gets it back."""
    if widget is None or not shiboken6.isValid(widget) or not widget.isVisible():
        return
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    # Activation arrives as a window-system event: let it in now, so that the caller's next step
    # (a page refreshed after opening a plan) already sees the field focused, as before the work.
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def count_text(done: int, total: int) -> str:
    """「1,234 / 10,000 件を読み込みました」."""
    return f"{done:,} / {total:,} 件を読み込みました"


class ProgressDialog(QProgressDialog):
    """A progress dialog whose キャンセル, Esc and close button only *ask* to cancel.

    QProgressDialog hides itself at once; ours stays, saying 「取り消しています…」, until the work
    has stopped (the window must not look free while a worker may still be writing).
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget, title: str, label: str) -> None:
        super().__init__(label, "", 0, 0, parent)
        self.setWindowTitle(title)
        self.button = QPushButton("キャンセル")
        self.button.setAccessibleName("この作業を取り消す")
        self.setCancelButton(self.button)
        self.canceled.disconnect(self.cancel)  # Qt's own: would reset and hide the dialog
        self.canceled.connect(self.cancel_requested)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)

    def reject(self) -> None:  # Esc
        self.cancel_requested.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        event.ignore()
        self.cancel_requested.emit()


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object, object)  # result, exception (None when it succeeded)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], signals: _Signals,
                 cancelled: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self._cancelled = cancelled
        self._last = 0.0
        self.outcome: tuple[Any, BaseException | None] = (None, None)
        self.done = threading.Event()

    def _progress(self, done: int, total: int) -> None:
        if self._cancelled.is_set():
            raise Cancelled
        now = time.monotonic()
        if now - self._last >= REPORT_INTERVAL_S or (total and done >= total):
            self._last = now
            self._signals.progressed.emit(done, total)

    def run(self) -> None:
        result, error = None, None
        try:
            result = self._work(self._progress)
            if self._cancelled.is_set():
                error = Cancelled()  # ended after the last report: the caller asked not to go on
        except BaseException as exc:  # handed to the window's thread, raised there
            error = exc
        self.outcome = (result, error)
        self.done.set()
        self._signals.finished.emit(result, error)


class BackgroundWork(QObject):
    """One piece of long work at a time for ``window``, with its progress dialog."""

    busy_changed = Signal(bool)
    min_duration_ms = MIN_DURATION_MS

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.dialog: ProgressDialog | None = None
        self._cancelled: threading.Event | None = None
        self._describe: Callable[[int, int], str] | None = None
        self._loop: QEventLoop | None = None

    def is_running(self) -> bool:
        return self._loop is not None

    def run(self, work: Callable[[Progress], T], *, title: str, label: str,
            describe: Callable[[int, int], str] | None = count_text) -> T:
        """Run ``work(progress)`` on a worker thread and return its result (or raise its error).

        ``label`` is shown until the first report; then ``describe(done, total)`` (with a bar)
        when ``total`` is known, ``label`` with a busy bar when it is 0 or ``describe`` is None.
        Raises ``Cancelled`` when the person pressed キャンセル.
        """
        if self._loop is not None:
            raise RuntimeError("one piece of long work at a time")  # the input filter prevents it
        dialog = ProgressDialog(self._window, title, label)
        dialog.setMinimumDuration(self.min_duration_ms)
        dialog.cancel_requested.connect(self.cancel)
        signals = _Signals()
        signals.progressed.connect(self._on_job_progressed, Qt.ConnectionType.QueuedConnection)
        signals.finished.connect(self._on_job_finished, Qt.ConnectionType.QueuedConnection)
        self.dialog, self._describe = dialog, describe
        self._cancelled = threading.Event()
        self._loop = QEventLoop()
        app = QApplication.instance()
        focused = QApplication.focusWidget()  # given back afterwards: the window as it was
        app.installEventFilter(self)
        self.busy_changed.emit(True)
        job = _Job(work, signals, self._cancelled)
        job.setAutoDelete(False)  # its outcome is read below
        try:
            dialog.setValue(0)  # starts the dialog's own timer: shown after min_duration_ms
            QThreadPool.globalInstance().start(job)
            self._loop.exec()
            if not job.done.is_set():
                # The application is quitting (QCoreApplication.exit ends every event loop): stop
                # the work and wait for it, so that no caller goes on while it might still write.
                self._cancelled.set()
                job.done.wait()
        finally:
            app.removeEventFilter(self)
            self._loop = None
            self.dialog = None
            dialog.reset()  # stops its timer: work done just before the delay must not pop it up
            dialog.hide()
            dialog.deleteLater()
            signals.deleteLater()
            _give_focus_back(focused)
            self.busy_changed.emit(False)
        result, error = job.outcome
        if error is not None:
            raise error
        return result

    @Slot()
    def cancel(self) -> None:
        """Ask the running work to stop (キャンセル, or the window closing); it stops at its next report."""
        if self._cancelled is None or self._loop is None or self._cancelled.is_set():
            return
        self._cancelled.set()
        if self.dialog is not None:
            self.dialog.setLabelText(CANCELLING)
            self.dialog.button.setEnabled(False)

    @Slot(int, int)
    def _on_job_progressed(self, done: int, total: int) -> None:
        dialog = self.dialog
        if dialog is None or self._cancelled.is_set():
            return
        if total and self._describe is not None:
            if dialog.maximum() != total:
                dialog.setRange(0, total)
            dialog.setLabelText(self._describe(done, total))
            dialog.setValue(done)
        elif self._describe is not None and self._describe is not count_text:
            dialog.setLabelText(self._describe(done, total))

    @Slot(object, object)
    def _on_job_finished(self, _result: Any, _error: BaseException | None) -> None:
        if self._loop is not None:
            self._loop.quit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Hold back the person's input to the window (not to the progress dialog) while working."""
        if event.type() not in _HELD_BACK or not isinstance(watched, QWidget):
            return False
        top = watched.window()
        if self.dialog is not None and top is self.dialog:
            return False
        return top is self._window or self._window.isAncestorOf(top)
