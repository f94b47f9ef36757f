"""`supportguide aggregate` in a terminal: one progress line, and Ctrl+C stops it with 130 and no file."""

import os
import pty
import select
import signal
import subprocess
import sys
from pathlib import Path

from supportguide_app.plan.session import Session
from supportguide_app.storage.codec import session_to_dict
from supportguide_app.storage.files import dumps_document

PLANS = 4000


def write_many_plans(folder: Path, count: int) -> None:
    """``count`` valid plans, written plainly (save_session's fsync per file would take minutes)."""
    folder.mkdir()
    for number in range(count):
        session = Session(title=f"計画{number}", organisation="ひだまり市", date="2026-04-01")
        session.set_value(("selection", "goals", "A" if number % 2 else "B", "selected"), True)
        (folder / f"plan_{number:05d}.json").write_bytes(dumps_document(session_to_dict(session)))


def read_until(fd: int, marker: bytes, limit_s: float = 120) -> bytes:
    """What the terminal showed until ``marker`` appeared (or the child ended)."""
    seen = b""
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], limit_s)
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    return seen


def test_ctrl_c_in_a_terminal_exits_130_and_writes_neither_pdf_nor_csv(tmp_path):
    write_many_plans(tmp_path / "plans", PLANS)
    out = tmp_path / "out"
    out.mkdir()
    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "supportguide_app", "aggregate", str(tmp_path / "plans"),
         "-o", str(out / "集計.pdf"), "--csv", str(out / "集計.csv")],
        stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    try:
        shown = read_until(master, f" / {PLANS:,} 件を読み込みました".encode())
        assert f" / {PLANS:,} 件を読み込みました".encode() in shown, shown.decode("utf-8", "replace")
        child.send_signal(signal.SIGINT)  # what Ctrl+C in the terminal does
        stdout, _ = child.communicate(timeout=120)
        shown += read_until(master, "ファイルは書き出していません".encode())
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    text = shown.decode("utf-8", "replace")
    assert child.returncode == 130, text
    assert "中断しました（Ctrl+C）。ファイルは書き出していません。" in text
    assert "\r" in text and "\n0 / " not in text  # one line rewritten in place, not a scroll of lines
    assert list(out.iterdir()) == []  # no PDF, no CSV, no temporary file
    assert stdout == b""


def test_no_progress_line_when_stderr_is_not_a_terminal(tmp_path):
    write_many_plans(tmp_path / "plans", 30)
    result = subprocess.run(
        [sys.executable, "-m", "supportguide_app", "aggregate", str(tmp_path / "plans"),
         "-o", str(tmp_path / "集計.pdf")], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode("utf-8")
    assert result.stderr == b""  # nothing skipped, no progress written to a pipe
    assert "30件の計画ファイルを集計しました" in result.stdout.decode("utf-8")
