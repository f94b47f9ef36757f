"""Write a PNG of every step of the wizard, at normal and enlarged text size.

    python scripts/screenshots.py OUTPUT_FOLDER [--size 1280x800]

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder for the PNG files")
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
