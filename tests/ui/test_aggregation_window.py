"""ツール → 地域・組織の集計: a folder of plans counted, shown as bars, written as CSV and PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from supportguide_app.plan.session import Session
from supportguide_app.storage import save_session


def make_plans(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Four plans and one damaged file; returns every file's bytes and mtime."""
    folder.mkdir()
    picks = [("D02", "D05", "A", "ENV1"), ("D02", "D05", "A", "ENV1"), ("D02", "D10", "A", "ENV1"),
             ("D02", "D10", "B", "MECH1")]
    for number, (d1, d2, goal, method) in enumerate(picks, start=1):
        session = Session.new()
        session.set_value(("title",), f"計画{number}")
        for checkpoint, item in (("difficulties", d1), ("difficulties", d2), ("goals", goal),
                                 ("methods", method)):
            session.set_value(("selection", checkpoint, item, "selected"), True)
        save_session(session, folder / f"plan{number}.json")
    (folder / "damaged.json").write_text('{"format": "supportguide-session", "vers', encoding="utf-8")
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def row(chart, label_start: str):
    return next(r for r in chart.rows if r.label.startswith(label_start))


def test_aggregation_of_a_folder(qtbot, window, dialogs, tmp_path):
    folder = tmp_path / "plans"
    before = make_plans(folder)
    aggregation = window.show_aggregation()
    assert aggregation.isVisible()
    assert not aggregation.csv_button.isEnabled()  # nothing to write yet

    dialogs.aggregation_folders.append(folder)
    qtbot.mouseClick(aggregation.folder_button, Qt.MouseButton.LeftButton)
    result = aggregation.result_label.text()
    assert result.startswith("集計した計画ファイル：4件　集計しなかったファイル：1件")
    skipped = [aggregation.skipped_list.item(i).text() for i in range(aggregation.skipped_list.count())]
    assert len(skipped) == 1 and skipped[0].startswith("damaged.json：")
    assert aggregation.skipped_frame.isVisible()

    difficulties = aggregation.charts["difficulties"]
    assert row(difficulties, "② 役割上の葛藤").count == 4
    assert row(difficulties, "② 役割上の葛藤").value_text == "4件（100.0%）"
    hidden = row(difficulties, "⑤")
    assert hidden.count is None and hidden.value_text == "3未満"  # two plans: hidden
    assert row(difficulties, "③").value_text == "0件（0.0%）"
    goals = aggregation.charts["goals"]
    assert row(goals, "A 相談員が独りで").count == 3
    assert row(goals, "B").value_text == "3未満"
    methods = aggregation.charts["methods"]
    assert row(methods, "相談しやすい職場環境づくり").value_text == "3件（75.0%）"
    assert "② 役割上の葛藤、不明確さ：4件（100.0%）" in difficulties.accessibleDescription()
    assert len(difficulties.rows) == 12  # every checklist item has a row, zero included
    assert difficulties.heightForWidth(500) > 12 * 10

    aggregation.min_group_spin.setValue(5)  # more than were read: every count hidden
    assert all(r.hidden for r in goals.rows)
    assert aggregation.hidden_note.isVisible() and "すべて表示していません" in aggregation.hidden_note.text()
    aggregation.min_group_spin.setValue(2)
    assert row(difficulties, "⑤").value_text == "2件（50.0%）"
    aggregation.min_group_spin.setValue(3)

    out = tmp_path / "out"
    out.mkdir()
    dialogs.summary_paths += [out / "集計.csv", out / "集計"]  # the second gets .pdf added
    qtbot.mouseClick(aggregation.csv_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(aggregation.pdf_button, Qt.MouseButton.LeftButton)
    assert dialogs.summary_kinds == ["csv", "pdf"]
    csv_text = (out / "集計.csv").read_bytes().decode("utf-8-sig")
    assert "② 役割上の葛藤、不明確さ,4,100.0%" in csv_text
    assert "3未満" in csv_text
    assert (out / "集計.pdf").read_bytes().startswith(b"%PDF")
    assert "「集計.pdf」に書き出しました。" == aggregation.status_label.text()
    assert dialogs.errors == []

    # Reading changed nothing on disk.
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    assert after == before


def test_aggregation_of_chosen_files_and_a_cancelled_choice(qtbot, window, dialogs, tmp_path):
    folder = tmp_path / "plans"
    make_plans(folder)
    aggregation = window.show_aggregation()
    qtbot.mouseClick(aggregation.folder_button, Qt.MouseButton.LeftButton)  # cancelled
    assert aggregation.files.aggregation is None
    dialogs.aggregation_file_lists.append([folder / "plan1.json", folder / "plan2.json"])
    qtbot.mouseClick(aggregation.files_button, Qt.MouseButton.LeftButton)
    assert aggregation.result_label.text() == "集計した計画ファイル：2件"
    assert all(r.hidden for r in aggregation.charts["difficulties"].rows)  # 2 < 3
    assert not aggregation.skipped_frame.isVisible()
    assert window.show_aggregation() is aggregation  # one window, raised again
