"""The main window: the step list on the left, the step in the middle, the guide's help on the right.

The window owns the file actions (new, open, save, close), undo/redo, autosave and text size. The
session lives in :class:`SessionEditor`; pages read it when shown and after every change, and write
to it through the editor, so the window never copies the user's work anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from supportguide_app.guide.model import Guide
from supportguide_app.plan.carry import next_plan
from supportguide_app.plan.session import Session
from supportguide_app.report.errors import MissingGlyphsError, ReportError, ReportSaveError
from supportguide_app.storage import (
    AutosaveEntry,
    AutosaveStore,
    LoadResult,
    OverwriteRefusedError,
    PassphraseRequiredError,
    SessionFileError,
    WrongPassphraseError,
    crypto,
    load_session,
    save_session,
)
from supportguide_app.storage.filenames import safe_file_stem
from supportguide_app.storage.lock import (
    FileInUseError,
    FileLock,
    LockUnavailableError,
    acquire_lock,
    break_lock,
)
from supportguide_app.ui.dialogs import Dialogs, LockAnswer, RestoreAnswer, UnsavedAnswer
from supportguide_app.ui.help_panel import HelpPanel
from supportguide_app.ui.pages import PAGE_ORDER, PageId, page_for_path
from supportguide_app.ui.pages.base import Page
from supportguide_app.ui.pages.clauses import ClausesPage
from supportguide_app.ui.pages.comparison import ComparisonPage
from supportguide_app.ui.pages.difficulties import DifficultiesPage
from supportguide_app.ui.pages.goals import GoalsPage
from supportguide_app.ui.pages.methods import MethodsPage
from supportguide_app.ui.pages.preparation import PreparationPage
from supportguide_app.ui.pages.review import ReviewPage
from supportguide_app.ui.pages.start import StartPage
from supportguide_app.ui.pages.summary import SummaryPage
from supportguide_app.ui.settings import TEXT_SCALE_DEFAULT, TEXT_SCALE_STEP, AppSettings
from supportguide_app.ui.style import stylesheet
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.view_widgets import HandOverPage
from supportguide_app.ui.views import ENTRY_ORDER, entering_role, is_one_on_one, next_role
from supportguide_app.ui.widgets import retire

APP_TITLE = "支援者サポート計画ツール"
AUTOSAVE_DELAY_MS = 3000
_PAGE_CLASSES = {PageId.START: StartPage, PageId.DIFFICULTIES: DifficultiesPage, PageId.GOALS: GoalsPage,
                 PageId.METHODS: MethodsPage, PageId.PREPARATION: PreparationPage,
                 PageId.CLAUSES: ClausesPage, PageId.SUMMARY: SummaryPage, PageId.REVIEW: ReviewPage,
                 PageId.COMPARISON: ComparisonPage}
CHECKLIST_NAME_SUFFIX = "_チェックリスト"
# In the title of a protected plan. Words, not 🔒: the title bar's font may lack the emoji.
PROTECTED_MARK = "（保護）"


def default_autosave_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "autosave"


class _PagesOnDemand(dict):
    """PageId → Page, creating a page on first access; iterating gives only the pages built."""

    def __init__(self, build) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, page_id: PageId) -> Page:
        page = self._build(page_id)
        self[page_id] = page
        return page


class MainWindow(QMainWindow):
    def __init__(self, guide: Guide, settings: AppSettings, *, autosave_folder: Path | None = None,
                 dialogs: Dialogs | None = None, autosave_delay_ms: int = AUTOSAVE_DELAY_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guide = guide
        self.settings = settings
        self.dialogs = dialogs or Dialogs()
        self.autosave = AutosaveStore(autosave_folder or default_autosave_folder())
        self.editor = SessionEditor(parent=self)
        self.source_path: Path | None = None
        # The lock of source_path while this window may save over it (storage/lock.py); None with
        # no file, and in read-only mode, where the file is someone else's to save.
        self._lock: FileLock | None = None
        self.read_only = False
        self._aggregation_window = None
        self._replayed_paths: list[tuple] | None = None  # collecting while an undo/redo runs
        # True after restoring an autosave: the work differs from any file though no command exists.
        self._dirty_without_commands = False
        # パスフレーズ: kept beside source_path, never in settings or the session. ``_passphrase``
        # protects the next save and the autosave; ``_file_passphrase`` is what the file on disk
        # has now (to check it before overwriting, when the protection is changed or removed).
        self._passphrase: str | None = None
        self._file_passphrase: str | None = None
        # 1on1: the hand-over page stands between the two views until the next person begins.
        self._handover_pending = False

        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(autosave_delay_ms)
        self._autosave_timer.timeout.connect(self._on_autosave_timer_timeout)

        self._build_layout()
        self._build_actions()
        self.editor.changed.connect(self._on_session_changed)
        self.editor.replaced.connect(self._on_session_replaced)
        self.editor.undo_stack.cleanChanged.connect(self._on_undo_clean_changed)

        self.apply_text_scale(settings.text_scale())
        self.resize(1280, 800)
        geometry = settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._refresh_recent()
        self.go_to(PageId.START)
        self._update_steps()
        self._update_title()

    def _build_page(self, page_id: PageId) -> Page:
        """Create one step, connect it and put it in its place in the stack."""
        page = _PAGE_CLASSES[page_id](self.guide, self.editor)
        page.help_requested.connect(self._on_page_help_requested)
        page.navigate_requested.connect(lambda target: self.go_to(PageId(target)))
        page.view_finished.connect(self.finish_view)
        page.views_start_requested.connect(self.start_separate_views)
        if isinstance(page, StartPage):
            page.new_requested.connect(self.new_session)
            page.open_requested.connect(self._on_start_open_requested)
            page.recent_enabled_changed.connect(self._on_recent_enabled_changed)
            page.recent_clear_requested.connect(self._on_recent_clear_requested)
        elif isinstance(page, SummaryPage):
            page.save_requested.connect(self.save)
            page.save_as_requested.connect(self.save_as)
            page.close_requested.connect(self.close_session)
            page.export_pdf_requested.connect(self.export_pdf)
            page.copy_text_requested.connect(self.copy_as_text)
        elif isinstance(page, ReviewPage):
            page.remove_requested.connect(self.remove_review)
            page.next_plan_requested.connect(self.create_next_plan)
        index = PAGE_ORDER.index(page_id)
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        retire(placeholder)
        self.stack.setCurrentIndex(current)
        self._on_page_built(page_id, page)
        return page

    def _on_page_built(self, page_id: PageId, page: Page) -> None:
        """Give a new step the state it shows that lives in the window, not in the session."""
        if isinstance(page, SummaryPage):
            self._show_read_only_on(page)

    # -- layout ---------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.step_list = QListWidget()
        self.step_list.setObjectName("stepList")
        self.step_list.setAccessibleName("ステップの一覧")
        self.step_list.setWordWrap(True)
        self.step_list.setMinimumWidth(190)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        # Steps are built when first shown: building and styling all of them before the window
        # appears was most of the start-up time. Until then a placeholder holds each one's place.
        self.pages: dict[PageId, Page] = _PagesOnDemand(self._build_page)
        for page_id in PAGE_ORDER:
            self.stack.addWidget(QWidget())
            title = _PAGE_CLASSES[page_id].step_title(self.guide)
            item = QListWidgetItem(f"{page_id.value}　{title}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title.replace("\n", " "))
            self.step_list.addItem(item)
        self.step_list.currentRowChanged.connect(self._on_step_list_row_changed)

        self.back_button = QPushButton("← 戻る")
        self.back_button.setAccessibleName("前のステップへ戻る")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton("次へ →")
        self.next_button.setAccessibleName("次のステップへ進む")
        self.next_button.setProperty("primary", True)
        self.next_button.clicked.connect(self.go_next)
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
        self.handover_page = HandOverPage()
        self.handover_page.begin_requested.connect(self.begin_next_view)
        self.handover_page.back_requested.connect(self._on_handover_back_requested)
        self.central = QStackedWidget()
        self.central.addWidget(self.splitter)
        self.central.addWidget(self.handover_page)
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

        self.new_action = action("新しい計画(&N)", self.new_session, [QKeySequence.StandardKey.New])
        self.open_action = action("開く(&O)…", lambda: self.open_file(), [QKeySequence.StandardKey.Open])
        self.save_action = action("保存(&S)", self.save, [QKeySequence.StandardKey.Save])
        self.save_as_action = action("名前を付けて保存(&A)…", self.save_as, ["Ctrl+Shift+S"])
        self.close_session_action = action("閉じる(&C)", self.close_session, ["Ctrl+W"])
        self.protect_action = action("パスフレーズで保護(&K)…", self.protect)
        self.quit_action = action("終了(&X)", self.close, ["Ctrl+Q"])
        # Ctrl+E: Ctrl+P would promise a print dialog, which this is not.
        self.export_pdf_action = action("PDFに書き出す(&E)…", lambda: self.export_pdf(), ["Ctrl+E"])
        self.copy_text_action = action("テキストとしてコピー(&T)", self.copy_as_text, ["Ctrl+Shift+C"])
        self.next_plan_action = action("この計画から次の計画を作る(&P)…", self.create_next_plan)
        self.aggregation_action = action("地域・組織の集計(&A)…", self.show_aggregation)
        self.undo_action = action("元に戻す(&U)", self.undo, ["Ctrl+Z"])
        self.redo_action = action("やり直す(&R)", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.editor.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.editor.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.zoom_in_action = action("文字を大きく(&L)", self.zoom_in, ["Ctrl++", "Ctrl+=", "Ctrl+;"])
        self.zoom_out_action = action("文字を小さく(&S)", self.zoom_out, ["Ctrl+-"])
        self.zoom_reset_action = action("標準の大きさ(&0)", self.zoom_reset, ["Ctrl+0"])
        self.back_action = action("前のステップ", self.go_back, ["Alt+Left", "Ctrl+PgUp"])
        self.next_action = action("次のステップ", self.go_next, ["Alt+Right", "Ctrl+PgDown"])

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

    # -- navigation -------------------------------------------------------------------------------------
    def current_page_id(self) -> PageId:
        return PAGE_ORDER[self.stack.currentIndex()]

    def current_page(self) -> Page:
        return self.pages[self.current_page_id()]

    def go_to(self, page_id: PageId) -> None:
        index = PAGE_ORDER.index(page_id)
        if self.step_list.currentRow() != index:
            self.step_list.setCurrentRow(index)  # calls back into _on_step_list_row_changed
        else:
            self._show_page(index)

    def page_applies(self, page_id: PageId) -> bool:
        """Whether a step is part of this session's way through (見方の比較と合意: a 1on1 only)."""
        return page_id is not PageId.COMPARISON or is_one_on_one(self.editor.session)

    def _steps(self) -> list[PageId]:
        return [page_id for page_id in PAGE_ORDER if self.page_applies(page_id)]

    def _neighbour(self, step: int) -> PageId | None:
        """The step before (-1) or after (+1) the current one, skipping those that do not apply."""
        index = self.stack.currentIndex() + step
        while 0 <= index < len(PAGE_ORDER):
            if self.page_applies(PAGE_ORDER[index]):
                return PAGE_ORDER[index]
            index += step
        return None

    def go_next(self) -> None:
        target = self._neighbour(+1)
        if target is not None:
            self.go_to(target)

    def go_back(self) -> None:
        target = self._neighbour(-1)
        if target is not None:
            self.go_to(target)

    def _update_steps(self) -> None:
        """Number the steps that apply and hide the others (the list's order is PAGE_ORDER's)."""
        steps = self._steps()
        for row, page_id in enumerate(PAGE_ORDER):
            item = self.step_list.item(row)
            applies = page_id in steps
            self.step_list.setRowHidden(row, not applies)
            if applies:
                title = _PAGE_CLASSES[page_id].step_title(self.guide)
                text = f"{steps.index(page_id)}　{title}"
                if item.text() != text:
                    item.setText(text)
        if not self.page_applies(self.current_page_id()):
            self.go_to(PageId.START)
        else:
            self._show_position(self.stack.currentIndex())

    def _on_step_list_row_changed(self, row: int) -> None:
        if row >= 0:
            self._show_page(row)

    def _show_page(self, index: int) -> None:
        page = self.pages[PAGE_ORDER[index]]
        page.refresh()
        self.stack.setCurrentIndex(index)
        self.help_panel.show_html(page.default_help())
        self._show_position(index)

    def _show_position(self, index: int) -> None:
        steps = self._steps()
        page_id = PAGE_ORDER[index]
        self.back_button.setEnabled(self._neighbour(-1) is not None)
        self.next_button.setEnabled(self._neighbour(+1) is not None)
        if page_id in steps:
            self.position_label.setText(f"{steps.index(page_id) + 1} / {len(steps)}")

    def _on_page_help_requested(self, html: str) -> None:
        self.help_panel.show_html(html)

    # -- session changes ------------------------------------------------------------------------------
    # -- undo and redo ----------------------------------------------------------------------------
    def undo(self) -> None:
        self._replay(self.editor.undo_stack.undo)

    def redo(self) -> None:
        self._replay(self.editor.undo_stack.redo)

    def _replay(self, step) -> None:
        """Undo or redo, then show the step where that change was made: a change taken back on a
        step the person cannot see would look as if nothing happened."""
        self._replayed_paths = []
        try:
            step()
        finally:
            paths, self._replayed_paths = self._replayed_paths, None
        targets = [page_for_path(path) for path in paths]
        target = next((t for t in targets if t is not None and self.page_applies(t)), None)
        if target is not None and target != self.current_page_id():
            self.go_to(target)

    def _on_session_changed(self, path: tuple) -> None:
        if self._replayed_paths is not None:
            self._replayed_paths.append(path)
        self.current_page().refresh()
        if path and path[0] in ("meeting", "view"):
            self._update_steps()
            self._update_handover()
        self._update_title()
        self._autosave_timer.start()  # restarts: autosave a few seconds after the last change

    def _on_session_replaced(self) -> None:
        self._autosave_timer.stop()
        for page in self.pages.values():
            page.refresh()
        # A plan opened at the second person's turn: whoever opened it hands over first.
        self._handover_pending = entering_role(self.editor.session) == "counselor"
        self._update_steps()
        self._update_handover()
        self._update_title()

    # -- 1on1: the two views and the hand-over ---------------------------------------------------
    def finish_view(self, who: str) -> None:
        """「入力を終えて交代する／比較へ進む」: mark ``who``'s view done, then hand over or compare."""
        if entering_role(self.editor.session) != who:
            return
        following = next_role(who)
        self._handover_pending = following is not None
        self.editor.set(("view", who, "done"), True)
        self._update_handover()
        if following is None:
            self.go_to(PageId.COMPARISON)
            self.statusBar().showMessage("二人の入力が終わりました。見方を比べて、合意を決めてください。",
                                         8000)

    def start_separate_views(self) -> bool:
        """A 1on1 that has only an agreed selection: begin the two views, the manager first.

        The manager's name is what starts them (views with content are what the window follows),
        so it is asked for; the agreed selection stays as it is.
        """
        session = self.editor.session
        suggested = session.author if session.role == "manager" else ""
        name = self.dialogs.ask_text(
            self, "二人の見方を別々に入力する",
            "管理者と相談員が、それぞれの見方を別々に入力します（相手の入力は比較のときまで"
            "表示されません）。\nまず、管理者のお名前を入力してください。", suggested)
        if name is None:
            return False
        if not name.strip():
            self.dialogs.info(self, "二人の見方を別々に入力する", "お名前を入力すると始められます。")
            return False
        self.editor.set(("view", "manager", "name"), name.strip())
        self.go_to(PageId.DIFFICULTIES)
        return True

    def begin_next_view(self) -> None:
        """The next person pressed 「…の入力を始める」 on the hand-over page."""
        # Ctrl+Z must not walk back into the previous person's entries: the history starts here.
        modified = self.is_modified()
        self.editor.undo_stack.clear()
        self._dirty_without_commands = modified
        self._handover_pending = False
        self._update_handover()
        self._update_title()
        self.go_to(PageId.DIFFICULTIES)
        self.pages[PageId.DIFFICULTIES].view_banner.name_edit.setFocus()

    def _on_handover_back_requested(self) -> None:
        """「管理者の入力に戻る」 (pressed by mistake): the previous view is not done after all."""
        who = entering_role(self.editor.session)
        self._handover_pending = False
        if who is not None and ENTRY_ORDER.index(who) > 0:
            self.editor.set(("view", ENTRY_ORDER[ENTRY_ORDER.index(who) - 1], "done"), False)
        self._update_handover()
        self.go_to(PageId.DIFFICULTIES)

    def is_handing_over(self) -> bool:
        return self.central.currentWidget() is self.handover_page

    def _update_handover(self) -> None:
        who = entering_role(self.editor.session)
        show = self._handover_pending and who is not None and who != "manager"
        if not show:
            self._handover_pending = self._handover_pending and who == "counselor"
        if show:
            self.handover_page.set_roles("manager", who)
        if show != self.is_handing_over():
            self.central.setCurrentWidget(self.handover_page if show else self.splitter)
            if show:
                self.handover_page.begin_button.setFocus()
        for act in (self.back_action, self.next_action):
            act.setEnabled(not show)

    def _on_undo_clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def is_modified(self) -> bool:
        return self._dirty_without_commands or not self.editor.undo_stack.isClean()

    def _session_name(self) -> str:
        if self.editor.session.title.strip():
            return self.editor.session.title.strip()
        if self.source_path is not None:
            return self.source_path.stem
        return "無題の計画"

    def is_protected(self) -> bool:
        """Whether the next save (and the autosave) is protected with a passphrase."""
        return self._passphrase is not None

    def _update_title(self) -> None:
        state = PROTECTED_MARK if self.is_protected() else ""
        if self.read_only:
            state += "（読み取り専用）"
        elif self.source_path is None and self.editor.session.previous is not None:
            state += "（前の計画から作成・未保存）"
        self.setWindowTitle(f"{self._session_name()}{state}[*] — {APP_TITLE}")
        self.setWindowModified(self.is_modified())
        self.save_action.setEnabled(not self.read_only)
        summary = self.pages.get(PageId.SUMMARY)  # not built yet: done when it is
        if summary is not None:
            self._show_read_only_on(summary)

    def _show_read_only_on(self, summary: SummaryPage) -> None:
        summary.save_button.setEnabled(not self.read_only)
        summary.save_button.setToolTip(
            "読み取り専用で開いています。「名前を付けて保存」で別のファイルに保存してください。"
            if self.read_only else "")

    def _mark_saved(self) -> None:
        self._dirty_without_commands = False
        self.editor.undo_stack.setClean()
        self._update_title()

    # -- autosave --------------------------------------------------------------------------------------
    def _on_autosave_timer_timeout(self) -> None:
        if not self.is_modified() or self.editor.session.is_blank():
            return
        self._write_autosave()

    def _write_autosave(self) -> None:
        try:
            # The key is derived once and cached (storage/crypto.py): no wait cursor every few seconds.
            self.autosave.write(self.editor.session, self.source_path, self._passphrase)
        except SessionFileError as exc:
            self.statusBar().showMessage(f"自動保存できませんでした：{exc.message}", 10000)

    def flush_autosave(self) -> None:
        """Write the autosave now if one is due (used at shutdown of a test or a crash handler)."""
        if self._autosave_timer.isActive():
            self._autosave_timer.stop()
            self._on_autosave_timer_timeout()

    def check_autosave(self) -> None:
        """Offer to restore sessions that were autosaved but never saved (after a crash)."""
        for entry in self.autosave.pending():
            passphrase = None
            if entry.protected and isinstance(entry.error, PassphraseRequiredError):
                answer = self.dialogs.ask_restore(self, self._restore_text(entry))
                if answer is RestoreAnswer.DISCARD:
                    self._discard_entry(entry)
                    continue
                if answer is not RestoreAnswer.RESTORE:
                    continue
                opened = self._open_protected_entry(entry)
                if opened is None:
                    continue  # cancelled: offered again at the next start
                entry, passphrase = opened
                if entry.error is None and entry.session is not None:
                    if not self.maybe_save():
                        return
                    self._restore(entry, passphrase)
                    return
            if entry.error is not None or entry.session is None:
                reason = entry.error.message if entry.error else ""
                if self.dialogs.confirm(self, "自動保存されたデータ",
                                        f"自動保存されたデータを読み込めませんでした。\n{reason}\n\n破棄しますか？"):
                    self._discard_entry(entry)
                continue
            answer = self.dialogs.ask_restore(self, self._restore_text(entry))
            if answer is RestoreAnswer.RESTORE:
                if not self.maybe_save():
                    return
                self._restore(entry)
                return  # one session at a time; others are offered at the next start
            if answer is RestoreAnswer.DISCARD:
                self._discard_entry(entry)

    def _open_protected_entry(self, entry: AutosaveEntry) -> tuple[AutosaveEntry, str] | None:
        """Ask for the passphrase of a protected autosave until it opens; None when cancelled."""
        wrong = False
        while True:
            passphrase = self.dialogs.ask_passphrase(self, "自動保存された計画", wrong)
            if passphrase is None:
                return None
            try:
                with _wait_cursor():
                    return self.autosave.open(entry, passphrase), passphrase
            except (PassphraseRequiredError, WrongPassphraseError):
                wrong = True

    def _restore_text(self, entry: AutosaveEntry) -> str:
        if entry.protected and entry.session is None:
            saved = (entry.saved_at or "").replace("T", " ")[:16]
            return ("前回、保存されないまま終了した計画があります。\n\n"
                    "この計画はパスフレーズで保護されています。復元するには、次にパスフレーズを入力します。\n"
                    f"自動保存：{saved}\n\n復元しますか？")
        session = entry.session
        name = session.title.strip() if session and session.title.strip() else "無題の計画"
        saved = (entry.saved_at or "").replace("T", " ")[:16]
        where = (f"元のファイル：{entry.source_path}" if entry.source_path
                 else "（まだ一度も保存されていません）")
        return ("前回、保存されないまま終了した計画があります。\n\n"
                f"計画：{name}\n自動保存：{saved}\n{where}\n\n復元しますか？")

    def _restore(self, entry: AutosaveEntry, passphrase: str | None = None) -> None:
        lock, read_only = None, False
        if entry.source_path is not None and entry.source_path.exists():
            decided = self._lock_for_editing(entry.source_path)
            lock, read_only = decided if decided is not None else (None, True)
        self._set_lock(lock, read_only)
        self.source_path = entry.source_path
        self._passphrase = self._file_passphrase = passphrase
        self.editor.replace(entry.session)
        self._dirty_without_commands = True
        try:
            self.autosave.write(self.editor.session, self.source_path, self._passphrase)
            self.autosave.discard(entry)
        except SessionFileError as exc:
            self.dialogs.warning(self, "自動保存", exc.message)
        if entry.warnings:
            self.dialogs.warning(self, "自動保存されたデータ", "\n".join(entry.warnings))
        self._update_title()
        self.go_to(PageId.SUMMARY)

    def _discard_entry(self, entry: AutosaveEntry) -> None:
        try:
            self.autosave.discard(entry)
        except SessionFileError as exc:
            self.dialogs.error(self, "自動保存", exc.message)

    # -- file actions ----------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled (or saving failed)."""
        if not self.is_modified():
            return True
        answer = self.dialogs.ask_unsaved(self, self._session_name())
        if answer is UnsavedAnswer.SAVE:
            return self.save()
        return answer is UnsavedAnswer.DISCARD

    def _start_fresh(self, session: Session, source: Path | None, *, lock: FileLock | None = None,
                     read_only: bool = False, passphrase: str | None = None) -> None:
        self._set_lock(lock, read_only)
        self.source_path = source
        # Nothing of the last plan's protection stays in memory: its passphrase and derived keys.
        crypto.forget_keys()
        self._passphrase = self._file_passphrase = passphrase
        self._dirty_without_commands = False
        self.editor.replace(session)
        self._clear_own_autosave()

    # -- file locks --------------------------------------------------------------------------------------
    def _set_lock(self, lock: FileLock | None, read_only: bool) -> None:
        """Hold ``lock`` from now on (releasing the previous one, unless it is the same)."""
        if self._lock is not None and self._lock is not lock:
            self._lock.release()
        self._lock = lock
        self.read_only = read_only

    def _holds_lock_on(self, path: Path) -> bool:
        return (self._lock is not None and not self._lock.released
                and _same_file(self._lock.path, path))

    def _lock_for_editing(self, path: Path) -> tuple[FileLock | None, bool] | None:
        """Lock ``path`` for editing, asking when someone else has it open.

        Returns (lock, read_only): (lock, False) to edit, (None, True) to open read-only; None when
        the person cancelled. Our own lock on the same file is kept (reopening it in this window).
        """
        if self._holds_lock_on(path):
            return self._lock, False
        try:
            return acquire_lock(path), False
        except LockUnavailableError as exc:
            self.dialogs.warning(self, "読み取り専用で開きます", exc.message)
            return None, True
        except FileInUseError as exc:
            answer = self.dialogs.ask_file_in_use(self, path.name, exc.user, exc.host, exc.since)
        if answer is LockAnswer.READ_ONLY:
            return None, True
        if answer is not LockAnswer.TAKE_OVER:
            return None
        break_lock(path)
        try:
            return acquire_lock(path), False
        except (FileInUseError, LockUnavailableError) as exc:
            self.dialogs.warning(self, "読み取り専用で開きます", exc.message)
            return None, True

    def release_lock(self) -> None:
        """Let go of the open file (閉じる, another file, quitting)."""
        self._set_lock(None, False)

    def new_session(self) -> None:
        if not self.maybe_save():
            return
        self._start_fresh(Session.new(), None)
        self.go_to(PageId.START)
        self.pages[PageId.START].title_edit.setFocus()

    def close_session(self) -> None:
        """閉じる: back to the start with nothing of the last session visible."""
        if not self.maybe_save():
            return
        self._start_fresh(Session.new(), None)
        self.go_to(PageId.START)
        self.statusBar().showMessage("計画を閉じました。", 5000)

    def _on_start_open_requested(self, path: Path | None) -> None:
        self.open_file(path)

    def open_file(self, path: Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            path = self.dialogs.open_path(self, self._default_folder())
            if path is None:
                return False
        path = Path(path)
        loaded = self._load_asking_passphrase(path)
        if loaded is None:
            return False
        result, passphrase = loaded
        decided = self._lock_for_editing(path)
        if decided is None:
            return False
        lock, read_only = decided
        if lock is not None and lock is not self._lock:
            # The other window may have saved while we asked: read what the lock now protects.
            try:
                with _wait_cursor_if(passphrase is not None):
                    result = load_session(path, passphrase)
            except SessionFileError as exc:
                lock.release()
                self.dialogs.error(self, "ファイルを開けません", exc.message)
                return False
        self._start_fresh(result.session, path, lock=lock, read_only=read_only,
                          passphrase=passphrase if result.protected else None)
        self._add_recent(path)
        if result.warnings:
            self.dialogs.warning(self, "ファイルを開きました（確認が必要な点があります）",
                                 "\n".join(result.warnings))
        self.go_to(PageId.START)
        note = "（読み取り専用）" if read_only else ""
        self.statusBar().showMessage(f"「{path.name}」を開きました{note}。", 5000)
        return True

    def _load_asking_passphrase(self, path: Path) -> tuple[LoadResult, str | None] | None:
        """Load ``path``, asking for its passphrase while it is protected and not yet opened.

        A wrong passphrase asks again (saying so); cancelling returns None. The file is only read.
        """
        passphrase: str | None = None
        wrong = False
        while True:
            try:
                with _wait_cursor_if(passphrase is not None):
                    return load_session(path, passphrase), passphrase
            except PassphraseRequiredError:
                pass
            except WrongPassphraseError:
                wrong = True
            except SessionFileError as exc:
                self.dialogs.error(self, "ファイルを開けません", exc.message)
                return None
            passphrase = self.dialogs.ask_passphrase(self, path.name, wrong)
            if passphrase is None:
                self.statusBar().showMessage(f"「{path.name}」を開くのを取りやめました。", 5000)
                return None

    def protect(self) -> bool:
        """ファイル → パスフレーズで保護: set, change or remove the protection of this plan."""
        request = self.dialogs.ask_protection(self, self.is_protected())
        if request is None or request.passphrase == self._passphrase:
            return False
        removing = request.passphrase is None
        if self._passphrase is not None:
            crypto.forget_keys()
        self._passphrase = request.passphrase
        done = "パスフレーズによる保護を外しました" if removing else "パスフレーズで保護しました"
        if self.source_path is not None and not self.read_only:
            if self._save_to(self.source_path):
                self.statusBar().showMessage(f"{done}（「{self.source_path.name}」に保存しました）。", 8000)
                return True
        # Not saved yet: the protection applies from the next save; the autosave follows it now,
        # so that no unprotected copy of a protected plan stays in the autosave folder.
        self._dirty_without_commands = True
        if self.autosave.path.exists() or not self.editor.session.is_blank():
            self._write_autosave()
        self._update_title()
        self.statusBar().showMessage(f"{done}。次に保存するときから有効になります。", 8000)
        return True

    def save(self) -> bool:
        if self.source_path is None:
            return self.save_as()
        if self.read_only:
            # Someone else may save this file: offer another file instead of overwriting theirs.
            self.statusBar().showMessage(
                "読み取り専用で開いています。別の名前で保存してください。", 8000)
            return self.save_as()
        return self._save_to(self.source_path)

    def save_as(self) -> bool:
        name = safe_file_stem(self._session_name())  # a title may hold \ / : * ? " < > | or be CON
        suggested = self.source_path or self._default_folder() / f"{name}.json"
        path = self.dialogs.save_path(self, suggested)
        if path is None:
            return False
        if path.suffix == "":
            path = path.with_suffix(".json")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        path = Path(path)
        lock = self._lock if self._holds_lock_on(path) else None
        if lock is None:
            # Another file (名前を付けて保存), or a read-only one: it must be ours to write first.
            try:
                lock = acquire_lock(path)
            except FileInUseError as exc:
                self.dialogs.error(self, "保存できませんでした",
                                   f"{exc.message}\n別の名前で保存してください。")
                return False
            except LockUnavailableError as exc:
                self.dialogs.error(self, "保存できませんでした", exc.message)
                return False
        # The file on disk has the passphrase it was opened or last saved with: needed to check it
        # before overwriting when the protection is being changed or removed.
        previous = (self._file_passphrase if self.source_path is not None
                    and _same_file(path, self.source_path) else None)
        try:
            with _wait_cursor_if(self._passphrase is not None or previous is not None):
                save_session(self.editor.session, path, passphrase=self._passphrase,
                             previous_passphrase=previous)
        except (OverwriteRefusedError, SessionFileError) as exc:
            if lock is not self._lock:
                lock.release()
            refused = isinstance(exc, OverwriteRefusedError)
            title = "上書きしませんでした" if refused else "保存できませんでした"
            self.dialogs.error(self, title, exc.message)
            return False
        self._set_lock(lock, False)
        self.source_path = path
        self._file_passphrase = self._passphrase
        self._mark_saved()
        self._add_recent(path)
        self._clear_own_autosave()
        self.statusBar().showMessage(f"「{path.name}」に保存しました。", 5000)
        return True

    def _clear_own_autosave(self) -> None:
        self._autosave_timer.stop()
        try:
            self.autosave.clear_own()
        except SessionFileError as exc:
            self.statusBar().showMessage(exc.message, 10000)

    def _default_folder(self) -> Path:
        if self.source_path is not None:
            return self.source_path.parent
        return _documents_folder()

    # -- reviews and the next plan ---------------------------------------------------------------------
    def remove_review(self, review_id: str) -> bool:
        """Remove a review after asking; undoable (Ctrl+Z brings it back)."""
        page = self.pages[PageId.REVIEW]
        assert isinstance(page, ReviewPage)
        try:
            review = self.editor.session.review(review_id)
        except KeyError:
            return False
        number = [r.id for r in self.editor.session.reviews_in_order()].index(review_id) + 1
        from supportguide_app.ui.pages.review import review_heading

        heading = review_heading(number, review)
        if not self.dialogs.confirm(self, "点検の記録を削除",
                                    f"「{heading}」の記録を削除しますか？\n"
                                    "削除しても、元に戻す（Ctrl+Z）で取り消せます。"):
            return False
        self.editor.remove_review(review_id)
        page.add_button.setFocus()
        self.statusBar().showMessage(f"「{heading}」を削除しました。", 5000)
        return True

    def create_next_plan(self) -> bool:
        """この計画から次の計画を作る: a new, unsaved plan that carries this one forward."""
        if self.is_modified():
            answer = self.dialogs.ask_unsaved(self, self._session_name())
            if answer is UnsavedAnswer.CANCEL:
                return False
            if answer is UnsavedAnswer.SAVE and not self.save():
                return False
        previous = self.editor.session
        session = next_plan(previous, date.today(), source_file=self.source_path)
        # The next plan carries this one's content: it stays protected with the same passphrase.
        self._start_fresh(session, None, passphrase=self._passphrase)
        self._dirty_without_commands = True  # never saved: closing must ask
        self._update_title()
        self._autosave_timer.start()
        self.go_to(PageId.START)
        start = self.pages[PageId.START]
        assert isinstance(start, StartPage)
        start.show_details()
        self.statusBar().showMessage(
            "前の計画を引き継いで、新しい計画を作りました。まだ保存されていません。", 10000)
        return True

    # -- 地域・組織の集計 ------------------------------------------------------------------------------
    def show_aggregation(self):
        """ツール → 地域・組織の集計: a separate window, so the plan stays open beside it."""
        from supportguide_app.ui.aggregation import AggregationWindow

        if self._aggregation_window is None:
            self._aggregation_window = AggregationWindow(
                self.guide, self.dialogs, start_folder=self._default_folder(),
                export_folder=self.settings.export_folder() or _documents_folder(), parent=self)
        window = self._aggregation_window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    # -- export ----------------------------------------------------------------------------------------
    def export_pdf(self) -> Path | None:
        """PDFに書き出す: layout, file, then the PDF; returns its path, or None when not written."""
        session = self.editor.session
        if not self._may_export():
            return None
        layout = self.dialogs.ask_pdf_layout(self, self.settings.export_layout())
        if layout is None:
            return None
        self.settings.set_export_layout(layout)
        from supportguide_app.report.text import default_pdf_name  # imports report.data: not at start

        name = default_pdf_name(session)
        if layout == "checklist":
            name = name.removesuffix(".pdf") + CHECKLIST_NAME_SUFFIX + ".pdf"
        folder = self.settings.export_folder() or _documents_folder()
        path = self.dialogs.export_path(self, folder / name)
        if path is None:
            return None
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        from supportguide_app.report.export import export_pdf  # loads reportlab: only when asked

        try:
            try:
                with _wait_cursor():
                    export_pdf(session, self.guide, path, layout=layout)
            except MissingGlyphsError as exc:
                if not self.dialogs.ask_substitute_glyphs(self, exc.characters):
                    self.statusBar().showMessage("PDFの書き出しを取りやめました。", 5000)
                    return None
                with _wait_cursor():
                    export_pdf(session, self.guide, path, layout=layout, substitute=True)
        except ReportSaveError as exc:
            self.dialogs.error(self, "PDFを保存できませんでした", str(exc))
            return None
        except ReportError as exc:
            self.dialogs.error(self, "PDFを作れませんでした", str(exc))
            return None
        self.settings.set_export_folder(path.parent)
        self.statusBar().showMessage(f"「{path.name}」に書き出しました。", 8000)
        if self.dialogs.ask_open_pdf(self, path) and not self.dialogs.open_local_file(path):
            self.dialogs.warning(self, "PDFを開けませんでした",
                                 f"PDFを表示するアプリが見つかりませんでした。\n{path}")
        return path

    def _may_export(self) -> bool:
        """Not while one person of a 1on1 is entering: the export would show the other's view."""
        session = self.editor.session
        if entering_role(session) is None or not session.has_views():
            return True
        self.dialogs.warning(
            self, "いまは書き出せません",
            "管理者と相談員の見方を入力している間は、PDFやテキストにできません"
            "（もう一人の見方が見えてしまうためです）。\n両方の入力が終わってから書き出してください。")
        return False

    def copy_as_text(self) -> bool:
        """テキストとしてコピー: the plan as plain text on the clipboard, for Word or an e-mail."""
        if not self._may_export():
            return False
        try:
            from supportguide_app.report.text import plan_as_text

            text = plan_as_text(self.editor.session, self.guide)
        except ReportError as exc:
            self.dialogs.error(self, "コピーできませんでした", str(exc))
            return False
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage("計画をテキストとしてコピーしました。Wordやメールに貼り付けられます。",
                                     8000)
        return True

    # -- recent files -----------------------------------------------------------------------------------
    def _add_recent(self, path: Path) -> None:
        self.settings.add_recent(path)
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        start = self.pages[PageId.START]
        start.set_recent(self.settings.recent_files(), self.settings.recent_enabled())

    def _on_recent_enabled_changed(self, enabled: bool) -> None:
        self.settings.set_recent_enabled(enabled)
        self._refresh_recent()

    def _on_recent_clear_requested(self) -> None:
        self.settings.clear_recent()
        self._refresh_recent()

    # -- text size -------------------------------------------------------------------------------------
    def apply_text_scale(self, percent: int) -> None:
        self.text_scale = self.settings.set_text_scale(percent)
        self.setStyleSheet(stylesheet(self.text_scale))
        # The step list grows with the text so that its labels are never elided.
        self.step_list.setMinimumWidth(round(200 * self.text_scale / 100))
        self.statusBar().showMessage(f"文字の大きさ：{self.text_scale}%", 3000)

    def zoom_in(self) -> None:
        self.apply_text_scale(self.text_scale + TEXT_SCALE_STEP)

    def zoom_out(self) -> None:
        self.apply_text_scale(self.text_scale - TEXT_SCALE_STEP)

    def zoom_reset(self) -> None:
        self.apply_text_scale(TEXT_SCALE_DEFAULT)

    # -- closing ---------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.maybe_save():
            event.ignore()
            return
        self._clear_own_autosave()
        self.release_lock()
        crypto.forget_keys()
        self._passphrase = self._file_passphrase = None
        if self._aggregation_window is not None:
            self._aggregation_window.close()
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_splitter_state(self.splitter.saveState())
        self.settings.sync()
        event.accept()


@contextmanager
def _wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


@contextmanager
def _wait_cursor_if(slow: bool) -> Iterator[None]:
    """The wait cursor around work that derives a key (about 0.3 s), none around the rest."""
    if not slow:
        yield
        return
    with _wait_cursor():
        yield


def _same_file(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return Path(a).absolute() == Path(b).absolute()


def _documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
