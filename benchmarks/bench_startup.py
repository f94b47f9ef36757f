"""Start-up time, peak memory and bundle size: figures and ratios, never pass/fail.

1. Start to the first painted step, under a private Xvfb server, seen from outside the process
   (``xpaint.py``: the first time the new window's pixels are not one colour), against a bare
   QWizard with as many pages (a title and a label each) measured the same way, interleaved:
   - the application as ``python -m supportguide_app`` (unfrozen);
   - the frozen Linux bundle, ``packaging/dist/supportguide/supportguide``, when it is built;
   - the frozen Windows bundle under Wine, when issue 11's Wine build exists (``--wine-dist``,
     or found under ``packaging/``), against a bare QWizard on the same Windows Python
     (``--wine-python``).
   Goal (issue 16): ratio at most 1.25. A row more, "platform parts alone", is the bare QWizard
   with what this window cannot do without (the bundled fonts registered and set, Fusion, the
   window's style sheet, 1280×800): the floor any window drawn this way starts from, on Linux and
   under Wine. Another, "the same widgets, bare PySide6", is the first step rebuilt widget for
   widget in plain PySide6 by ``widget_replica.py`` (generated at the start of the run from the
   application's first frame, offscreen): against the bare QWizard it is what these widgets cost
   in Qt; the application against it is what the application's own code adds (Linux only).
2. Peak RSS of the whole process (offscreen): a full session (open the example, edit on every
   step, undo, visit every step, save, export both PDF layouts), the same without the PDFs, and
   the bare QWizard. Goal: at most 120 MiB for the full session.
3. The size of each bundle folder that is built. Goal: Linux at most 110 MiB.

Run: ``python benchmarks/bench_startup.py [--repeat N] [--wine-dist DIR --wine-python EXE
--wine-prefix DIR] [--wine-only]`` (the Wine prefix with issue 11's stub DLLs in its system32).
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, bytecode_note, folder_size, header, measure, row  # noqa: E402
from _wine import warm_wine  # noqa: E402

LINUX_BUNDLE = ROOT / "packaging" / "dist" / "supportguide"

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage
app = QApplication(sys.argv[:1])
wizard = QWizard()
for n in range({pages}):
    page = QWizardPage()
    page.setTitle(f"ステップ {{n}}")
    QVBoxLayout(page).addWidget(QLabel("支援者サポートチェックリスト"))
    wizard.addPage(page)
wizard.show()
{end}
"""

# The platform parts this window needs, without the window: the bare QWizard above with the
# bundled fonts registered and set, Fusion, and the window's style sheet at its size. The gap
# between this and the bare QWizard is what any window drawn this way pays; the gap between the
# application and this is the application's own (its imports, widgets and their layout).
FLOOR_SETUP = """
from PySide6.QtGui import QFont, QFontDatabase
font_id = QFontDatabase.addApplicationFont({regular!r})
QFontDatabase.addApplicationFont({bold!r})
font = QFont(QFontDatabase.applicationFontFamilies(font_id)[0])
font.setPointSizeF(11)
app.setFont(font)
app.setStyle("Fusion")
"""


def floor_script(pages: int, font_dir: str, separator: str = "/") -> str:
    """BARE with the fonts (in ``font_dir``), Fusion and the window's style sheet at 1280×800."""
    from supportguide_app.ui.style import stylesheet  # noqa: PLC0415 (no Qt: plain text)

    setup = FLOOR_SETUP.format(regular=f"{font_dir}{separator}BIZUDPGothic-Regular.ttf",
                               bold=f"{font_dir}{separator}BIZUDPGothic-Bold.ttf")
    start = "app = QApplication(sys.argv[:1])\n"
    script = BARE.format(pages=pages, end="app.exec()").replace(start, start + setup)
    script = script.replace("wizard.show()", f"wizard.setStyleSheet({stylesheet(100)!r})\n"
                            "wizard.resize(1280, 800)\nwizard.show()")
    return script


