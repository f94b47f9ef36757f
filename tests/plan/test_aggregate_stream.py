"""Counting files as they are read gives what counting their Sessions gave, byte for byte.

``aggregate_folder`` reads, checks and counts one file at a time and keeps no Session;
``read_sessions`` + ``aggregate_sessions`` build every Session first, as the aggregation did
before. Over a varied folder (generated plans, every fixture version, 1on1 plans, copies, damaged
files, autosaves, protected files) the two give the same Aggregation, CSV bytes and PDF text.
"""

from __future__ import annotations

import gc
import json
import random
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from aggregate_sets import make_plan, write_plans

from supportguide_app import paths
from supportguide_app.guide import load_guide
from supportguide_app.plan.aggregate import aggregate_sessions
from supportguide_app.plan.session import CHECKPOINTS, Review, Session
from supportguide_app.report.summary import export_summary_pdf, summary_csv_bytes
from supportguide_app.storage import aggregate_folder, migrations, save_session
from supportguide_app.storage.autosave import AutosaveStore
from supportguide_app.storage.codec import session_from_dict
from supportguide_app.storage.collect import expand_paths, read_sessions, selected_in_document
from supportguide_app.storage.files import read_json
from supportguide_app.storage.validation import validate_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "report"))
from report_helpers import pdf_pages  # noqa: E402

GUIDE = load_guide()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sessions"


def _random_plan(rnd: random.Random, number: int) -> Session:
    s = Session(title=f"計画 {number}", organisation=f"市町村{number % 5}", date="2026-04-01",
                meeting=rnd.choice(["alone", "one_on_one", "team"]))
    for checkpoint in CHECKPOINTS:
        for item_id in GUIDE.item_ids(checkpoint):
            if rnd.random() < 0.3:
                s.set_value(("selection", checkpoint, item_id, "selected"), True)
            elif rnd.random() < 0.1:  # touched, then unticked: in the file, not counted
                s.set_value(("selection", checkpoint, item_id, "selected"), True)
                s.set_value(("selection", checkpoint, item_id, "selected"), False)
    if rnd.random() < 0.5:
        review_id = s.add_review(Review(date="2026-10-01"))
        s.set_value(("review", review_id, "effect"), "効果があった。")
    return s


@pytest.fixture(scope="module")
def varied_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    rnd = random.Random(16)
    for number in range(60):
        save_session(_random_plan(rnd, number), folder / f"生成_{number:02d}.json")
    made = write_plans(folder / "set")
    for path in made:
        shutil.copy(path, folder / path.name)
    shutil.copy(made[0], folder / "計画_0 - コピー.json")  # a copy: counted once
    doc = json.loads(made[1].read_text(encoding="utf-8"))
    doc["meta"]["modified"] = "2027-01-01T00:00:00+09:00"  # same ID, saved at another time: counts
    (folder / "別の課.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    del doc["id"]  # no ID: given a new one when read, never a copy
    (folder / "IDなし.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (folder / "IDなし2.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for fixture in FIXTURES.glob("*.json"):
        shutil.copy(fixture, folder / f"fixture-{fixture.name}")
    for example in paths.resource("examples").glob("*.json"):
        shutil.copy(example, folder / f"example-{example.name}")
    AutosaveStore(folder, "abc").write(make_plan(1), None)
    save_session(make_plan(2), folder / "保護.json", passphrase="あいことばは長めに")
    broken = '{"format": "supportguide-session", "version": 3, ['
    (folder / "壊れた.json").write_text(broken, encoding="utf-8")
    return folder


def _by_sessions(inputs, min_group):
    sessions, skipped = read_sessions(inputs, GUIDE)
    return aggregate_sessions(sessions, GUIDE, min_group=min_group, skipped=skipped)


@pytest.mark.parametrize("min_group", [1, 3, 10])
def test_streamed_counts_equal_the_sessions_counts(varied_folder, tmp_path, min_group):
    inputs = [varied_folder, varied_folder / "set", varied_folder / "生成_00.json",
              varied_folder / "ない.json"]
    streamed, reference = aggregate_folder(inputs, min_group=min_group), _by_sessions(inputs, min_group)
    assert streamed == reference
    assert streamed.total > 70 and len(streamed.skipped) >= 8
    assert {s.path.name for s in streamed.skipped} >= {"autosave-abc.json", "保護.json", "壊れた.json",
                                                        "ない.json"}
    assert sum("の写しです" in s.reason for s in streamed.skipped) == 8  # set/ and the copy
    assert summary_csv_bytes(streamed) == summary_csv_bytes(reference)
    pdfs = [export_summary_pdf(a, tmp_path / f"{name}.pdf", today=date(2027, 3, 1))
            for name, a in (("streamed", streamed), ("reference", reference))]
    assert pdf_pages(pdfs[0]) == pdf_pages(pdfs[1])


def test_selected_in_a_document_is_what_the_session_says(varied_folder):
    checked = 0
    for path in sorted(varied_folder.glob("*.json")):
        try:
            session = session_from_dict(read_json(path), path, guide=GUIDE).session
        except Exception:  # noqa: BLE001 (damaged, protected or not a plan: nothing to compare)
            continue
        data = read_json(path)
        doc = migrations.upgrade(data, migrations.document_version(data, path))
        validate_document(doc, path)
        assert selected_in_document(doc) == {cp: session.selected(cp) for cp in CHECKPOINTS}, path.name
        checked += 1
    assert checked > 70


def test_aggregation_leaves_garbage_collection_as_it_was(varied_folder):
    gc.disable()
    try:
        aggregate_folder([varied_folder])
        assert not gc.isenabled()
    finally:
        gc.enable()
    aggregate_folder([varied_folder])
    assert gc.isenabled()


def test_a_folder_lists_its_plan_files_as_glob_did(tmp_path):
    for name in ("b.json", "A.json", "a.json", ".hidden.json", "c.JSON", "d.json.bak", "e.txt", "計画.json",
                 "_x.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "link.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "dangling.json").symlink_to(tmp_path / "none.json")
    files, skipped = expand_paths([tmp_path])
    assert files == sorted(p for p in tmp_path.glob("*.json") if p.is_file() and not p.name.startswith("."))
    assert "link.json" in {p.name for p in files} and not skipped
