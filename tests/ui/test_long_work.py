"""Long work never freezes the window: progress, キャンセル, closing while working, key derivation.

The window waits for a worker thread in a local event loop, so what happens meanwhile is watched
from a QTimer: its ticks are the proof that the event loop keeps running.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from supportguide_app.plan.session import Session
from supportguide_app.storage.codec import session_to_dict
from supportguide_app.storage.files import dumps_document
from supportguide_app.ui.background import BackgroundWork

MANY = 3000
COUNT_TEXT = re.compile(r"^([\d,]+) / 3,000 件を読み込みました$")


def write_plans(folder: Path, count: int) -> Path:
    """``count`` valid plans, each choosing goal A (written plainly: no fsync per file)."""
    folder.mkdir(parents=True)
    for number in range(count):
        session = Session(title=f"計画{number}", organisation="ひだまり市", date="2026-04-01")
        session.set_value(("selection", "goals", "A", "selected"), True)
        (folder / f"plan_{number:05d}.json").write_bytes(dumps_document(session_to_dict(session)))
    return folder


@pytest.fixture(scope="module")
def many_plans(tmp_path_factory) -> Path:
    return write_plans(tmp_path_factory.mktemp("many") / "plans", MANY)


class Watcher:
    """Samples the progress dialog every few milliseconds while the window's event loop runs."""

    def __init__(self, work: BackgroundWork, on_sample=None) -> None:
        self.work = work
        self.samples: list[tuple[bool, int, str]] = []
        self.ticks_while_busy = 0
        self._on_sample = on_sample
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        dialog = self.work.dialog
        if dialog is None:
            return
        self.ticks_while_busy += 1
        self.samples.append((dialog.isVisible(), dialog.value(), dialog.labelText()))
        if self._on_sample is not None:
            self._on_sample(dialog)

    def stop(self) -> None:
        self.timer.stop()

    def shown_counts(self) -> list[int]:
        counts = []
        for visible, _value, label in self.samples:
            match = COUNT_TEXT.match(label)
            if visible and match:
                counts.append(int(match.group(1).replace(",", "")))
        return counts


class PaintCounter(QObject):
    """Counts the paint events of a widget that happen while ``busy()`` is true."""

    def __init__(self, busy) -> None:
        super().__init__()
        self._busy = busy
        self.count = 0

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and self._busy():
            self.count += 1
        return False


def paced(seconds: float):
    """``progress.report`` that takes ``seconds`` on the worker before each report."""
    from supportguide_app.progress import report

    def slow_report(progress, done, total=0):
        time.sleep(seconds)
        report(progress, done, total)

    return slow_report


@pytest.fixture
def no_delay(monkeypatch):
    # Shown at once, so that a fast machine still shows it; the delay itself is the benchmark's.
    monkeypatch.setattr(BackgroundWork, "min_duration_ms", 0)
    # The work is paced so that the 5 ms watcher surely sees it between two reports, however fast
    # the machine reads plans or lays out pages (the counting itself is unchanged).
    monkeypatch.setattr("supportguide_app.storage.collect.report", paced(0.001))
    monkeypatch.setattr("supportguide_app.report.pdf.report", paced(0.03))
    monkeypatch.setattr("supportguide_app.report.summary_pdf.report", paced(0.03))


def test_the_progress_dialog_shows_the_count_rising_for_thousands_of_plans(
        qtbot, window, many_plans, no_delay):
    aggregation = window.show_aggregation()
    watcher = Watcher(aggregation.work)
    result = aggregation.aggregate([many_plans])
    watcher.stop()
    counts = watcher.shown_counts()
    assert len(set(counts)) >= 2, watcher.samples[:5]  # it was seen at two counts at least
    assert counts == sorted(counts) and 0 < counts[-1] <= MANY
    assert result.total == MANY
    assert aggregation.result_label.text() == f"集計した計画ファイル：{MANY}件"
    assert aggregation.work.dialog is None  # gone when done
    assert aggregation.folder_button.isEnabled() and aggregation.csv_button.isEnabled()


