"""Step 1, チェックポイント１: the difficulties ②–⑬ to tick, ① and ⑭–⑯ as context."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QVBoxLayout, QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.ui import help_panel
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.pages.base import Page
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.views import entering_role
from supportguide_app.ui.widgets import ChoiceRow, card, wrapped_label

CHECKPOINT = "difficulties"


class DifficultiesPage(Page):
    page_id = PageId.DIFFICULTIES

    def __init__(self, guide: Guide, editor: SessionEditor, parent: QWidget | None = None) -> None:
        checkpoint = guide.checkpoint(CHECKPOINT)
        super().__init__(guide, editor, checkpoint.heading,
                         "マウスを重ねるかフォーカスを移すと、右側にガイドの説明が出ます。", parent=parent)
        self.rows: dict[str, ChoiceRow] = {}
        self.view_banner = self.add_view_banner()
        for category in guide.categories:
            if category.in_checklist:
                self._add_category(category)
        self._add_context()
        self.body.addStretch(1)

    def default_help(self) -> str:
        return help_panel.checklist_help(self.guide, CHECKPOINT)

    def refresh_page(self) -> None:
        who = entering_role(self.editor.session)
        for row in self.rows.values():
            row.set_view(who)

    def _add_category(self, category) -> None:
        frame, layout = card()
        title = wrapped_label(category.checklist_label, "cardTitle")
        layout.addWidget(title)
        self.hook_help(frame, lambda c=category: help_panel.category_help(self.guide, c))
        for difficulty in self.guide.difficulties_in(category.id):
            row = self.bind(ChoiceRow(self.editor, CHECKPOINT, difficulty.id,
                                      f"{difficulty.mark} {difficulty.label}", difficulty.description))
            html = partial(help_panel.difficulty_help, self.guide, difficulty)
            self.hook_help(row.check, html)
            self.hook_help(row, html)
            self.rows[difficulty.id] = row
            layout.addWidget(row)
        self.body.addWidget(frame)

    def _add_context(self) -> None:
        frame, layout = card("contextCard")
        layout.addWidget(wrapped_label("チェックリストに含まれない困難さ", "cardTitle"))
        for category in self.guide.categories:
            if category.in_checklist:
                continue
            block = QWidget()
            inner = QVBoxLayout(block)
            inner.setContentsMargins(0, 4, 0, 4)
            inner.addWidget(wrapped_label(f"{category.number}{category.label}", "sectionTitle"))
            for difficulty in self.guide.difficulties_in(category.id):
                text = f"{difficulty.mark} {difficulty.guide_label}"
                if difficulty.description:
                    text += f"：{difficulty.description}"
                inner.addWidget(wrapped_label(text))
            inner.addWidget(wrapped_label(category.guide_note, "muted"))
            self.hook_help(block, lambda c=category: help_panel.category_help(self.guide, c))
            layout.addWidget(block)
        self.body.addWidget(frame)
