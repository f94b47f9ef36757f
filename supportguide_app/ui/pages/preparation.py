"""Step 4, 取組の準備: the preparation checklist with its free-text fields, and the common points."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from supportguide_app.guide.model import Guide, PrepItem
from supportguide_app.ui import help_panel
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.pages.base import Page
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.widgets import BoundCheckBox, BoundLineEdit, BoundTextEdit, card, wrapped_label


class PreparationPage(Page):
    page_id = PageId.PREPARATION

    def __init__(self, guide: Guide, editor: SessionEditor, parent: QWidget | None = None) -> None:
        super().__init__(guide, editor, guide.preparation_heading,
                         "選んだ手法を実施するために、検討したことにチェックし、決めたことを書き留めます。",
                         parent=parent)
        self.items: dict[str, QWidget] = {}
        self.checks: dict[str, BoundCheckBox] = {}
        self.fields: dict[tuple[str, str], QWidget] = {}
        for group in guide.prep_groups:
            frame, layout = card()
            layout.addWidget(wrapped_label(group.label, "cardTitle"))
            for item in group.items:
                layout.addWidget(self._item_widget(item))
            self.body.addWidget(frame)
        self._add_common_points()
        self.body.addStretch(1)

    def default_help(self) -> str:
        return help_panel.common_points_help(self.guide)

    def _item_widget(self, item: PrepItem) -> QWidget:
        box = QWidget()
        box.setProperty("role", "choice")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        check = self.bind(BoundCheckBox(self.editor, ("prep", item.id, "checked"), item.label))
        self.checks[item.id] = check
        layout.addWidget(check)
        if item.condition:
            condition = wrapped_label(item.condition, "description")
            condition.setContentsMargins(26, 0, 0, 0)
            layout.addWidget(condition)
        for field in item.fields:
            label = QLabel(field.label)
            label.setWordWrap(True)
            label.setContentsMargins(26, 0, 0, 0)
            name = f"{item.label}：{field.label}"
            path = ("prep", item.id, "field", field.id)
            edit = (BoundTextEdit(self.editor, path, name) if field.multiline
                    else BoundLineEdit(self.editor, path, name))
            self.bind(edit)
            label.setBuddy(edit)
            edit.setContentsMargins(26, 0, 0, 0)
            self.fields[(item.id, field.id)] = edit
            layout.addWidget(label)
            layout.addWidget(edit)
            self.hook_help(edit, lambda i=item: help_panel.prep_help(self.guide, i))
        self.hook_help(check, lambda i=item: help_panel.prep_help(self.guide, i))
        self.items[item.id] = box
        return box

    def _add_common_points(self) -> None:
        frame, layout = card("contextCard")
        layout.addWidget(wrapped_label(self.guide.common_points_title, "cardTitle"))
        layout.addWidget(wrapped_label(self.guide.common_points_subtitle, "muted"))
        for point in self.guide.common_points:
            block = QWidget()
            inner = QVBoxLayout(block)
            inner.setContentsMargins(0, 2, 0, 2)
            inner.addWidget(wrapped_label(point.label, "sectionTitle"))
            inner.addWidget(wrapped_label(point.text))
            self.hook_help(block, lambda p=point: help_panel.common_points_help(self.guide, p))
            layout.addWidget(block)
        self.body.addWidget(frame)

    def refresh_visibility(self) -> None:
        # A field that depends on a choice appears with that choice (依頼先 with 外部専門家).
        for item in self.guide.prep_items:
            if item.requires:
                shown = self.editor.session.prep(item.requires).checked
                self.items[item.id].setVisible(shown)
