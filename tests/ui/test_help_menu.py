"""ヘルプ: the two guides open offline in the window, and このアプリについて says what it must."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

import supportguide_app
from supportguide_app.ui import help_viewer
from supportguide_app.ui.help_viewer import DEPLOY_GUIDE, USER_GUIDE, AboutDialog, GuideViewer, HelpDocument

ROOT = Path(__file__).resolve().parents[2]
GUIDE_TEXT = ROOT.parent / "shared" / "guide" / "supporter-support-guide.ja.txt"


def _help_menu(window):
    (menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "ヘルプ(&H)"]
    return menu


def test_help_menu_is_last_and_holds_the_three_entries(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "ヘルプ(&H)"
    entries = [a.text() for a in _help_menu(window).actions() if not a.isSeparator()]
    assert entries == ["操作の手引き(&M)", "導入手順書(&D)", "このアプリについて(&A)"]
    assert window.help_menu.user_guide_action.shortcut().toString() == "F1"


@pytest.mark.parametrize(("document", "action_name", "heading"), [
    (USER_GUIDE, "user_guide_action", "2. はじめての計画を作る（PDF にするまで）"),
    (DEPLOY_GUIDE, "deploy_guide_action", "5. Windows 用フォルダの自動テストが確かめていること"),
])
def test_each_guide_opens_from_the_menu_with_its_pictures(window, qtbot, document, action_name, heading):
    getattr(window.help_menu, action_name).trigger()
    viewer = window.help_menu.viewers[document.file_name]
    qtbot.waitExposed(viewer)
    assert viewer.isVisible()
    assert document.title in viewer.windowTitle()
    shown = viewer.browser.toPlainText()
    assert heading in shown
    assert "を表示できません" not in shown
    contents = [viewer.contents.item(i).text().strip() for i in range(viewer.contents.count())]
    assert heading in contents
    assert str(document.path()) in viewer.location.text()
    # Every picture the text names is found and shown no wider than the browser.
    names = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", document.path().read_text(encoding="utf-8"))
    widths = viewer.image_widths()
    assert len(widths) == len(names)
    viewport = viewer.browser.viewport().width()
    assert all(0 < width <= viewport for width in widths), (widths, viewport)


def test_the_user_guide_has_pictures_and_the_viewer_shrinks_wide_ones(qtbot):
    viewer = GuideViewer(USER_GUIDE)
    qtbot.addWidget(viewer)
    viewer.resize(700, 600)
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.fit_images()
    widths = viewer.image_widths()
    assert len(widths) >= 10
    assert max(widths) <= viewer.browser.viewport().width()


def test_opening_a_guide_twice_reuses_its_window(window):
    first = window.help_menu.show_document(USER_GUIDE)
    second = window.help_menu.show_document(USER_GUIDE)
    assert first is second


def test_contents_entry_brings_its_heading_into_view(qtbot):
    viewer = GuideViewer(USER_GUIDE)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    target = next(i for i in range(viewer.contents.count())
                  if viewer.contents.item(i).text().strip() == "8. ファイルの置き場所")
    viewer.contents.itemClicked.emit(viewer.contents.item(target))
    assert viewer.browser.verticalScrollBar().value() > 0
    assert viewer.browser.textCursor().block().text() == "8. ファイルの置き場所"


def test_a_link_off_this_computer_is_refused(qtbot):
    viewer = GuideViewer(DEPLOY_GUIDE)
    qtbot.addWidget(viewer)
    before = viewer.browser.source()
    viewer.browser.anchorClicked.emit(QUrl("https://example.invalid/update"))
    assert viewer.browser.source() == before
    assert not viewer.notice.isHidden()
    assert "インターネットに接続しない" in viewer.notice.text()


def test_a_missing_guide_says_so_and_where_it_was_looked_for(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(HelpDocument, "path", lambda self: tmp_path / "none.md")
    viewer = GuideViewer(USER_GUIDE)
    qtbot.addWidget(viewer)
    shown = viewer.browser.toPlainText()
    assert "操作の手引きを表示できません" in shown
    assert str(tmp_path / "none.md") in shown


# -- このアプリについて -----------------------------------------------------------------------------
def test_about_shows_the_package_version_which_is_pyproject_version(window):
    with (ROOT / "pyproject.toml").open("rb") as handle:
        pyproject = tomllib.load(handle)["project"]
    assert supportguide_app.__version__ == pyproject["version"]
    assert importlib.metadata.version("supportguide-app") == pyproject["version"]
    dialog = window.help_menu.about_action.trigger() or window.help_menu.about_dialog
    assert isinstance(dialog, AboutDialog)
    assert dialog.isVisible()
    assert f"バージョン {pyproject['version']}" in dialog.text.toPlainText()


def test_about_names_the_guide_the_licences_and_no_network(window):
    window.help_menu.show_about()
    shown = window.help_menu.about_dialog.text.toPlainText()
    assert "「ひきこもり相談における支援者サポートガイド」" in shown
    for licence in ("SIL Open Font License 1.1", "LGPL", "BSD", "プロプライエタリ（Proprietary）"):
        assert licence in shown
    assert "ネットワークを一切使いません" in shown
    licence_file = ROOT / "resources" / "fonts" / "OFL.txt"
    assert licence_file.is_file() and f"ライセンス全文：{licence_file}" in shown


def test_about_says_the_publisher_is_not_in_the_guide_text(window):
    data = help_viewer.about_data()
    assert data["publisher"] is None
    window.help_menu.show_about()
    shown = window.help_menu.about_dialog.text.toPlainText()
    assert "発行：" not in shown
    assert data["publisher_missing"] in shown
    for statement in data["source_statements"]:
        assert statement in shown


def test_application_licence_shown_is_pyprojects():
    with (ROOT / "pyproject.toml").open("rb") as handle:
        licence = tomllib.load(handle)["project"]["license"]["text"]
    assert licence.startswith("Proprietary")
    assert "Proprietary" in help_viewer.LICENCES[0][1]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_what_about_quotes_is_in_the_guide_text_and_no_publisher_is():
    if not GUIDE_TEXT.is_file():
        pytest.skip("the guide's text (../shared/guide) is not beside this checkout")
    text = _squeeze(GUIDE_TEXT.read_text(encoding="utf-8"))
    for statement in help_viewer.about_data()["source_statements"]:
        assert _squeeze(statement) in text, statement
    # If the text ever names its publisher, about.json must show it instead of saying it is missing.
    assert not re.search(r"発行(者|元)?[：:]", text)


def test_a_guide_in_a_folder_with_a_japanese_name_shows_its_pictures(qtbot, tmp_path, monkeypatch):
    # The folder is often copied to a path like C:\支援者サポート計画ツール\ on a municipal PC.
    import shutil

    folder = tmp_path / "支援者サポート 計画ツール" / "help"
    shutil.copytree(USER_GUIDE.path().parent, folder)
    monkeypatch.setattr(HelpDocument, "path", lambda self: folder / self.file_name)
    viewer = GuideViewer(USER_GUIDE)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    assert str(folder / "user-guide.ja.md") in viewer.location.text()
    assert "はじめての計画を作る" in viewer.browser.toPlainText()
    widths = viewer.image_widths()
    assert len(widths) >= 10 and all(width > 0 for width in widths)

