"""The まとめ step's PDF export and text copy, the 委託仕様書 step, and portable settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from wizard_helpers import click_step, type_text

from supportguide_app import paths
from supportguide_app.report.clauses import load_clause_templates
from supportguide_app.report.text import default_pdf_name, plan_as_text
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.pages.clauses import STATE_BLANK, STATE_EDITED, STATE_TEMPLATE

EDITED_CLAUSE = "受託者は、毎週金曜日の終業前に相談員全員で振り返りの時間を設けること。"


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    # Without white space: the PDF wraps Japanese lines anywhere.
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(path).pages))


def fill(window) -> None:
    edits = [
        (("title",), "令和８年度 相談員支援計画"),
        (("organisation",), "○○市ひきこもり地域支援センター"),
        (("date",), "2026-04-01"),
        (("selection", "difficulties", "D02", "selected"), True),
        (("selection", "difficulties", "D02", "note"), "役割分担があいまい"),
        (("selection", "goals", "A", "selected"), True),
        (("selection", "methods", "ENV1", "selected"), True),
        (("selection", "methods", "MECH4", "selected"), True),
    ]
    for path, value in edits:
        window.editor.set(path, value)


def replace_text(edit, text: str) -> None:
    """Select everything in the editor and type over it, as a person does."""
    edit.setFocus()
    edit.selectAll()
    type_text(edit, text)


def edit_clause(qtbot, window, key: str, text: str):
    click_step(qtbot, window, PageId.CLAUSES)
    block = window.pages[PageId.CLAUSES].blocks[key]
    replace_text(block.edit, text)
    return block


def export_from_summary(qtbot, window) -> None:
    click_step(qtbot, window, PageId.SUMMARY)
    qtbot.mouseClick(window.pages[PageId.SUMMARY].export_button, Qt.MouseButton.LeftButton)


def documents() -> Path:
    """Documents, or the home folder where there is no Documents folder (as in the test profile)."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return folder if folder.is_dir() else Path.home()


# -- PDF -------------------------------------------------------------------------------------------
def test_plan_pdf_from_summary_has_choices_note_and_edited_clause(qtbot, window, dialogs, settings,
                                                                 tmp_path):
    fill(window)
    edit_clause(qtbot, window, "ENV1", EDITED_CLAUSE)
    target = tmp_path / "計画"  # no extension typed: .pdf is added
    dialogs.export_paths.append(target)
    dialogs.open_pdf_answers.append(True)
    export_from_summary(qtbot, window)

    out = tmp_path / "計画.pdf"
    assert out.is_file()
    assert dialogs.errors == []
    assert dialogs.suggested_exports == [documents() / default_pdf_name(window.editor.session)]
    text = pdf_text(out)
    for expected in ("令和８年度相談員支援計画", "役割上の葛藤", "役割分担があいまい",
                     "相談員が独りで抱え込まないようにする", EDITED_CLAUSE):
        assert expected in text
    mech4 = load_clause_templates().methods["MECH4"]
    assert re.sub(r"\s+", "", mech4) in text  # the unedited clause prints its template
    assert dialogs.opened == [out]  # 「PDFを開く」 opens the local file
    assert "計画.pdf" in window.statusBar().currentMessage()

    # The next export proposes the folder of the last one.
    dialogs.export_paths.append(None)
    window.export_pdf_action.trigger()
    assert dialogs.suggested_exports[-1].parent == tmp_path
    assert settings.export_folder() == tmp_path


def test_checklist_layout_prints_the_whole_checklist(qtbot, window, dialogs, settings, tmp_path):
    fill(window)
    dialogs.layouts.append("checklist")
    dialogs.export_paths.append(tmp_path / "checklist.pdf")
    export_from_summary(qtbot, window)

    assert dialogs.suggested_exports[0].name.endswith("_チェックリスト.pdf")
    text = pdf_text(tmp_path / "checklist.pdf")
    assert "支援者サポートチェックリスト" in text  # the guide's title, without the app's 「全体」
    for unchosen in ("ENV2", "MECH9"):
        label = window.guide.method(unchosen).label
        assert re.sub(r"\s+", "", label) in text
    assert settings.export_layout() == "checklist"
    # The choice is remembered for the next export.
    dialogs.export_paths.append(None)
    window.exporter.export_pdf()
    assert dialogs.suggested_exports[-1].name.endswith("_チェックリスト.pdf")


