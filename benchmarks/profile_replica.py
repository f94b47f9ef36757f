"""Where the time to the first frame goes, phase by phase: bare QWizard, the replica, the application.

Each program runs under a private Xvfb (the one of ``xpaint.py``, as in ``bench_startup.py``) with
marks at the ends of its phases (wall clock and the process's CPU time), from the parent's
``Popen`` to the turn after the window's first paint, interleaved for ``--repeat`` rounds; the
table shows the median duration of each phase. At the end each program also reports how many
Python enum classes PySide6 had made by then, and how many widgets existed.

- bare: ``bench_startup.BARE`` (a QWizard with as many pages, a title and a label each);
- replica: the first step in plain PySide6 (``widget_replica.py``, generated at the start);
- application: what ``python -m supportguide_app`` does up to its first frame (``cli.main``
  pauses the collector, ``ui.app.run``: QApplication, ``configure_application``,
  ``build_window``, ``show``), in one script so that it can carry the marks; ``ui.main_window``,
  which ``build_window`` imports, is imported ahead of it to time that import on its own.

Run: ``python benchmarks/profile_replica.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, bytecode_note  # noqa: E402

PRELUDE = """
import time as _time
_MARKS = [("interpreter", _time.perf_counter(), _time.process_time())]
def _mark(name):
    _MARKS.append((name, _time.perf_counter(), _time.process_time()))
"""

END = """
def _report():
    import enum, gc, json
    from PySide6.QtWidgets import QApplication as _App
    enums = sum(1 for o in gc.get_objects()
                if isinstance(o, enum.EnumType) and o.__module__.startswith("PySide6"))
    print("MARKS " + json.dumps({{"marks": _MARKS, "enums": enums,
                                 "widgets": len(_App.allWidgets())}}), flush=True)
    app.quit()
from PySide6.QtCore import QEvent as _Event, QObject as _Object, QTimer as _Timer
class _Watch(_Object):
    def eventFilter(self, watched, event):
        if event.type() == _Event.Type.Paint:
            watched.removeEventFilter(self)
            _mark("paint begins")
            _Timer.singleShot(0, lambda: (_mark("painted"), _report()))
        return False
_watch = _Watch({window})
{window}.installEventFilter(_watch)
app.exec()
"""

APPLICATION = """
import gc
import sys
gc.disable()
from PySide6.QtWidgets import QApplication
_mark("imports: PySide6")
from supportguide_app.ui.app import build_window, configure_application
_mark("imports: application (ui.app)")
import supportguide_app.ui.main_window
_mark("imports: application (ui.main_window, the rest)")
app = QApplication(sys.argv[:1])
_mark("QApplication")
configure_application(app)
_mark("set-up (names, Fusion, fonts, translation)")
window = build_window()
_mark("guide, settings, widgets built, style sheet")
window.show()
_mark("show()")
"""


def bare_program(pages: int) -> str:
    from bench_startup import BARE  # noqa: PLC0415

    script = BARE.format(pages=pages, end="")
    script = script.replace("app = QApplication(sys.argv[:1])",
                            '_mark("imports: PySide6")\napp = QApplication(sys.argv[:1])\n'
                            '_mark("QApplication")')
    script = script.replace("wizard.show()", '_mark("widgets built")\nwizard.show()\n_mark("show()")')
    return PRELUDE + script + END.format(window="wizard")


def replica_program(script: str) -> str:
    lines = []
    for line in script.splitlines():
        if line == "app = QApplication(sys.argv[:1])":
            lines += ['_mark("imports: PySide6")', line, '_mark("QApplication")']
        elif line.startswith("# -- "):  # the replica's own phase marks
            lines.append(f"_mark({line.removeprefix('# -- ')!r})")
        elif line == "window.show()":
            lines += [line, '_mark("show()")']
        elif line == "app.exec()":
            continue
        else:
            lines.append(line)
    body = "\n".join(lines)
    return body.replace('"""\nimport sys', '"""\n' + PRELUDE + "\nimport sys", 1) + END.format(
        window="window")


def run(display: str, command: list[str], env: dict[str, str]) -> dict:
    env = dict(env, DISPLAY=display)
    env.pop("QT_QPA_PLATFORM", None)
    start = time.perf_counter()
    out = subprocess.run(command, env=env, capture_output=True, timeout=60,
                         check=True).stdout.decode()
    line = next(x for x in out.splitlines() if x.startswith("MARKS "))
    report = json.loads(line.removeprefix("MARKS "))
    report["spawn"] = start
    return report


def phases(report: dict) -> list[tuple[str, float, float]]:
    """(phase, wall ms, CPU ms) from the parent's Popen on."""
    marks = report["marks"]
    result = [("interpreter start", (marks[0][1] - report["spawn"]) * 1000, marks[0][2] * 1000)]
    for (_, wall0, cpu0), (name, wall1, cpu1) in zip(marks, marks[1:], strict=False):
        result.append((name, (wall1 - wall0) * 1000, (cpu1 - cpu0) * 1000))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from widget_replica import compiled_command, generate  # noqa: PLC0415
    from xpaint import XvfbPaintWatcher  # noqa: PLC0415

    from supportguide_app.ui.pages import PAGE_ORDER  # noqa: PLC0415

    print(bytecode_note())
    with tempfile.TemporaryDirectory() as home, XvfbPaintWatcher() as watcher:
        env = dict(os.environ, HOME=home, PYTHONPATH=str(ROOT))
        programs = {  # the replica from its bytecode (see compiled_command), the others from -c
            "bare QWizard": [sys.executable, "-c", bare_program(len(PAGE_ORDER))],
            "replica": compiled_command(replica_program(generate()), Path(home)),
            "application": [sys.executable, "-c", PRELUDE + APPLICATION + END.format(window="window")]}
        reports: dict[str, list[dict]] = {name: [] for name in programs}
        for command in programs.values():  # warm the file cache
            run(watcher.display_name, command, env)
        for _ in range(args.repeat):
            for name, command in programs.items():
                reports[name].append(run(watcher.display_name, command, env))
    print(f"medians of {args.repeat} interleaved rounds, ms (wall / CPU), under Xvfb")
    for name, runs in reports.items():
        table = [phases(r) for r in runs]
        print(f"\n{name}: {runs[-1]['widgets']} widgets, {runs[-1]['enums']} PySide6 enum classes")
        for i, (phase, _, _) in enumerate(table[0]):
            wall = statistics.median(t[i][1] for t in table)
            cpu = statistics.median(t[i][2] for t in table)
            print(f"  {phase:46} {wall:7.1f} {cpu:7.1f}")
        total = statistics.median(sum(p[1] for p in t) for t in table)
        print(f"  {'total, Popen to the turn after the first paint':46} {total:7.1f}")


if __name__ == "__main__":
    main()
