"""Tab follows what is on screen: the stops of a step in reading order, line by line."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QScrollArea,
    QWidget,
)


def _tab_stops(container: QWidget) -> list[QWidget]:
    """The widgets under ``container`` that Tab stops at, each once (a date field's inner line
    edit or a combo box's parts are not stops of their own)."""
    stops = []
    for widget in container.findChildren(QWidget):
        if not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or widget.focusProxy() is not None:
            continue
        if not widget.isVisibleTo(container) or not widget.isEnabled():
            continue
        owner = widget.parentWidget()
        while owner is not None and owner is not container:
            if isinstance(owner, (QAbstractSpinBox, QComboBox)):
                break
            owner = owner.parentWidget()
        if owner is not None and owner is not container:
            continue
        stops.append(widget)
    return stops


def screen_order(container: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    """``widgets`` as they are read on screen: line by line from the top, left to right in a line
    (widgets whose vertical middles are within a few pixels share a line)."""
    def middle(widget: QWidget) -> QPoint:
        # Where it lies on the page as if nothing were scrolled: the order must not change
        # while Tab scrolls the step.
        centre = widget.rect().center()
        parent = widget.parentWidget()
        while parent is not None and parent is not container:
            if isinstance(parent, QScrollArea) and parent.widget() is not None \
                    and parent.widget().isAncestorOf(widget):
                return parent.mapTo(container, QPoint(0, 0)) + widget.mapTo(parent.widget(), centre)
            parent = parent.parentWidget()
        return widget.mapTo(container, centre)

    by_height = sorted(widgets, key=lambda w: middle(w).y())
    lines: list[list[QWidget]] = []
    for widget in by_height:
        if lines and abs(middle(widget).y() - middle(lines[-1][0]).y()) <= 6:
            lines[-1].append(widget)
        else:
            lines.append([widget])
    return [w for line in lines for w in sorted(line, key=lambda w: middle(w).x())]


def order_tabs(container: QWidget, before: QWidget | None = None,
               after: QWidget | None = None) -> list[QWidget]:
    """Make Tab visit the stops of ``container`` in screen order, between ``before`` and ``after``."""
    layout = container.layout()
    if layout is not None:
        layout.activate()
    stops = screen_order(container, _tab_stops(container))
    chain = [w for w in (before, *stops, after) if w is not None]
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
    return stops
