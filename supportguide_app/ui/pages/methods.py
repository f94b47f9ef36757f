"""Step 3, チェックポイント３: the methods ア/イ, and beside them section III for the chosen goals."""

from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.plan.rules import guidance_for_goals, methods_for_goals
from supportguide_app.ui import help_panel
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.pages.base import Page
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.views import entering_role, selected_ids
from supportguide_app.ui.widgets import BoundCheckBox, ChoiceRow, card, link_label, retire, wrapped_label

CHECKPOINT = "methods"


class MethodsPage(Page):
    page_id = PageId.METHODS

    def __init__(self, guide: Guide, editor: SessionEditor, parent: QWidget | None = None) -> None:
        checkpoint = guide.checkpoint(CHECKPOINT)
        super().__init__(guide, editor, checkpoint.heading, guide.method_links_note, parent=parent)
        self.links: dict = {}
        self.rows: dict[str, ChoiceRow] = {}
        self.markers = {}
        self.view_banner = self.add_view_banner()
        for group in guide.method_groups:
            frame, layout = card()
            layout.addWidget(wrapped_label(f"{group.mark}{group.label}", "cardTitle"))
            layout.addWidget(wrapped_label(group.summary, "muted"))
            for method in guide.methods_in(group.id):
                row = self.bind(ChoiceRow(editor, CHECKPOINT, method.id, method.label))
                marker = wrapped_label("", "suggestion")
                row.extra.addWidget(marker)
                html = partial(self._method_help, method)
                self.hook_help(row.check, html)
                self.hook_help(row, html)
                self.rows[method.id] = row
                self.markers[method.id] = marker
                layout.addWidget(row)
            self.body.addWidget(frame)
        # The guide's section III for the chosen goals follows the methods in the same column:
        # two side-by-side columns clipped the check boxes' text at larger text sizes.
        side_widget = QWidget()
        self.side = QVBoxLayout(side_widget)
        self.side.setContentsMargins(0, 8, 0, 0)
        self.side.setSpacing(14)
        self.body.addWidget(side_widget)
        self.body.addStretch(1)
        self._guidance_key: tuple | None = None
        self._guidance_widgets: list[QWidget] = []
        self.example_boxes: dict[str, list[BoundCheckBox]] = {}

    def _method_help(self, method) -> str:
        return help_panel.method_help(self.guide, method, self.links.get(method.id, ()))

    def default_help(self) -> str:
        return (help_panel.checklist_help(self.guide, CHECKPOINT)
                + "".join(f"<p>{escape(text)}</p>" for text in self.guide.methods_intro))

    def _chosen_goals(self, who: str | None) -> list[str]:
        chosen = set(selected_ids(self.editor.session, who, "goals"))
        return [g.id for g in self.guide.goals if g.id in chosen]

    def refresh_page(self) -> None:
        who = entering_role(self.editor.session)
        for row in self.rows.values():
            row.set_view(who)
        goals = self._chosen_goals(who)
        self.links = methods_for_goals(self.guide, goals)
        for method_id, marker in self.markers.items():
            links = self.links.get(method_id, ())
            text = "　".join(f"{link.goal_id}「{link.basis}」" for link in links)
            marker.setText(f"選んだ目標の手法の例にあります：{text}" if links else "")
            marker.setVisible(bool(links))
        key = (tuple(goals), who is not None)
        if key != self._guidance_key:
            self._guidance_key = key
            self._rebuild_guidance(goals, entering=who is not None)

    def _rebuild_guidance(self, goals: list[str], *, entering: bool = False) -> None:
        # The goals change only on another page (or by undo), so rebuilding here never
        # takes focus away from a field being typed in.
        self.unbind_all(self._guidance_widgets)
        while self.side.count():
            item = self.side.takeAt(0)
            if item.widget():
                retire(item.widget())
        self._guidance_widgets = []
        self.example_boxes = {}
        self.side.addWidget(wrapped_label("選んだ目標のための手法の例・ポイント・取組例", "columnTitle"))
        if not goals:
            self.side.addWidget(wrapped_label(
                "チェックポイント２で目標を選ぶと、ここにガイドの手法の例、ポイント、他のセンターの取組例が表示されます。",
                "hint"))
            button = QPushButton("チェックポイント２へ")
            button.setAccessibleName("チェックポイント２へ移動")
            button.clicked.connect(lambda: self.navigate_requested.emit(int(PageId.GOALS)))
            self.side.addWidget(button)
        for guidance in guidance_for_goals(self.guide, goals):
            goal = guidance.goal
            frame, layout = card()
            layout.addWidget(wrapped_label(f"{goal.id}. {goal.label}", "cardTitle"))
            self.hook_help(frame, lambda g=goal: help_panel.goal_help(self.guide, g))
            layout.addWidget(wrapped_label("手法の例", "sectionTitle"))
            layout.addWidget(wrapped_label(guidance.method_examples))
            if guidance.points:
                layout.addWidget(wrapped_label("ポイント", "sectionTitle"))
                for point in guidance.points:
                    layout.addWidget(wrapped_label(f"・{point.text}"))
                    for detail in point.details:
                        label = wrapped_label(detail, "muted")
                        label.setContentsMargins(16, 0, 0, 0)
                        layout.addWidget(label)
            if guidance.examples and entering:
                # The marks on examples are the plan's, not a person's: while one person enters
                # their view they are neither shown nor set (they would show the other's choices).
                layout.addWidget(wrapped_label("他のセンターの取組例（印は、見方の比較のあとに付けられます）",
                                               "sectionTitle"))
                for entry in guidance.examples:
                    example = entry.example
                    text = f"{example.name}（{example.location}）" + ("（再）" if entry.relisted else "")
                    name = wrapped_label(f"・{text}")
                    self.hook_help(name, partial(help_panel.example_help, self.guide, example))
                    layout.addWidget(name)
                    content = wrapped_label(example.content, "description")
                    content.setContentsMargins(26, 0, 0, 4)
                    layout.addWidget(content)
            elif guidance.examples:
                layout.addWidget(wrapped_label("他のセンターの取組例（参考にしたいものに印を付けられます）",
                                               "sectionTitle"))
                for entry in guidance.examples:
                    example = entry.example
                    text = f"{example.name}（{example.location}）" + ("（再）" if entry.relisted else "")
                    box = self.bind(BoundCheckBox(self.editor, ("example", example.id), text))
                    box.setAccessibleName(f"取組例：{example.name}")
                    self.example_boxes.setdefault(example.id, []).append(box)
                    self._guidance_widgets.append(box)
                    html = partial(help_panel.example_help, self.guide, example)
                    self.hook_help(box, html)
                    layout.addWidget(box)
                    content = wrapped_label(example.content, "description")
                    content.setContentsMargins(26, 0, 0, 4)
                    layout.addWidget(content)
            if guidance.concepts:
                layout.addWidget(wrapped_label("役に立つ考え方", "sectionTitle"))
                for concept in guidance.concepts:
                    show = partial(help_panel.concept_help, concept)
                    link = link_label(f"{concept.name}について", lambda s=show: self.help_requested.emit(s()),
                                      f"{concept.name}の説明を表示")
                    self.hook_help(link, show)
                    layout.addWidget(link)
                    layout.addWidget(wrapped_label(concept.kind, "muted"))
            self.side.addWidget(frame)
        self.side.addWidget(link_label(
            f"参考：{self.guide.community['title']}",
            lambda: self.help_requested.emit(help_panel.community_help(self.guide)),
            "参考：相談員同士のネットワークの説明を表示"))
        self.side.addStretch(1)
