"""Long work in the window: time to the first visible feedback, to a cancel, and the overhead.

Measures, in a real (offscreen) window of this version:

1. aggregation of N generated plans through the aggregation window: time from the start to the
   progress dialog on screen, the largest gap between two ticks of a 10 ms timer while it runs
   (how long the window could not paint), the whole run against ``aggregate_folder`` called
   directly (the cost of the worker thread and the dialog), and the time from キャンセル to the
   window being free again;
2. opening a protected plan (scrypt key derivation): the largest timer gap while the key is derived,
   and the time from a cancel to the window being free (the derivation cannot be interrupted);
3. PDF export of a plan with long notes: time to the dialog and from a cancel to the window free;
4. ``supportguide aggregate`` on a terminal: time from SIGINT to the process's exit.

Figures, never pass/fail. Run: ``python benchmarks/bench_feedback.py [--files N]``
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def write_plans(folder: Path, count: int) -> None:
    from supportguide_app.plan.session import Session
    from supportguide_app.storage.codec import session_to_dict
    from supportguide_app.storage.files import dumps_document

    folder.mkdir(parents=True)
    for number in range(count):
        session = Session(title=f"計画{number}", organisation="ひだまり市", date="2026-04-01")
        for item in ("D02", "D05") if number % 2 else ("D03",):
            session.set_value(("selection", "difficulties", item, "selected"), True)
        session.set_value(("selection", "goals", "A", "selected"), True)
        (folder / f"plan_{number:05d}.json").write_bytes(dumps_document(session_to_dict(session)))


class Probe:
    """A 10 ms timer that records when the event loop ran and when the dialog was first visible."""

    def __init__(self, work, on_tick=None) -> None:
        from PySide6.QtCore import QTimer

        self.work = work
        self.ticks: list[float] = []
        self.first_visible: float | None = None
        self.first_count: float | None = None
        self.on_tick = on_tick
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def start(self) -> float:
        self.t0 = time.perf_counter()
        self.timer.start()
        return self.t0

    def _tick(self) -> None:
        now = time.perf_counter()
        dialog = self.work.dialog
        if dialog is None:
            return
        self.ticks.append(now)
        if self.first_visible is None and dialog.isVisible():
            self.first_visible = now
        if self.first_count is None and dialog.isVisible() and dialog.value() > 0:
            self.first_count = now
        if self.on_tick is not None:
            self.on_tick(now)

    def max_gap_ms(self) -> float:
        points = [self.t0, *self.ticks]
        return max((b - a for a, b in zip(points, points[1:], strict=False)), default=0.0) * 1000


def bench_window(files: int, root: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from supportguide_app.guide import load_guide
    from supportguide_app.plan.session import Session
    from supportguide_app.progress import Cancelled
    from supportguide_app.storage import aggregate_folder, crypto, save_session
    from supportguide_app.ui.aggregation import AggregationWindow
    from supportguide_app.ui.app import configure_application
    from supportguide_app.ui.main_window import MainWindow
    from supportguide_app.ui.settings import AppSettings

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ui"))
    from scripted_dialogs import ScriptedDialogs

    app = QApplication.instance() or QApplication([])
    configure_application(app)
    guide = load_guide()
    folder = root / "plans"
    write_plans(folder, files)

    start = time.perf_counter()
    aggregate_folder([folder], guide=guide)
    direct = time.perf_counter() - start

    dialogs = ScriptedDialogs()
    window = AggregationWindow(guide, dialogs, start_folder=root, export_folder=root)
    window.show()
    probe = Probe(window.work)
    t0 = probe.start()
    window.aggregate([folder])
    total = time.perf_counter() - t0
    probe.timer.stop()
    print(f"aggregation of {files:,} plans, directly      : {direct * 1000:8.0f} ms")
    print(f"  in the window (worker + dialog)  : {total * 1000:8.0f} ms  ratio {total / direct:.2f}")
    print(f"  progress dialog visible after    : {(probe.first_visible - t0) * 1000:8.0f} ms")
    print(f"  first count shown after          : {(probe.first_count - t0) * 1000:8.0f} ms")
    print(f"  longest gap between timer ticks  : {probe.max_gap_ms():8.0f} ms")

    latencies = []
    for _ in range(5):
        pressed: list[float] = []

        def press(now: float, pressed=pressed) -> None:
            if not pressed and window.work.dialog.value() > files // 4:
                pressed.append(time.perf_counter())
                window.work.cancel()

        probe = Probe(window.work, press)
        probe.start()
        result = window.aggregate([folder])
        free = time.perf_counter()
        probe.timer.stop()
        assert result is None
        latencies.append((free - pressed[0]) * 1000)
    print(f"  キャンセル to the window free      : median {statistics.median(latencies):.0f} ms, "
          f"max {max(latencies):.0f} ms (5 runs)")

    settings = AppSettings(QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat))
    main = MainWindow(guide, settings, autosave_folder=root / "autosave", dialogs=dialogs)
    main.show()
    plan = root / "protected.json"
    session = Session.new()
    session.set_value(("title",), "保護された計画")
    save_session(session, plan, passphrase="相談員を支える合言葉")
    gaps, cancels = [], []
    for attempt in range(6):
        crypto.forget_keys()
        dialogs.passphrase_answers.append("相談員を支える合言葉")
        cancel = attempt % 2 == 1
        pressed, deriving = [], []

        def press_now(now: float, cancel=cancel, pressed=pressed, deriving=deriving) -> None:
            if not cancel or pressed or "パスフレーズ" not in main.work.dialog.labelText():
                return
            deriving.append(now)
            if now - deriving[0] > 0.15:  # well into the derivation: the cancel waits for its end
                pressed.append(time.perf_counter())
                main.work.cancel()

        probe = Probe(main.work, press_now)
        probe.start()
        opened = main.document.open_file(plan)
        free = time.perf_counter()
        probe.timer.stop()
        if cancel:
            assert not opened
            cancels.append((free - pressed[0]) * 1000)
        else:
            assert opened
            gaps.append(probe.max_gap_ms())
            main.document._mark_saved()
    derive_start = time.perf_counter()
    crypto.forget_keys()
    crypto.KdfParams().derive("相談員を支える合言葉", b"0" * 16)
    derive = (time.perf_counter() - derive_start) * 1000
    print(f"protected open (scrypt {derive:.0f} ms here)")
    print(f"  longest gap between timer ticks  : median {statistics.median(gaps):.0f} ms (3 runs)")
    print(f"  cancel to the window free        : median {statistics.median(cancels):.0f} ms (3 runs; "
          "the derivation runs to its end, then the open stops)")

    main.editor.set(("notes",), ("面談の記録です。" * 20 + "\n") * 1000)
    out = root / "out"
    out.mkdir()
    cancels, visible = [], []
    for _ in range(3):
        dialogs.export_paths.append(out / "plan.pdf")
        pressed = []

        def press_on_page(now: float, pressed=pressed) -> None:
            page = re.match(r"(\d+)ページ目", main.work.dialog.labelText())
            if not pressed and page and int(page.group(1)) >= 20 and main.work.dialog.isVisible():
                pressed.append(time.perf_counter())
                main.work.cancel()

        probe = Probe(main.work, press_on_page)
        t0 = probe.start()
        try:
            assert main.exporter.export_pdf() is None
        except Cancelled:
            pass
        free = time.perf_counter()
        probe.timer.stop()
        cancels.append((free - pressed[0]) * 1000)
        visible.append((probe.first_visible - t0) * 1000)
        assert not (out / "plan.pdf").exists()
    print("PDF export of a plan with a 480 KB note (about 85 pages)")
    print(f"  progress dialog visible after    : median {statistics.median(visible):.0f} ms")
    print(f"  cancel (at page 20) to free      : median {statistics.median(cancels):.0f} ms (3 runs)")
    main.document._mark_saved()
    main.close()
    window.close()


def bench_cli(files: int, root: Path) -> None:
    folder = root / "cli-plans"
    write_plans(folder, files)
    out = root / "cli-out"
    out.mkdir()
    latencies = []
    for _ in range(3):
        master, slave = pty.openpty()
        child = subprocess.Popen(
            [sys.executable, "-m", "supportguide_app", "aggregate", str(folder), "-o", str(out / "s.pdf"),
             "--csv", str(out / "s.csv")], stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        seen = b""
        while "件を読み込みました".encode() not in seen or seen.count(b"\r") < 3:
            select.select([master], [], [], 60)
            seen += os.read(master, 4096)
        start = time.perf_counter()
        child.send_signal(signal.SIGINT)
        code = child.wait(60)
        latencies.append((time.perf_counter() - start) * 1000)
        os.close(master)
        assert code == 130 and list(out.iterdir()) == [], (code, list(out.iterdir()))
    print(f"CLI aggregate of {files:,} plans, SIGINT to exit 130: "
          f"median {statistics.median(latencies):.0f} ms (3 runs, no file written)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_window(args.files, Path(tmp))
        bench_cli(args.files, Path(tmp))


if __name__ == "__main__":
    main()
