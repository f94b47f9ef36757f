"""The command line against misuse and hostile files (issue 12): outputs that would destroy
something, terminal escapes, layout failures, hostile key derivation, unbounded warnings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from supportguide_app import cli
from supportguide_app.storage import load_session, save_session

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "example-session.json"
PASS = "ひまわり畑で 7 回 coffee"


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "supportguide_app", *map(str, args)],
                          capture_output=True, timeout=120, input=stdin)


@pytest.fixture
def plan(tmp_path) -> Path:
    path = tmp_path / "計画.json"
    shutil.copy(EXAMPLE, path)
    return path


# -- 1. an output that would destroy something is refused -------------------------------------
def test_export_onto_its_own_input_is_refused_and_the_plan_is_kept(plan):
    before = plan.read_bytes()
    result = run("export", plan, "-o", plan)
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert "書き出しません" in err and "入力に指定したファイル・フォルダと同じです" in err
    assert plan.read_bytes() == before
    assert "PDFを書き出しました" not in result.stdout.decode("utf-8")


def test_export_onto_another_plan_is_refused(plan, tmp_path):
    other = tmp_path / "別の計画.json"
    save_session(load_session(plan).session, other, passphrase=PASS)
    before = other.read_bytes()
    result = run("export", plan, "-o", other)
    assert result.returncode == 1 and "計画ファイル" in result.stderr.decode("utf-8")
    assert other.read_bytes() == before


def test_aggregate_csv_onto_a_plan_in_the_input_folder_is_refused(plan, tmp_path):
    before = plan.read_bytes()
    result = run("aggregate", tmp_path, "-o", tmp_path / "集計.pdf", "--csv", plan)
    assert result.returncode == 1
    assert "書き出しません" in result.stderr.decode("utf-8")
    assert plan.read_bytes() == before
    assert not (tmp_path / "集計.pdf").exists()  # nothing was written at all


def test_aggregate_onto_an_input_folder_is_refused(plan, tmp_path):
    result = run("aggregate", tmp_path, "-o", tmp_path)
    assert result.returncode == 1 and "入力に指定したファイル・フォルダ" in result.stderr.decode("utf-8")
    assert tmp_path.is_dir()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_export_onto_a_fifo_or_a_folder_is_refused_and_they_stay(plan, tmp_path):
    fifo = tmp_path / "パイプ.pdf"
    os.mkfifo(fifo)
    folder = tmp_path / "フォルダ.pdf"
    folder.mkdir()
    for target, word in ((fifo, "名前付きパイプ"), (folder, "フォルダ")):
        result = run("export", plan, "-o", target)
        assert result.returncode == 1, target
        assert word in result.stderr.decode("utf-8")
    assert fifo.is_fifo() and folder.is_dir()


def test_guide_output_onto_a_plan_is_refused(plan):
    before = plan.read_bytes()
    result = run("guide", "--json", "-o", plan)
    assert result.returncode == 1 and plan.read_bytes() == before


def test_an_existing_pdf_is_still_replaced(plan, tmp_path):
    out = tmp_path / "計画.pdf"
    out.write_bytes(b"%PDF-1.4 old")
    result = run("export", plan, "-o", out)
    assert result.returncode == 0, result.stderr.decode("utf-8")
    assert out.read_bytes().startswith(b"%PDF") and out.read_bytes() != b"%PDF-1.4 old"


# -- 11. control characters are printed escaped -------------------------------------------------
def test_validate_prints_control_characters_of_an_id_escaped(tmp_path):
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["methods"]["X_\x1b]0;pwned\x07\x1b[2J"] = {"selected": True, "note": ""}
    path = tmp_path / "計画.json"
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    result = run("validate", path)
    assert result.returncode == 0
    out = result.stdout
    assert b"\x1b" not in out and b"\x07" not in out
    assert "X_\\x1b]0;pwned\\x07\\x1b[2J" in out.decode("utf-8")


def test_printable_keeps_line_feeds_and_escapes_bidi_overrides():
    assert cli.printable("a\nb\x1bc\u202ed") == "a\nb\\x1bc\\u202ed"


# -- 2. a layout failure that remains is a Japanese message, never a traceback ------------------
def test_a_layout_failure_on_the_command_line_is_a_japanese_message(plan, tmp_path, monkeypatch, capsys):
    from reportlab.platypus.doctemplate import LayoutError

    from supportguide_app.report import pdf

    def fail(*args, **kwargs):
        raise LayoutError("Flowable too large")

    monkeypatch.setattr(pdf.BaseDocTemplate, "build", fail)
    assert cli.main(["export", str(plan), "-o", str(tmp_path / "計画.pdf")]) == 1
    err = capsys.readouterr().err
    assert "エラー:" in err and "レイアウト" in err and "Traceback" not in err
    assert not (tmp_path / "計画.pdf").exists()


def test_a_plan_with_an_author_of_1500_characters_exports_from_the_command_line(plan, tmp_path):
    doc = json.loads(plan.read_text(encoding="utf-8"))
    doc["meta"]["author"] = "山" * 1500
    doc["meta"]["organisation"] = "組" * 1500
    plan.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for layout in ("plan", "checklist"):
        result = run("export", plan, "-o", tmp_path / f"{layout}.pdf", "--layout", layout)
        assert result.returncode == 0, result.stderr.decode("utf-8")
        assert "Traceback" not in result.stderr.decode("utf-8")


# -- 5. hostile key derivation: a message, not a traceback ---------------------------------------
def test_hostile_kdf_parameters_are_refused_on_the_command_line(plan, tmp_path):
    protected = tmp_path / "保護.json"
    save_session(load_session(plan).session, protected, passphrase=PASS)
    envelope = json.loads(protected.read_text(encoding="utf-8"))
    envelope["kdf"].update(n=2**20, r=32)
    protected.write_text(json.dumps(envelope), encoding="utf-8")
    result = run("export", protected, "-o", tmp_path / "x.pdf", "--passphrase-stdin",
                 stdin=(PASS + "\n").encode("utf-8"))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in err
    assert "鍵の導出の設定" in err and "memory" not in err


# -- 13. messages of a bounded size ----------------------------------------------------------------
def test_the_unknown_id_warning_stays_short_for_20000_ids(tmp_path):
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["methods"].update({f"X_LOCAL{i:05d}": {"selected": True, "note": ""} for i in range(20_000)})
    path = tmp_path / "計画.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = run("validate", path)
    assert result.returncode == 0
    lines = result.stdout.decode("utf-8").splitlines()
    warning = next(line for line in lines if "X_LOCAL00000" in line)
    assert len(warning) < 1000
    assert "ほか19990件" in warning and "全部で20000件" in warning
    assert "X_LOCAL19999" not in result.stdout.decode("utf-8")
    # the file itself keeps every ID
    assert len(load_session(path).session.selections["methods"]) >= 20_000


# -- 4. a FIFO or a device given as the plan: a message, not a hang (the subprocess timeout is
# only the safety net) ------------------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_export_validate_and_aggregate_of_a_fifo_answer_at_once(tmp_path):
    fifo = tmp_path / "計画.json"
    os.mkfifo(fifo)
    for args in (("export", fifo, "-o", tmp_path / "x.pdf"), ("validate", fifo),
                 ("aggregate", fifo, "-o", tmp_path / "y.pdf")):
        result = run(*args)
        assert result.returncode == 1, args
        assert "名前付きパイプ" in result.stderr.decode("utf-8"), args
