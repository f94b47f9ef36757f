"""Write a PNG of every step of the wizard, at normal and enlarged text size.

    python scripts/screenshots.py OUTPUT_FOLDER [--size 1280x800]
    python scripts/screenshots.py --guide [OUTPUT_FOLDER]   (default: resources/help/images)

Runs offscreen with the bundled font, on a filled-in example session, with temporary settings and
autosave folders (the user's own are never touched). The pictures are how we check the layout:
crisp Japanese, nothing cut off, nothing overlapping.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def example_session():
    """A plausible plan, entered through the session's one mutation method."""
    from supportguide_app.plan.session import Session

    session = Session.new()
    edits = [
        (("title",), "令和８年度 ひきこもり相談員の支援者支援計画"),
        (("organisation",), "○○市ひきこもり地域支援センター"),
        (("author",), "山田 花子"),
        (("role",), "manager"),
        (("date",), "2026-04-01"),
        (("meeting",), "one_on_one"),
        (("selection", "difficulties", "D02", "selected"), True),
        (("selection", "difficulties", "D02", "note"), "新任の相談員が自分の役割を決めかねている"),
        (("selection", "difficulties", "D05", "selected"), True),
        (("selection", "difficulties", "D10", "selected"), True),
        (("selection", "goals", "A", "selected"), True),
        (("selection", "goals", "A", "note"), "一人で抱え込まない仕組みを最優先にする"),
        (("selection", "goals", "B", "selected"), True),
        (("selection", "methods", "ENV1", "selected"), True),
        (("selection", "methods", "ENV1", "note"), "終業前の振り返りの時間をつくる"),
        (("selection", "methods", "MECH4", "selected"), True),
        (("example", "EX_A2"), True),
        (("prep", "PREP_STAFF_INTERNAL", "checked"), True),
        (("prep", "PREP_STAFF_EXTERNAL", "checked"), True),
        (("prep", "PREP_STAFF_PROVIDER", "field", "provider"), "県の精神保健福祉センター"),
        (("prep", "PREP_PART_SCOPE", "checked"), True),
        (("prep", "PREP_PART_SCOPE", "field", "scope"), "センターの相談員全員"),
        (("clause", "ENV1"), "受託者は、相談員が日々の困りごとや支援の迷いを気軽に相談できるよう、"
                             "毎週金曜日の終業前に相談員全員で振り返る時間を設けること。"),
    ]
    for path, value in edits:
        session.set_value(path, value)
    add_example_reviews(session)
    return session


def example_one_on_one(*, counselor_done: bool = True):
    """A 1on1 of the plan above: the manager's and the counselor's own views (the agreed selection
    not settled yet), the counselor consenting to print their notes except one."""
    session = example_session()
    for checkpoint in ("difficulties", "goals", "methods"):
        for item_id in list(session.selections[checkpoint]):
            session.set_value(("selection", checkpoint, item_id, "selected"), False)
            session.set_value(("selection", checkpoint, item_id, "note"), "")
    edits = [
        (("view", "manager", "name"), "センター長 山田"),
        (("view", "manager", "difficulties", "D02", "selected"), True),
        (("view", "manager", "difficulties", "D02", "note"), "新任の相談員が自分の役割を決めかねている"),
        (("view", "manager", "difficulties", "D05", "selected"), True),
        (("view", "manager", "goals", "A", "selected"), True),
        (("view", "manager", "goals", "A", "note"), "一人で抱え込まない仕組みを最優先にする"),
        (("view", "manager", "goals", "B", "selected"), True),
        (("view", "manager", "done"), True),
        (("view", "counselor", "name"), "相談員 佐藤"),
        (("view", "counselor", "difficulties", "D05", "selected"), True),
        (("view", "counselor", "difficulties", "D05", "note"), "記録に追われて面談の準備ができない"),
        (("view", "counselor", "difficulties", "D10", "selected"), True),
        (("view", "counselor", "difficulties", "D10", "note"), "夜間の電話のあと、気持ちの切り替えが難しい"),
        (("view", "counselor", "goals", "A", "selected"), True),
        (("view", "counselor", "goals", "C", "selected"), True),
        (("view", "counselor", "goals", "C", "note"), "ケース検討の時間を月に一度はほしい"),
        (("view", "counselor", "consent"), True),
        (("view", "counselor", "note_consent", "difficulties", "D10"), False),
        (("view", "counselor", "done"), counselor_done),
    ]
    for path, value in edits:
        session.set_value(path, value)
    return session