SESSION = """
import sys
from pathlib import Path
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication
QStandardPaths.setTestModeEnabled(True)
from supportguide_app.ui.app import build_window, configure_application
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
app = QApplication(sys.argv[:1])
configure_application(app)
window = build_window(dialogs=Answers())
window.show()
app.processEvents()
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
if sys.argv[3] == "pdfs":
    for layout in ("plan", "checklist"):
        window.dialogs.layout = layout
        window.exporter.export_pdf()
app.processEvents()
print("FILES", *sorted(p.name for p in work.iterdir()))
"""


def _find(pattern: str) -> Path | None:
    found = sorted((ROOT / "packaging").rglob(pattern))
    return found[0] if found else None


def _startup_rows(repeat: int, pages: int, env: dict[str, str], args: argparse.Namespace) -> None:
    from widget_replica import compiled_command  # noqa: PLC0415
    from xpaint import XvfbPaintWatcher  # noqa: PLC0415

    bare = [sys.executable, "-c", BARE.format(pages=pages, end="app.exec()")]
    fonts = str(ROOT / "resources" / "fonts")
    candidates = {"unfrozen": [sys.executable, "-m", "supportguide_app"],
                  "floor": [sys.executable, "-c", floor_script(pages, fonts)],
                  "replica": compiled_command(generate_replica(), Path(env["HOME"]))}
    frozen = LINUX_BUNDLE / "supportguide"
    if frozen.exists():
        candidates["frozen Linux bundle"] = [str(frozen)]
    times: dict[str, list[float]] = {name: [] for name in candidates}
    bare_times: list[float] = []
    with XvfbPaintWatcher() as watcher:
        for cmd in (*candidates.values(), bare):  # warm the file cache once for each
            watcher.time_to_first_paint(cmd, env)
        for _ in range(repeat):  # interleaved: all see the same machine load
            for name, cmd in candidates.items():
                times[name].append(watcher.time_to_first_paint(cmd, env))
            bare_times.append(watcher.time_to_first_paint(bare, env))
        bare_ms = statistics.median(bare_times) * 1000
        row("first paint, platform parts alone (fonts, sheet)",
            statistics.median(times["floor"]) * 1000, bare_ms, "ms", "–",
            "(bare QWizard + bundled fonts, Fusion, the style sheet, 1280×800)")
        replica_ms = statistics.median(times["replica"]) * 1000
        row("first paint, the same widgets, bare PySide6", replica_ms, bare_ms, "ms", "–",
            "(widget_replica.py: the first step's widgets, menus, sheet and fonts, no app code)")
        for name in ("unfrozen", "frozen Linux bundle"):
            app_ms = statistics.median(times[name]) * 1000 if name in times else None
            row(f"first painted step, {name}", app_ms, bare_ms, "ms", "≤ 1.25",
                f"(bare QWizard, {pages} pages, unfrozen; median of {repeat}, Xvfb)")
        for name in ("unfrozen", "frozen Linux bundle"):
            app_ms = statistics.median(times[name]) * 1000 if name in times else None
            row(f"{name} against the same widgets", app_ms, replica_ms, "ms", "–",
                "(the bare-PySide6 replica, same run: what the application's own code adds)")
        _wine_row(watcher, repeat, pages, env, args)


def _other_wine_processes() -> str:
    """The Wine processes running before the run starts (Linux: from /proc), or ''."""
    found = []
    for status in Path("/proc").glob("[0-9]*/comm"):
        try:
            name = status.read_text(encoding="utf-8").strip()
        except OSError:
            continue
        if name.startswith("wineserver") or name.endswith(".exe"):
            found.append(name)
    return ", ".join(sorted(set(found)))


def _wine_path(path: Path) -> str:
    """``path`` as a Windows program under Wine sees it (drive Z: is the Linux root)."""
    return "Z:" + str(path).replace("/", "\\")