def test_cancelled_layout_choice_writes_nothing(window, dialogs, tmp_path):
    dialogs.layouts.append(None)
    assert window.exporter.export_pdf() is None
    assert dialogs.suggested_exports == []


def test_missing_folder_shows_the_japanese_error(qtbot, window, dialogs, tmp_path):
    fill(window)
    dialogs.export_paths.append(tmp_path / "ない" / "plan.pdf")
    export_from_summary(qtbot, window)
    assert len(dialogs.errors) == 1
    title, text = dialogs.errors[0]
    assert title == "PDFを保存できませんでした"
    assert "PDFを保存できません" in text and "フォルダがありません" in text
    assert "open_pdf" not in dialogs.asked


def test_unwritable_target_keeps_the_previous_pdf(qtbot, window, dialogs, tmp_path, monkeypatch):
    fill(window)
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"%PDF-1.4 previous")

    def refuse(*_args, **_kwargs):
        raise PermissionError("the file is open in a viewer")

    from supportguide_app.report import export

    monkeypatch.setattr(export.os, "replace", refuse)
    dialogs.export_paths.append(target)
    export_from_summary(qtbot, window)
    assert [t for t, _ in dialogs.errors] == ["PDFを保存できませんでした"]
    assert "ほかのアプリで開かれています" in dialogs.errors[0][1]  # a PDF viewer may hold it
    assert target.read_bytes() == b"%PDF-1.4 previous"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_missing_glyphs_offer_substitutes_or_cancel(qtbot, window, dialogs, tmp_path):
    fill(window)
    window.editor.set(("selection", "goals", "A", "note"), "笑顔で😀話す")
    target = tmp_path / "plan.pdf"

    dialogs.export_paths.append(target)
    dialogs.substitute_answers.append(False)
    export_from_summary(qtbot, window)
    assert dialogs.missing_characters == [("😀",)]
    assert not target.exists()
    assert dialogs.errors == []

    dialogs.export_paths.append(target)
    dialogs.substitute_answers.append(True)
    assert window.exporter.export_pdf() == target
    assert "笑顔で〓話す" in pdf_text(target)


def test_spec_layout_from_the_window_leaves_out_notes_and_names(qtbot, window, dialogs, settings,
                                                                 tmp_path):
    fill(window)
    window.editor.set(("author",), "生活支援課長 山田 花子")
    dialogs.layouts.append("spec")
    dialogs.export_paths.append(tmp_path / "spec.pdf")
    export_from_summary(qtbot, window)
    assert dialogs.suggested_exports[0].name.endswith("_仕様書添付用.pdf")
    assert "令和８年度" in dialogs.suggested_exports[0].name
    text = pdf_text(tmp_path / "spec.pdf")
    assert "委託仕様書に盛り込む支援者支援の事項" in text
    assert re.sub(r"\s+", "", load_clause_templates().methods["ENV1"]) in text
    assert "役割分担があいまい" in plan_as_text(window.editor.session, window.guide)  # a note…
    assert "役割分担があいまい" not in text and "山田" not in text  # …the spec does not print
    assert settings.export_layout() == "spec"


def test_the_layout_dialog_shows_what_each_layout_leaves_out(qtbot):
    from supportguide_app.report.data import LAYOUT_OMITS
    from supportguide_app.ui.dialogs import PdfLayoutDialog

    dialog = PdfLayoutDialog("spec", None)
    qtbot.addWidget(dialog)
    assert set(dialog.omit_labels) == {"plan", "checklist", "spec"}
    for key, label in dialog.omit_labels.items():
        assert f"載せないもの：{LAYOUT_OMITS[key]}" in label.text()
    assert "記入者と相談員の名前" in dialog.omit_labels["spec"].text()
    assert dialog.layout_key() == "spec"


