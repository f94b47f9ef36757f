"""What every benchmark script shares: one way to print a row, peak RSS of a child, bytecode state.

A row is the application's figure, its bare baseline measured in the same run, their ratio and the
issue's goal, so that the output of every script reads like the table of issue 16:

    row  what                                    application       bare         ratio  goal
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bytecode_note() -> str:
    """Whether .pyc files existed for the application and its libraries (they change cold start)."""
    import reportlab  # noqa: PLC0415

    def cached(folder: Path) -> str:
        sources = sum(1 for _ in folder.rglob("*.py"))
        pycs = sum(1 for _ in folder.rglob("__pycache__/*.pyc"))
        return f"{pycs} .pyc for {sources} .py"

    flag = os.environ.get("PYTHONDONTWRITEBYTECODE")
    return (f"bytecode: PYTHONDONTWRITEBYTECODE={flag or '(unset)'}; "
            f"supportguide_app {cached(ROOT / 'supportguide_app')}; "
            f"reportlab {cached(Path(reportlab.__file__).parent)} (pip compiles installed packages)")


def header() -> None:
    print(f"{'what':52} {'application':>16} {'bare baseline':>16} {'ratio':>6}  goal")


def row(what: str, app: float | None, bare: float | None, unit: str, goal: str = "",
        note: str = "") -> None:
    """Print one row; ``app`` None prints 'not built' (e.g. a bundle that does not exist)."""
    def fmt(value: float | None) -> str:
        if value is None:
            return "–"
        return f"{value:,.1f} {unit}" if unit != "s" else f"{value:,.2f} s"

    if app is None:
        print(f"{what:52} {'not built':>16} {fmt(bare):>16} {'–':>6}  {goal}  {note}".rstrip())
        return
    ratio = f"{app / bare:.2f}" if bare else "–"
    print(f"{what:52} {fmt(app):>16} {fmt(bare):>16} {ratio:>6}  {goal}  {note}".rstrip())


TIME = Path("/usr/bin/time")  # GNU time: a tiny process that forks the measured one


def measure(args: Sequence[str], *, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> tuple[float, float, bytes]:
    """Run a whole process; (wall seconds, peak RSS in MiB of that process alone, its stdout).

    The peak is taken by GNU ``time`` (``%M``), not by ``os.wait4`` here: Linux carries a forked
    child's RSS over ``exec`` into its ``ru_maxrss``, so a child forked by this (large) Python
    process would report at least this process's RSS. ``time`` is a few hundred KiB.
    """
    with tempfile.TemporaryDirectory() as tmp:
        peak_file, err_file = Path(tmp) / "peak", Path(tmp) / "err"
        with err_file.open("wb") as err:
            start = time.perf_counter()
            child = subprocess.run([str(TIME), "-o", str(peak_file), "-f", "%M", *args], env=env,
                                   cwd=cwd, stdout=subprocess.PIPE, stderr=err)
            elapsed = time.perf_counter() - start
        if child.returncode:
            raise RuntimeError(f"{' '.join(map(str, args[:3]))} failed ({child.returncode}):\n"
                               f"{err_file.read_bytes().decode('utf-8', 'replace')[-2000:]}")
        kib = int(peak_file.read_text(encoding="utf-8").split()[-1])
    return elapsed, kib / 1024, child.stdout


def medians(samples: list[tuple[float, float, bytes]]) -> tuple[float, float]:
    """(median seconds, median peak MiB) of :func:`measure` results."""
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def python() -> str:
    return sys.executable


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
