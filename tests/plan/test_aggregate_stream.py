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
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "storage"))
import validation_reference  # noqa: E402
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


# -- the quick parse and the single validator change nothing (issue 16) ---------------------------
# parse_json_bytes proves most files from their bytes instead of building each object through a
# Python hook, and validate_document builds no key path for a value that passes; with the exact
# parse and the previous validator every file takes the path it took before issue 16. Over plans
# of every kind (1on1 views with consents, reviews, lineage, preparation, clauses, unknown IDs,
# older versions, other tools' escapes and byte order marks) and files refused for every reason,
# the counts, the reasons given, the CSV bytes and the PDF text are the same.

def _exact_path_only(patch: pytest.MonkeyPatch) -> None:
    """The exact parse alone, and the validator as it was before issue 16 (kept frozen in
    tests/storage/validation_reference.py) with its full checks alone."""
    from supportguide_app.storage import collect, files

    patch.setattr(files, "_quick_loads", lambda *_args: files._NOT_PROVED)
    patch.setattr(collect, "validate_document", validation_reference.validate_document_full)


@pytest.fixture(scope="module")
def every_kind_folder(varied_folder, tmp_path_factory) -> Path:
    from report_sessions import maximal_session, one_on_one_session, rich_session, small_session

    folder = tmp_path_factory.mktemp("every_kind")
    for path in varied_folder.rglob("*"):
        if path.is_file():
            shutil.copy(path, folder / path.name)
    plans = [small_session(), one_on_one_session(), rich_session(GUIDE), maximal_session(GUIDE)]
    for number, session in enumerate(plans):
        save_session(session, folder / f"詳しい計画_{number}.json")
    doc = json.loads((folder / "詳しい計画_1.json").read_text(encoding="utf-8"))
    (folder / "ASCIIで書いた.json").write_text(json.dumps(doc), encoding="utf-8")  # \\uXXXX escapes
    doc["meta"]["modified"] = "2027-02-01T10:00:00+09:00"  # saved again: not a copy of the above
    (folder / "BOM付き.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False).encode())
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    hostile = {
        "キーが2回.json": text.replace('"notes": ', '"notes": "前", "notes": ', 1),
        "選択の中で2回.json": text.replace('"selected": true', '"selected": true, "selected": false', 1),
        "見方の中で2回.json": text.replace('"consent": true', '"consent": true, "consent": true', 1),
        "NaN.json": text.replace('"notes": ', '"x_local": [NaN], "notes": ', 1),
        "大きすぎる数.json": text.replace('"notes": ', '"x_local": {"a": 1e999}, "notes": ', 1),
        "入れ子.json": text.replace('"notes": ', '"x_local": ' + "[" * 70 + "]" * 70 + ', "notes": ', 1),
        "年度が違う.json": text.replace('"fiscal_year": null', '"fiscal_year": 1900', 1),
        "点検の人数.json": text.replace('"attendance": 5', '"attendance": -5', 1),
        "同意が文字.json": text.replace('"consent": true', '"consent": "はい"', 1),
    }
    for name, content in hostile.items():
        assert content != text, name
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_the_exact_path_alone_gives_the_same_counts_reasons_csv_and_pdf(every_kind_folder, tmp_path):
    from supportguide_app.storage import files

    proved = []
    quick_loads = files._quick_loads

    def counting(*args):
        result = quick_loads(*args)
        proved.append(result is not files._NOT_PROVED)
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(files, "_quick_loads", counting)
        quick = aggregate_folder([every_kind_folder])
    with pytest.MonkeyPatch.context() as patch:
        _exact_path_only(patch)
        exact = aggregate_folder([every_kind_folder])
    assert sum(proved) > 80 and len(proved) - sum(proved) >= 6  # both paths were taken
    assert quick == exact
    reasons = {s.path.name: s.reason for s in quick.skipped}
    assert reasons == {s.path.name: s.reason for s in exact.skipped}
    assert "「notes」が2回以上あります" in reasons["キーが2回.json"]
    assert "「selected」が2回以上あります" in reasons["選択の中で2回.json"]
    assert "「consent」が2回以上あります" in reasons["見方の中で2回.json"]
    assert "x_local" in reasons["NaN.json"] and "「a」" in reasons["大きすぎる数.json"]
    assert "入れ子が深すぎます" in reasons["入れ子.json"]
    assert "meta.fiscal_year" in reasons["年度が違う.json"]
    assert "attendance" in reasons["点検の人数.json"] and "consent" in reasons["同意が文字.json"]
    assert {"ASCIIで書いた.json", "BOM付き.json"} <= {p.name for p in quick.files_read}
    assert summary_csv_bytes(quick) == summary_csv_bytes(exact)
    pdfs = [export_summary_pdf(a, tmp_path / f"{name}.pdf", today=date(2027, 3, 1))
            for name, a in (("quick", quick), ("exact", exact))]
    assert pdf_pages(pdfs[0]) == pdf_pages(pdfs[1])


def test_a_plan_named_in_other_spellings_is_counted_once(tmp_path, monkeypatch):
    made = write_plans(tmp_path / "plans", count=3)
    (tmp_path / "plans" / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    name = made[0].name
    spellings = [Path("plans"), f"plans/./{name}", f"plans/sub/../{name}", f"plans//{name}",
                 tmp_path / "plans" / name, f"./plans/{name}"]
    aggregation = aggregate_folder(spellings, min_group=1)
    assert aggregation.total == 3 and not aggregation.skipped
    assert aggregation == aggregate_folder([Path("plans")], min_group=1)
