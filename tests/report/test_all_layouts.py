"""`supportguide export` writes every layout for every plan of the tests and the shipped examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import pdf_body_text
from report_sessions import maximal_session, one_on_one_session, rich_session, small_session

from supportguide_app.cli import main
from supportguide_app.report.data import LAYOUTS
from supportguide_app.storage import save_session

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "sessions"
PLAN_FILES = sorted((ROOT / "resources" / "examples").glob("*.json")) + [
    FIXTURES / name for name in ("v1-valid.json", "v2-valid.json", "v3-valid.json", "v4-valid.json",
                                 "v4-follows-entry-date.json", "unknown-ids.json")]
BUILT = {"small": lambda guide: small_session(), "rich": rich_session,
         "one_on_one": lambda guide: one_on_one_session(), "maximal": maximal_session}


def _plans(tmp_path: Path, guide) -> list[Path]:
    files = list(PLAN_FILES)
    for name, build in BUILT.items():
        path = tmp_path / f"{name}.json"
        save_session(build(guide), path)
        files.append(path)
    return files


def test_every_plan_file_is_found():
    assert all(path.exists() for path in PLAN_FILES) and len(PLAN_FILES) >= 7


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_plan_exports_in_every_layout(tmp_path, guide, layout, capsys):
    for session_path in _plans(tmp_path, guide):
        out = tmp_path / f"{session_path.stem}-{layout}.pdf"
        assert main(["export", str(session_path), "-o", str(out), "--layout", layout]) == 0, session_path
        text = pdf_body_text(out)
        assert text.startswith("".join(LAYOUTS[layout].split())), session_path
        assert "対象年度" in text, session_path
