"""Texts that wrap inside their column at every text size: check boxes, buttons, rows of buttons.

Qt's check boxes and push buttons never wrap their text, so at a large text size a long label
widens the whole page past the window's edge; these wrap it (and rows of buttons flow onto a
second line) instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)


class _WrapsText:
    """What a check box and a push button need to wrap their text like a word-wrapped QLabel.

    Qt's buttons are never narrower than their whole text on one line: at large text sizes one
    long item made the whole page wider than its scroll area, so every text was cut at the right
    edge. These ask only for a few characters, say their height for a width, and break the text
    into lines where Japanese may break (Qt's line-breaking rules). ``full_text()`` is the text as
    given; the text shown holds the line breaks of the current width.
    """

    CONTENTS: QStyle.ContentsType
    MIN_CHARACTERS = 4

    def _start_wrapping(self, text: str) -> None:
        self._full = text
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)  # may be narrower than its hint
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._show_wrapped(self.width())
        self.updateGeometry()

    def _text_room(self, width: int) -> int:
        """The width left for the text in a button ``width`` wide."""
        return max(1, width - self._size_for("").width())

    def _size_for(self, text: str) -> QSize:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        text_size = self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text)
        return self.style().sizeFromContents(self.CONTENTS, option, text_size, self)

    def _wrapped(self, width: int) -> str:
        if width <= 0 or width >= self.sizeHint().width():
            return self._full  # room for one line (the style's text rect is a little narrower)
        return wrap_lines(self._full, self.font(), self._text_room(width))

    def _show_wrapped(self, width: int) -> None:
        wrapped = self._wrapped(width)
        if wrapped != QAbstractButton.text(self):
            QAbstractButton.setText(self, wrapped)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self._size_for(self._full)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        text_width = self.fontMetrics().horizontalAdvance("あ") * self.MIN_CHARACTERS
        width = min(self.sizeHint().width(), self._size_for("").width() + text_width)
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._size_for(self._wrapped(width)).height()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._show_wrapped(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._show_wrapped(self.width())  # the text size (Ctrl+plus) arrives as a font change
            self.updateGeometry()


class WrappingCheckBox(_WrapsText, QCheckBox):
    """A check box whose text wraps to its width (see :class:`_WrapsText`)."""

    CONTENTS = QStyle.ContentsType.CT_CheckBox

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._start_wrapping(text)

    def _text_room(self, width: int) -> int:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, width, 100)
        contents = self.style().subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, self)
        return max(1, contents.width() - 2)


class WrappingButton(_WrapsText, QPushButton):
    """A push button whose long text goes onto two lines in a narrow column instead of making the
    page wider than its scroll area (「この計画から次の計画を作る…」 at the largest text size)."""

    CONTENTS = QStyle.ContentsType.CT_PushButton
    MIN_CHARACTERS = 6

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._start_wrapping(text)

    def text(self) -> str:
        """The text as given (the button may show it on two lines)."""
        return self._full

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        self.set_full_text(text)


def wrap_lines(text: str, font, width: int) -> str:
    """``text`` broken into lines no wider than ``width`` pixels in ``font`` (kept paragraphs)."""
    from PySide6.QtGui import QTextLayout, QTextOption

    lines: list[str] = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(paragraph[line.textStart():line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
        if not paragraph:
            lines.append("")
    return "\n".join(lines)


class FlowLayout(QLayout):
    """Items left to right, continuing on the next line when the width runs out (buttons in a row
    that must not make the page wider than its column at large text sizes)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10) -> None:
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 (Qt override)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        width = sum(i.sizeHint().width() for i in self._items) + self._spacing * max(0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                x, y, line_height = area.x(), y + line_height + self._spacing, 0
            height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + self._spacing
            line_height = max(line_height, height)
        return y + line_height - rect.y() + margins.bottom()


def button_row(*widgets: QWidget) -> QWidget:
    """Buttons side by side that wrap onto a second line rather than widen the page."""
    row = QWidget()
    layout = FlowLayout(row)
    for widget in widgets:
        layout.addWidget(widget)
    policy = row.sizePolicy()
    policy.setHeightForWidth(True)
    row.setSizePolicy(policy)
    return row