def add_example_reviews(session) -> None:
    """Two 点検 of the plan above: one half-way through the year, one at its end."""
    from supportguide_app.plan.session import Review

    first = session.add_review(Review())
    second = session.add_review(Review())
    edits = [
        (("review", first, "date"), "2026-09-30"),
        (("review", first, "participants"), "センター長、相談員３名"),
        (("review", first, "method", "ENV1", "status"), "done"),
        (("review", first, "method", "ENV1", "note"), "毎週金曜に実施。欠席者には翌週に共有"),
        (("review", first, "method", "MECH4", "status"), "partly"),
        (("review", first, "method", "MECH4", "note"), "外部の助言者の日程が合わず、２回のうち１回"),
        (("review", first, "effect"), "「一人で抱えずに済むようになった」という声があった。"),
        (("review", first, "attendance"), 4),
        (("review", first, "questionnaire"), "振り返りが役に立った：４人中３人"),
        (("review", first, "next_steps"), "ケース検討会の日程を年度初めに決めておく。"),
        (("review", second, "date"), "2027-03-15"),
        (("review", second, "participants"), "センター長、相談員４名"),
        (("review", second, "method", "ENV1", "status"), "done"),
        (("review", second, "method", "MECH4", "status"), "not_yet"),
    ]
    for path, value in edits:
        session.set_value(path, value)


def example_folder(folder: Path) -> Path:
    """A folder of plans for the aggregation window: eight offices' plans and one damaged file."""
    from supportguide_app.plan.session import Session
    from supportguide_app.storage import save_session

    folder.mkdir(parents=True, exist_ok=True)
    picks = [
        ("D02", "D05", "D10", "A", "B", "ENV1", "MECH4"), ("D02", "D03", "A", "ENV1", "MECH1"),
        ("D02", "D05", "D09", "A", "C", "ENV2", "MECH4"), ("D03", "D05", "A", "B", "MECH1", "MECH4"),
        ("D02", "D07", "D10", "A", "E", "ENV1", "MECH6"), ("D02", "D05", "B", "ENV1", "MECH1"),
        ("D04", "D05", "D10", "A", "D", "ENV1", "MECH4"), ("D02", "D12", "A", "B", "ENV1", "MECH1"),
    ]
    checkpoints = {"D": "difficulties", "E": "methods", "M": "methods"}
    for number, items in enumerate(picks, start=1):
        session = Session.new()
        session.set_value(("title",), f"令和８年度 支援者支援計画 {number}")
        for item in items:
            checkpoint = "goals" if len(item) == 1 else checkpoints[item[0]]
            session.set_value(("selection", checkpoint, item, "selected"), True)
        save_session(session, folder / f"center{number:02d}.json")
    (folder / "broken.json").write_text('{"format": "supportguide-session", "ver', encoding="utf-8")
    return folder


