"""点検の記録 and 前の計画 in the report data, the PDF and the text."""

from pathlib import Path

from report_helpers import TODAY, pdf_pages, squeeze

from supportguide_app.report.data import build_report_data
from supportguide_app.report.export import export_pdf
from supportguide_app.report.text import plan_as_text
from supportguide_app.storage import load_session

V2 = Path(__file__).resolve().parents[1] / "fixtures" / "sessions" / "v2-valid.json"


def test_report_data_has_reviews_by_date_with_statuses_and_lineage(guide):
    plan = build_report_data(load_session(V2).session, guide, today=TODAY).plan
    assert [r.heading for r in plan.reviews] == ["点検　令和８年７月１０日", "点検　令和８年１０月１５日"]
    july, october = plan.reviews
    assert [(m.label, m.status_label) for m in july.methods] == [
        ("支援者間での密な情報共有", "一部実施"), ("スーパービジョン", "未実施"), ("X_LOCAL1", "実施済")]
    assert october.figures == (("参加人数", "４人"), ("アンケート結果", "「相談しやすくなった」4人中3人"))
    assert july.figures == () and july.effect == "" and july.participants == "佐藤、課長"
    assert [(link.title, link.date, link.file) for link in plan.lineage] == [
        ("令和７年度 相談員の負担軽減計画", "令和７年５月１２日", "負担軽減計画_R7.json"),
        ("令和６年度 相談員の負担軽減計画", "令和６年５月１０日", "")]


def test_a_chosen_method_without_a_status_reads_not_recorded(guide):
    session = load_session(V2).session
    session.set_value(("selection", "methods", "MECH1", "selected"), True)
    plan = build_report_data(session, guide, today=TODAY).plan
    assert ("研修", "未記録") in [(m.label, m.status_label) for m in plan.reviews[0].methods]


def test_plan_pdf_and_text_show_the_reviews_and_the_previous_plan(guide, tmp_path):
    session = load_session(V2).session
    text = squeeze("".join(pdf_pages(export_pdf(session, guide, tmp_path / "p.pdf", today=TODAY))))
    plain = plan_as_text(session, guide)
    for must in ("点検の記録", "点検　令和８年１０月１５日", "参加者：課長、相談員３名",
                 "実施済", "一部実施", "未実施",
                 "見られた効果", "一人で抱える相談員が減った。", "参加人数", "４人", "アンケート結果",
                 "次に変えること", "スーパービジョンの日程を年度初めに決める。", "前の計画",
                 "令和７年度 相談員の負担軽減計画", "負担軽減計画_R7.json", "それ以前の計画"):
        assert squeeze(must) in text, must
        assert squeeze(must) in squeeze(plain), must


def test_a_plan_without_reviews_or_lineage_prints_neither(guide, small, tmp_path):
    text = squeeze("".join(pdf_pages(export_pdf(small, guide, tmp_path / "p.pdf", today=TODAY))))
    assert "点検の記録" not in text and "前の計画" not in text


def _carried_forward():
    """令和８年度's plan (v2 fixture: the last review, 2026-10-15, has ENV4 実施済 and MECH5 一部実施)
    carried forward, with one more method chosen in it that no review recorded."""
    from datetime import date

    from supportguide_app.plan.carry import next_plan

    old = load_session(V2).session
    old.set_value(("selection", "methods", "MECH1", "selected"), True)
    return next_plan(old, date(2027, 4, 12), source_file="R8.json")


def test_report_data_of_a_carried_plan_has_the_last_review_of_the_previous_one(guide):
    plan = build_report_data(_carried_forward(), guide, today=TODAY).plan
    last = plan.lineage[0].last_review
    assert last.heading == "前年度の点検から（令和８年１０月１５日の点検）"
    assert [(m.label, m.status_label) for m in last.methods] == [
        ("支援者間での密な情報共有", "実施済"), ("研修", "未記録"), ("スーパービジョン", "一部実施")]
    assert last.next_changes == "スーパービジョンの日程を年度初めに決める。"
    assert plan.reviews == ()  # the new year has no review of its own yet


def test_the_pdf_history_shows_the_previous_plans_next_changes_and_statuses(guide, tmp_path):
    session = _carried_forward()
    pages = pdf_pages(export_pdf(session, guide, tmp_path / "p.pdf", today=TODAY))
    text = squeeze("".join(pages))
    history = text[text.index("前の計画"):]  # 経緯: the section about the previous plan
    assert history.index("R8.json") < history.index(squeeze("前年度の点検から（令和８年１０月１５日の点検）"))
    for label, status in (("支援者間での密な情報共有", "実施済"), ("研修", "未記録"),
                          ("スーパービジョン", "一部実施")):
        assert squeeze(label + status) in history, label
    assert squeeze("次に変えることスーパービジョンの日程を年度初めに決める。") in history
    plain = squeeze(plan_as_text(session, guide))
    assert squeeze("前年度の点検から（令和８年１０月１５日の点検）") in plain
    assert squeeze("・スーパービジョン：一部実施") in plain
    assert squeeze("次に変えること：スーパービジョンの日程を年度初めに決める。") in plain


def test_a_previous_plan_without_reviews_prints_no_last_review(guide, tmp_path):
    from datetime import date

    from supportguide_app.plan.carry import next_plan

    old = load_session(V2).session
    old.reviews.clear()
    session = next_plan(old, date(2027, 4, 12), source_file="R8.json")
    text = squeeze("".join(pdf_pages(export_pdf(session, guide, tmp_path / "p.pdf", today=TODAY))))
    assert "R8.json" in text and "前年度の点検から" not in text
