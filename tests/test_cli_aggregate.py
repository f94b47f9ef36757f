"""`supportguide aggregate` as a user runs it: real processes, exit codes, Japanese messages."""

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "sessions"
sys.path.insert(0, str(ROOT / "tests" / "plan"))
from aggregate_sets import write_plans  # noqa: E402


def run(*args):
    return subprocess.run([sys.executable, "-m", "supportguide_app", *map(str, args)],
                          capture_output=True, timeout=120)


def test_aggregate_a_folder_writes_the_pdf_and_the_csv(tmp_path):
    from pypdf import PdfReader

    write_plans(tmp_path / "計画")
    (tmp_path / "計画" / "壊れた.json").write_text("{", encoding="utf-8")
    pdf, table = tmp_path / "集計.pdf", tmp_path / "集計.csv"
    result = run("aggregate", tmp_path / "計画", "-o", pdf, "--csv", table,
                 "--office", "〇〇県ひきこもり地域支援センター")
    assert result.returncode == 0, result.stderr.decode("utf-8")
    assert PdfReader(pdf).metadata.author == "〇〇県ひきこもり地域支援センター"
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert "7件の計画ファイルを集計しました" in out and "集計.pdf" in out and "集計.csv" in out
    assert "壊れた.json" in err and "JSON として読めません" in err  # reported, not fatal
    assert "地域・組織の集計" in PdfReader(pdf).pages[0].extract_text()
    with open(table, encoding="utf-8-sig", newline="") as stream:
        rows = {row[1]: row for row in csv.reader(stream)}
    assert rows["D02"][3] == "7" and rows["D05"][3] == "3未満"


def test_files_and_min_group(tmp_path):
    paths = write_plans(tmp_path)
    table = tmp_path / "s.csv"
    result = run("aggregate", *paths[:4], "-o", tmp_path / "s.pdf", "--csv", table, "--min-group", "5")
    assert result.returncode == 0, result.stderr.decode("utf-8")
    assert "5件未満のため" in result.stderr.decode("utf-8")  # fewer plans than the minimum: all hidden
    with open(table, encoding="utf-8-sig", newline="") as stream:
        counts = {row[3] for row in list(csv.reader(stream))[1:]}
    assert counts == {"5未満"}
    result = run("aggregate", *paths, "-o", tmp_path / "s.pdf", "--csv", table, "--min-group", "1")
    assert result.returncode == 0
    with open(table, encoding="utf-8-sig", newline="") as stream:
        rows = {row[1]: row for row in csv.reader(stream)}
    assert rows["D07"][3] == "1"


def test_nothing_readable_fails_with_a_japanese_message(tmp_path):
    out = tmp_path / "s.pdf"
    result = run("aggregate", FIXTURES / "not-json.json", tmp_path / "ない", "-o", out)
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert "集計できる計画ファイルがありませんでした" in err and "not-json.json" in err
    assert not out.exists()


def test_bad_min_group_and_unwritable_output(tmp_path):
    write_plans(tmp_path / "p", count=3)
    result = run("aggregate", tmp_path / "p", "-o", tmp_path / "s.pdf", "--min-group", "0")
    assert result.returncode == 1 and "--min-group" in result.stderr.decode("utf-8")
    result = run("aggregate", tmp_path / "p", "-o", tmp_path / "ない" / "s.pdf")
    assert result.returncode == 1 and "保存できません" in result.stderr.decode("utf-8")
    assert run("aggregate", tmp_path / "p").returncode == 2  # -o is required: a usage error
