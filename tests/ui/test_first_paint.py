"""after_first_paint: work that waits until a widget is on the screen (the autosave question, the
collector, the guide panel's first text) runs once, in order, only after the first frame."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from supportguide_app.ui.first_paint import after_first_paint


def test_callbacks_run_once_in_order_after_the_first_frame_and_never_before(qtbot):
    label = QLabel("支援者サポート計画ツール")
    qtbot.addWidget(label)
    calls = []
    after_first_paint(label, lambda: calls.append(("first", label.isVisible())),
                      lambda: calls.append(("second", label.isVisible())))
    QApplication.processEvents()
    assert calls == []  # not shown, so never painted: nothing runs
    label.show()
    qtbot.waitExposed(label)
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=2000)
    assert calls == [("first", True), ("second", True)]
    label.setText("もう一度描く")
    label.repaint()
    QApplication.processEvents()
    assert len(calls) == 2  # later frames run nothing again
