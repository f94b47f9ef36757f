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
    return session


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

    SCROLLED_TOO = (PageId.CLAUSES, PageId.SUMMARY)
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
            window.apply_text_scale(scale)
            for page_id in PAGE_ORDER:
                window.go_to(page_id)
                if page_id is PageId.DIFFICULTIES:  # as after tabbing to ②: focus and its help
                    window.pages[page_id].rows["D02"].check.setFocus()
                    window.help_panel.show_html(difficulty_help(guide, guide.difficulty("D02")))
                app.processEvents()
                path = args.output / f"step{page_id.value}-{page_id.name.lower()}-{scale}.png"
                window.grab().save(str(path))
                written.append(path)
                if page_id in SCROLLED_TOO:  # the end of a long step: what sits below the fold
                    bar = window.pages[page_id].findChild(QScrollArea).verticalScrollBar()
                    bar.setValue(bar.maximum())
                    app.processEvents()
                    path = path.with_name(f"{path.stem}-end.png")
                    window.grab().save(str(path))
                    written.append(path)
                    bar.setValue(0)
        window.editor.undo_stack.setClean()
        window.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