def test_a_short_aggregation_shows_no_dialog(qtbot, window, tmp_path):
    folder = write_plans(tmp_path / "few", 5)
    aggregation = window.show_aggregation()
    watcher = Watcher(aggregation.work)
    aggregation.aggregate([folder])
    watcher.stop()
    assert not any(visible for visible, _v, _l in watcher.samples)
    assert aggregation.result_label.text() == "集計した計画ファイル：5件"


def test_cancel_stops_the_aggregation_and_leaves_the_window_as_it_was(
        qtbot, window, dialogs, many_plans, tmp_path, no_delay):
    few = write_plans(tmp_path / "few", 4)
    aggregation = window.show_aggregation()
    aggregation.aggregate([few])
    shown_before = aggregation.result_label.text()
    assert shown_before == "集計した計画ファイル：4件"

    after_click = []

    def press_cancel(dialog):
        if dialog.isVisible() and dialog.value() > 0 and dialog.button.isEnabled():
            qtbot.mouseClick(dialog.button, Qt.MouseButton.LeftButton)
            after_click.append((dialog.isVisible(), dialog.labelText(), dialog.button.isEnabled()))

    watcher = Watcher(aggregation.work, press_cancel)
    assert aggregation.aggregate([many_plans]) is None
    watcher.stop()
    assert after_click == [(True, "取り消しています…", False)]  # stays until the worker stopped
    assert max(watcher.shown_counts()) < MANY  # stopped before the end
    assert aggregation.result_label.text() == shown_before
    assert aggregation.files.paths == [few] and aggregation.files.aggregation.total == 4
    assert aggregation.status_label.text() == "集計を取りやめました。表示は前のままです。"
    assert aggregation.csv_button.isEnabled()  # the earlier counts can still be written

    # Cancelling the summary PDF leaves no file (and no temporary file) behind.
    out = tmp_path / "out"
    out.mkdir()
    dialogs.summary_paths.append(out / "集計.pdf")
    watcher = Watcher(aggregation.work, lambda dialog: aggregation.work.cancel())
    qtbot.mouseClick(aggregation.pdf_button, Qt.MouseButton.LeftButton)
    watcher.stop()
    assert list(out.iterdir()) == []
    assert aggregation.status_label.text() == "書き出しを取りやめました。ファイルは作っていません。"


def test_closing_while_counting_asks_and_cancels(qtbot, window, dialogs, many_plans, no_delay):
    aggregation = window.show_aggregation()
    dialogs.confirm_answers.append(True)
    closed = []

    def close_once(dialog):
        if not closed and dialog.value() > 0:
            closed.append(True)
            aggregation.close()

    watcher = Watcher(aggregation.work, close_once)
    assert aggregation.aggregate([many_plans]) is None
    watcher.stop()
    assert dialogs.confirm_texts == [("集計を取りやめますか", "集計の途中です。取りやめて閉じますか？")]
    qtbot.waitUntil(lambda: not aggregation.isVisible())
    assert aggregation.files.aggregation is None


def test_a_vanished_folder_keeps_what_was_counted_only_when_asked(qtbot, window, dialogs, tmp_path,
                                                                  monkeypatch):
    from supportguide_app.ui import summary_files

    folder = write_plans(tmp_path / "share", 10)
    original = summary_files.aggregate_folder

    def vanishing(paths, *, progress, **kwargs):
        def progress_then_vanish(done, total):
            if done == 6 and folder.exists():
                shutil.rmtree(folder)  # the file server went away
            progress(done, total)
        return original(paths, progress=progress_then_vanish, **kwargs)

    monkeypatch.setattr(summary_files, "aggregate_folder", vanishing)
    aggregation = window.show_aggregation()
    dialogs.confirm_answers.append(False)
    assert aggregation.aggregate([folder]) is None
    title, text = dialogs.confirm_texts[-1]
    assert title == "フォルダが見つかりません" and "6件を読み、残りの4件は読めていません" in text
    assert aggregation.files.aggregation is None and aggregation.result_label.text() == ""

    write_plans(folder, 10)
    dialogs.confirm_answers.append(True)
    assert aggregation.aggregate([folder]).total == 6
    assert aggregation.result_label.text().startswith("集計した計画ファイル：6件")
    skipped = [aggregation.skipped_list.item(i).text() for i in range(aggregation.skipped_list.count())]
    assert skipped == ["share：フォルダが見つからなくなったため、残りの4件は読んでいません"]


