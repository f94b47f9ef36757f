"""Menu items are shown whole, and disabled ones look disabled."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from supportguide_app.ui.settings import TEXT_SCALE_MAX


def darkest(image, rect) -> int:
    """The darkest grey level (0 black … 255 white) drawn inside ``rect`` of ``image``."""
    level = 255
    for x in range(rect.left(), rect.right(), 2):
        for y in range(rect.top(), rect.bottom()):
            colour = image.pixelColor(x, y)
            level = min(level, (colour.red() + colour.green() + colour.blue()) // 3)
    return level


def ink_width(image, rect) -> int:
    """From the leftmost to the rightmost dark pixel drawn inside ``rect`` (the text's extent)."""
    columns = [x for x in range(rect.left(), rect.right())
               if any(image.pixelColor(x, y).lightness() < 140 for y in range(rect.top(), rect.bottom()))]
    return columns[-1] - columns[0] if columns else 0


def shown(window, menu):
    menu.popup(window.mapToGlobal(window.rect().center()))
    QApplication.processEvents()
    return menu.grab().toImage()


@pytest.mark.parametrize("scale", [100, TEXT_SCALE_MAX])
def test_every_menu_item_has_room_for_its_whole_text(qtbot, window, scale):
    window.zoom.apply(scale)
    for top in window.menuBar().actions():
        menu = top.menu()
        image = shown(window, menu)
        metrics = QFontMetrics(menu.font())
        for action in menu.actions():
            if action.isSeparator():
                continue
            text = action.text().replace("&", "")
            shortcut = action.shortcut().toString()
            needed = metrics.horizontalAdvance(text) + metrics.horizontalAdvance(shortcut)
            assert menu.actionGeometry(action).width() > needed, text
            if not shortcut and action.isEnabled():  # drawn whole, not elided to 「地域・組織…」
                drawn = ink_width(image, menu.actionGeometry(action))
                assert drawn >= 0.95 * metrics.horizontalAdvance(text), text
        menu.hide()
    (tools,) = [a.menu() for a in window.menuBar().actions() if a.text() == "ツール(&T)"]
    assert [a.text() for a in tools.actions()] == ["地域・組織の集計(&A)…"]


def test_disabled_menu_items_are_drawn_lighter(qtbot, window):
    menu = window.undo_action.associatedObjects()[-1]
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    window.editor.set(("title",), "計画")  # now 元に戻す is enabled, やり直す is not
    image = shown(window, menu)
    enabled = darkest(image, menu.actionGeometry(window.undo_action))
    disabled = darkest(image, menu.actionGeometry(window.redo_action))
    menu.hide()
    assert enabled < 80  # dark text
    assert disabled > enabled + 60  # visibly greyed out
