"""Step 2, チェックポイント２: the goals A–F, with the guide's suggestions for the ticked difficulties."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.plan.rules import GoalSuggestion, suggested_goals
from supportguide_app.ui import help_panel
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.pages.base import Page
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.views import entering_role, selected_ids
from supportguide_app.ui.widgets import ChoiceRow, card, wrapped_label

CHECKPOINT = "goals"


class GoalsPage(Page):
    page_id = PageId.GOALS

    def __init__(self, guide: Guide, editor: SessionEditor, parent: QWidget | None = None) -> None:
        checkpoint = guide.checkpoint(CHECKPOINT)
        super().__init__(guide, editor, checkpoint.heading,
                         "チェックポイント１でチェックした困難さに関係する目標には「ガイドの提案」が付きます。"
                         "決めるのはご自身です。", parent=parent)
        self.suggestions: dict[str, GoalSuggestion] = {}
        self.view_banner = self.add_view_banner()
        self.summary_label = wrapped_label("", "hint")
        self.body.addWidget(self.summary_label)
        frame, layout = card()
        self.rows: dict[str, ChoiceRow] = {}
        self.badges = {}
        for goal in guide.goals:
            row = self.bind(ChoiceRow(editor, CHECKPOINT, goal.id, f"{goal.id}. {goal.label}"))
            badge = wrapped_label("", "suggestion")
            row.extra.addWidget(badge)
            html = partial(self._goal_help, goal)
            self.hook_help(row.check, html)
            self.hook_help(row, html)
            self.rows[goal.id] = row
            self.badges[goal.id] = badge
            layout.addWidget(row)
        self.body.addWidget(frame)
        self.body.addStretch(1)

    def _goal_help(self, goal) -> str:
        return help_panel.goal_help(self.guide, goal, self.suggestions.get(goal.id))

    def default_help(self) -> str:
        return help_panel.checklist_help(self.guide, CHECKPOINT)

    def refresh_page(self) -> None:
        # In a 1on1 each person sees the suggestions for their own difficulties only.
        who = entering_role(self.editor.session)
        for row in self.rows.values():
            row.set_view(who)
        ticked = selected_ids(self.editor.session, who, "difficulties")
        self.suggestions = {s.goal.id: s for s in suggested_goals(self.guide, ticked)}
        if not ticked:
            self.summary_label.setText("チェックポイント１で困難さにチェックすると、関係する目標が提案されます。")
        elif self.suggestions:
            ids = "・".join(self.suggestions)
            self.summary_label.setText(f"チェックした困難さから、ガイドは目標 {ids} を挙げています。")
        else:
            self.summary_label.setText("チェックした困難さに対応する目標は、ガイドでは挙げられていません。")
        for goal_id, badge in self.badges.items():
            suggestion = self.suggestions.get(goal_id)
            badge.setText(f"ガイドの提案：{suggestion.reason}" if suggestion else "")
            badge.setVisible(suggestion is not None)
            badge.setAccessibleName(badge.text())
            self.rows[goal_id].setProperty("suggested", suggestion is not None)
            self.rows[goal_id].style().unpolish(self.rows[goal_id])
            self.rows[goal_id].style().polish(self.rows[goal_id])
