"""Smoke test of the frozen one-folder bundle (takes a minute or two with the build).

1. builds it with build_linux.sh (skip with --no-build),
2. the folder: its size (goal 110 MiB) and 15 largest files; every library a file in it NEEDS is
   in the folder or is a system library PyInstaller never bundles, and every bundled library is
   NEEDED by something (no dead weight),
3. starts the window from the bundle offscreen and checks that it keeps running without a
   traceback for a few seconds, and that it loads Qt (the control of step 5's check),
4. on a real X display (Xvfb, when installed) the window maps under its Japanese title, and a
   screenshot is kept (packaging/build/smoke/window.png: look at it),
5. exports the example session to PDF (each layout) and aggregates it with the frozen command line
   and with the unfrozen one, and compares the PDFs' text (pdftotext) and the CSV bytes; the
   command line loads no Qt library (the dynamic loader's trace, LD_DEBUG=libs),
6. exports a passphrase-protected copy with the frozen command line.

Run from the repository root, in the environment where the application is installed:
``python packaging/smoke_test.py`` (needs PyInstaller and poppler-utils). Exit 0 when all is well.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUNDLE = HERE / "dist" / "supportguide"
SHOTS = HERE / "build" / "smoke"
EXAMPLE = ROOT / "resources" / "examples" / "example-session.json"
SIZE_GOAL_MIB = 110
WINDOW_TITLE = "支援者サポート計画ツール"
# A library of Qt or of what only Qt needs: the command line must load none of them.
QT_LIBRARY = re.compile(r"libQt6|/PySide6/|libpyside6|libshiboken6|libicu|libglib-2\.0")

sys.path.insert(0, str(HERE))
import elf_deps  # noqa: E402  (packaging/elf_deps.py)


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def _loaded_libraries(stderr: bytes) -> list[str]:
    """The libraries the dynamic loader initialised, from an LD_DEBUG=libs trace."""
    return re.findall(r"calling init: (\S+)", stderr.decode("utf-8", "replace"))


def check_folder(failures: list[str]) -> None:
    files = _files(BUNDLE)
    total = sum(p.stat().st_size for p in files)
    print(f"bundle: {total / 2**20:.1f} MiB in {len(files)} files (goal {SIZE_GOAL_MIB} MiB: "
          f"{'met' if total <= SIZE_GOAL_MIB * 2**20 else 'NOT met'})")
    for path in sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:15]:
        print(f"  {path.stat().st_size / 2**20:7.2f} MiB  {path.relative_to(BUNDLE).as_posix()}")
    if total > SIZE_GOAL_MIB * 2**20:
        failures.append(f"the bundle is {total / 2**20:.1f} MiB, more than {SIZE_GOAL_MIB} MiB")

    from PyInstaller.depend.dylib import exclude_list  # the system libraries it never bundles

    needs = elf_deps.folder_needs(BUNDLE)
    present = {p.name for p in BUNDLE.rglob("*")}
    def system(name: str) -> bool:  # the dynamic loader itself is the system's too
        return bool(exclude_list.check_library(name)) or name.startswith("ld-linux")

    missing = sorted({f"{path.relative_to(BUNDLE)} NEEDS {name}" for path, names in needs.items()
                      for name in names if name not in present and not system(name)})
    print(f"libraries: {len(needs)} ELF files, {len(missing)} NEEDED names neither in the folder "
          "nor a system library PyInstaller leaves out")
    if missing:
        failures.append("NEEDED but not in the bundle:\n" + "\n".join(missing))
    # What starts a chain of NEEDED: the executable, Python and its extension modules, Qt plugins.
    needed_names = {name for names in needs.values() for name in names}
    dead = sorted(str(path.relative_to(BUNDLE)) for path in needs
                  if path.name not in needed_names and path.parent != BUNDLE
                  and not path.name.startswith("libpython") and "/plugins/" not in path.as_posix()
                  and not re.search(r"\.(cpython-\d+[^.]*|abi3)\.so$", path.name))
    print(f"  {len(dead)} bundled libraries that no file NEEDS" + (f": {', '.join(dead)}" if dead else ""))
    if dead:
        failures.append("libraries nothing loads are bundled: " + ", ".join(dead))


def check_window_offscreen(exe: Path, seconds: float, failures: list[str]) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LD_DEBUG="libs")
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = home  # the bundle's settings and autosaves go to a throw-away profile
        started = time.perf_counter()
        window = subprocess.Popen([str(exe)], env=env, stderr=subprocess.PIPE)
        time.sleep(seconds)
        alive = window.poll() is None
        window.kill()
        stderr = window.communicate()[1]
    text = "\n".join(line for line in stderr.decode("utf-8", "replace").splitlines()
                     if not re.match(r"\s*\d+:", line))  # without the loader's trace
    qt = [lib for lib in _loaded_libraries(stderr) if QT_LIBRARY.search(lib)]
    print(f"window: {'running' if alive else 'exited'} after {time.perf_counter() - started:.1f} s, "
          f"{len(qt)} Qt libraries loaded (the control of the command line's check)")
    if not alive or "Traceback" in text:
        failures.append(f"the window did not keep running:\n{text}")
    if not any("libQt6Core" in lib for lib in qt):
        failures.append("the loader's trace shows no QtCore in the window: the command line's "
                        "check would prove nothing")


def check_window_on_x(exe: Path, failures: list[str]) -> None:
    if shutil.which("Xvfb") is None or shutil.which("xwininfo") is None:
        print("window on X: skipped (no Xvfb/xwininfo)")
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x900x24",
                             "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as displayfd:
        display = displayfd.readline().strip()
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["DISPLAY"] = f":{display}"
    window = None
    try:
        with tempfile.TemporaryDirectory() as home:
            window = subprocess.Popen([str(exe)], env=dict(env, HOME=home), stderr=subprocess.PIPE)
            started, mapped = time.perf_counter(), False
            while not mapped and time.perf_counter() - started < 30 and window.poll() is None:
                tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env,
                                      capture_output=True).stdout.decode("utf-8", "replace")
                mapped = WINDOW_TITLE in tree
                time.sleep(0.3)
            print(f"window on X :{display}: {'mapped' if mapped else 'NOT mapped'} after "
                  f"{time.perf_counter() - started:.1f} s")
            if not mapped:
                failures.append("the window did not map on the X display")
                return
            time.sleep(2)  # let the first step paint
            shot = SHOTS / "window.png"
            code = ("import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]); "
                    "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)")
            taken = subprocess.run([sys.executable, "-c", code, str(shot)],
                                   env=dict(env, QT_QPA_PLATFORM="xcb"), capture_output=True,
                                   timeout=60).returncode == 0
            print(f"  screenshot: {shot if taken else 'FAILED'}")
            if not taken:
                failures.append("no screenshot of the window")
    finally:
        if window is not None:
            window.kill()
            stderr = window.communicate()[1].decode("utf-8", "replace")
            if "Traceback" in stderr:
                failures.append(f"the window on X failed:\n{stderr}")
        xvfb.kill()
        xvfb.wait()


def check_cli(cli: Path, failures: list[str]) -> None:
    with tempfile.TemporaryDirectory() as out:
        traced = dict(os.environ, LD_DEBUG="libs")
        for layout in ("plan", "checklist", "spec"):
            frozen_pdf, source_pdf = Path(out) / f"frozen-{layout}.pdf", Path(out) / f"source-{layout}.pdf"
            frozen = subprocess.run([str(cli), "export", str(EXAMPLE), "-o", str(frozen_pdf),
                                     "--layout", layout], capture_output=True, env=traced)
            source = subprocess.run([sys.executable, "-m", "supportguide_app", "export", str(EXAMPLE),
                                     "-o", str(source_pdf), "--layout", layout],
                                    capture_output=True, cwd=ROOT)
            if frozen.returncode or source.returncode:
                failures.append(f"export ({layout}) failed:\n"
                                + frozen.stderr.decode("utf-8", "replace")[-3000:]
                                + source.stderr.decode("utf-8", "replace"))
                continue
            same = _pdf_text(frozen_pdf) == _pdf_text(source_pdf)
            print(f"frozen export ({layout}): {frozen_pdf.stat().st_size // 1024} KiB, text "
                  f"{'identical to' if same else 'DIFFERENT from'} the unfrozen export")
            if not same:
                failures.append(f"the frozen PDF's text ({layout}) differs from the unfrozen one")
        validate = subprocess.run([str(cli), "validate", str(EXAMPLE)], capture_output=True, env=traced)
        plans = Path(out) / "計画"
        plans.mkdir()
        shutil.copyfile(EXAMPLE, plans / "例.json")
        csvs, runs = {}, {}
        unfrozen = [sys.executable, "-m", "supportguide_app"]
        for label, command in (("frozen", [str(cli)]), ("source", unfrozen)):
            csv, pdf = Path(out) / f"{label}.csv", Path(out) / f"{label}.pdf"
            runs[label] = subprocess.run([*command, "aggregate", str(plans), "-o", str(pdf),
                                          "--csv", str(csv)], capture_output=True, cwd=ROOT,
                                         env=traced if label == "frozen" else None)
            csvs[label] = csv.read_bytes() if runs[label].returncode == 0 else None
        same = csvs["frozen"] is not None and csvs["frozen"] == csvs["source"]
        print(f"frozen aggregate: CSV {'identical to' if same else 'DIFFERENT from'} the unfrozen one")
        if not same:
            failures.append("the frozen aggregate's CSV differs from the unfrozen one (or it failed)")
        for name, result in (("export", frozen), ("validate", validate), ("aggregate", runs["frozen"])):
            loaded = _loaded_libraries(result.stderr)
            qt = [lib for lib in loaded if QT_LIBRARY.search(lib)]
            print(f"supportguide-cli {name}: exit {result.returncode}, {len(loaded)} libraries loaded, "
                  f"{len(qt)} of Qt")
            if result.returncode or not loaded or qt:
                failures.append(f"supportguide-cli {name} loads Qt (or did not run): " + ", ".join(qt))

    # A passphrase-protected copy: the bundle must carry cryptography's compiled part.
    with tempfile.TemporaryDirectory() as out:
        from supportguide_app.storage import load_session, save_session

        protected = Path(out) / "保護.json"
        save_session(load_session(EXAMPLE).session, protected, passphrase="smoke test")
        result = subprocess.run([str(cli), "export", str(protected), "-o", str(Path(out) / "p.pdf"),
                                 "--passphrase-stdin"], input=b"smoke test\n", capture_output=True)
        print(f"frozen export of a protected file: exit {result.returncode}")
        if result.returncode:
            failures.append("protected export failed:\n" + result.stderr.decode("utf-8", "replace"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="use the bundle already built")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long the window must run")
    args = parser.parse_args()

    if not args.no_build:
        subprocess.run(["bash", str(HERE / "build_linux.sh")], check=True)
    exe, cli = BUNDLE / "supportguide", BUNDLE / "supportguide-cli"
    failures: list[str] = []
    check_folder(failures)
    check_window_offscreen(exe, args.seconds, failures)
    check_window_on_x(exe, failures)
    check_cli(cli, failures)
    sys.stdout.flush()
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