# -- the plan's window: protected open, save, PDF export ------------------------------------------------
PASSPHRASE = "さくら もみじ nagisa 7"


def protected_plan(path: Path, title: str = "保護された計画") -> Path:
    from supportguide_app.storage import crypto, save_session

    session = Session.new()
    session.set_value(("title",), title)
    save_session(session, path, passphrase=PASSPHRASE)
    crypto.forget_keys()  # the window must derive the key itself
    return path


def test_the_window_keeps_running_while_a_protected_plans_key_is_derived(qtbot, window, dialogs,
                                                                         tmp_path):
    path = protected_plan(tmp_path / "plan.json")
    dialogs.open_paths.append(path)
    dialogs.passphrase_answers.append(PASSPHRASE)
    painted = PaintCounter(window.work.is_running)
    window.centralWidget().installEventFilter(painted)
    states = []

    def during(_dialog):
        window.centralWidget().update()  # asks for a repaint: done only if the event loop runs
        states.append((window.save_action.isEnabled(), window.open_action.isEnabled()))

    watcher = Watcher(window.work, during)
    assert window.document.open_file()
    watcher.stop()
    window.centralWidget().removeEventFilter(painted)
    assert watcher.ticks_while_busy >= 2  # the timer ticked while the key was being derived
    assert painted.count >= 1  # and the window repainted meanwhile
    assert set(states) == {(False, False)}  # no second open or a save while it runs
    assert window.editor.session.title == "保護された計画"
    assert window.save_action.isEnabled() and window.open_action.isEnabled()


def test_cancelling_a_protected_open_keeps_the_plan_that_was_shown(qtbot, window, dialogs, tmp_path,
                                                                   no_delay):
    window.editor.set(("title",), "いま開いている計画")
    window.document._mark_saved()
    path = protected_plan(tmp_path / "other.json", "別の計画")
    dialogs.passphrase_answers.append(PASSPHRASE)
    watcher = Watcher(window.work, lambda dialog: window.work.cancel())
    assert not window.document.open_file(path)
    watcher.stop()
    assert window.editor.session.title == "いま開いている計画"
    assert window.document.source_path is None
    assert window.statusBar().currentMessage() == "「other.json」を開くのを取りやめました。"


def test_cancelling_a_protected_save_changes_no_file(qtbot, window, dialogs, tmp_path, no_delay):
    from supportguide_app.storage import crypto, load_session

    folder = tmp_path / "plans"
    folder.mkdir()
    path = protected_plan(folder / "plan.json", "前に保存した計画")
    dialogs.passphrase_answers.append(PASSPHRASE)
    assert window.document.open_file(path)
    window.editor.set(("title",), "変えた計画")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    crypto.forget_keys()  # the save must derive the key again: long enough to cancel
    watcher = Watcher(window.work, lambda dialog: window.work.cancel())
    assert not window.document.save()
    watcher.stop()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # no temporary file either
    assert load_session(path, PASSPHRASE).session.title == "前に保存した計画"
    assert window.isWindowModified()  # the change is still unsaved, and still shown
    assert window.editor.session.title == "変えた計画"
    assert window.statusBar().currentMessage() == "保存を取りやめました。「plan.json」は変わっていません。"


def long_notes(window) -> None:
    window.editor.set(("notes",), ("面談の記録です。" * 20 + "\n") * 400)


