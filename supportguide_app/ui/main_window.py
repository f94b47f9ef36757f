"""The main window: the step list on the left, the step in the middle, the guide's help on the right.

The window builds the layout, the actions and the menus, and wires the parts that do the work:

- :class:`StepNavigator` (navigation.py): the steps, 戻る / 次へ, undo and redo that show their step;
- :class:`DocumentController` (document.py): new, open, save, protection, lock, autosave, next plan;
- :class:`OneOnOneFlow` (one_on_one.py): the two views of a 1on1 and the hand-over between them;
- :class:`PlanExporter` (exporter.py): PDF and text; :class:`RecentFiles`, :class:`TextZoom`,
  :class:`ReviewActions`.

The session lives in :class:`SessionEditor`; pages read it when shown and after every change, and
write to it through the editor, so the window never copies the user's work anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from supportguide_app.guide.model import Guide
from supportguide_app.ui.autosaver import AUTOSAVE_DELAY_MS
from supportguide_app.ui.background import BackgroundWork
from supportguide_app.ui.busy import documents_folder
from supportguide_app.ui.dialogs import Dialogs
from supportguide_app.ui.document import DocumentController
from supportguide_app.ui.exporter import PlanExporter
from supportguide_app.ui.first_paint import after_first_paint
from supportguide_app.ui.help_menu import install_help_menu
from supportguide_app.ui.help_panel import HelpPanel
from supportguide_app.ui.input_policy import UndoKeys
from supportguide_app.ui.navigation import StepNavigator
from supportguide_app.ui.one_on_one import OneOnOneFlow
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.recent_files import RecentFiles
from supportguide_app.ui.reviews import ReviewActions
from supportguide_app.ui.settings import AppSettings
from supportguide_app.ui.text_zoom import TextZoom
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.view_widgets import HandOverPage

if TYPE_CHECKING:
    from supportguide_app.ui.pages.base import Page
    from supportguide_app.ui.pages.summary import SummaryPage

APP_TITLE = "支援者サポート計画ツール"
# In the title of a protected plan. Words, not 🔒: the title bar's font may lack the emoji.
PROTECTED_MARK = "（保護）"


class MainWindow(QMainWindow):
    def __init__(self, guide: Guide, settings: AppSettings, *, autosave_folder: Path | None = None,
                 dialogs: Dialogs | None = None, autosave_delay_ms: int = AUTOSAVE_DELAY_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guide = guide
        self.settings = settings
        self.dialogs = dialogs or Dialogs()
        self.editor = SessionEditor(parent=self)
        self._aggregation_window = None
        # One piece of long work at a time (open, save, PDF), shared by the parts that start it.
        self.work = BackgroundWork(self)
        self._close_after_work = False
        self._enabled_before_work: dict[QAction, bool] = {}

        self._build_layout()
        self.navigator = StepNavigator(
            guide, self.editor, step_list=self.step_list, stack=self.stack,
            back_button=self.back_button, next_button=self.next_button,
            position_label=self.position_label, help_panel=self.help_panel, parent=self)
        self.pages = self.navigator.pages
        self.navigator.page_built.connect(self._on_page_built)
        self.document = DocumentController(self.editor, self.dialogs, self.navigator, self,
                                           autosave_folder=autosave_folder,
                                           autosave_delay_ms=autosave_delay_ms, work=self.work)
        self.one_on_one = OneOnOneFlow(self.editor, self.dialogs, self.navigator, self.document,
                                       self._build_handover_page, self)
        self.exporter = PlanExporter(guide, self.editor, settings, self.dialogs, self, work=self.work)
        self.recent = RecentFiles(settings, lambda: self.pages[PageId.START], self)
        self.reviews = ReviewActions(self.editor, self.dialogs, lambda: self.pages[PageId.REVIEW], self)
        self.zoom = TextZoom(settings, self, self.step_list)
        for part in (self.document, self.one_on_one, self.exporter, self.reviews, self.zoom):
            part.status.connect(self._show_status)
        self.document.state_changed.connect(self._update_title)
        self.document.file_used.connect(self.recent.add)
        self.document.closed.connect(self.exporter.forget)
        self.one_on_one.handover_changed.connect(self._show_handover)
        self._build_actions()
        self.work.busy_changed.connect(self._on_work_busy_changed)
        # Every part follows the session; in this order (the page first, the title last).
        self.editor.changed.connect(self.navigator.on_session_changed)
        self.editor.changed.connect(self.one_on_one.on_session_changed)
        self.editor.changed.connect(self._update_title)
        self.editor.changed.connect(self.document.on_session_changed)
        self.editor.replaced.connect(self.document.on_session_replaced)
        self.editor.replaced.connect(self.navigator.on_session_replaced)
        self.editor.replaced.connect(self.one_on_one.on_session_replaced)
        self.editor.replaced.connect(self._update_title)
        self.editor.undo_stack.cleanChanged.connect(self._update_title)

        self.zoom.apply(settings.text_scale())
        self.resize(1280, 800)
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.fit_to_screen()
        self.recent.refresh()
        self.navigator.go_to(PageId.START)
        self.navigator.update_steps()
        self._update_title()
        # The 1on1 hand-over page is not needed for the first frame; built after it, it gives the
        # window the same minimum size as before from the next turn on (a hand-over before then
        # builds it at once).
        after_first_paint(self, self.one_on_one.ensure_page)

    def _on_page_built(self, page_id: PageId, page: Page) -> None:
        """Connect a new step to the parts, and give it the state it shows that lives outside the
        session."""
        page.view_finished.connect(self.one_on_one.finish_view)
        page.views_start_requested.connect(self.one_on_one.start_separate_views)
        if page_id == PageId.START:
            page.new_requested.connect(self.document.new_session)
            page.open_requested.connect(self.document.open_file)
            page.recent_enabled_changed.connect(self.recent.set_enabled)
            page.recent_clear_requested.connect(self.recent.clear)
        elif page_id == PageId.SUMMARY:
            page.save_requested.connect(self.document.save)
            page.save_as_requested.connect(self.document.save_as)
            page.close_requested.connect(self.document.close_session)
            page.export_pdf_requested.connect(self.exporter.export_pdf)
            page.copy_text_requested.connect(self.exporter.copy_as_text)
            self._show_read_only_on(page)
        elif page_id == PageId.REVIEW:
            page.remove_requested.connect(self.reviews.remove_review)
            page.next_plan_requested.connect(self.document.create_next_plan)

    # -- layout ---------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.step_list = QListWidget()
        self.step_list.setObjectName("stepList")
        self.step_list.setAccessibleName("ステップの一覧")
        self.step_list.setWordWrap(True)
        self.step_list.setMinimumWidth(190)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()  # the navigator fills it (and the list) with the steps

        self.back_button = QPushButton("← 戻る")
        self.back_button.setAccessibleName("前のステップへ戻る")
        self.next_button = QPushButton("次へ →")
        self.next_button.setAccessibleName("次のステップへ進む")
        self.next_button.setProperty("primary", True)
        self.position_label = QLabel()
        self.position_label.setProperty("role", "muted")
        nav = QWidget()
        nav.setObjectName("navBar")
        nav_layout = QHBoxLayout(nav)
        nav_layout.setContentsMargins(24, 10, 24, 10)
        nav_layout.addWidget(self.back_button)
        nav_layout.addStretch(1)
        nav_layout.addWidget(self.position_label)
        nav_layout.addStretch(1)
        nav_layout.addWidget(self.next_button)

        centre = QWidget()
        centre.setObjectName("centre")
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.stack, 1)
        centre_layout.addWidget(nav)

        self.help_panel = HelpPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.step_list)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.help_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([220, 740, 320])
        state = self.settings.splitter_state()
        if state is not None:
            self.splitter.restoreState(state)
        self.central = QStackedWidget()  # the steps; the 1on1 hand-over page when first needed
        self.central.addWidget(self.splitter)
        self.setCentralWidget(self.central)
        self.statusBar()

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcuts=(), name: str | None = None) -> QAction:
            act = QAction(text, self)
            act.triggered.connect(slot)
            if shortcuts:
                act.setShortcuts([QKeySequence(s) for s in shortcuts])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(act)
            return act

        document, exporter, navigator, zoom = self.document, self.exporter, self.navigator, self.zoom
        self.new_action = action("新しい計画(&N)", document.new_session, [QKeySequence.StandardKey.New])
        self.open_action = action("開く(&O)…", lambda: document.open_file(), [QKeySequence.StandardKey.Open])
        self.save_action = action("保存(&S)", document.save, [QKeySequence.StandardKey.Save])
        self.save_as_action = action("名前を付けて保存(&A)…", document.save_as, ["Ctrl+Shift+S"])
        self.close_session_action = action("閉じる(&C)", document.close_session, ["Ctrl+W"])
        self.protect_action = action("パスフレーズで保護(&K)…", document.protect)
        self.quit_action = action("終了(&X)", self.close, ["Ctrl+Q"])
        # Ctrl+E: Ctrl+P would promise a print dialog, which this is not.
        self.export_pdf_action = action("PDFに書き出す(&E)…", lambda: exporter.export_pdf(), ["Ctrl+E"])
        self.copy_text_action = action("テキストとしてコピー(&T)", exporter.copy_as_text, ["Ctrl+Shift+C"])
        self.next_plan_action = action("この計画から次の計画を作る(&P)…", document.create_next_plan)
        self.aggregation_action = action("地域・組織の集計(&A)…", self.show_aggregation)
        self.undo_action = action("元に戻す(&U)", navigator.undo, ["Ctrl+Z"])
        self.redo_action = action("やり直す(&R)", navigator.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.editor.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.editor.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        # Every field of the window hands these keys to the plan's undo and redo.
        self.undo_keys = UndoKeys(self, self.undo_action.shortcuts() + self.redo_action.shortcuts())
        self.zoom_in_action = action("文字を大きく(&L)", zoom.zoom_in, ["Ctrl++", "Ctrl+=", "Ctrl+;"])
        self.zoom_out_action = action("文字を小さく(&S)", zoom.zoom_out, ["Ctrl+-"])
        self.zoom_reset_action = action("標準の大きさ(&0)", zoom.reset, ["Ctrl+0"])
        self.back_action = action("前のステップ", navigator.go_back, ["Alt+Left", "Ctrl+PgUp"])
        self.next_action = action("次のステップ", navigator.go_next, ["Alt+Right", "Ctrl+PgDown"])

        menu = self.menuBar().addMenu("ファイル(&F)")
        for act in (self.new_action, self.open_action, self.save_action, self.save_as_action):
            menu.addAction(act)
        menu.addAction(self.protect_action)
        menu.addSeparator()
        menu.addAction(self.export_pdf_action)
        menu.addAction(self.copy_text_action)
        menu.addSeparator()
        menu.addAction(self.next_plan_action)
        menu.addSeparator()
        menu.addAction(self.close_session_action)
        menu.addAction(self.quit_action)
        menu = self.menuBar().addMenu("編集(&E)")
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu = self.menuBar().addMenu("表示(&V)")
        for act in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.back_action)
        menu.addAction(self.next_action)
        menu = self.menuBar().addMenu("ツール(&T)")
        menu.addAction(self.aggregation_action)
        self.help_menu = install_help_menu(self.menuBar(), self, self.guide.info["title"])

    def fit_to_screen(self) -> None:
        """Never larger than the screen's free area (a remembered size from a bigger screen, or
        1280×800 with QT_SCALE_FACTOR=2 on a small one), and placed inside it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        extra = QSize(frame.width() - self.width(), frame.height() - self.height())
        size = self.size().boundedTo(area.size() - extra)
        if size != self.size():
            self.resize(size)
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
        y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.fit_to_screen()  # again, now that the frame's size is known

    # -- what the window shows of the parts' state ---------------------------------------------------
    def _show_status(self, message: str, timeout_ms: int) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def _build_handover_page(self) -> HandOverPage:
        page = HandOverPage()
        self.central.addWidget(page)
        return page

    @property
    def handover_page(self) -> HandOverPage:
        """「…の方に交代してください」 between the two views of a 1on1 (built when first asked for)."""
        return self.one_on_one.page

    def is_handing_over(self) -> bool:
        return self.one_on_one.page_is_built() and self.central.currentWidget() is self.handover_page

    def _show_handover(self, show: bool) -> None:
        if show != self.is_handing_over():
            self.central.setCurrentWidget(self.handover_page if show else self.splitter)
        for act in (self.back_action, self.next_action):
            act.setEnabled(not show)

    def _update_title(self, *_args) -> None:
        document = self.document
        state = PROTECTED_MARK if document.is_protected() else ""
        if document.read_only:
            state += "（読み取り専用）"
        elif document.source_path is None and self.editor.session.previous is not None:
            state += "（前の計画から作成・未保存）"
        self.setWindowTitle(f"{document.session_name()}{state}[*] — {APP_TITLE}")
        self.setWindowModified(document.is_modified())
        self.save_action.setEnabled(not document.read_only)
        summary = self.pages.get(PageId.SUMMARY)  # not built yet: done when it is
        if summary is not None:
            self._show_read_only_on(summary)

    def _show_read_only_on(self, summary: SummaryPage) -> None:
        read_only = self.document.read_only
        summary.save_button.setEnabled(not read_only)
        summary.save_button.setToolTip(
            "読み取り専用で開いています。「名前を付けて保存」で別のファイルに保存してください。"
            if read_only else "")

    # -- 地域・組織の集計 ------------------------------------------------------------------------------
    def show_aggregation(self):
        """ツール → 地域・組織の集計: a separate window, so the plan stays open beside it."""
        from supportguide_app.ui.aggregation import AggregationWindow

        if self._aggregation_window is None:
            self._aggregation_window = AggregationWindow(
                self.guide, self.dialogs, start_folder=self.document.default_folder(),
                export_folder=self.settings.export_folder() or documents_folder(), parent=self)
        window = self._aggregation_window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    # -- long work ------------------------------------------------------------------------------------
    def _conflicting_actions(self) -> tuple[QAction, ...]:
        """What must not start while a file is opened, saved or exported (zoom and help may)."""
        return (self.new_action, self.open_action, self.save_action, self.save_as_action,
                self.close_session_action, self.protect_action, self.export_pdf_action,
                self.copy_text_action, self.next_plan_action, self.undo_action, self.redo_action,
                self.back_action, self.next_action)

    def _on_work_busy_changed(self, busy: bool) -> None:
        if busy:
            self._enabled_before_work = {act: act.isEnabled() for act in self._conflicting_actions()}
            for act in self._enabled_before_work:
                act.setEnabled(False)
            return
        for act, enabled in self._enabled_before_work.items():
            act.setEnabled(enabled)
        self._enabled_before_work = {}
        if self._close_after_work:
            self._close_after_work = False
            QTimer.singleShot(0, self.close)  # once the cancelled work has unwound

    # -- closing ---------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        aggregation = self._aggregation_window
        if aggregation is not None and aggregation.work.is_running():
            event.ignore()
            aggregation.close()  # asks whether to stop counting; the window stays open
            return
        if self.work.is_running():
            event.ignore()
            if self.dialogs.confirm(self, "作業を取りやめますか",
                                    "ファイルの読み書きの途中です。取りやめてウィンドウを閉じますか？"
                                    "（取りやめても、ファイルは元のままです）"):
                self._close_after_work = True
                self.work.cancel()
            return
        if not self.document.maybe_save():
            event.ignore()
            return
        self.document.shut_down()
        self.exporter.forget()
        if self._aggregation_window is not None:
            self._aggregation_window.close()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_splitter_state(self.splitter.saveState())
        self.settings.sync()
        event.accept()
