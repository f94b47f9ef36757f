"""Small building blocks the pages share: widgets bound to a session path, and the help hook.

A bound widget writes to the session through :class:`SessionEditor` on every user edit and reads
it back in :meth:`refresh` with its signals blocked, so a refresh never records a new edit and
widgets keep no private copy of the user's work.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from supportguide_app.plan.dates import fiscal_year_label, parse_iso, to_wareki
from supportguide_app.ui.undo import SessionEditor

Path = tuple[str, ...]


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


class BoundCheckBox(WrappingCheckBox):
    def __init__(self, editor: SessionEditor, path: Path, text: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.editor = editor
        self.path = path
        self.setAccessibleName(text)
        self.toggled.connect(self._on_box_toggled)

    def _on_box_toggled(self, checked: bool) -> None:
        self.editor.set(self.path, checked)

    def refresh(self) -> None:
        value = bool(self.editor.get(self.path))
        if self.isChecked() != value:
            self.blockSignals(True)
            self.setChecked(value)
            self.blockSignals(False)


class BoundLineEdit(QLineEdit):
    def __init__(self, editor: SessionEditor, path: Path, accessible_name: str,
                 placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.path = path
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.textEdited.connect(self._on_text_edited)

    def _on_text_edited(self, text: str) -> None:
        self.editor.set(self.path, text, typing=True)

    def refresh(self) -> None:
        value = self.editor.get(self.path) or ""
        if self.text() != value:
            self.blockSignals(True)
            self.setText(value)
            if not self.hasFocus():
                self.setCursorPosition(0)  # a long text shows its beginning, not its end
            self.blockSignals(False)


class BoundTextEdit(QPlainTextEdit):
    """Multi-line text; Tab moves focus on (keyboard users must be able to leave the field)."""

    def __init__(self, editor: SessionEditor, path: Path, accessible_name: str,
                 placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.path = path
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(72)
        self.setSizeAdjustPolicy(QPlainTextEdit.SizeAdjustPolicy.AdjustToContents)
        self.textChanged.connect(self._on_text_changed)

    def _on_text_changed(self) -> None:
        self.editor.set(self.path, self.toPlainText(), typing=True)

    def refresh(self) -> None:
        value = self.editor.get(self.path) or ""
        if self.toPlainText() != value:
            self.blockSignals(True)
            self.setPlainText(value)
            self.blockSignals(False)


# QDateEdit cannot be empty; its minimum date stands for "no date" and shows as 未設定.
NO_DATE = QDate(1989, 1, 8)


class DateEdit(QDateEdit):
    """A date edit that Tab leaves at once: QDateEdit made year, month and day three Tab stops
    (the arrow keys still move between them)."""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt override)
        return QWidget.focusNextPrevChild(self, forward)


class DateField(QWidget):
    """A date of the session (the plan's, or a review's) with its 和暦 and 年度 beside it."""

    def __init__(self, editor: SessionEditor, path: Path = ("date",), accessible_name: str = "日付",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.path = path
        self.edit = DateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy/MM/dd")
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText("未設定")
        self.edit.setAccessibleName(accessible_name)
        self.wareki = QLabel()
        self.wareki.setWordWrap(True)  # at large text sizes 年度 wrapped instead of cut off
        self.wareki.setProperty("role", "muted")
        self.wareki.setAccessibleName(f"{accessible_name}（和暦と年度）")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.edit)
        layout.addWidget(self.wareki, 1)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._on_date_changed)

    def _on_date_changed(self, value: QDate) -> None:
        text = "" if value == NO_DATE else value.toString("yyyy-MM-dd")
        self.editor.set(self.path, text)
        self._show_wareki(text)

    def _show_wareki(self, text: str) -> None:
        day = parse_iso(text)
        try:
            self.wareki.setText(f"{to_wareki(day)}（{fiscal_year_label(day)}）" if day else "")
        except ValueError:
            self.wareki.setText("")

    def refresh(self) -> None:
        text = self.editor.get(self.path)
        day = parse_iso(text)
        value = QDate(day.year, day.month, day.day) if day else NO_DATE
        if self.edit.date() != value:
            self.edit.blockSignals(True)
            self.edit.setDate(value)
            self.edit.blockSignals(False)
        self._show_wareki(text)


class BoundCountSpinBox(QSpinBox):
    """A whole number ≥ 0 that may also be left empty (None): the lowest step reads 未入力."""

    EMPTY = -1

    def __init__(self, editor: SessionEditor, path: Path, accessible_name: str, suffix: str = "",
                 maximum: int = 99999, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.path = path
        self.setRange(self.EMPTY, maximum)
        self.setSpecialValueText("未入力")
        if suffix:
            self.setSuffix(suffix)
        self.setAccessibleName(accessible_name)
        self.setMinimumWidth(120)
        self.valueChanged.connect(self._on_value_changed)

    def value_or_none(self) -> int | None:
        return None if self.value() == self.EMPTY else self.value()

    def _on_value_changed(self, _value: int) -> None:
        self.editor.set(self.path, self.value_or_none(), typing=True)

    def refresh(self) -> None:
        value = self.editor.get(self.path)
        shown = self.EMPTY if value is None else int(value)
        if self.value() != shown:
            self.blockSignals(True)
            self.setValue(shown)
            self.blockSignals(False)


class HelpHook(QObject):
    """Calls ``show`` when the watched widget gets focus, is hovered or clicked."""

    _EVENTS = (QEvent.Type.FocusIn, QEvent.Type.Enter, QEvent.Type.MouseButtonPress)

    def __init__(self, widget: QWidget, show: Callable[[], None]) -> None:
        super().__init__(widget)
        self._show = show
        self._widget = widget
        widget.installEventFilter(self)
        # Focus moving into a field inside the watched widget (a row's メモ) counts as well.
        for child in widget.findChildren(QWidget):
            if child.focusPolicy() != Qt.FocusPolicy.NoFocus:
                child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._widget:
            if event.type() in self._EVENTS:
                self._show()
        elif event.type() == QEvent.Type.FocusIn:
            self._show()
        return False


def wrapped_label(text: str, role: str | None = None, *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


def card(role: str = "card") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", role)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(6)
    return frame, layout


def scroll_area(content: QWidget, accessible_name: str) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setAccessibleName(accessible_name)
    # No Tab stop of its own (it was an invisible one before the first field); it still scrolls
    # to the field that gets the focus, and the wheel and the scroll bar still move it.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(content)
    return area


class ShrinkableComboBox(QComboBox):
    """A combo box as wide as its longest choice when there is room, narrower when there is not.

    At the largest text size a long choice (「記入日に合わせる（令和９年度（２０２７年度））」) would
    otherwise push the whole form past the window's edge; the shown text is then elided, and the
    list still shows every choice whole.
    """

    MIN_CHARACTERS = 4

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().minimumSizeHint()
        narrow = self.fontMetrics().horizontalAdvance("あ" * self.MIN_CHARACTERS) + 48  # the arrow
        hint.setWidth(min(hint.width(), narrow))
        return hint


class BoundComboBox(QWidget):
    """A combo box over a dict of stored keys → Japanese labels (ROLES, MEETINGS)."""

    def __init__(self, editor: SessionEditor, path: Path, choices: dict[str, str],
                 accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.path = path
        self.combo = ShrinkableComboBox()
        self.combo.setAccessibleName(accessible_name)
        for key, label in choices.items():
            self.combo.addItem(label, key)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._on_combo_changed)

    def _on_combo_changed(self, index: int) -> None:
        self.editor.set(self.path, self.combo.itemData(index))

    def refresh(self) -> None:
        index = self.combo.findData(self.editor.get(self.path))
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(index)
            self.combo.blockSignals(False)


class ChoiceRow(QFrame):
    """One checklist item: its check box, an optional line of explanation and a note when ticked."""

    def __init__(self, editor: SessionEditor, checkpoint: str, item_id: str, text: str,
                 description: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "choice")
        self.editor = editor
        self.item_id = item_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        self.check = BoundCheckBox(editor, ("selection", checkpoint, item_id, "selected"), text)
        layout.addWidget(self.check)
        self.description = None
        if description:
            self.description = wrapped_label(description, "description")
            self.description.setContentsMargins(26, 0, 0, 0)
            layout.addWidget(self.description)
        self.extra = QVBoxLayout()
        self.extra.setContentsMargins(26, 0, 0, 0)
        self.extra.setSpacing(3)
        layout.addLayout(self.extra)
        self.note = BoundLineEdit(editor, ("selection", checkpoint, item_id, "note"),
                                  f"{text}のメモ", "メモ（任意）")
        self.note.setContentsMargins(26, 0, 0, 0)
        layout.addWidget(self.note)
        self.check.toggled.connect(self._on_check_toggled)
        self.checkpoint = checkpoint
        self.who: str | None = None

    def set_view(self, who: str | None) -> None:
        """Write to ``who``'s own view (a 1on1, 管理者 or 相談員) or, with None, the agreed selection.

        Only the paths change; the next :meth:`refresh` reads what that view holds, so nothing of
        another view stays in the widgets.
        """
        from supportguide_app.ui.views import selection_path

        self.who = who
        self.check.path = selection_path(who, self.checkpoint, self.item_id, "selected")
        self.note.path = selection_path(who, self.checkpoint, self.item_id, "note")

    def _on_check_toggled(self, checked: bool) -> None:
        self._show_note()

    def describe(self) -> None:
        """The explanation and the reasons shown with the item (「ガイドの提案：…」, the guide's words)
        become the check box's accessible description, so a screen reader reads them with it."""
        texts = [self.description.text()] if self.description is not None else []
        for index in range(self.extra.count()):
            widget = self.extra.itemAt(index).widget()
            if isinstance(widget, QLabel) and not widget.isHidden() and widget.text():
                texts.append(widget.text())
        self.check.setAccessibleDescription("\n".join(texts))

    def _show_note(self) -> None:
        # A note stays in the session when unticked; it is shown again with the tick (or if it has text).
        self.note.setVisible(self.check.isChecked() or bool(self.note.text()))

    def refresh(self) -> None:
        self.check.refresh()
        self.note.refresh()
        self._show_note()


class LinkLabel(QLabel):
    """A label holding one link: one Tab stop (a QLabel with links took two Tabs to leave)."""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt override)
        return QWidget.focusNextPrevChild(self, forward)


def link_label(text: str, on_activate: Callable[[], None], accessible_name: str) -> QLabel:
    """A word-wrapped link that the keyboard reaches (Tab) and activates (Enter)."""
    from html import escape

    label = LinkLabel(f"<a href='#'>{escape(text)}</a>")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                  | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    label.setAccessibleName(accessible_name)
    label.setProperty("role", "link")
    label.linkActivated.connect(lambda _href: on_activate())
    return label


def retire(widget: QWidget) -> None:
    """Remove a widget that a rebuilt step replaces: hidden at once, deleted by the event loop.

    deleteLater alone leaves it painted (on top of its replacement) until the loop runs again.
    """
    widget.hide()
    widget.deleteLater()


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
