"""Long work never freezes the window: progress, キャンセル, closing while working, key derivation.

The window waits for a worker thread in a local event loop, so what happens meanwhile is watched
from a QTimer: its ticks are the proof that the event loop keeps running.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

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


@pytest.fixture
def no_delay(monkeypatch):
    # Shown at once, so that a fast machine still shows it; the delay itself is the benchmark's.
    monkeypatch.setattr(BackgroundWork, "min_duration_ms", 0)


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

    def press_cancel(dialog):
        if dialog.isVisible() and dialog.value() > 0 and dialog.button.isEnabled():
            qtbot.mouseClick(dialog.button, Qt.MouseButton.LeftButton)

    watcher = Watcher(aggregation.work, press_cancel)
    assert aggregation.aggregate([many_plans]) is None
    watcher.stop()
    assert any(label == "取り消しています…" for _v, _n, label in watcher.samples)
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
