"""The summary's CSV (Excel opens it) and PDF (charts with the guide's labels, fonts embedded)."""

import csv
import io
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_helpers import pdf_pages, squeeze

from supportguide_app.report.errors import ReportSaveError
from supportguide_app.report.summary import (
    CSV_HEADER,
    export_summary_pdf,
    summary_csv_bytes,
    write_summary_csv,
)
from supportguide_app.storage import aggregate_folder

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plan"))
from aggregate_sets import write_plans  # noqa: E402


@pytest.fixture
def aggregation(tmp_path):
    write_plans(tmp_path / "plans")
    (tmp_path / "plans" / "壊れた.json").write_text("{", encoding="utf-8")
    return aggregate_folder([tmp_path / "plans"])


def test_csv_has_a_bom_crlf_and_reads_back_with_utf8_sig(aggregation, tmp_path):
    path = write_summary_csv(aggregation, tmp_path / "集計.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    with open(path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert tuple(rows[0]) == CSV_HEADER == ("区分", "ID", "項目", "件数", "割合")
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id["D02"] == ["困難さ", "D02", "② 役割上の葛藤、不明確さ", "7", "100.0%"]
    assert by_id["B"] == ["目標", "B", "B 相談員のスキルや知識を高める", "4", "57.1%"]
    assert by_id["D05"][3:] == ["3未満", ""] and by_id["D04"][3:] == ["0", "0.0%"]
    assert by_id["X_LOCAL1"] == ["手法", "X_LOCAL1", "X_LOCAL1", "3", "42.9%"]
    assert "X_山田さん個別" not in by_id  # chosen by 2: the ID alone would tell who
    assert by_id["MECH1"][:3] == ["手法", "MECH1", "研修"]


def test_csv_of_too_few_plans_shows_no_count(tmp_path):
    write_plans(tmp_path, count=2)
    text = summary_csv_bytes(aggregate_folder([tmp_path])).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert rows and all(row[3] == "3未満" and row[4] == "" for row in rows)


def test_summary_pdf_shows_the_labels_counts_and_skipped_files(aggregation, tmp_path):
    path = export_summary_pdf(aggregation, tmp_path / "集計.pdf", today=date(2027, 3, 1))
    text = squeeze("".join(pdf_pages(path)))
    for must in ("地域・組織の集計", "集計した計画ファイル7件", "最小の集計単位3件",
                 "② 役割上の葛藤、不明確さ",
                 "A 相談員が独りで抱え込まないようにする", "ケースを複数人で対応する体制", "7件（100.0%）",
                 "4件（57.1%）", "3未満", "X_LOCAL1", "集計しなかったファイル", "壊れた.json",
                 "ガイドにない項目（他の自治体や版の独自の項目）は、3件以上のものだけを載せています。",
                 "＜１＞軽減したい困難さを知る", "＜３＞できる手法を選ぶ", "出力日令和９年３月１日"):
        assert squeeze(must) in text, must
    reader = PdfReader(path)
    assert reader.metadata.title == "地域・組織の集計　令和８年度（２０２６年度）"
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            names.add(name)
            assert font["/Subtype"] == "/TrueType", name
            assert "/FontFile2" in font["/FontDescriptor"], name  # embedded
            prefix, _, base = name.lstrip("/").partition("+")
            assert len(prefix) == 6 and base.startswith("BIZUDPGothic"), name  # a subset of ours
    assert any("Bold" in n for n in names) and any("Regular" in n for n in names)

def test_summary_pdf_of_too_few_plans_says_why_and_shows_no_chart(tmp_path):
    write_plans(tmp_path / "p", count=2)
    path = export_summary_pdf(aggregate_folder([tmp_path / "p"]), tmp_path / "s.pdf", today=date(2027, 3, 1))
    text = squeeze("".join(pdf_pages(path)))
    assert "3件未満のため" in text and "役割上の葛藤" not in text


def test_summary_to_a_missing_folder_raises_a_report_error(aggregation, tmp_path):
    with pytest.raises(ReportSaveError):
        export_summary_pdf(aggregation, tmp_path / "ない" / "s.pdf")
    with pytest.raises(ReportSaveError):
        write_summary_csv(aggregation, tmp_path / "ない" / "s.csv")


def test_summary_pdf_names_the_year_the_office_groups_methods_and_skipped_files_by_name(
        aggregation, tmp_path):
    office = "〇〇県ひきこもり地域支援センター"
    path = export_summary_pdf(aggregation, tmp_path / "集計.pdf", today=date(2027, 3, 1), office=office)
    text = squeeze("".join(pdf_pages(path)))
    assert "対象年度令和８年度（２０２６年度）" in text  # every plan is dated 2026-04-01
    assert squeeze(f"集計した機関{office}") in text
    env, mech = text.index("ア）体制・環境づくりに関する取組"), text.index("イ）仕組みづくりに関する取組")
    assert env < text.index("ケースを複数人で対応する体制") < mech < text.index("ケース検討会")
    assert text.index("このガイドにない項目") < text.index("X_LOCAL1")
    # a skipped file by its name, never by the folder it lies in
    assert "壊れた.json" in text and squeeze(str(tmp_path)) not in text and "plans" not in text
    meta = PdfReader(path).metadata
    assert meta.author == office and meta.title == f"地域・組織の集計　令和８年度（２０２６年度）　{office}"


def test_summary_pdf_without_an_office_names_the_application_as_author(aggregation, tmp_path):
    from supportguide_app import APP_NAME

    path = export_summary_pdf(aggregation, tmp_path / "集計.pdf", today=date(2027, 3, 1))
    assert PdfReader(path).metadata.author == APP_NAME != "(anonymous)"
    assert "集計した機関未記入" in squeeze("".join(pdf_pages(path)))


# -- the summary's reportlab set-up changes nothing (issue 16) ------------------------------------
# report.summary calls report.prepare_reportlab, which compiles one pattern of reportlab's on first
# use, before it imports reportlab; the same PDF made with reportlab as it is (its modules imported
# before the set-up can change them) has the same bytes. The plan PDF: test_reportlab_setup.py.

_MAKE_SUMMARY = """
import sys
from datetime import date
from pathlib import Path
from reportlab import rl_config
rl_config.invariant = 1  # no time stamp or random ID in the PDF
if sys.argv[3] == "as-is":
    import supportguide_app.report.summary_pdf  # imports reportlab before the set-up could run
from supportguide_app.report.summary import summary_pdf_bytes
from supportguide_app.storage import aggregate_folder
pdf = summary_pdf_bytes(aggregate_folder([Path(sys.argv[1])]), today=date(2027, 3, 1), office="県")
Path(sys.argv[2]).write_bytes(pdf)
import reportlab.platypus.paragraph as paragraph
uri = paragraph.uri_pat
print(type(uri).__name__,
      [bool(uri.match(u)) for u in ("https://example.jp/a", "mailto:x", "HTTP://例え.jp", "ftp://[::1]/")])
"""


def test_the_summary_pdf_is_the_same_with_reportlab_as_it_is(tmp_path):
    import subprocess

    write_plans(tmp_path / "plans")
    outputs = {}
    for mode in ("prepared", "as-is"):
        pdf = tmp_path / f"{mode}.pdf"
        run = subprocess.run([sys.executable, "-c", _MAKE_SUMMARY, str(tmp_path / "plans"), str(pdf), mode],
                             capture_output=True, text=True, check=True, encoding="utf-8")
        outputs[mode] = run.stdout.split(" ", 1), pdf.read_bytes()
    (lazy, prepared_matches), prepared_pdf = outputs["prepared"]
    (compiled, as_is_matches), as_is_pdf = outputs["as-is"]
    assert (lazy, compiled) == ("_PatternOnFirstUse", "Pattern")
    assert prepared_matches == as_is_matches  # the pattern, compiled when used, matches the same
    assert prepared_pdf == as_is_pdf and len(prepared_pdf) > 20_000


# -- the charts drawn on the canvas are reportlab's charts (issue 16) -----------------------------
# summary_pdf draws each bar chart straight on the canvas; reportlab's HorizontalBarChart, as the
# summary used it before, is kept in summary_chart_reference.py. Both must give the same drawing
# operations (so the same page, text and PDF bytes), whatever the counts, the number of items, the
# number of plans (the axis' steps) and the labels.

def _chart_operations(flowable) -> list[str]:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO())
    flowable.wrapOn(canvas, 500, 800)
    flowable.drawOn(canvas, 56.7, 100.25)
    return canvas._code


