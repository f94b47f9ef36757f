"""「管理者と相談員の見方の比較」 in the PDF and the text: both views, the agreed one, and consent."""

from __future__ import annotations

import pytest
from report_helpers import TODAY, pdf_pages, squeeze
from report_sessions import small_session

from supportguide_app.report.data import LABELS, build_report_data
from supportguide_app.report.export import export_pdf
from supportguide_app.report.text import plan_as_text

SECRET = "夜の電話対応がつらくて眠れない"  # the counselor's note, without consent
SHARED = "どこまで関わるか毎回迷う"  # the counselor's note, consented for this one note
MANAGER = "担当範囲の線引きを課で決めていない"


def with_views():
    s = small_session()  # a 1on1 whose agreed selection is D03, D09, X_OWN1
    s.set_value(("view", "manager", "name"), "課長 山田")
    s.set_value(("view", "counselor", "name"), "相談員 佐藤")
    for who, ids in {"manager": ["D02", "D03"], "counselor": ["D03", "D09"]}.items():
        for item_id in ids:
            s.set_value(("view", who, "difficulties", item_id, "selected"), True)
    s.set_value(("view", "manager", "difficulties", "D02", "note"), MANAGER)
    s.set_value(("view", "counselor", "difficulties", "D09", "note"), SECRET)
    s.set_value(("view", "counselor", "difficulties", "D03", "note"), SHARED)
    s.set_value(("view", "counselor", "note_consent", "difficulties", "D03"), True)
    s.set_value(("view", "counselor", "goals", "B", "selected"), True)
    return s


def test_report_data_lists_differences_first_and_keeps_unconsented_notes_out(guide):
    data = build_report_data(with_views(), guide, today=TODAY)
    body = data.plan.comparison
    assert body.heading == "管理者と相談員の見方の比較"
    assert (body.manager_name, body.counselor_name) == ("課長 山田", "相談員 佐藤")
    difficulties, goals = body.checkpoints
    assert [(i.id, i.agreement) for i in difficulties.items] == [
        ("D02", "manager_only"), ("D09", "counselor_only"), ("D03", "both"),
        ("X_OWN1", "neither")]  # agreed, though neither view chose it
    d02, d09, d03, own = difficulties.items
    assert d02.manager_note == MANAGER and not d02.counselor_note_withheld
    assert d09.counselor_note == "" and d09.counselor_note_withheld
    assert d03.counselor_note == SHARED and not d03.counselor_note_withheld
    assert (d09.agreed, d02.agreed, own.agreed, own.known) == (True, False, True, False)
    assert [i.id for i in goals.items] == ["B", "A", "E"]
    assert not any(SECRET in t for t in data.texts())


def test_no_comparison_without_views_or_outside_a_1on1(guide):
    assert build_report_data(small_session(), guide, today=TODAY).plan.comparison is None
    s = with_views()
    s.set_value(("meeting",), "team")
    assert build_report_data(s, guide, today=TODAY).plan.comparison is None
    assert LABELS["comparison"] not in plan_as_text(s, guide)


def test_text_shows_the_comparison_and_withholds_the_note(guide):
    text = plan_as_text(with_views(), guide)
    lines = text.splitlines()
    assert "■管理者と相談員の見方の比較" in lines
    assert "　・②役割上の葛藤、不明確さ【管理者のみ】管理者○　相談員－　合意－" in lines
    assert f"　　　{MANAGER}" in lines and f"　　　{SHARED}" in lines
    assert f"　　相談員のメモ：{LABELS['withheld']}" in lines
    assert SECRET not in text
    assert text.index("■メモ") < text.index("■管理者と相談員の見方の比較")


def test_pdf_shows_both_views_and_never_an_unconsented_note(guide, tmp_path):
    pdf = squeeze("".join(pdf_pages(export_pdf(with_views(), guide, tmp_path / "p.pdf", today=TODAY))))
    for expected in ("管理者と相談員の見方の比較", "課長山田", "相談員佐藤", squeeze(MANAGER),
                     squeeze(SHARED), "（相談員の同意がないため記載しません）", "管理者のみ", "相談員のみ"):
        assert expected in pdf, expected
    assert squeeze(SECRET) not in pdf


@pytest.mark.parametrize("consent", ["view", "note"])
def test_with_consent_the_counselors_note_prints(guide, tmp_path, consent):
    s = with_views()
    if consent == "view":
        s.set_value(("view", "counselor", "consent"), True)
    else:
        s.set_value(("view", "counselor", "note_consent", "difficulties", "D09"), True)
    pdf = squeeze("".join(pdf_pages(export_pdf(s, guide, tmp_path / "p.pdf", today=TODAY))))
    assert squeeze(SECRET) in pdf and SECRET in plan_as_text(s, guide)
    assert LABELS["withheld"] not in plan_as_text(s, guide)


def test_a_withdrawn_note_consent_wins_over_the_whole_view_consent(guide, tmp_path):
    s = with_views()
    s.set_value(("view", "counselor", "consent"), True)
    s.set_value(("view", "counselor", "note_consent", "difficulties", "D09"), False)
    pdf = squeeze("".join(pdf_pages(export_pdf(s, guide, tmp_path / "p.pdf", today=TODAY))))
    assert squeeze(SECRET) not in pdf and SECRET not in plan_as_text(s, guide)
    assert squeeze(SHARED) in pdf
