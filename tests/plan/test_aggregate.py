"""地域・組織の集計: exact counts, skipped files with reasons, and small counts hidden."""

import json
import shutil
from pathlib import Path

import pytest
from aggregate_sets import EXPECTED, UNLISTED, make_plan, write_plans

from supportguide_app.guide import load_guide
from supportguide_app.plan.aggregate import aggregate_sessions
from supportguide_app.storage import aggregate_folder, save_session
from supportguide_app.storage.autosave import AutosaveStore

GUIDE = load_guide()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sessions"


def counts(aggregation, checkpoint):
    return {row.id: row.count for row in aggregation.rows[checkpoint]}


def test_counts_of_a_generated_set_are_exact(tmp_path):
    write_plans(tmp_path)
    agg = aggregate_folder([tmp_path])
    assert agg.total == 7 and agg.skipped == () and agg.min_group == 3 and not agg.all_hidden
    for checkpoint, expected in EXPECTED.items():
        got = counts(agg, checkpoint)
        for item_id, count in expected.items():
            assert got[item_id] == count, (checkpoint, item_id)
        assert not UNLISTED.get(checkpoint, set()) & set(got)
    b = next(r for r in agg.rows["goals"] if r.id == "B")
    assert b.share == pytest.approx(4 / 7) and b.title == "B 相談員のスキルや知識を高める"
    c = next(r for r in agg.rows["goals"] if r.id == "C")
    assert c.hidden and c.share is None


def test_rows_follow_the_guide_and_list_every_checklist_item(tmp_path):
    write_plans(tmp_path)
    agg = aggregate_folder([tmp_path])
    ids = [r.id for r in agg.rows["difficulties"]]
    checklist = [d.id for d in GUIDE.checklist_difficulties]
    # every checklist item, plus an item outside the checklist only because a plan chose it
    assert ids == [d.id for d in GUIDE.difficulties if d.id in checklist or d.id == "D14"]
    assert next(r for r in agg.rows["difficulties"] if r.id == "D02").title == "② 役割上の葛藤、不明確さ"
    assert [r.id for r in agg.rows["goals"]] == list("ABCDEF")
    methods = [r.id for r in agg.rows["methods"]]
    assert methods == [*GUIDE.item_ids("methods"), "X_LOCAL1"]  # unknown IDs come last, kept
    assert not agg.rows["methods"][-1].known


@pytest.mark.parametrize(("min_group", "shown", "hidden"), [
    (1, {"D07": 1, "D05": 2, "D03": 3}, set()),
    (2, {"D05": 2, "D03": 3}, {"D07"}),
    (3, {"D03": 3}, {"D07", "D05"}),
    (4, {"D02": 7}, {"D07", "D05", "D03", "D14"}),
])
def test_counts_below_the_minimum_group_are_hidden_and_zero_is_not(tmp_path, min_group, shown, hidden):
    write_plans(tmp_path)
    got = counts(aggregate_folder([tmp_path], min_group=min_group), "difficulties")
    for item_id, count in shown.items():
        assert got[item_id] == count
    assert {i for i, c in got.items() if c is None} == hidden
    assert got["D04"] == 0


def test_fewer_plans_than_the_minimum_hides_everything(tmp_path):
    write_plans(tmp_path, count=2)
    agg = aggregate_folder([tmp_path])
    assert agg.total == 2 and agg.all_hidden
    assert all(row.count is None and row.share is None for rows in agg.rows.values() for row in rows)
    assert not aggregate_folder([tmp_path], min_group=2).all_hidden


def test_bad_files_are_skipped_with_their_reason_and_nothing_is_changed(tmp_path):
    write_plans(tmp_path, count=3)
    for name in ("not-json.json", "newer-version.json", "not-a-session.json", "wrong-types.json",
                 "v1-valid.json"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    (tmp_path / "計画_0.json.bak").write_text("{}", encoding="utf-8")  # not *.json: not even listed
    (tmp_path / "下書き").mkdir()
    save_session(make_plan(0), tmp_path / "下書き" / "計画_sub.json")  # sub-folders are not read
    store = AutosaveStore(tmp_path, "abc")
    store.write(make_plan(1), None)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    agg = aggregate_folder([tmp_path, tmp_path / "計画_0.json.bak"])
    assert sorted(p.name for p in agg.files_read) == ["v1-valid.json", "計画_0.json", "計画_1.json",
                                                       "計画_2.json"]
    reasons = {s.path.name: s.reason for s in agg.skipped}
    assert set(reasons) == {"not-json.json", "newer-version.json", "not-a-session.json",
                            "wrong-types.json", "autosave-abc.json", "計画_0.json.bak"}
    assert "計画ファイルではありません" in reasons["not-json.json"]  # a text file, not a damaged plan
    assert "形式の版 5" in reasons["newer-version.json"]
    assert "計画ファイルではありません" in reasons["not-a-session.json"]
    assert "自動保存" in reasons["autosave-abc.json"]
    assert "バックアップ" in reasons["計画_0.json.bak"]
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # the v1 file was migrated in memory only


def test_files_and_folders_mixed_a_file_named_twice_counts_once(tmp_path):
    paths = write_plans(tmp_path / "a", count=3)
    agg = aggregate_folder([tmp_path / "a", paths[0], tmp_path / "ない.json", tmp_path / "空"])
    assert agg.total == 3
    reasons = {s.path.name: s.reason for s in agg.skipped}
    assert "見つかりません" in reasons["ない.json"]
    assert set(reasons) == {"ない.json", "空"}


def test_a_copy_of_a_plan_counts_once_but_a_filled_in_template_counts(tmp_path):
    paths = write_plans(tmp_path, count=3)
    shutil.copy(paths[0], tmp_path / "計画_0 - コピー.json")
    doc = json.loads(paths[1].read_text(encoding="utf-8"))  # same ID, saved at another time
    doc["meta"]["modified"] = "2027-01-01T00:00:00+09:00"
    (tmp_path / "別の課.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    agg = aggregate_folder([tmp_path])
    assert agg.total == 4
    (skipped,) = agg.skipped
    assert skipped.path.name in ("計画_0.json", "計画_0 - コピー.json") and "写し" in skipped.reason


def test_aggregate_sessions_refuses_a_minimum_below_one():
    with pytest.raises(ValueError):
        aggregate_sessions([], GUIDE, min_group=0)


def test_the_aggregation_names_the_target_fiscal_years_of_its_plans():
    from supportguide_app.guide import load_guide
    from supportguide_app.plan.aggregate import aggregate_sessions
    from supportguide_app.plan.session import Session

    plans = [Session(date="2026-04-01"), Session(date="2026-11-04"), Session(date="2026-05-01"),
             Session(date="")]
    guide = load_guide()
    agg = aggregate_sessions([(Path(f"{i}.json"), s) for i, s in enumerate(plans)], guide)
    assert agg.fiscal_years == (2026, 2027) and agg.without_year == 1
    assert agg.period_label() == "令和８年度～令和９年度（２０２６～２０２７年度）"
    one = aggregate_sessions([(Path("a.json"), Session(date="2026-11-04", fiscal_year=2027))], guide)
    assert one.period_label() == "令和９年度（２０２７年度）"
    assert aggregate_sessions([(Path("a.json"), Session())], guide).period_label() == ""
    methods = {row.id: row.group for row in agg.rows["methods"]}
    assert methods["ENV1"] == "ア）体制・環境づくりに関する取組"
    assert methods["MECH1"] == "イ）仕組みづくりに関する取組"