def settle(app) -> None:
    """Let the window reach the state a person would see: pending layouts done, and widgets that
    a rebuilt step replaced really deleted (processEvents alone leaves deferred deletes pending,
    so a screenshot could show old and new cards on top of each other)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()


def one_on_one_shots(app, window, output: Path, scale: int) -> list[Path]:
    """The 1on1: the hand-over page, checkpoint 1 in the counselor's view, the comparison step."""
    from PySide6.QtWidgets import QScrollArea

    from supportguide_app.ui.pages import PageId

    written = []

    def shot(name: str) -> None:
        settle(app)
        path = output / f"oneonone-{name}-{scale}.png"
        window.grab().save(str(path))
        written.append(path)

    window.editor.replace(example_one_on_one(counselor_done=False))  # opened at the counselor's turn
    shot("handover")
    window.one_on_one.begin_next_view()
    window.pages[PageId.DIFFICULTIES].rows["D05"].check.setFocus()
    shot("counselor-difficulties")
    window.pages[PageId.DIFFICULTIES].view_banner.finish_button.click()
    comparison = window.pages[PageId.COMPARISON]
    comparison.adopt_both()
    shot("comparison")
    bar = comparison.findChild(QScrollArea).verticalScrollBar()
    for step, value in enumerate((bar.maximum() // 2, bar.maximum()), start=1):
        bar.setValue(value)
        shot(f"comparison-{step}")
    bar.setValue(0)
    window.navigator.go_to(PageId.SUMMARY)
    shot("summary")
    window.editor.replace(example_session())
    window.navigator.go_to(PageId.START)
    return written


GUIDE_SIZE = (1100, 720)


class _GuideDialogs:
    """The answers the person in 操作の手引き gives, with a picture of each real dialog asked.

    Only the modal dialogs are scripted (offscreen they would wait for ever); the window, its
    buttons and fields are the real ones, used as the guide tells the reader to use them.
    """

    def __init__(self, app, output: Path, scratch: Path, written: list[Path]) -> None:
        self.app, self.output, self.scratch, self.written = app, output, scratch, written
        self.exported: list[Path] = []

    def _grab(self, dialog, name: str) -> None:
        dialog.show()
        settle(self.app)
        path = self.output / name
        dialog.grab().save(str(path))
        self.written.append(path)
        dialog.close()

    def save_path(self, parent, suggested: Path) -> Path:
        return self.scratch / suggested.name

    def ask_pdf_layout(self, parent, current: str) -> str:
        from supportguide_app.ui.dialogs import PdfLayoutDialog

        self._grab(PdfLayoutDialog(current, parent), "first-09-pdf-layout.png")
        return "plan"

    def export_path(self, parent, suggested: Path) -> Path:
        path = self.scratch / suggested.name
        self.exported.append(path)
        return path

    def ask_open_pdf(self, parent, path: Path) -> bool:
        return False

    def ask_protection(self, parent, protected: bool):
        from supportguide_app.ui.dialogs import ProtectionDialog, ProtectionRequest

        dialog = ProtectionDialog(protected, parent)
        dialog.first.setText("あおい そら ひろい うみ")
        dialog.second.setText("あおい そら ひろい うみ")
        self._grab(dialog, "protect-dialog.png")
        return ProtectionRequest("あおい そら ひろい うみ")

    def __getattr__(self, name):
        raise AssertionError(f"操作の手引きの手順で思いがけない確認が出ました: {name}")


def guide_shots(app, output: Path) -> list[Path]:
    """Follow 操作の手引き's 「はじめての計画」 in the real window and take its pictures.

    Every step clicks the button or types into the field the guide names, so a step the guide
    describes wrongly fails here (AssertionError) instead of leaving a wrong picture.
    """
    from PySide6.QtCore import QPoint, QSettings, Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QCheckBox, QScrollArea

    from supportguide_app.guide import load_guide
    from supportguide_app.storage import load_session
    from supportguide_app.ui.main_window import MainWindow
    from supportguide_app.ui.pages import PageId
    from supportguide_app.ui.settings import AppSettings

    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    guide = load_guide()
    scratch_dir = tempfile.TemporaryDirectory()
    scratch = Path(scratch_dir.name)
    settings = AppSettings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    dialogs = _GuideDialogs(app, output, scratch, written)
    window = MainWindow(guide, settings, autosave_folder=scratch / "autosave", dialogs=dialogs)
    window.resize(*GUIDE_SIZE)
    window.show()

    def shot(name: str, widget=None) -> None:
        settle(app)
        path = output / name
        (widget or window).grab().save(str(path))
        written.append(path)

    def step_is(page_id: PageId) -> None:
        settle(app)
        assert window.navigator.current_page_id() is page_id, (window.navigator.current_page_id(), page_id)

    def bring_into_view(widget) -> None:
        """Scroll the step so that ``widget`` is in sight, as the reader does before using it."""
        settle(app)
        scroll = widget.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        if scroll is not None:
            scroll.ensureWidgetVisible(widget, 50, 120)
            settle(app)

    def type_into(widget, text: str) -> None:
        # As a Japanese input method delivers text: one committed string (QTest.keyClicks knows
        # only ASCII keys).
        bring_into_view(widget)
        widget.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    def press(widget) -> None:
        """Click ``widget`` with the mouse, as the reader would: it must be on screen and enabled
        (a button scrolled out of sight, or hidden, fails here although .click() would work)."""
        bring_into_view(widget)
        assert widget.isVisible() and widget.isEnabled(), f"{widget.text()!r} cannot be pressed"
        assert not widget.visibleRegion().isEmpty(), f"{widget.text()!r} is out of sight"
        # On a check box the reader clicks the box itself (its empty right part is no target).
        box = isinstance(widget, QCheckBox)
        where = QPoint(widget.height() // 2, widget.height() // 2) if box else widget.rect().center()
        was = widget.isChecked() if box else None
        QTest.mouseMove(widget, where)  # the pointer arrives first (hover shows the guide's help)
        settle(app)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
        settle(app)
        assert not box or widget.isChecked() != was, f"clicking {widget.text()!r} did not tick it"

    def keys(key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
        # A shortcut reaches only the active window (under X without a window manager, nothing
        # activates it by itself).
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window), "the window is not active: shortcuts would not work"
        QTest.keyClick(window, key, modifier)
        settle(app)

    def next_step() -> None:
        press(window.next_button)

    # 1. 新しい計画を始める, then 計画の情報.
    start = window.pages[PageId.START]
    press(start.new_button)
    step_is(PageId.START)
    type_into(start.title_edit, "令和８年度 相談員の支援者支援計画")
    type_into(start.organisation_edit, "○○市ひきこもり地域支援センター")
    type_into(start.author_edit, "山田 花子")
    assert start.role_combo.combo.currentText() == "管理者", start.role_combo.combo.currentText()
    assert start.meeting_combo.combo.currentText() == "一人で", start.meeting_combo.combo.currentText()
    shot("first-01-start.png")
    # 2. チェックポイント１: tick the difficulties, a note on one.
    next_step()
    step_is(PageId.DIFFICULTIES)
    rows = window.pages[PageId.DIFFICULTIES].rows
    for item in ("D02", "D05", "D10"):
        press(rows[item].check)
    type_into(rows["D02"].note, "新任の相談員が自分の役割を決めかねている")
    shot("first-02-difficulties.png")
    # 3. チェックポイント２: the goals the difficulties suggest are marked; tick two.
    next_step()
    step_is(PageId.GOALS)
    goals = window.pages[PageId.GOALS]
    assert goals.suggestions, "no goal is marked as suggested"
    for item in ("A", "B"):
        press(goals.rows[item].check)
    shot("first-03-goals.png")
    # 4. チェックポイント３: the methods, under the examples of the goals chosen.
    next_step()
    step_is(PageId.METHODS)
    methods = window.pages[PageId.METHODS]
    for item in ("ENV1", "MECH4"):
        press(methods.rows[item].check)
    type_into(methods.rows["ENV1"].note, "終業前の振り返りの時間をつくる")
    shot("first-04-methods.png")
    # 5. 取組の準備 (no comparison step: this plan is made alone).
    next_step()
    step_is(PageId.PREPARATION)
    prep = window.pages[PageId.PREPARATION]
    for item in ("PREP_STAFF_INTERNAL", "PREP_PART_SCOPE", "PREP_BUDGET_NONE", "PREP_EVAL_METHOD"):
        press(prep.checks[item])
    shot("first-05-preparation.png")
    # 6. 委託仕様書に盛り込む事項: the model clause of each method chosen.
    next_step()
    step_is(PageId.CLAUSES)
    shot("first-06-clauses.png")
    # 7. まとめ: check, then save.
    next_step()
    step_is(PageId.SUMMARY)
    summary = window.pages[PageId.SUMMARY]
    keys(Qt.Key.Key_S)  # ファイル → 保存 (Ctrl+S)
    saved_path = window.document.source_path
    assert saved_path is not None and saved_path.is_file(), "the plan was not saved"
    assert not window.isWindowModified(), "still marked as changed after saving"
    shot("first-08-saved.png")
    saved = load_session(window.document.source_path).session
    assert saved.title == "令和８年度 相談員の支援者支援計画", saved.title
    assert saved.selected("difficulties") == ["D02", "D05", "D10"], saved.selected("difficulties")
    assert saved.selected("goals") == ["A", "B"], saved.selected("goals")
    assert saved.selected("methods") == ["ENV1", "MECH4"], saved.selected("methods")
    # 8. PDFに書き出す.
    press(summary.export_button)
    assert dialogs.exported and dialogs.exported[-1].is_file(), "no PDF was written"
    pdf = dialogs.exported[-1]
    import shutil
    import subprocess

    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(output / "first-10-pdf-page")], check=True)
        written.append(output / "first-10-pdf-page.png")
    # Passphrase protection (ファイル → パスフレーズで保護).
    window.protect_action.trigger()
    settle(app)
    assert "（保護）" in window.windowTitle(), window.windowTitle()
    # 点検 and the next plan.
    window.navigator.go_to(PageId.REVIEW)
    review = window.pages[PageId.REVIEW]
    press(review.add_button)
    shot("review.png")
    keys(Qt.Key.Key_S)  # the review is saved like the rest of the plan
    assert not window.isWindowModified(), "the review was not saved"
    # The 1on1 on a shared laptop (操作の手引き, 3): the manager starts, hands over, then both compare.
    window.navigator.go_to(PageId.START)
    press(start.new_button)
    type_into(start.title_edit, "令和８年度 1on1（山田・佐藤）")
    start.meeting_combo.combo.setCurrentIndex(start.meeting_combo.combo.findText("1on1"))
    next_step()
    step_is(PageId.DIFFICULTIES)
    difficulties = window.pages[PageId.DIFFICULTIES]
    banner = difficulties.view_banner
    assert banner.title.text() == "管理者の見方を入力しています", banner.title.text()
    for item in ("D02", "D05"):
        press(difficulties.rows[item].check)
    type_into(difficulties.rows["D02"].note, "新任の相談員が自分の役割を決めかねている")
    next_step()
    for item in ("A", "B"):
        press(window.pages[PageId.GOALS].rows[item].check)
    assert window.pages[PageId.GOALS].view_banner.finish_button.text() == "入力を終えて交代する"
    press(window.pages[PageId.GOALS].view_banner.finish_button)
    assert window.central.currentWidget() is window.handover_page, "no hand-over page"
    window.statusBar().clearMessage()
    shot("oneonone-handover.png")
    press(window.handover_page.begin_button)
    step_is(PageId.DIFFICULTIES)
    assert banner.title.text() == "相談員の見方を入力しています", banner.title.text()
    assert not difficulties.rows["D02"].check.isChecked(), "the manager's view shows to the counselor"
    type_into(banner.name_edit, "相談員 佐藤")
    for item in ("D05", "D10"):
        press(difficulties.rows[item].check)
    type_into(difficulties.rows["D05"].note, "記録に追われて面談の準備ができない")
    type_into(difficulties.rows["D10"].note, "夜間の電話のあと、気持ちの切り替えが難しい")
    bring_into_view(difficulties.rows["D05"].check)
    shot("oneonone-counselor.png")
    next_step()
    goals_page = window.pages[PageId.GOALS]
    for item in ("A", "C"):
        press(goals_page.rows[item].check)
    type_into(goals_page.rows["C"].note, "ケース検討の時間を月に一度はほしい")
    assert goals_page.view_banner.finish_button.text() == "入力を終えて比較へ進む"
    press(goals_page.view_banner.finish_button)
    step_is(PageId.COMPARISON)
    comparison = window.pages[PageId.COMPARISON]
    press(comparison.consent_box)  # the counselor ticks it
    press(comparison.adopt_button)
    shot("oneonone-comparison.png")
    bar = comparison.findChild(QScrollArea).verticalScrollBar()
    bar.setValue(bar.maximum())
    shot("oneonone-consent.png")
    agreed = window.editor.session
    assert agreed.selected("difficulties") == ["D05"] and agreed.selected("goals") == ["A"], (
        agreed.selected("difficulties"), agreed.selected("goals"))
    # 地域・組織の集計.
    aggregation = window.show_aggregation()
    aggregation.resize(*GUIDE_SIZE)
    aggregation.aggregate([example_folder(scratch / "plans")])
    shot("aggregation.png", aggregation)
    aggregation.hide()
    window.document._mark_saved()  # the pictures' work is not the user's: close without asking
    window.close()
    window.deleteLater()  # before Python's own shutdown: PySide may crash deleting it there
    settle(app)
    scratch_dir.cleanup()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, nargs="?", help="folder for the PNG files")
    parser.add_argument("--guide", action="store_true",
                        help="follow 操作の手引き's steps and write its pictures (resources/help/images)")
    parser.add_argument("--size", default="1280x800", help="window size, e.g. 1280x800")
    parser.add_argument("--scales", default="100,140", help="text sizes in percent")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication, QScrollArea

    from supportguide_app.guide import load_guide
    from supportguide_app.ui.app import configure_application
    from supportguide_app.ui.help_panel import difficulty_help
    from supportguide_app.ui.main_window import MainWindow
    from supportguide_app.ui.pages import PAGE_ORDER, PageId
    from supportguide_app.ui.settings import AppSettings

    SCROLLED_TOO = (PageId.CLAUSES, PageId.SUMMARY, PageId.REVIEW)
    QStandardPaths.setTestModeEnabled(True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    configure_application(app)
    if args.guide:
        output = args.output or Path(__file__).resolve().parents[1] / "resources" / "help" / "images"
        for path in guide_shots(app, output):
            print(path)
        return 0
    if args.output is None:
        parser.error("OUTPUT_FOLDER is needed (or --guide)")
    args.output.mkdir(parents=True, exist_ok=True)
    guide = load_guide()
    with tempfile.TemporaryDirectory() as scratch:
        settings = AppSettings(QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat))
        window = MainWindow(guide, settings, autosave_folder=Path(scratch) / "autosave")
        window.editor.replace(example_session())
        window.resize(width, height)
        window.show()
        written = []
        for scale in (int(s) for s in args.scales.split(",")):
            window.zoom.apply(scale)
            for page_id in PAGE_ORDER:
                window.navigator.go_to(page_id)
                if page_id is PageId.DIFFICULTIES:  # as after tabbing to ②: focus and its help
                    window.pages[page_id].rows["D02"].check.setFocus()
                    window.help_panel.show_html(difficulty_help(guide, guide.difficulty("D02")))
                settle(app)
                path = args.output / f"step{page_id.value}-{page_id.name.lower()}-{scale}.png"
                window.grab().save(str(path))
                written.append(path)
                if page_id in SCROLLED_TOO:  # the end of a long step: what sits below the fold
                    bar = window.pages[page_id].findChild(QScrollArea).verticalScrollBar()
                    bar.setValue(bar.maximum())
                    settle(app)
                    path = path.with_name(f"{path.stem}-end.png")
                    window.grab().save(str(path))
                    written.append(path)
                    bar.setValue(0)
            # ツール → 地域・組織の集計, with a folder of plans read.
            aggregation = window.show_aggregation()
            aggregation.resize(width - 200, height)
            if aggregation.files.aggregation is None:
                aggregation.aggregate([example_folder(Path(scratch) / "plans")])
            settle(app)
            path = args.output / f"aggregation-{scale}.png"
            aggregation.grab().save(str(path))
            written.append(path)
            bar = aggregation.findChild(QScrollArea).verticalScrollBar()
            bar.setValue(bar.maximum())
            settle(app)
            path = path.with_name(f"{path.stem}-end.png")
            aggregation.grab().save(str(path))
            written.append(path)
            bar.setValue(0)
            aggregation.hide()
            written += one_on_one_shots(app, window, args.output, scale)
        window.editor.undo_stack.setClean()
        window.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