def _aggregation(total: int, counts: list, labels: list[str], min_group: int = 3):
    from supportguide_app.plan.aggregate import Aggregation, CountRow, SkippedFile

    rows = tuple(CountRow("methods", f"X{n}", "", label, count,
                          None if count is None else count / max(total, 1), n % 3 > 0,
                          "ア）体制・環境づくりに関する取組" if n % 4 else "")
                 for n, (count, label) in enumerate(zip(counts, labels, strict=True)))
    return Aggregation(tuple(Path(f"{n}.json") for n in range(total)),
                       (SkippedFile(Path("x.json"), "理由"),), min_group,
                       {"difficulties": (), "goals": (), "methods": rows}, (2026,), 0)


def test_every_chart_draws_what_reportlabs_chart_drew():
    import random

    import summary_chart_reference as reference

    from supportguide_app.guide import load_guide
    from supportguide_app.report import summary_pdf
    from supportguide_app.report.pdf import register_fonts

    register_fonts()
    guide = load_guide()
    rnd = random.Random(16)
    words = ["研修", "相談しやすい職場環境づくり", "X_山田さん個別", "A", "支援者間での密な情報共有" * 4,
             "〓 ①"]
    compared = 0
    for total in (1, 2, 3, 4, 7, 10, 11, 19, 23, 50, 99, 100, 101, 333, 999, 1000, 1001, 2024, 9999,
                  10_000, 12_345, 99_999, 250_000):
        for items in (1, 2, 5, 16, 39, 40):
            counts = [rnd.choice([None, 0, 1, total, rnd.randint(0, total)]) for _ in range(items)]
            labels = [rnd.choice(words) + str(n) for n in range(items)]
            aggregation = _aggregation(total, counts, labels, min_group=rnd.choice([1, 3]))
            builder = summary_pdf._SummaryBuilder(aggregation, guide, date(2027, 3, 1))
            rows = aggregation.rows["methods"]
            for width in (None, builder._label_width(rows) + 30):
                assert (_chart_operations(builder.chart(rows, width))
                        == _chart_operations(reference.chart(builder, rows, width))), (total, items)
                compared += 1
    assert compared == 23 * 6 * 2


