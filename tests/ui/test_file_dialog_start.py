"""File dialogs open in Documents or the plan's folder, never the program's working directory;
Qt's own dialog speaks Japanese."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel

from supportguide_app.ui.busy import dialog_start, documents_folder


def test_documents_folder_exists_and_is_absolute():
    folder = documents_folder()
    assert folder.is_absolute() and folder.is_dir()
    assert folder != Path.cwd() or Path.cwd() == Path.home()


def test_a_dialog_never_starts_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert dialog_start(Path("無題の計画.json")) == documents_folder() / "無題の計画.json"
    assert dialog_start(Path("")) == documents_folder()
    gone = tmp_path / "消えたフォルダ" / "計画.json"
    assert dialog_start(gone) == documents_folder() / "計画.json"
    plan_folder = tmp_path / "計画"
    plan_folder.mkdir()
    assert dialog_start(plan_folder / "計画.json") == plan_folder / "計画.json"
    assert dialog_start(plan_folder) == plan_folder


def test_new_plans_are_saved_into_documents_by_default(window):
    suggested = window.document.default_folder()
    assert suggested == documents_folder() and suggested.is_absolute()
    assert suggested != Path(os.getcwd()) or Path.cwd() == Path.home()


def test_qts_own_file_dialog_is_in_japanese(qtbot):
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "アドレス:"
    dialog = QFileDialog(None, "計画ファイルを開く", str(documents_folder()))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    # Qt 6's labels carry mnemonics that qtbase_ja.qm does not know (it showed them in English).
    assert texts == {"場所(&L):", "ファイル名(&N):", "ファイルの種類(&T):"}
