"""The guide panel's first text follows the window's first frame, without anything being done.

Drawing a page of the guide's Japanese text is the dearest part of the first frame (under Wine
each new glyph costs about a millisecond), so the step is drawn first and the panel's text in
the next turn of the event loop. What the user must still get: the text, at once and unasked,
and every later change immediately.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from supportguide_app.ui.help_panel import HelpPanel, intro_help
from supportguide_app.ui.pages import PageId


def test_the_first_step_s_guide_text_appears_right_after_the_window_is_drawn(qtbot, guide, make_window):
    window = make_window()
    qtbot.waitExposed(window)
    # No click, no key: the panel fills itself once the window has been drawn.
    qtbot.waitUntil(lambda: window.help_panel.browser.toPlainText() != "", timeout=2000)
    shown = window.help_panel.browser.toPlainText()
    assert guide.info["title"] in shown
    assert guide.checklist["intro"][:20] in shown


def test_a_panel_not_yet_drawn_holds_its_text_and_gives_it_when_asked(qtbot, guide):
    panel = HelpPanel()
    qtbot.addWidget(panel)
    panel.show_html(intro_help(guide))
    assert panel.browser.toPlainText() == ""  # not drawn yet: nothing laid out
    assert guide.info["title"] in panel.text()  # asking for it lays it out
    assert guide.info["title"] in panel.browser.toPlainText()


def test_after_the_first_frame_every_change_of_step_shows_its_text_at_once(qtbot, guide, window):
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.help_panel.browser.toPlainText() != "", timeout=2000)
    window.navigator.go_to(PageId.DIFFICULTIES)
    # No event loop turn in between: the new step's explanation is already there.
    shown = window.help_panel.browser.toPlainText()
    assert guide.checkpoint("difficulties").heading in shown
    QApplication.processEvents()
    assert window.help_panel.browser.toPlainText() == shown
