"""The report's content, exactly: what the PDF and the clipboard text are built from."""

import pytest
from report_helpers import TODAY

from supportguide_app.plan.session import Session
from supportguide_app.report.clauses import load_clause_templates
from supportguide_app.report.data import (
    Clause,
    ExampleEntry,
    GoalEntry,
    ItemGroup,
    PlanBody,
    PrepRow,
    ReportData,
    ReportFooter,
    ReportHeader,
    ReportItem,
    build_report_data,
)
from supportguide_app.report.errors import UnknownLayoutError

GUIDE_NAME = "ひきこもり相談における支援者サポートガイド"


def _prep_rows(**filled):
    rows = [
        ("PREP_STAFF_INTERNAL", "実施体制", "内部職員で実施する", ""),
        ("PREP_STAFF_EXTERNAL", "実施体制", "外部専門家に依頼し実施する", ""),
        ("PREP_STAFF_PROVIDER", "実施体制", "依頼先（機関や具体的な専門家）の検討",
         "外部専門家に依頼し実施する場合"),
        ("PREP_PART_SCOPE", "参加者", "どの範囲まで参加を求めるか", ""),
        ("PREP_PART_DATE", "参加者", "最も参加者が得られやすい日程はいつか", ""),
        ("PREP_PR_METHOD", "周知", "周知・広報の方法", ""),
        ("PREP_PR_CHANNEL", "周知", "周知・広報の依頼先", ""),
        ("PREP_BUDGET_SECURED", "予算", "取組のための予算を確保している", ""),
        ("PREP_BUDGET_NONE", "予算", "予算をかけずに実施できる", ""),
        ("PREP_EVAL_METHOD", "評価", "取組の効果を確認する方法の検討", ""),
    ]
    return tuple(PrepRow(i, g, label, *filled.get(i, (False, ())), condition=cond)
                 for i, g, label, cond in rows)


def test_plan_data_of_a_small_session(small, guide):
    t = load_clause_templates(guide=guide)
    d03 = "③仕事の量的な負荷と変動に係るもの"
    d09 = "⑨人間関係、対人関係に係るもの"
    expected = ReportData(
        layout="plan",
        header=ReportHeader(title="支援者支援 取組計画", subtitle="相談員のための取組",
                            organisation="ひだまり市福祉課", author="山田花子", role="管理者",
                            date="令和８年４月１日", target_year="令和８年度",
                            target_year_western="２０２６年度", meeting="1on1"),
        footer=ReportFooter(output_date="令和８年４月１０日", guide_name=GUIDE_NAME),
        plan=PlanBody(
            difficulties_heading="＜１＞ 軽減したい困難さを知る",
            difficulties=(
                ItemGroup("（２）職務・職責に関する困難さ", (
                    ReportItem("D03", "③", "仕事の量的な負荷と変動に係るもの", "新規相談が月末に集中する"),)),
                ItemGroup("（３）人間関係に関する困難さ", (
                    ReportItem("D09", "⑨", "人間関係、対人関係に係るもの"),)),
                ItemGroup("このガイドにない項目", (ReportItem("X_OWN1", "", "X_OWN1", "", known=False),)),
            ),
            goals_heading="＜２＞ 目標を定める",
            goals=(
                GoalEntry(ReportItem("A", "A", "相談員が独りで抱え込まないようにする",
                                     "朝会で困りごとを話す"), (d03, d09)),
                GoalEntry(ReportItem("E", "E", "相談員同士がつながる"), (d09,)),
            ),
            methods_heading="＜３＞ できる手法を選ぶ",
            methods=(
                ItemGroup("ア）体制・環境づくりに関する取組", (
                    ReportItem("ENV1", "", "相談しやすい職場環境づくり", "席の配置を見直す"),)),
                ItemGroup("イ）仕組みづくりに関する取組", (ReportItem("MECH4", "", "ケース検討会"),)),
            ),
            examples_heading="参考にする取組例",
            examples=(ExampleEntry("EX_A2", "A 相談員が独りで抱え込まないようにする", "毎日の朝会", "栃木県",
                                   "毎日、始業時間に情報共有をしている。"),),
            preparation_heading="取組の準備のためのチェックポイント",
            preparation=_prep_rows(PREP_STAFF_INTERNAL=(True, ()),
                                   PREP_PART_DATE=(False, (("日程・時間帯", "木曜の午後"),))),
            clauses_heading="委託仕様書に盛り込む支援者支援の事項",
            clauses_intro=t.intro,
            clauses=(
                Clause("ENV1", "相談しやすい職場環境づくり", t.methods["ENV1"], False),
                Clause("MECH4", "ケース検討会", "受託者は、ケース検討会を開催すること。", True),
                Clause("budget", "予算", t.common["budget"], False),
                Clause("evaluation", "評価", t.common["evaluation"], False),
            ),
            notes_heading="メモ",
            notes="次回は６月に見直す。\n課長に報告する。",
        ),
    )
    assert build_report_data(small, guide, today=TODAY) == expected


