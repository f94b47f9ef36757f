"""The exported PDF: what a reader finds in it, its fonts and metadata, and how export fails."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_helpers import TODAY, pdf_body_text, pdf_pages, squeeze
from report_sessions import LONG_LINE, rich_session

from supportguide_app.plan.session import Session
from supportguide_app.report import export as export_module
from supportguide_app.report.clauses import clause_text
from supportguide_app.report.data import build_report_data
from supportguide_app.report.errors import MissingGlyphsError, ReportError, ReportSaveError
from supportguide_app.report.export import export_pdf

RUNNING = ("支援者支援 取組計画　ひだまり市 福祉部 地域福祉課",
           "支援者サポートチェックリスト　ひだまり市 福祉部 地域福祉課")


@pytest.fixture
def rich_pdf(tmp_path, rich, guide):
    return export_pdf(rich, guide, tmp_path / "plan.pdf", today=TODAY)


def test_plan_pdf_carries_every_chosen_item_note_and_clause(rich_pdf, rich, guide):
    text = pdf_body_text(rich_pdf, RUNNING)
    for checkpoint in ("difficulties", "goals", "methods"):
        for item_id in rich.selected(checkpoint):
            assert squeeze(guide.label_of(item_id)) in text, item_id
            assert squeeze(rich.note(checkpoint, item_id)) in text, item_id
    for example_id in rich.marked_examples:
        assert squeeze(guide.example(example_id).name) in text
    for item in guide.prep_items:
        assert squeeze(item.label) in text
        for value in rich.prep(item.id).fields.values():
            assert squeeze(value) in text
    for method_id in rich.selected("methods"):
        assert squeeze(clause_text(rich, guide, method_id)) in text
    for must in ("委託仕様書に盛り込む支援者支援の事項", "対象年度令和８年度（２０２６年度）",
                 "記入日令和８年４月１日",
                 "ひだまり市福祉部地域福祉課", "山田花子（管理者）", "チーム", squeeze(rich.notes)):
        assert squeeze(must) in text


def full_width(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def test_footer_on_every_page(rich_pdf):
    pages = pdf_pages(rich_pdf)
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert "出力日 令和８年４月１０日　「ひきこもり相談における支援者サポートガイド」" in page
        # the application's numbers are full-width, as the 和暦 beside them
        assert f"{full_width(number)} / {full_width(len(pages))}" in page


def test_every_font_is_an_embedded_subset(rich_pdf, tmp_path, rich, guide):
    checklist = export_pdf(rich, guide, tmp_path / "checklist.pdf", layout="checklist", today=TODAY)
    for path in (rich_pdf, checklist):
        names = set()
        for page in PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                name = str(font["/BaseFont"])
                names.add(name)
                assert font["/Subtype"] == "/TrueType", name
                assert "/FontFile2" in font["/FontDescriptor"], name
                prefix, _, base = name.lstrip("/").partition("+")
                assert len(prefix) == 6 and prefix.isupper(), name
                assert base.startswith("BIZUDPGothic"), name
        assert any("Bold" in n for n in names) and any("Regular" in n for n in names)


def test_pdffonts_agrees(rich_pdf):
    out = subprocess.run(["pdffonts", str(rich_pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_metadata_and_language(rich_pdf):
    reader = PdfReader(rich_pdf)
    meta = reader.metadata
    assert meta.title == ("支援者支援 取組計画　令和８年度 ひきこもり相談の支援者支援"
                          "　ひだまり市 福祉部 地域福祉課")
    assert meta.author == "山田花子（ひだまり市 福祉部 地域福祉課）"
    assert meta.subject == "ひきこもり相談における支援者サポートガイドに基づく支援者支援 取組計画"
    assert meta.creator.startswith("支援者サポート計画ツール")
    assert reader.trailer["/Root"]["/Lang"] == "ja-JP"
    assert len(reader.pages) and reader.pages[0].mediabox.width == pytest.approx(595.27, abs=0.1)


def test_long_notes_flow_over_pages_and_nothing_is_cut(tmp_path, guide):
    session = rich_session(guide, note_repeat=120)
    one_line = LONG_LINE * 200  # one paragraph longer than a page
    session.set_value(("selection", "goals", "F", "selected"), True)
    session.set_value(("selection", "goals", "F", "note"), one_line)
    path = export_pdf(session, guide, tmp_path / "long.pdf", today=TODAY)
    pages = pdf_pages(path)
    assert len(pages) >= 10
    text = pdf_body_text(path, RUNNING)
    assert squeeze(one_line) in text
    assert squeeze(session.notes) in text
    for item_id in session.selected("difficulties"):
        assert squeeze(session.note("difficulties", item_id)) in text


def test_checklist_pdf_carries_every_checklist_label(tmp_path, rich, guide):
    path = export_pdf(rich, guide, tmp_path / "checklist.pdf", layout="checklist", today=TODAY)
    text = pdf_body_text(path, RUNNING)
    labels = [guide.checklist["title"], guide.checklist["intro"], guide.preparation_heading]
    labels += [c.heading for c in guide.checkpoints]
    labels += [c.checklist_label for c in guide.categories if c.in_checklist]
    labels += [f"{d.mark}{d.label}" for d in guide.checklist_difficulties]
    labels += [f"{g.id}．{g.label}" for g in guide.goals]
    labels += [f"{g.mark}{g.label}" for g in guide.method_groups]
    labels += [m.label for m in guide.methods]
    labels += [f"（{g.label}）" for g in guide.prep_groups] + [i.label for i in guide.prep_items]
    labels += [f"――{i.condition}" for i in guide.prep_items if i.condition]
    for label in labels:
        assert squeeze(label) in text, label


def test_missing_glyphs_are_reported_not_dropped(tmp_path, small, guide):
    from supportguide_app.report.pdf import missing_glyphs

    small.set_value(("selection", "goals", "A", "note"), "笑顔で😀話す\x0b")
    data = build_report_data(small, guide, today=TODAY)
    assert missing_glyphs(data) == {"😀", "\x0b"}
    target = tmp_path / "plan.pdf"
    with pytest.raises(MissingGlyphsError) as caught:
        export_pdf(small, guide, target)
    assert isinstance(caught.value, ReportError)
    assert "😀" in str(caught.value) and "U+1F600" in str(caught.value)
    assert caught.value.characters == ("\x0b", "😀")
    assert not target.exists()
    export_pdf(small, guide, target, substitute=True, today=TODAY)
    assert "笑顔で〓話す〓" in squeeze("".join(pdf_pages(target)))


def test_every_guide_text_is_in_the_font(rich, guide):
    from supportguide_app.report.pdf import missing_glyphs

    for layout in ("plan", "checklist"):
        assert missing_glyphs(build_report_data(rich, guide, layout=layout, today=TODAY)) == set()


def test_markup_characters_print_as_typed(tmp_path, small, guide):
    small.notes = "<b>太字ではない</b> & <br/> 1 < 2"
    path = export_pdf(small, guide, tmp_path / "plan.pdf", today=TODAY)
    assert squeeze(small.notes) in squeeze("".join(pdf_pages(path)))


def test_unwritable_folder_gives_a_japanese_message(tmp_path, small, guide, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(export_module.tempfile, "mkstemp", refuse)
    with pytest.raises(ReportSaveError) as caught:
        export_pdf(small, guide, tmp_path / "plan.pdf")
    assert str(caught.value).startswith("PDFを保存できません")
    assert isinstance(caught.value.__cause__, PermissionError)
    assert list(tmp_path.iterdir()) == []


def test_failed_replace_keeps_the_old_file_and_leaves_no_temp(tmp_path, small, guide, monkeypatch):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")

    def busy(src, dst):
        raise PermissionError(13, "in use")

    monkeypatch.setattr(export_module.os, "replace", busy)
    with pytest.raises(ReportSaveError, match="PDFを保存できません"):
        export_pdf(small, guide, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_missing_folder(tmp_path, small, guide):
    with pytest.raises(ReportSaveError, match="PDFを保存できません"):
        export_pdf(small, guide, tmp_path / "nowhere" / "plan.pdf")


def test_export_replaces_an_existing_file(tmp_path, small, guide):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    assert export_pdf(small, guide, str(target), today=TODAY) == target
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o644


def test_empty_session_exports(tmp_path, guide):
    path = export_pdf(Session(), guide, tmp_path / "empty.pdf", today=TODAY)
    text = squeeze("".join(pdf_pages(path)))
    assert "（選んだ項目はありません）" in text and "未記入" in text


def test_importing_the_report_package_does_not_load_reportlab():
    code = ("import sys, supportguide_app.report, supportguide_app.report.export, "
            "supportguide_app.report.text; print(any(m.startswith('reportlab') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_report_package_does_not_import_qt():
    code = ("import sys, supportguide_app.report.export as e, supportguide_app.report.pdf; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("session_file", [
    ROOT / "resources" / "examples" / "example-session.json",  # once broke at 参考にする取組例
    ROOT / "tests" / "fixtures" / "sessions" / "v3-valid.json",  # once broke at 点検の記録
])
def test_no_heading_is_left_alone_at_the_foot_of_a_page(tmp_path, guide, session_file):
    """A heading is followed on its page by what it heads."""
    from supportguide_app.storage import load_session

    session = load_session(session_file).session
    out = export_pdf(session, guide, tmp_path / "plan.pdf", today=TODAY)
    data = build_report_data(session, guide, today=TODAY)
    headings = {data.plan.examples_heading, data.plan.preparation_heading,
                data.plan.clauses_heading, data.plan.methods_heading, data.plan.goals_heading,
                data.plan.reviews_heading, data.plan.lineage_heading}
    for page in PdfReader(out).pages:
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines
                if "出力日" not in line and not re.fullmatch(r"\d+ ?/ ?\d+", line)]
        assert body and body[-1] not in headings


def test_a_heading_travels_with_the_block_it_heads(tmp_path):
    """keep_headings_with_blocks: a heading that would end a page goes over with its block."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    from supportguide_app.report.pdf import keep_headings_with_blocks, register_fonts, stylesheet

    register_fonts()
    styles = stylesheet()

    def pages_of(arrange) -> list[str]:
        out = tmp_path / "h.pdf"
        doc = SimpleDocTemplate(str(out), pagesize=A4)
        block = KeepTogether([Paragraph(f"本文{i}", styles["Body"]) for i in range(8)])
        # Fill the first page so that only the heading would still fit at its foot.
        story = [Spacer(1, doc.height - 60), Paragraph("見出し", styles["Heading"]), block]
        doc.build(arrange(story))
        return [page.extract_text() for page in PdfReader(out).pages]

    alone = pages_of(list)  # reportlab on its own: the heading stays behind on page 1
    assert "見出し" in alone[0] and "本文0" in alone[1]
    kept = pages_of(keep_headings_with_blocks)
    assert len(kept) == 2
    assert "見出し" not in kept[0] and "見出し" in kept[1] and "本文0" in kept[1]


