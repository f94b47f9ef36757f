"""The command line as a user runs it: real processes, exit codes, Japanese messages."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "example-session.json"
FIXTURES = ROOT / "tests" / "fixtures" / "sessions"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "supportguide_app", *map(str, args)],
                          capture_output=True, cwd=cwd, timeout=120)


def test_validate_good_files(tmp_path):
    copy = tmp_path / "計画_〇〇市.json"
    shutil.copy(EXAMPLE, copy)
    result = run("validate", EXAMPLE, copy)
    assert result.returncode == 0, result.stderr.decode("utf-8")
    out = result.stdout.decode("utf-8")
    assert out.count("OK:") == 2 and "計画_〇〇市.json" in out


@pytest.mark.parametrize(("fixture", "words"), [
    ("not-json.json", "計画ファイルではありません"),  # a text file
    ("truncated.json", "JSON"),
    ("newer-version.json", "新しい"),
    ("not-a-session.json", "計画ファイルではありません"),
])
def test_validate_bad_file_exits_non_zero_with_japanese(fixture, words):
    result = run("validate", EXAMPLE, FIXTURES / fixture)
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert fixture in err and words in err
    assert "OK:" in result.stdout.decode("utf-8")  # the good file is still reported


def test_validate_missing_file():
    result = run("validate", "/nonexistent/計画.json")
    assert result.returncode == 1
    assert "計画.json" in result.stderr.decode("utf-8")


def test_validate_warns_about_unknown_ids():
    result = run("validate", FIXTURES / "unknown-ids.json")
    assert result.returncode == 0
    assert "注意" in result.stdout.decode("utf-8")


def test_guide_json_has_every_id(tmp_path):
    result = run("guide", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout.decode("utf-8"))
    assert data["format"] == "supportguide-guide"
    assert [d["id"] for d in data["difficulties"]] == [f"D{i:02d}" for i in range(1, 17)]
    assert [g["id"] for g in data["goals"]] == list("ABCDEF")
    assert len(data["methods"]) == 14 and len(data["examples"]) == 19
    out = tmp_path / "ガイド.json"
    assert run("guide", "--json", "-o", out).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8")) == data


def test_usage_error_exits_two():
    result = run("validate")
    assert result.returncode == 2


@pytest.mark.parametrize("layout", ["plan", "checklist", "spec"])
def test_export_writes_a_pdf_with_the_plan(tmp_path, layout):
    from pypdf import PdfReader

    out = tmp_path / "出力" / "計画.pdf"
    out.parent.mkdir()
    result = run("export", EXAMPLE, "-o", out, "--layout", layout)
    assert result.returncode == 0, result.stderr.decode("utf-8")
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "〇〇市福祉部生活支援課" in text
    assert "ケースを複数人で対応する体制" in text


def test_export_of_a_damaged_file_fails_cleanly(tmp_path):
    out = tmp_path / "計画.pdf"
    result = run("export", FIXTURES / "truncated.json", "-o", out)
    assert result.returncode == 1
    assert "truncated.json" in result.stderr.decode("utf-8")
    assert not out.exists()


def test_export_to_a_missing_folder_fails_cleanly(tmp_path):
    result = run("export", EXAMPLE, "-o", tmp_path / "ない" / "計画.pdf")
    assert result.returncode == 1
    assert "PDFを保存できません" in result.stderr.decode("utf-8")


def test_export_of_a_protected_file_reads_the_passphrase_from_stdin(tmp_path):
    from supportguide_app.storage import load_session, save_session

    protected = tmp_path / "保護された計画.json"
    save_session(load_session(EXAMPLE).session, protected, passphrase="合言葉 2026")
    out = tmp_path / "計画.pdf"

    def export(*extra, stdin=b""):
        return subprocess.run([sys.executable, "-m", "supportguide_app", "export", str(protected),
                               "-o", str(out), *extra], input=stdin, capture_output=True, timeout=120)

    missing = export()  # no terminal to ask at, and no --passphrase-stdin
    assert missing.returncode == 1 and "パスフレーズ" in missing.stderr.decode("utf-8")
    wrong = export("--passphrase-stdin", stdin="ちがう\n".encode())
    assert wrong.returncode == 1 and "パスフレーズが違います" in wrong.stderr.decode("utf-8")
    assert not out.exists()
    right = export("--passphrase-stdin", stdin="合言葉 2026\n".encode())
    assert right.returncode == 0, right.stderr.decode("utf-8")
    assert out.stat().st_size > 1000
