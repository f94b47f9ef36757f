"""「この計画から次の計画を作る」: the next plan keeps the choices and the chain, not the reviews
(only the last review's 次に変えること and statuses, as 前年度の点検から)."""

from datetime import date
from pathlib import Path

import pytest

from supportguide_app.plan.carry import next_plan, next_year_title
from supportguide_app.plan.session import PlanLink, Review, Session

TODAY = date(2027, 4, 12)


def reviewed_plan() -> Session:
    s = Session(title="令和８年度 相談員の支援計画", organisation="ひだまり市 福祉課", author="山田花子",
                role="counselor", date="2026-04-20", meeting="one_on_one",
                created="2026-04-20T10:00:00+09:00")
    s.set_value(("selection", "difficulties", "D03", "selected"), True)
    s.set_value(("selection", "difficulties", "D03", "note"), "月末に集中")
    s.set_value(("selection", "goals", "X_LOCAL1", "selected"), True)
    s.set_value(("selection", "methods", "MECH1", "selected"), True)
    s.set_value(("selection", "methods", "ENV2", "note"), "まだ決めていない")
    s.set_value(("example", "EX_A2"), True)
    s.set_value(("prep", "PREP_STAFF_PROVIDER", "field", "provider"), "〇〇大学")
    s.set_value(("clause", "MECH1"), "受託者は研修を行うこと。")
    s.notes = "課長に報告する。"
    s.extra = {"x_prefecture_report": {"submitted": True}}
    rid = s.add_review(Review(date="2026-10-15"))
    s.set_value(("review", rid, "method", "MECH1", "status"), "done")
    s.set_value(("review", rid, "next_steps"), "続ける")
    return s


def test_next_plan_carries_the_choices_and_the_people():
    old = reviewed_plan()
    before = old.copy()
    new = next_plan(old, TODAY, source_file="/data/計画/令和８年度計画.json")
    assert old == before  # the reviewed plan is not touched
    assert new.title == "令和９年度 相談員の支援計画"
    assert (new.organisation, new.author, new.role, new.meeting) == (
        "ひだまり市 福祉課", "山田花子", "counselor", "one_on_one")
    assert new.date == "2027-04-12"
    assert new.selections == old.selections and new.selections is not old.selections
    assert new.marked_examples == ["EX_A2"] and new.clauses == old.clauses
    assert new.preparation == old.preparation and new.notes == "課長に報告する。"
    new.set_value(("selection", "difficulties", "D03", "note"), "変えた")
    assert old.note("difficulties", "D03") == "月末に集中"  # a copy, not shared


def test_next_plan_copies_nothing_of_the_reviews_and_gets_its_own_id():
    old = reviewed_plan()
    new = next_plan(old, TODAY)
    assert new.reviews == [] and new.extra == {}
    assert new.id != old.id and len(new.id) == 32
    assert new.created != old.created


def test_the_link_names_the_previous_plan_and_keeps_the_chain():
    first = reviewed_plan()
    second = next_plan(first, date(2027, 4, 12), source_file="R8.json")
    assert second.previous == PlanLink(id=first.id, title="令和８年度 相談員の支援計画", date="2026-04-20",
                                       file="R8.json", created="2026-04-20T10:00:00+09:00",
                                       last_review_date="2026-10-15", next_changes="続ける",
                                       method_statuses={"MECH1": "done"})
    second.add_review(Review(date="2027-10-01"))
    third = next_plan(second, date(2028, 4, 10), source_file=Path("計画") / "R9.json")
    assert third.title == "令和１０年度 相談員の支援計画"
    assert [link.id for link in third.lineage] == [second.id, first.id]
    assert third.previous.file == "R9.json"  # the name only: folders differ between offices
    assert third.lineage[1] == second.previous
    assert third.reviews == []
    third.lineage[1].title = "変えた"
    assert second.previous.title == "令和８年度 相談員の支援計画"  # the chain is copied, not shared


