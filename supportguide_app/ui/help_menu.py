"""The ヘルプ menu: 操作の手引き (F1), 導入手順書 and このアプリについて.

The windows themselves (the guides shown offline from Markdown, never following a link off this
computer) are in ``help_viewer.py``, imported when one is first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

if TYPE_CHECKING:
    from supportguide_app.ui.help_viewer import AboutDialog, GuideViewer, HelpDocument

class HelpMenu:
    """The ヘルプ menu's actions and the windows they open (one viewer per guide, reused)."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget, guide_title: str | None = None) -> None:
        self.parent = parent
        self.guide_title = guide_title
        self.viewers: dict[str, GuideViewer] = {}
        self.about_dialog: AboutDialog | None = None
        self.menu: QMenu = menu_bar.addMenu("ヘルプ(&H)")
        self.user_guide_action = self._action("操作の手引き(&M)",
                                              lambda: self.show_document("user-guide.ja.md"))
        self.user_guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        # The longest entry is elided by Qt when the window's stylesheet sets the font size, so the
        # audience goes into the status tip, not the label.
        self.deploy_guide_action = self._action("導入手順書(&D)",
                                                lambda: self.show_document("deploy.ja.md"))
        self.deploy_guide_action.setStatusTip("情報システム担当者向け：配布・設置・削除と、ネットワークを使わないことの確かめ方")
        self.user_guide_action.setStatusTip("はじめての方向け：計画の作り方と、1on1・点検・集計の使い方")
        self.menu.addSeparator()
        self.about_action = self._action("このアプリについて(&A)", self.show_about)
        self.menu.aboutToShow.connect(self._fit_width)

    def _fit_width(self) -> None:
        """Make the menu wide enough for its whole labels.

        Qt sizes a menu as if a Japanese-style mnemonic 「(&M)」 were not there but paints it, so the
        widest label was cut to 「このアプリ…て(A)」 (seen under X; the other menus have the same
        trouble). The labels' full width, measured with the font the menu paints in, is the floor.
        """
        self.menu.ensurePolished()
        metrics = self.menu.fontMetrics()
        widest = max(metrics.horizontalAdvance(a.text().replace("&", "")) + metrics.horizontalAdvance(
            a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) + "　　　")
            for a in self.menu.actions() if not a.isSeparator())
        self.menu.setMinimumWidth(widest + 4 * metrics.height())

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self.parent)
        action.triggered.connect(slot)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.parent.addAction(action)
        self.menu.addAction(action)
        return action

    def show_document(self, document: HelpDocument | str) -> GuideViewer:
        """Show a guide (a HelpDocument, or its file name), opening its window the first time."""
        from supportguide_app.ui import help_viewer  # noqa: PLC0415 (text classes: not at start-up)

        if isinstance(document, str):
            document = next(d for d in help_viewer.DOCUMENTS if d.file_name == document)
        viewer = self.viewers.get(document.file_name)
        if viewer is None:
            viewer = help_viewer.GuideViewer(document, self.parent)
            self.viewers[document.file_name] = viewer
        else:
            viewer.load()
        viewer.show()
        viewer.raise_()
        viewer.activateWindow()
        return viewer

    def show_about(self) -> AboutDialog:
        from supportguide_app.ui.help_viewer import AboutDialog  # noqa: PLC0415 (as above)

        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self.guide_title, self.parent)
        self.about_dialog.show()
        self.about_dialog.raise_()
        return self.about_dialog


def install_help_menu(menu_bar: QMenuBar, parent: QWidget, guide_title: str | None = None) -> HelpMenu:
    """Add ヘルプ to ``menu_bar``; ``parent`` (the main window) owns the actions and windows."""
    return HelpMenu(menu_bar, parent, guide_title)
