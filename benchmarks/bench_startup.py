"""Start-up time and peak memory of the window: figures and ratios, never pass/fail.

1. Process start to the first step shown: a fresh interpreter starts the application's window
   (the real set-up: fonts, translation, guide, all pages) and reports once the first step is
   painted; the baseline is a bare QWizard with the same number of pages, measured in the same
   run, in the same way. Aim: at most 1.25 times the bare one.
2. Peak memory (max RSS) over a full session: open the example, edit on every step, undo, save,
   export both PDF layouts; against the bare QWizard's peak. Aim: under 120 MiB.

Both run offscreen (QT_QPA_PLATFORM=offscreen), so no display is needed.
Run: ``python benchmarks/bench_startup.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PREAMBLE = """
import resource, sys
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication
QStandardPaths.setTestModeEnabled(True)
"""

APP_WINDOW = """
from supportguide_app.ui.app import build_window, configure_application
app = QApplication(sys.argv[:1])
configure_application(app)
window = build_window(dialogs=globals().get("DIALOGS"))
window.show()
app.processEvents()
window.navigator.current_page().repaint()
print("SHOWN", flush=True)
"""
APP = PREAMBLE + APP_WINDOW

BARE = PREAMBLE + """
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWizard, QWizardPage
app = QApplication(sys.argv[:1])
wizard = QWizard()
for n in range({pages}):
    page = QWizardPage()
    page.setTitle(f"ステップ {{n}}")
    QVBoxLayout(page).addWidget(QLabel("支援者サポートチェックリスト"))
    wizard.addPage(page)
wizard.show()
app.processEvents()
wizard.currentPage().repaint()
print("SHOWN", flush=True)
"""

FULL_SESSION = PREAMBLE + """
from pathlib import Path
from supportguide_app.ui.pages import PAGE_ORDER
work = Path(sys.argv[1])
class Answers:
    def __getattr__(self, name):
        return lambda *a, **k: None
    layout = "plan"
    def ask_pdf_layout(self, parent, current): return self.layout
    def export_path(self, parent, suggested): return work / f"{self.layout}.pdf"
    def save_path(self, parent, suggested): return work / "plan.json"
    def ask_open_pdf(self, parent, path): return False
DIALOGS = Answers()
""" + APP_WINDOW + """
window.document.open_file(Path(sys.argv[2]))
for cp, ids in (("difficulties", ("D02", "D07", "D12")), ("goals", "ABCDEF"),
                ("methods", ("ENV1", "MECH1", "MECH9"))):
    for item in ids:
        window.editor.set(("selection", cp, item, "selected"), True)
        window.editor.set(("selection", cp, item, "note"), "メモ" * 200)
window.editor.undo_stack.undo()
for page_id in PAGE_ORDER:
    window.navigator.go_to(page_id)
    app.processEvents()
window.document.save_as()
for layout in ("plan", "checklist"):
    window.dialogs.layout = layout
    window.exporter.export_pdf()
app.processEvents()
print("PEAK_KIB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""

BARE_PEAK = BARE + """
print("PEAK_KIB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
"""


def _env(home: str) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home, PYTHONPATH=str(ROOT))


def _time_to_shown(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env)
    for line in child.stdout:
        if line.startswith(b"SHOWN"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError("the child never showed its window")
    child.kill()
    child.wait()
    return elapsed


def _peak(code: str, env: dict[str, str], *args: str) -> float:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env,
                         check=True).stdout.decode()
    kib = int(next(line.split()[1] for line in out.splitlines() if line.startswith("PEAK_KIB")))
    return kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    from supportguide_app.ui.pages import PAGE_ORDER  # noqa: PLC0415 (only for the page count)

    pages = len(PAGE_ORDER)
    bare_code = BARE.format(pages=pages)
    with tempfile.TemporaryDirectory() as home:
        env = _env(home)
        _time_to_shown(APP, env)  # warm the file cache once for both
        _time_to_shown(bare_code, env)
        app_times, bare_times = [], []
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            app_times.append(_time_to_shown(APP, env))
            bare_times.append(_time_to_shown(bare_code, env))
        app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
        print(f"start to first step, application : median {app_median * 1000:7.1f} ms "
              f"(min {min(app_times) * 1000:.1f}, {args.repeat} runs)")
        print(f"start to first page, bare QWizard: median {bare_median * 1000:7.1f} ms "
              f"(min {min(bare_times) * 1000:.1f}, {pages} pages)")
        print(f"ratio application / bare QWizard : {app_median / bare_median:.2f} (aim: <= 1.25)")

        work = Path(home) / "work"
        work.mkdir()
        example = ROOT / "resources" / "examples" / "example-session.json"
        app_peak = _peak(FULL_SESSION, env, str(work), str(example))
        bare_peak = _peak(BARE_PEAK.format(pages=pages), env)
        print(f"peak memory, full session        : {app_peak:7.1f} MiB (aim: < 120 MiB)")
        print(f"peak memory, bare QWizard        : {bare_peak:7.1f} MiB")
        print(f"ratio                            : {app_peak / bare_peak:.2f}")
        exported = sorted(p.name for p in work.iterdir())
        print(f"files the full session wrote     : {', '.join(exported)}")


if __name__ == "__main__":
    main()