def _wine_replica(python: Path, folder: Path) -> list[str]:
    """The replica of the first step, for the Windows Python: its font paths as Wine sees them.

    Compiled here (the same Python version: the bytecode is the same on both systems) and
    imported there, as the frozen bundle runs from bytecode too.
    """
    from widget_replica import compiled_command  # noqa: PLC0415

    script = generate_replica()
    for name in ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf"):
        font = ROOT / "resources" / "fonts" / name
        script = script.replace(repr(str(font)), repr(_wine_path(font)))
    folder = folder / "wine-replica"
    folder.mkdir(exist_ok=True)
    return compiled_command(script, folder, python=("wine", str(python)),
                            folder_seen_as=_wine_path(folder))


@functools.cache
def generate_replica() -> str:
    """widget_replica.generate(), once per run (it starts the application offscreen)."""
    from widget_replica import generate  # noqa: PLC0415

    return generate()


def _wine_row(watcher, repeat: int, pages: int, env: dict[str, str], args: argparse.Namespace) -> None:
    dist = args.wine_dist or (_find("supportguide.exe").parent if _find("supportguide.exe") else None)
    if dist is None or not (Path(dist) / "supportguide.exe").exists():
        row("first painted step, frozen Windows under Wine", None, None, "ms", "≤ 1.25",
            "(no Windows bundle found: pass --wine-dist)")
        return
    # Wine 8 lacks three DLLs every Windows has; issue 11's stubs (in the prefix's system32) stand
    # in, and mscms must be the stub, not Wine's own (see packaging/windows_under_wine.sh).
    wine_env = dict(env, WINEDEBUG="-all", WINEDLLOVERRIDES="mscms=n", LANG="ja_JP.UTF-8",
                    LC_ALL="ja_JP.UTF-8")
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONIOENCODING", "PYTHONUTF8"):  # Linux paths break
        wine_env.pop(name, None)  # the Windows interpreter's start
    if args.wine_prefix:
        wine_env["WINEPREFIX"] = str(args.wine_prefix)
    app = ["wine", str(Path(dist) / "supportguide.exe")]
    python = args.wine_python
    bare = (["wine", str(python), "-c", BARE.format(pages=pages, end="app.exec()")]
            if python else None)
    windows_fonts = _wine_path(ROOT / "resources" / "fonts")
    floor = (["wine", str(python), "-c", floor_script(pages, windows_fonts, "\\")]
             if python else None)
    replica = _wine_replica(python, Path(env["HOME"])) if python else None
    # One warm Wine for the whole run (_wine.py): booted once, as Windows is when a user starts
    # the program; every program below meets the same server, services and desktop.
    warm_up = ([*bare[:2], "-c", BARE.format(pages=1, end="app.processEvents()")] if bare
               else ["wine", str(Path(dist) / "supportguide-cli.exe"), "--version"])
    app_times, bare_times, floor_times, replica_times = [], [], [], []
    others = _other_wine_processes()
    if others:  # another Wine (a build, a test run, a server shutting down) shares the CPU
        print(f"  (warning: other Wine processes are running: {others}; the figures will be slow)")
    with warm_wine(dict(wine_env, DISPLAY=watcher.display_name), warm_up) as boot:
        print(f"  (Wine booted once for the run: {boot * 1000:,.0f} ms, not counted; load average "
              f"{os.getloadavg()[0]:.2f})")
        watcher.time_to_first_paint(app, wine_env, timeout=120)  # the file cache, the desktop
        for _ in range(repeat):
            app_times.append(watcher.time_to_first_paint(app, wine_env, timeout=120))
            if bare:
                bare_times.append(watcher.time_to_first_paint(bare, wine_env, timeout=120))
                floor_times.append(watcher.time_to_first_paint(floor, wine_env, timeout=120))
                replica_times.append(watcher.time_to_first_paint(replica, wine_env, timeout=120))
    if floor_times:
        row("first paint under Wine, platform parts alone", statistics.median(floor_times) * 1000,
            statistics.median(bare_times) * 1000, "ms", "–",
            "(bare QWizard + bundled fonts, Fusion, the style sheet, 1280×800; same Windows Python)")
    for name, times in (("bare QWizard", bare_times), ("platform parts", floor_times),
                        ("same widgets", replica_times), ("bundle", app_times)):
        if times:
            print(f"  ({name} under Wine, {len(times)} rounds: {min(times) * 1000:,.0f}–"
                  f"{max(times) * 1000:,.0f} ms)")
    if replica_times:
        row("first paint under Wine, the same widgets, bare PySide6",
            statistics.median(replica_times) * 1000, statistics.median(bare_times) * 1000, "ms", "–",
            "(widget_replica.py's script on the same Windows Python, from its bytecode)")
    row("first painted step, frozen Windows under Wine", statistics.median(app_times) * 1000,
        statistics.median(bare_times) * 1000 if bare_times else None, "ms", "≤ 1.25",
        "(bare QWizard on the same Windows Python)" if bare else "(no --wine-python for the baseline)")
    if replica_times:
        row("frozen Windows under Wine against the same widgets", statistics.median(app_times) * 1000,
            statistics.median(replica_times) * 1000, "ms", "–",
            "(the bare-PySide6 replica under Wine, same run: what the application's own code adds)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--wine-dist", type=Path, help="the Windows one-folder bundle (supportguide.exe)")
    parser.add_argument("--wine-python", type=Path,
                        help="a Windows python.exe with PySide6, for the bare baseline under Wine")
    parser.add_argument("--wine-prefix", type=Path, help="the 64-bit Wine prefix to run them in")
    parser.add_argument("--no-startup", action="store_true", help="only memory and sizes")
    parser.add_argument("--wine-only", action="store_true", help="only the rows under Wine")
    args = parser.parse_args()

    from supportguide_app.ui.pages import PAGE_ORDER  # noqa: PLC0415 (only for the page count)

    pages = len(PAGE_ORDER)
    print(bytecode_note())
    print(f"Linux bundle: {'built, ' + str(LINUX_BUNDLE) if LINUX_BUNDLE.exists() else 'not built'}")
    header()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, PYTHONPATH=str(ROOT))
        if args.wine_only:
            from xpaint import XvfbPaintWatcher  # noqa: PLC0415

            with XvfbPaintWatcher() as watcher:
                _wine_row(watcher, args.repeat, pages, env, args)
            return
        if not args.no_startup:
            _startup_rows(args.repeat, pages, env, args)

        offscreen = dict(env, QT_QPA_PLATFORM="offscreen")
        example = ROOT / "resources" / "examples" / "example-session.json"
        peaks = {}
        files = {}
        for what in ("pdfs", "no-pdfs"):
            runs = []
            for n in range(3):
                work = Path(home) / f"{what}-{n}"
                work.mkdir()
                runs.append(measure([sys.executable, "-c", SESSION, str(work), str(example), what],
                                    env=offscreen))
            peaks[what] = statistics.median(r[1] for r in runs)
            files[what] = ", ".join(runs[-1][2].decode().split()[1:])
        bare_peak = statistics.median(
            measure([sys.executable, "-c", BARE.format(pages=pages, end="app.processEvents()")],
                    env=offscreen)[1] for _ in range(3))
        row("peak RSS, window + whole plan + both PDFs", peaks["pdfs"], bare_peak, "MiB", "≤ 120 MiB",
            f"(bare QWizard; the session wrote {files['pdfs']})")
        row("peak RSS, window + whole plan, no PDF", peaks["no-pdfs"], bare_peak, "MiB", "",
            "(bare QWizard)")
    linux = folder_size(LINUX_BUNDLE) / 2**20 if LINUX_BUNDLE.exists() else None
    row("Linux bundle size", linux, None, "MiB", "≤ 110 MiB", str(LINUX_BUNDLE))
    dist = args.wine_dist or (_find("supportguide.exe").parent if _find("supportguide.exe") else None)
    windows = folder_size(Path(dist)) / 2**20 if dist else None
    row("Windows bundle size", windows, None, "MiB", "(issue 11: ≤ 60 MB)", str(dist or ""))


if __name__ == "__main__":
    main()
