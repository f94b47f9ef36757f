"""A file another program holds open: Windows refuses to replace it. The old file stays whole and
the message says the file is open in another program (a PDF viewer, Excel, a second window)."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest
from windows_helpers import EXAMPLE

# Like a PDF viewer: open for reading without FILE_SHARE_DELETE (Python's open() on Windows).
HOLD = "import sys; f = open(sys.argv[1], 'rb'); print('held', flush=True); sys.stdin.read()"
IN_USE = "ほかのアプリで開かれて"


@contextlib.contextmanager
def held_open(path: Path):
    """Another Windows process holds ``path`` open until the block ends."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"held"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.suffix == ".tmp"]


@pytest.fixture
def session():
    from supportguide_app.storage import load_session

    return load_session(EXAMPLE).session


def test_exporting_over_a_pdf_open_in_a_viewer_keeps_it_and_says_so(tmp_path, session):
    from supportguide_app.guide import load_guide
    from supportguide_app.report.errors import ReportSaveError
    from supportguide_app.report.export import export_pdf

    target = tmp_path / "支援者支援計画.pdf"
    target.write_bytes(b"%PDF-1.4 the previous export")
    with held_open(target), pytest.raises(ReportSaveError) as info:
        export_pdf(session, load_guide(), target)
    assert target.read_bytes() == b"%PDF-1.4 the previous export"
    assert IN_USE in str(info.value) and "閉じてから" in str(info.value)
    assert getattr(info.value.__cause__, "winerror", None) in (5, 32)
    assert _leftovers(tmp_path) == []
    # Once the viewer is closed the same export goes through.
    export_pdf(session, load_guide(), target)
    assert target.read_bytes().startswith(b"%PDF") and target.stat().st_size > 10_000


def test_saving_a_plan_another_process_holds_keeps_the_old_file(tmp_path, session):
    from supportguide_app.storage import load_session, save_session
    from supportguide_app.storage.errors import FileWriteError

    path = tmp_path / "計画.json"
    save_session(session, path)
    before = path.read_bytes()
    session.set_value(("title",), "書き換えた計画")
    with held_open(path), pytest.raises(FileWriteError) as info:
        save_session(session, path)
    assert path.read_bytes() == before
    assert load_session(path).session.title != "書き換えた計画"
    assert IN_USE in info.value.message and "閉じてから" in info.value.message
    assert _leftovers(tmp_path) == []
    save_session(session, path)
    assert load_session(path).session.title == "書き換えた計画"


def test_the_frozen_cli_keeps_a_pdf_open_in_a_viewer(tmp_path, bundle, console_env):
    target = tmp_path / "開いている.pdf"
    target.write_bytes(b"%PDF-1.4 open in a viewer")
    with held_open(target):
        result = subprocess.run([str(bundle / "supportguide-cli.exe"), "export", str(EXAMPLE), "-o",
                                 str(target)], capture_output=True, env=console_env, timeout=120)
    message = result.stderr.decode("cp932")
    assert result.returncode == 1, message
    assert IN_USE in message and "Traceback" not in message
    assert target.read_bytes() == b"%PDF-1.4 open in a viewer"
