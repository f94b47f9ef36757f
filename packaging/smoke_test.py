"""Smoke test of the frozen one-folder bundle (takes a few minutes with the build).

1. builds it with build_linux.sh (skip with --no-build),
2. starts the window from the bundle offscreen and checks that it keeps running without a
   traceback for a few seconds,
3. exports the example session to PDF with the frozen command line and with the unfrozen one,
   and compares the text of the two PDFs (pdftotext),
4. exports a passphrase-protected copy with the frozen command line,
5. prints the bundle's size.

Run from the repository root, in the environment where the application is installed:
``python packaging/smoke_test.py`` (needs PyInstaller and poppler-utils). Exit 0 when all is well.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUNDLE = HERE / "dist" / "supportguide"
EXAMPLE = ROOT / "resources" / "examples" / "example-session.json"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="use the bundle already built")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long the window must run")
    args = parser.parse_args()

    if not args.no_build:
        subprocess.run(["bash", str(HERE / "build_linux.sh")], check=True)
    exe, cli = BUNDLE / "supportguide", BUNDLE / "supportguide-cli"
    failures = []

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as home:
        env["HOME"] = home  # the bundle's settings and autosaves go to a throw-away profile
        started = time.perf_counter()
        window = subprocess.Popen([str(exe)], env=env, stderr=subprocess.PIPE)
        time.sleep(args.seconds)
        alive = window.poll() is None
        window.kill()
        stderr = window.communicate()[1].decode("utf-8", "replace")
    print(f"window: {'running' if alive else 'exited'} after {time.perf_counter() - started:.1f} s")
    if not alive or "Traceback" in stderr:
        failures.append(f"the window did not keep running:\n{stderr}")

    with tempfile.TemporaryDirectory() as out:
        frozen_pdf, source_pdf = Path(out) / "frozen.pdf", Path(out) / "source.pdf"
        frozen = subprocess.run([str(cli), "export", str(EXAMPLE), "-o", str(frozen_pdf)],
                                capture_output=True)
        source = subprocess.run([sys.executable, "-m", "supportguide_app", "export", str(EXAMPLE),
                                 "-o", str(source_pdf)], capture_output=True, cwd=ROOT)
        if frozen.returncode or source.returncode:
            failures.append("export failed:\n" + frozen.stderr.decode("utf-8", "replace")
                            + source.stderr.decode("utf-8", "replace"))
        else:
            same = _pdf_text(frozen_pdf) == _pdf_text(source_pdf)
            print(f"frozen export: {frozen_pdf.stat().st_size // 1024} KiB, text "
                  f"{'identical to' if same else 'DIFFERENT from'} the unfrozen export")
            if not same:
                failures.append("the frozen PDF's text differs from the unfrozen one")

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

    print(f"bundle size: {_size(BUNDLE) / 2**20:.1f} MiB in {BUNDLE}")
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