def _masked(pdf: bytes) -> bytes:
    """The PDF without its time stamps and random ID."""
    import re

    pdf = re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", rb"/\1 ()", pdf)
    return re.sub(rb"/ID\s*\[<[0-9a-f]+><[0-9a-f]+>\]", b"/ID []", pdf)


def test_the_summary_pdf_has_the_bytes_it_had_with_reportlabs_charts(aggregation, tmp_path):
    import summary_chart_reference as reference

    from supportguide_app.guide import load_guide
    from supportguide_app.report import summary_pdf

    guide = load_guide()
    write_plans(tmp_path / "many", count=40)
    many = aggregate_folder([tmp_path / "many"], min_group=1)
    for agg, office in ((aggregation, "県センター"), (many, "")):
        made = summary_pdf.render_summary_pdf(agg, guide, today=date(2027, 3, 1), office=office)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(summary_pdf._SummaryBuilder, "chart", reference.chart)
            before = summary_pdf.render_summary_pdf(agg, guide, today=date(2027, 3, 1), office=office)
        assert _masked(made) == _masked(before) and made != before  # only the time stamps differ
        assert b"/Type /Page" in made


@pytest.mark.parametrize("total", [30, 300, 2_024, 10_000, 12_345, 250_000])
def test_the_value_axis_labels_never_run_together(tmp_path, total):
    """At 10,000 plans the axis read 「0 1000200030004000…」: its ten labels touched. Each label
    must be a word of its own with room on either side, in even steps, the last at most the
    number of plans read (the words' boxes as poppler reads them)."""
    import re
    import subprocess
    from collections import defaultdict

    from supportguide_app.report.summary import export_summary_pdf

    labels = ["相談しやすい職場環境づくり", "研修", "ケースを複数人で対応する体制"]
    wide = ["相談支援に関するコンサルテーションを受けること（他の自治体の独自の項目）"]
    for rows in (labels, wide):
        aggregation = _aggregation(total, [total, total // 2, total // 3][:len(rows)], rows,
                                   min_group=1)
        path = export_summary_pdf(aggregation, tmp_path / "集計.pdf", today=date(2027, 3, 1))
        boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                               check=True).stdout.decode("utf-8")
        lines = defaultdict(list)  # the words on one baseline that are only digits
        for x_min, y_min, x_max, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(\d+)</word>',
                boxes):
            lines[y_min].append((float(x_min), float(x_max), int(word)))
        axes = [sorted(words) for words in lines.values()
                if len(words) > 1 and sorted(words)[0][2] == 0]  # an axis starts at 0
        assert axes, boxes
        for words in axes:
            numbers = [number for _, _, number in words]
            step = numbers[1]
            assert numbers == [i * step for i in range(len(numbers))], numbers
            assert numbers[-1] <= total < numbers[-1] + step
            gaps = [right[0] - left[1] for left, right in zip(words, words[1:], strict=False)]
            assert min(gaps) >= 3, (numbers, gaps)