def test_unknown_ids_are_shown_as_ids(guide):
    s = Session(date="2026-04-01")
    for checkpoint, item_id in (("goals", "X_G"), ("methods", "X_M"), ("difficulties", "X_D")):
        s.set_value(("selection", checkpoint, item_id, "selected"), True)
    s.set_value(("selection", "methods", "X_M", "note"), "独自の手法")
    s.set_value(("example", "X_EX"), True)
    s.set_value(("prep", "X_PREP", "checked"), True)
    s.set_value(("clause", "X_M"), "受託者は、独自の取組を行うこと。")
    plan = build_report_data(s, guide, today=TODAY).plan
    assert plan.goals == (GoalEntry(ReportItem("X_G", "", "X_G", "", known=False), ()),)
    assert plan.methods == (ItemGroup("このガイドにない項目",
                                      (ReportItem("X_M", "", "X_M", "独自の手法", known=False),)),)
    assert plan.difficulties[0].items[0].label == "X_D"
    assert plan.examples == (ExampleEntry("X_EX", "", "X_EX", "", ""),)
    assert plan.preparation[-1] == PrepRow("X_PREP", "このガイドにない項目", "X_PREP", True, ())
    assert plan.clauses[0] == Clause("X_M", "X_M", "受託者は、独自の取組を行うこと。", True)


def test_header_without_a_date_or_with_an_odd_one(guide):
    s = Session(date="", role="counselor", meeting="team")
    h = build_report_data(s, guide, today=TODAY).header
    assert (h.date, h.target_year, h.role, h.meeting) == ("", "", "相談員", "チーム")
    assert h.target_year_text == ""
    s.date = "来年の春"
    assert build_report_data(s, guide, today=TODAY).header.date == "来年の春"
    s.date = "2027-03-31"  # the last day of 令和８年度: the plan is for the next one
    h = build_report_data(s, guide, today=TODAY).header
    assert (h.date, h.target_year, h.target_year_western) == (
        "令和９年３月３１日", "令和９年度", "２０２７年度")
    s.date = "2026-09-30"
    assert build_report_data(s, guide, today=TODAY).header.target_year == "令和８年度"
    s.set_value(("fiscal_year",), 2019)  # chosen by the person: wins over the entry date
    h = build_report_data(s, guide, today=TODAY).header
    assert h.target_year_text == "令和元年度（２０１９年度）"
    s.set_value(("date",), "")
    assert build_report_data(s, guide, today=TODAY).header.target_year == "令和元年度"


def test_checklist_data_holds_the_whole_checklist(small, guide):
    data = build_report_data(small, guide, layout="checklist", today=TODAY)
    assert data.plan is None and data.header.title == "支援者サポートチェックリスト"
    body = data.checklist
    assert body.title == "支援者サポートチェックリスト"
    assert [s.heading for s in body.sections] == [c.heading for c in guide.checkpoints] + [
        guide.preparation_heading]
    boxes = {b.id: b for s in body.sections for g in s.groups for b in g.boxes}
    expected_ids = ([d.id for d in guide.checklist_difficulties] + ["X_OWN1"] + [g.id for g in guide.goals]
                    + [m.id for m in guide.methods] + [i.id for i in guide.prep_items])
    assert list(boxes) == expected_ids
    assert {i for i, b in boxes.items() if b.checked} == {"D03", "D09", "X_OWN1", "A", "E", "ENV1", "MECH4",
                                                            "PREP_STAFF_INTERNAL"}
    assert boxes["D02"].mark == "②" and boxes["A"].mark == "A．"
    assert boxes["F"].label == "地域の支援力を向上させる"
    assert boxes["PREP_PART_DATE"].detail == "日程・時間帯：木曜の午後"
    groups = [g for g in body.sections[0].groups]
    assert [g.heading for g in groups] == [
        "（２）職務・職責に関する困難さ", "（３）人間関係に関する困難さ", "（４）働き方に関する困難さ",
        "（５）キャリア開発ややりがいに関する困難さ", "このガイドにない項目"]
    methods = body.sections[2].groups
    assert [(g.heading, g.columns) for g in methods] == [("ア）体制・環境づくりに関する取組", 2),
                                                        ("イ）仕組みづくりに関する取組", 3)]
    prep = body.sections[3].groups
    assert prep[1].condition == "――外部専門家に依頼し実施する場合"
    assert [b.id for b in prep[1].boxes] == ["PREP_STAFF_PROVIDER"]


def test_unknown_layout(small, guide):
    with pytest.raises(UnknownLayoutError, match="帳票の種類"):
        build_report_data(small, guide, layout="poster")
