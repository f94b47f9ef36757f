"""At the largest text size every text wraps inside its column; the window fits on the screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea

from supportguide_app.ui.pages import PAGE_ORDER
from supportguide_app.ui.settings import TEXT_SCALE_MAX
from supportguide_app.ui.wrapping import WrappingCheckBox


def filled_in(window) -> None:
    """A 1on1 plan with long items chosen on every checkpoint, preparation and a review."""
    editor = window.editor
    guide = window.guide
    editor.set(("title",), "令和８年度 ひきこもり相談員の支援者支援計画（センター全体）")
    editor.set(("meeting",), "one_on_one")
    for checkpoint, items in (("difficulties", guide.difficulties), ("goals", guide.goals),
                              ("methods", guide.methods)):
        for item in list(items)[:4]:
            editor.set(("selection", checkpoint, item.id, "selected"), True)
            editor.set(("selection", checkpoint, item.id, "note"), "メモ" * 30)
    editor.add_review()


def overflowing(page) -> list[str]:
    """Visible labels and buttons of ``page`` that reach past the right edge of their viewport."""
    found = []
    for area in page.findChildren(QScrollArea):
        viewport = area.viewport()
        for widget in area.widget().findChildren(QLabel) + area.widget().findChildren(QAbstractButton):
            if not widget.isVisibleTo(page):
                continue
            right = widget.mapTo(viewport, widget.rect().topRight()).x()
            if right > viewport.rect().right():
                found.append(f"{type(widget).__name__}「{widget.text()[:20]}」 {right} > "
                             f"{viewport.rect().right()}")
    return found


def squeezed(page) -> list[str]:
    """Visible wrapped texts given less height than their lines need (cut at the bottom)."""
    found = []
    for widget in page.findChildren(QLabel) + page.findChildren(WrappingCheckBox):
        wraps = isinstance(widget, WrappingCheckBox) or widget.wordWrap()
        if wraps and widget.isVisibleTo(page) and widget.height() + 1 < widget.heightForWidth(widget.width()):
            needed = widget.heightForWidth(widget.width())
            found.append(f"「{widget.text()[:20]}」 {widget.height()} < {needed}")
    return found


@pytest.mark.parametrize("size", ["1280x800", "900x700"])
def test_every_step_wraps_within_its_column_at_the_largest_text_size(qtbot, window, size):
    width, height = (int(v) for v in size.split("x"))
    window.resize(width, height)
    filled_in(window)
    window.zoom.apply(TEXT_SCALE_MAX)
    assert window.zoom.scale == TEXT_SCALE_MAX == 200
    problems = {}
    for page_id in PAGE_ORDER:
        if not window.navigator.page_applies(page_id):
            continue
        window.navigator.go_to(page_id)
        QApplication.processEvents()
        page = window.pages[page_id]
        found = overflowing(page) + squeezed(page)
        if found:
            problems[page_id.name] = found
    assert problems == {}


def test_a_long_check_box_wraps_instead_of_widening_the_page(qtbot, window):
    window.zoom.apply(TEXT_SCALE_MAX)
    box = WrappingCheckBox("あ" * 80)
    qtbot.addWidget(box)
    box.resize(300, 10)
    box.show()
    qtbot.waitExposed(box)
    assert box.minimumSizeHint().width() < 300
    assert "\n" in box.text() and box.full_text() == "あ" * 80
    assert box.text().replace("\n", "") == "あ" * 80
    assert box.heightForWidth(300) > box.heightForWidth(3000)


def test_the_window_opens_inside_the_screen(qtbot, guide, settings, autosave_folder, dialogs):
    from supportguide_app.ui.main_window import MainWindow

    window = MainWindow(guide, settings, autosave_folder=autosave_folder, dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry())


SCALED_RUN = textwrap.dedent("""
    import json, sys, tempfile
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from supportguide_app.ui.app import configure_application
    configure_application(app)
    from supportguide_app.guide import load_guide
    from supportguide_app.ui.main_window import MainWindow
    from supportguide_app.ui.settings import AppSettings
    folder = Path(tempfile.mkdtemp())
    settings = AppSettings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(load_guide(), settings, autosave_folder=folder / "autosave")
    window.show()
    app.processEvents()
    frame, area = window.frameGeometry(), app.primaryScreen().availableGeometry()
    nxt = window.next_button
    corner = nxt.mapTo(window, nxt.rect().bottomRight())
    print(json.dumps({"frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                      "area": [area.x(), area.y(), area.width(), area.height()],
                      "next": [corner.x(), corner.y()], "size": [window.width(), window.height()],
                      "dpr": app.primaryScreen().devicePixelRatio()}))
""")


def test_with_qt_scale_factor_2_the_window_fits_a_1600_by_1000_screen(tmp_path):
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1600,
                                                "height": 1000, "logicalDpi": 96,
                                                "logicalBaseDpi": 96, "dpr": 1}]}),
                       encoding="utf-8")
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
    result = subprocess.run([sys.executable, "-c", SCALED_RUN], env=env, capture_output=True,
                            text=True, timeout=120, check=True)
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["dpr"] == 2.0 and shown["area"] == [0, 0, 800, 500]  # 1600×1000 pixels
    x, y, width, height = shown["frame"]
    assert x >= 0 and y >= 0 and x + width <= 800 and y + height <= 500
    # 次へ is inside the window (and so on the screen).
    assert 0 < shown["next"][0] <= shown["size"][0] and 0 < shown["next"][1] <= shown["size"][1]
