"""Every valid plan exports in every layout (issue 12, items 2 and 3).

Long cells split across pages, long texts wrap, long lists continue; whatever still fails is a
ReportError with a Japanese message, never reportlab's LayoutError; a lone surrogate is substituted
in the document properties too.
"""

from __future__ import annotations

import pytest
from report_helpers import TODAY, pdf_body_text, squeeze
from report_sessions import rich_session

from supportguide_app.plan.session import Review
from supportguide_app.report.errors import ReportError
from supportguide_app.report.export import export_pdf

LAYOUTS = ("plan", "checklist")


def long_paragraph(tag: str, size: int = 1600) -> str:
    body = "支援者を支える仕組みをつくる。" * (size // 15 + 1)
    return f"始{tag}" + body[:size] + f"終{tag}"


def many_lines(tag: str, count: int = 60) -> str:
    return "\n".join([f"始{tag}"] + [f"短い行{i}" for i in range(count)] + [f"終{tag}"])


def hostile_session(guide):
    s = rich_session(guide)
    s.set_value(("title",), long_paragraph("題", 400))
    s.set_value(("organisation",), long_paragraph("組", 1500))
    s.set_value(("author",), long_paragraph("著", 1500))
    s.notes = many_lines("メモ")
    for n, item in enumerate(i for i in guide.prep_items if i.fields):
        field = item.fields[0]
        text = long_paragraph(f"準{n}") if n % 2 == 0 else many_lines(f"準{n}")
        s.set_value(("prep", item.id, "field", field.id), text)
    s.set_value(("selection", "difficulties", "D03", "note"), long_paragraph("困", 3000))
    s.set_value(("selection", "methods", "MECH4", "note"), many_lines("手", 120))
    s.set_value(("clause", "MECH1"), long_paragraph("文", 2000))
    for i in range(40):  # IDs this version does not know, one with a very long name
        s.set_value(("selection", "methods", f"X_LOCAL{i:02d}" + ("長" * 300 if i == 0 else ""),
                     "selected"), True)
    review_id = s.add_review(Review(date="2026-10-01"))
    s.set_value(("review", review_id, "effect"), long_paragraph("効", 2500))
    s.set_value(("review", review_id, "next_steps"), many_lines("次", 80))
    return s


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_plan_full_of_long_texts_exports_whole_in_every_layout(tmp_path, guide, layout):
    s = hostile_session(guide)
    path = tmp_path / f"{layout}.pdf"
    export_pdf(s, guide, path, layout=layout, today=TODAY)
    text = pdf_body_text(path)
    # nothing lost: each long text is there from its first to its last character
    expected = ["始組", "終組", "始著", "終著", "始題", "終題"]
    if layout == "plan":
        expected += ["始メモ", "終メモ", "始困", "終困", "始手", "終手", "始効", "終効", "始次", "終次"]
    expected += [f"終準{n}" for n in range(len([i for i in guide.prep_items if i.fields]))]
    missing = [tag for tag in expected if squeeze(tag) not in text]
    assert missing == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_lone_surrogate_in_the_title_exports_with_replace_missing(tmp_path, guide, layout):
    from pypdf import PdfReader

    s = rich_session(guide)
    s.set_value(("title",), "相談員\udc80の計画")
    path = tmp_path / "計画.pdf"
    export_pdf(s, guide, path, layout=layout, today=TODAY, substitute=True)
    reader = PdfReader(path)
    assert "相談員〓の計画" in reader.metadata.title
    assert "相談員〓の計画" in squeeze(reader.pages[0].extract_text())


def test_a_layout_failure_that_remains_is_a_japanese_report_error(tmp_path, guide, monkeypatch):
    from reportlab.platypus.doctemplate import LayoutError

    from supportguide_app.report import pdf

    def fail(*args, **kwargs):
        raise LayoutError("Flowable <Table@0x0 1 rows x 4 cols> too large on page 1")

    monkeypatch.setattr(pdf.BaseDocTemplate, "build", fail)
    target = tmp_path / "計画.pdf"
    target.write_bytes(b"%PDF-1.4 the previous export")
    with pytest.raises(ReportError) as info:
        export_pdf(rich_session(guide), guide, target, today=TODAY)
    message = str(info.value)
    assert "PDF" in message and "レイアウト" in message
    assert "Flowable" not in message and "LayoutError" not in message
    assert target.read_bytes() == b"%PDF-1.4 the previous export"
