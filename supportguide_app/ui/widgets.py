"""Small building blocks the pages share: widgets bound to a session path, and the help hook.

A bound widget writes to the session through :class:`SessionEditor` on every user edit and reads
it back in :meth:`refresh` with its signals blocked, so a refresh never records a new edit and
widgets keep no private copy of the user's work.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supportguide_app.plan.dates import fiscal_year_label, parse_iso, to_wareki
from supportguide_app.ui.input_policy import guard_wheel
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.wrapping import WrappingCheckBox

Path = tuple[str, ...]


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
    (the arrow keys still move between them). The wheel changes it only while it has the focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        guard_wheel(self)

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


class SpinBox(QSpinBox):
    """A spin box that the wheel changes only while it has the focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        guard_wheel(self)


class BoundCountSpinBox(SpinBox):
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
        # Focus moving into a field inside the watched widget (a row's メモ) counts as well, also for
        # a field added later (a row makes its note field when it is first shown).
        for child in widget.findChildren(QWidget):
            self._watch(child)

    def _watch(self, child: QObject) -> None:
        if isinstance(child, QWidget) and child.focusPolicy() != Qt.FocusPolicy.NoFocus:
            child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._widget:
            kind = event.type()
            if kind in self._EVENTS:
                self._show()
            elif kind == QEvent.Type.ChildAdded:
                self._watch(event.child())
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
    list still shows every choice whole. The wheel changes it only while it has the focus.
    """

    MIN_CHARACTERS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        guard_wheel(self)

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
        # The note field is made when it is first shown (ticked, or holding text): most rows of a
        # checklist are never ticked, and a field each cost memory and time in building the step.
        self._note: BoundLineEdit | None = None
        self._note_path: tuple = ("selection", checkpoint, item_id, "note")
        self._text = text
        self.check.toggled.connect(self._on_check_toggled)
        self.checkpoint = checkpoint
        self.who: str | None = None

    @property
    def note(self) -> BoundLineEdit:
        """The row's note field (made on first use, at the bottom of the row)."""
        if self._note is None:
            self._note = BoundLineEdit(self.editor, self._note_path, f"{self._text}のメモ", "メモ（任意）")
            self._note.setContentsMargins(26, 0, 0, 0)
            self._note.setVisible(False)
            self.layout().addWidget(self._note)
            self._note.refresh()
        return self._note

    def set_view(self, who: str | None) -> None:
        """Write to ``who``'s own view (a 1on1, 管理者 or 相談員) or, with None, the agreed selection.

        Only the paths change; the next :meth:`refresh` reads what that view holds, so nothing of
        another view stays in the widgets.
        """
        from supportguide_app.ui.views import selection_path

        self.who = who
        self.check.path = selection_path(who, self.checkpoint, self.item_id, "selected")
        self._note_path = selection_path(who, self.checkpoint, self.item_id, "note")
        if self._note is not None:
            self._note.path = self._note_path

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
        if self.check.isChecked() or self.editor.get(self._note_path):
            self.note.setVisible(True)
        elif self._note is not None:
            self._note.setVisible(False)

    def refresh(self) -> None:
        self.check.refresh()
        if self._note is not None:
            self._note.refresh()
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