# -- text ------------------------------------------------------------------------------------------
def test_copy_as_text_puts_the_plan_on_the_clipboard(qtbot, window):
    fill(window)
    edit_clause(qtbot, window, "ENV1", EDITED_CLAUSE)
    click_step(qtbot, window, PageId.SUMMARY)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(window.pages[PageId.SUMMARY].copy_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert text == plan_as_text(window.editor.session, window.guide)
    assert "役割分担があいまい" in text and EDITED_CLAUSE in text
    assert "コピーしました" in window.statusBar().currentMessage()


def test_copy_as_text_offers_the_same_three_shapes(qtbot, window, dialogs):
    from supportguide_app.report.text import report_as_text

    fill(window)
    for layout in ("spec", "checklist"):
        dialogs.layouts.append(layout)
        QGuiApplication.clipboard().clear()
        assert window.exporter.copy_as_text()
        text = QGuiApplication.clipboard().text()
        assert text == report_as_text(window.editor.session, window.guide, layout)
        assert "役割分担があいまい" not in text  # neither shape prints a note
    assert "☑" in text and "text layout" in dialogs.asked
    dialogs.layouts.append(None)  # cancelled: nothing is copied
    QGuiApplication.clipboard().clear()
    assert not window.exporter.copy_as_text()
    assert QGuiApplication.clipboard().text() == ""


def test_file_menu_has_export_and_copy_with_unique_shortcuts(window):
    file_menu = window.menuBar().actions()[0].menu()
    assert window.export_pdf_action in file_menu.actions()
    assert window.copy_text_action in file_menu.actions()
    shortcuts = [s.toString() for a in window.actions() for s in a.shortcuts()]
    assert len(shortcuts) == len(set(shortcuts))
    assert "Ctrl+E" in shortcuts


# -- clauses ---------------------------------------------------------------------------------------
def test_clause_step_lists_chosen_methods_and_common_points(qtbot, window):
    page = window.pages[PageId.CLAUSES]
    click_step(qtbot, window, PageId.CLAUSES)
    assert set(page.blocks) == {"budget", "evaluation"}
    assert page.no_methods.isVisible()
    templates = load_clause_templates()
    assert page.intro_label.text() == templates.intro
    # the wording is the application's 文例, not the guide's: the page says so
    assert page.model_wording_label.isVisible()
    assert "このアプリが用意した文例" in page.model_wording_label.text()
    assert "ガイドの文言そのものではありません" in page.model_wording_label.text()

    fill(window)
    assert set(page.blocks) == {"budget", "evaluation", "ENV1", "MECH4"}
    assert not page.no_methods.isVisible()
    assert page.blocks["ENV1"].edit.toPlainText() == templates.methods["ENV1"]
    assert page.blocks["budget"].edit.toPlainText() == templates.common["budget"]
    assert page.blocks["ENV1"].state.text() == STATE_TEMPLATE
    assert not page.blocks["ENV1"].reset_button.isEnabled()


def test_clause_edit_undo_and_back_to_template(qtbot, window):
    fill(window)
    template = load_clause_templates().methods["ENV1"]
    block = edit_clause(qtbot, window, "ENV1", EDITED_CLAUSE)
    session = window.editor.session
    assert session.clauses["ENV1"] == EDITED_CLAUSE
    assert block.state.text() == STATE_EDITED
    assert block.reset_button.isEnabled()

    window.undo_action.trigger()  # one Ctrl+Z takes back the whole typed sentence
    assert "ENV1" not in session.clauses
    assert block.edit.toPlainText() == template
    window.redo_action.trigger()
    assert session.clauses["ENV1"] == EDITED_CLAUSE
    assert block.edit.toPlainText() == EDITED_CLAUSE

    qtbot.mouseClick(block.reset_button, Qt.MouseButton.LeftButton)  # 文例に戻す
    assert "ENV1" not in session.clauses
    assert block.edit.toPlainText() == template
    assert block.state.text() == STATE_TEMPLATE
    window.undo_action.trigger()
    assert session.clauses["ENV1"] == EDITED_CLAUSE

    # The common clauses are edited the same way.
    budget = window.pages[PageId.CLAUSES].blocks["budget"]
    replace_text(budget.edit, "予算は委託料に含める。")
    assert session.clauses["budget"] == "予算は委託料に含める。"


def test_text_equal_to_the_template_is_not_an_edit(qtbot, window):
    fill(window)
    template = load_clause_templates().methods["MECH4"]
    block = edit_clause(qtbot, window, "MECH4", "仮の文")
    assert window.editor.session.clauses["MECH4"] == "仮の文"
    replace_text(block.edit, template)
    assert "MECH4" not in window.editor.session.clauses
    assert block.state.text() == STATE_TEMPLATE

    replace_text(block.edit, "x")
    block.edit.selectAll()
    block.edit.textCursor().removeSelectedText()
    assert block.edit.toPlainText() == ""  # the editor is not refilled while it is being cleared
    assert window.editor.session.clauses["MECH4"] == ""
    assert block.state.text() == STATE_BLANK


def test_edited_clause_survives_save_and_reopen(qtbot, window, dialogs, tmp_path):
    fill(window)
    edit_clause(qtbot, window, "ENV1", EDITED_CLAUSE)
    target = tmp_path / "plan.json"
    dialogs.save_paths.append(target)
    assert window.document.save_as()
    window.document.close_session()
    assert window.pages[PageId.CLAUSES].blocks.keys() == {"budget", "evaluation"}
    dialogs.open_paths.append(target)
    assert window.document.open_file()
    click_step(qtbot, window, PageId.CLAUSES)
    assert window.pages[PageId.CLAUSES].blocks["ENV1"].edit.toPlainText() == EDITED_CLAUSE


def test_a_file_with_edited_budget_and_evaluation_clauses_never_warns_of_itself(
        qtbot, window, dialogs, tmp_path, capsys):
    from supportguide_app.cli import main
    from supportguide_app.storage import validate_files

    fill(window)
    click_step(qtbot, window, PageId.CLAUSES)
    blocks = window.pages[PageId.CLAUSES].blocks
    replace_text(blocks["budget"].edit, "支援者支援の経費は委託料に含める。")
    replace_text(blocks["evaluation"].edit, "受託者は、取組の効果を年度末に報告すること。")
    assert set(window.editor.session.clauses) >= {"budget", "evaluation"}
    target = tmp_path / "plan.json"
    dialogs.save_paths.append(target)
    assert window.document.save_as()
    window.document.close_session()
    dialogs.open_paths.append(target)
    assert window.document.open_file()
    assert dialogs.warnings == []
    (result,) = validate_files([target])
    assert result.ok and result.warnings == []
    capsys.readouterr()
    assert main(["export", str(target), "-o", str(tmp_path / "plan.pdf")]) == 0
    assert "注意" not in capsys.readouterr().err
    assert "受託者は、取組の効果を年度末に報告すること。" in plan_as_text(window.editor.session, window.guide)


# -- portable mode ---------------------------------------------------------------------------------
@pytest.fixture
def portable_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "userdata"
    folder.mkdir()
    monkeypatch.setattr(paths, "portable_data_dir", lambda base=None: folder)
    return folder


def test_portable_settings_and_autosave_land_in_the_folder(qtbot, portable_folder):
    from supportguide_app.ui.app import build_window

    window = build_window()
    qtbot.addWidget(window)
    assert window.document.autosaver.store.folder == portable_folder / "autosave"
    assert "ポータブル" in window.statusBar().currentMessage()
    window.zoom.apply(130)
    window.settings.sync()
    ini = portable_folder / "settings.ini"
    assert ini.is_file()
    assert "text_scale_percent=130" in ini.read_text(encoding="utf-8")


def test_profile_mode_keeps_the_standard_locations(monkeypatch):
    from supportguide_app.ui.settings import user_locations

    monkeypatch.setattr(paths, "portable_data_dir", lambda base=None: None)
    locations = user_locations()
    app_data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert not locations.portable
    assert locations.autosave_folder == Path(app_data) / "autosave"
    assert locations.qsettings.format() == locations.qsettings.defaultFormat()


def test_the_plan_notes_are_written_on_the_summary_and_reach_the_pdf(qtbot, window, dialogs, tmp_path):
    from wizard_helpers import type_text

    from supportguide_app.ui.pages import PageId

    fill(window)
    window.navigator.go_to(PageId.SUMMARY)
    notes = window.pages[PageId.SUMMARY].notes_edit
    type_text(notes, "十月の課内会議で振り返る")
    assert window.editor.session.notes == "十月の課内会議で振り返る"
    window.editor.undo_stack.undo()
    assert window.editor.session.notes == "" and notes.toPlainText() == ""
    window.editor.undo_stack.redo()
    assert notes.toPlainText() == "十月の課内会議で振り返る"
    target = tmp_path / "計画.pdf"
    dialogs.export_paths.append(target)
    export_from_summary(qtbot, window)
    assert "十月の課内会議で振り返る" in pdf_text(target)