def test_the_link_survives_save_and_load(tmp_path):
    from supportguide_app.storage import load_session, save_session

    old = reviewed_plan()
    save_session(old, tmp_path / "R8.json")
    new = next_plan(load_session(tmp_path / "R8.json").session, TODAY, source_file=tmp_path / "R8.json")
    save_session(new, tmp_path / "R9.json")
    loaded = load_session(tmp_path / "R9.json").session
    assert loaded.lineage == new.lineage and loaded.previous.id == old.id
    assert loaded.previous.file == "R8.json"


@pytest.mark.parametrize(("title", "expected"), [
    ("令和８年度 計画", "令和９年度 計画"),
    ("令和8年度計画", "令和9年度計画"),
    ("令和元年度 計画", "令和２年度 計画"),
    ("平成30年度 計画", "令和元年度 計画"),
    ("平成29年度", "平成30年度"),
    ("2026年度の計画", "2027年度の計画"),
    ("２０２６年度の計画", "２０２７年度の計画"),
    ("令和８年度・令和８年度", "令和９年度・令和８年度"),  # only the first
    ("相談員の支援計画", "相談員の支援計画"),
    ("", ""),
])
def test_next_year_title(title, expected):
    assert next_year_title(title) == expected


def test_next_plan_does_not_carry_the_views_of_a_1on1():
    s = reviewed_plan()
    s.set_value(("view", "counselor", "difficulties", "D09", "note"), "夜の電話がつらい")
    s.set_value(("view", "counselor", "consent"), True)
    s.set_value(("view", "manager", "done"), True)
    new = next_plan(s, TODAY)
    assert all(view.is_empty() for view in new.views.values())
    assert s.views["counselor"].note("difficulties", "D09") == "夜の電話がつらい"


def test_a_chosen_target_fiscal_year_moves_on_by_one_and_a_default_follows_the_new_date():
    chosen = Session(date="2026-04-20", fiscal_year=2026)
    assert next_plan(chosen, date(2027, 4, 5)).fiscal_year == 2027
    follows = next_plan(Session(date="2026-04-20"), date(2026, 11, 2))
    assert follows.fiscal_year is None and follows.target_fiscal_year() == 2027


def test_the_new_plan_holds_the_last_reviews_next_changes_and_each_methods_status():
    old = reviewed_plan()
    old.set_value(("selection", "methods", "ENV2", "selected"), True)
    old.set_value(("selection", "methods", "MECH5", "selected"), True)
    early = old.add_review(Review(date="2026-07-01"))  # added later, but earlier: not the last
    old.set_value(("review", early, "method", "ENV2", "status"), "not_yet")
    old.set_value(("review", early, "next_steps"), "夏の計画")
    last = old.reviews[0].id  # 2026-10-15: MECH1 done, 次に変えること「続ける」
    old.set_value(("review", last, "method", "ENV2", "status"), "partly")
    old.set_value(("review", last, "method", "X_LOCAL7", "status"), "done")  # recorded, not chosen
    old.set_value(("review", last, "next_steps"), "研修を年２回にする\n記録様式を短くする")
    new = next_plan(old, TODAY)
    link = new.previous
    assert link.has_last_review()
    assert link.last_review_date == "2026-10-15"
    assert link.next_changes == "研修を年２回にする\n記録様式を短くする"
    # every method chosen in the previous plan, "" (未記録) for MECH5, and the one only recorded
    assert link.method_statuses == {"MECH1": "done", "ENV2": "partly", "MECH5": "",
                                    "X_LOCAL7": "done"}
    assert new.reviews == []  # the reviews themselves stay with the year they were made in
    old.set_value(("review", last, "next_steps"), "変えた")
    assert new.previous.next_changes.startswith("研修")  # a copy, not a view of the old plan


def test_of_undated_reviews_the_last_added_is_carried_and_without_reviews_nothing():
    old = reviewed_plan()
    old.reviews.clear()
    assert not next_plan(old, TODAY).previous.has_last_review()
    first = old.add_review(Review())
    old.set_value(("review", first, "next_steps"), "一つ目")
    second = old.add_review(Review())
    old.set_value(("review", second, "next_steps"), "二つ目")
    link = next_plan(old, TODAY).previous
    assert (link.last_review_date, link.next_changes) == ("", "二つ目")
    assert link.method_statuses == {"MECH1": ""}  # chosen, never recorded: 未記録