def test_checklist_pdf_has_the_guides_title_marks_additions_and_lists_items_off_the_paper(tmp_path, small,
                                                                                       guide):
    from supportguide_app.report.data import LABELS

    small.set_value(("selection", "difficulties", "D01", "selected"), True)  # ① is not on the paper
    small.set_value(("selection", "difficulties", "D15", "selected"), True)  # nor is ⑮
    path = export_pdf(small, guide, tmp_path / "checklist.pdf", layout="checklist", today=TODAY)
    text = pdf_body_text(path, ("支援者サポートチェックリスト　ひだまり市福祉課",))
    assert guide.checklist["title"] == "支援者サポートチェックリスト"
    assert text.startswith(squeeze(guide.checklist["title"] + small.title + "対象年度"))
    note = squeeze(LABELS["off_paper"])
    assert note in text and "このアプリによる注記" in text
    after = text[text.index(note):]
    assert "①物理的な職場環境に係るもの" in after and "⑮相談員の雇用の不安定さ" in after
    # the note sits below the difficulties' table, before checkpoint 2
    assert text.index(note) < text.index(squeeze(guide.checkpoint("goals").heading))
    assert squeeze(LABELS["checklist_additions"]) in text
    # the plan layout keeps them, as it always did
    plan = pdf_body_text(export_pdf(small, guide, tmp_path / "plan.pdf", today=TODAY))
    assert "①物理的な職場環境に係るもの" in plan


def test_checklist_without_items_off_the_paper_prints_no_such_note(tmp_path, small, guide):
    from supportguide_app.report.data import LABELS

    path = export_pdf(small, guide, tmp_path / "checklist.pdf", layout="checklist", today=TODAY)
    assert squeeze(LABELS["off_paper"]) not in pdf_body_text(path)


def test_plan_pdf_says_the_clauses_are_the_applications_model_wording(tmp_path, small, guide):
    from supportguide_app.report.data import LABELS

    text = pdf_body_text(export_pdf(small, guide, tmp_path / "plan.pdf", today=TODAY))
    assert squeeze(LABELS["model_wording"]) in text
    assert "このアプリが用意した文例（ガイドの文言そのものではありません）" in text
