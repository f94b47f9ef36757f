"""Helpers shared by the window's tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from supportguide_app.ui.pages import PAGE_ORDER, PageId


def type_text(widget, text: str) -> None:
    """Type as a Japanese input method does: each character committed by an input-method event.

    (QTest.keyClicks only knows Latin-1 keys; Japanese arrives in Qt as committed IME text.)
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for char in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def click_step(qtbot, window, page_id: PageId) -> None:
    """Jump with a real click on the step list."""
    item = window.step_list.item(PAGE_ORDER.index(page_id))
    rect = window.step_list.visualItemRect(item)
    qtbot.mouseClick(window.step_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.navigator.current_page_id() is page_id


def tick(qtbot, box) -> None:
    # Click on the indicator: a check box only reacts on its box and text, not its whole width.
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))
