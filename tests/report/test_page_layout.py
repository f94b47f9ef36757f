"""Pages an official would accept: where tables break, line ends, marks, wording and numbers."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_helpers import TODAY, pdf_body_text, squeeze
from report_sessions import LONG_LINE, maximal_session, one_on_one_session, rich_session

from supportguide_app.plan.session import MethodReview, Review
from supportguide_app.report.data import LABELS, LAYOUTS
from supportguide_app.report.export import export_pdf
from supportguide_app.report.pdf import MARGIN, NO_LINE_END, PAGE_HEIGHT
from supportguide_app.report.text import report_as_text
from supportguide_app.storage import load_session

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "example-session.json"
FRAME_TOP = PAGE_HEIGHT - MARGIN
# The header rows of the tables that may run over pages, as their cells read from left to right.
HEADER_ROWS = {"区分項目記入内容", "手法実施メモ", "項目管理者相談員合意"}


def page_lines(path: Path) -> list[list[tuple[float, str]]]:
    """Per page, its lines from the top: (baseline height, the text of the line left to right)."""
    pages = []
    for page in PdfReader(path).pages:
        rows: dict[float, list[tuple[float, str]]] = defaultdict(list)

        def visit(text, cm, tm, font, size, rows=rows):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                rows[round(y, 0)].append((x, text))

        page.extract_text(visitor_text=visit)
        pages.append([(y, squeeze("".join(t for _, t in sorted(parts))))
                      for y, parts in sorted(rows.items(), reverse=True)])
    return pages


def repeated_headers_below_the_top(path: Path) -> list[tuple[int, str, str]]:
    """Header rows that stand below the top of a page and do not start their table there."""
    found = []
    for number, lines in enumerate(page_lines(path), start=1):
        body = [(y, text) for y, text in lines if MARGIN < y <= FRAME_TOP]
        for index, (y, text) in enumerate(body):
            if text not in HEADER_ROWS or y > FRAME_TOP - 20:
                continue  # not a header, or the first line of the page
            # The first part of a table follows what heads it (a heading; a review's heading and
            # its 参加者, which may take two lines); a repeated header follows table rows.
            before = [t for _, t in body[max(0, index - 3):index]]
            if not any(t.startswith(("取組の準備", "＜", "点検")) or LABELS["participants"] in t
                       for t in before):
                found.append((number, text, before[-1] if before else ""))
    return found


def review_heavy_session(guide, extra: int = 4):
    """The plan on which a review's header once stood in the middle of a page (above a sliver
    of a row split in two)."""
    s = rich_session(guide, note_repeat=0)
    s.notes += ("\n" + LONG_LINE) * extra
    for i in range(2):
        s.add_review(Review(
            date=f"2026-0{i + 5}-01", participants="課長",
            methods={m.id: MethodReview("done", LONG_LINE * (1 + (extra + i) % 3))
                     for m in guide.methods[:4 + extra]},
            effect=LONG_LINE * (1 + extra % 4), next_steps=LONG_LINE))
    return s


def sessions(guide):
    return {"example": load_session(EXAMPLE).session, "maximal": maximal_session(guide),
            "one_on_one": one_on_one_session(), "review_heavy": review_heavy_session(guide),
            "review_heavy_7": review_heavy_session(guide, 7)}


@pytest.mark.parametrize("name", ["example", "maximal", "one_on_one", "review_heavy", "review_heavy_7"])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_table_header_repeats_only_at_the_top_of_a_page(tmp_path, guide, name, layout):
    path = export_pdf(sessions(guide)[name], guide, tmp_path / f"{name}.pdf", layout=layout, today=TODAY)
    assert repeated_headers_below_the_top(path) == []


def test_split_tables_do_repeat_their_header_at_the_next_page_top(tmp_path, guide):
    path = export_pdf(maximal_session(guide), guide, tmp_path / "m.pdf", today=TODAY)
    tops = [next(text for y, text in lines if y <= FRAME_TOP) for lines in page_lines(path)[1:]]
    assert "区分項目記入内容" in tops and "手法実施メモ" in tops


def test_long_plans_split_tables_and_reviews_instead_of_leaving_pages_empty(tmp_path, guide):
    path = export_pdf(maximal_session(guide), guide, tmp_path / "m.pdf", today=TODAY)
    pages = page_lines(path)
    assert len(pages) <= 10  # 13 while each review and the preparation table were kept whole
    for number, lines in enumerate(pages[:-1], start=1):
        lowest = min(y for y, _ in lines if y > MARGIN - 1)
        # no page but the last ends before its lower third
        assert lowest < MARGIN + (FRAME_TOP - MARGIN) / 3, number


def test_the_comparison_heading_intro_and_names_stay_with_a_table(tmp_path, guide):
    path = export_pdf(maximal_session(guide), guide, tmp_path / "m.pdf", today=TODAY)
    for lines in page_lines(path):
        texts = [text for _, text in lines]
        if squeeze(LABELS["comparison"]) in texts:
            at = texts.index(squeeze(LABELS["comparison"]))
            assert "項目管理者相談員合意" in texts[at:], "the heading ends its page"


def bracket_session(guide):
    """Notes with an opening bracket at every position of a line, one note per position."""
    s = one_on_one_session()
    lines = ["あ" * n + "「かっこ」（注）『題』【要】" for n in range(30, 80)]
    s.set_value(("selection", "methods", "MECH4", "note"), "\n".join(lines))
    s.set_value(("clause", "MECH4"), "受託者は、" + "\n".join(lines))  # the spec layout prints it
    return s


@pytest.mark.parametrize("name", ["example", "maximal", "one_on_one", "brackets"])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_no_line_ends_with_an_opening_bracket(tmp_path, guide, name, layout):
    session = bracket_session(guide) if name == "brackets" else sessions(guide)[name]
    path = export_pdf(session, guide, tmp_path / f"{name}.pdf", layout=layout, today=TODAY)
    for page in PdfReader(path).pages:
        for line in page.extract_text(extraction_mode="layout").splitlines():
            for segment in re.split(r"\s{2,}", line.strip()):
                assert not segment or segment[-1] not in NO_LINE_END, line


def test_differing_views_are_marked_with_a_symbol_not_only_a_tint(tmp_path, guide):
    text = pdf_body_text(export_pdf(one_on_one_session(), guide, tmp_path / "p.pdf", today=TODAY))
    assert "◆管理者のみ" in text and "◆相談員のみ" in text
    assert "◆両方が選んだ" not in text


def test_an_empty_memo_prints_nothing(tmp_path, guide):
    session = one_on_one_session()
    session.notes = "\n"
    path = export_pdf(session, guide, tmp_path / "p.pdf", today=TODAY)
    for lines in page_lines(path):
        assert squeeze(LABELS["note"]) not in [text for _, text in lines]
    assert "■メモ" not in report_as_text(session, guide)
    session.notes = "課長に報告する。"
    assert "課長に報告する。" in pdf_body_text(export_pdf(session, guide, tmp_path / "q.pdf", today=TODAY))


def test_official_wording_and_numbers_of_one_width(tmp_path, guide):
    session = maximal_session(guide)
    session.set_value(("prep", "PREP_EVAL_METHOD", "field", "method"), "半年後に聞き取りをする。")
    text = pdf_body_text(export_pdf(session, guide, tmp_path / "m.pdf", today=TODAY))
    hint = guide.prep_item("PREP_EVAL_METHOD").fields[0].label
    assert "（例：" in hint and squeeze(hint) not in text  # a screen's hint is no label on paper
    assert "効果を確認する方法半年後に聞き取りをする。" in text
    for status in ("実施済", "一部実施", "未実施"):
        assert status in text
    assert "まだ" not in text and "見えた効果" not in text and "見られた効果" in text
    assert "参加人数１２人" in text and "12人" not in text


@pytest.mark.parametrize("name", ["one_on_one", "maximal"])
def test_a_preparation_group_that_goes_on_over_a_page_is_named_again(tmp_path, guide, name):
    path = export_pdf(sessions(guide)[name], guide, tmp_path / "p.pdf", today=TODAY)
    groups = tuple(squeeze(g.label) for g in guide.prep_groups)
    continued = 0
    for lines in page_lines(path)[1:]:
        body = [(y, text) for y, text in lines if MARGIN < y <= FRAME_TOP]
        if body and body[0][1] == "区分項目記入内容":
            continued += 1
            top = body[0][0]
            first_row = [text for y, text in body[1:] if y > top - 24]  # the cells of the first row
            assert any(text.startswith(groups) for text in first_row), first_row
    assert continued == 1