def test_cancelling_a_long_pdf_export_writes_no_file(qtbot, window, dialogs, tmp_path, no_delay):
    long_notes(window)
    out = tmp_path / "out"
    out.mkdir()
    dialogs.export_paths.append(out / "plan.pdf")
    labels = []

    def cancel_after_two_pages(dialog):
        labels.append(dialog.labelText())
        page = re.match(r"(\d+)ページ目", dialog.labelText())
        if page and int(page.group(1)) >= 2:
            window.work.cancel()

    watcher = Watcher(window.work, cancel_after_two_pages)
    assert window.exporter.export_pdf() is None
    watcher.stop()
    assert any(re.fullmatch(r"\d+ページ目を作っています…", label) for label in labels)
    assert list(out.iterdir()) == []
    assert window.statusBar().currentMessage() == "PDFの書き出しを取りやめました。ファイルは作っていません。"


def test_closing_the_window_while_saving_asks_and_cancels(qtbot, window, dialogs, tmp_path, no_delay):
    from supportguide_app.storage import crypto

    path = protected_plan(tmp_path / "plan.json")
    dialogs.passphrase_answers.append(PASSPHRASE)
    assert window.document.open_file(path)
    window.editor.set(("title",), "変えた計画")
    before = path.read_bytes()
    crypto.forget_keys()
    dialogs.confirm_answers.append(True)
    asked = []

    def close_once(_dialog):
        if not asked:
            asked.append(True)
            window.close()

    watcher = Watcher(window.work, close_once)
    assert not window.document.save()
    watcher.stop()
    assert dialogs.confirm_texts[0][0] == "作業を取りやめますか"
    qtbot.waitUntil(lambda: not window.isVisible())
    assert path.read_bytes() == before


def test_the_field_the_person_was_in_has_the_focus_back_after_the_dialog(qtbot, window, dialogs,
                                                                          tmp_path, no_delay):
    from supportguide_app.ui.pages import PageId

    field = window.pages[PageId.START].title_edit
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    dialogs.passphrase_answers.append(PASSPHRASE)
    watcher = Watcher(window.work)
    assert window.document.open_file(protected_plan(tmp_path / "plan.json"))
    watcher.stop()
    assert any(visible for visible, _value, _label in watcher.samples)  # it took the focus
    assert field.hasFocus() and field.cursorPosition() == len("保護された計画")


def test_work_done_before_the_delay_never_pops_the_dialog_up_later(qtbot, window, monkeypatch):
    import time

    from PySide6.QtWidgets import QApplication, QProgressDialog

    monkeypatch.setattr(BackgroundWork, "min_duration_ms", 50)
    assert window.work.run(lambda progress: 7, title="t", label="l") == 7
    time.sleep(0.1)  # past the delay, without the event loop (the window busy with its next step)
    QApplication.processEvents()  # timers fire here; deferred deletions do not
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    assert shown == []


def test_clicks_and_keys_do_nothing_to_the_plan_while_work_runs(qtbot, window, dialogs, tmp_path):
    from supportguide_app.ui.pages import PageId

    dialogs.passphrase_answers.append(PASSPHRASE)
    other = tmp_path / "other.json"
    dialogs.save_paths.append(other)  # what 名前を付けて保存 would be given, if a save started
    after_click = []

    def poke(_dialog):
        if not after_click:
            qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)  # 次へ
            after_click.append(window.navigator.current_page_id())
            qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # 保存

    watcher = Watcher(window.work, poke)
    assert window.document.open_file(protected_plan(tmp_path / "plan.json"))
    watcher.stop()
    assert after_click == [PageId.START]  # 次へ, clicked while the key was derived, did nothing
    assert dialogs.save_paths == [other] and not other.exists()  # and Ctrl+S started no save


def test_closing_the_plan_window_while_counting_asks_the_aggregation_first(qtbot, window, dialogs,
                                                                           many_plans, no_delay):
    aggregation = window.show_aggregation()
    dialogs.confirm_answers.append(True)
    tried = []

    def close_main(dialog):
        if not tried and dialog.value() > 0:
            tried.append(True)
            window.close()

    watcher = Watcher(aggregation.work, close_main)
    assert aggregation.aggregate([many_plans]) is None  # stopped
    watcher.stop()
    assert dialogs.confirm_texts == [("集計を取りやめますか", "集計の途中です。取りやめて閉じますか？")]
    qtbot.waitUntil(lambda: not aggregation.isVisible())
    assert window.isVisible()  # closed only once the person closes it again, with nothing running
