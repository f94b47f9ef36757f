"""The panel on the right: the guide's own explanation of whatever is selected.

The builders below turn guide objects into small HTML documents. Every sentence comes from the
Guide object (escaped); only the section captions (「説明」「ポイント」…) are UI chrome.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from supportguide_app.guide.model import (
    Category,
    CommonPoint,
    Concept,
    Difficulty,
    Example,
    Goal,
    Guide,
    Method,
    MethodLink,
    PrepItem,
    Step,
)
from supportguide_app.ui.first_paint import after_first_paint

if TYPE_CHECKING:  # the rules are imported when a goal's guidance is first shown
    from supportguide_app.plan.rules import GoalSuggestion


class HelpPanel(QWidget):
    """A heading and a read-only, word-wrapped, scrollable text.

    The first text waits for the window's first frame: laying out and drawing a page of the
    guide's Japanese text is the dearest part of that frame (each new glyph is rasterised once;
    under Wine about a millisecond each), and the step, not its explanation, is what the user
    looks at first. The text follows in the next turn of the event loop; ``text()`` and every
    later change are immediate.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 16, 16, 16)
        layout.setSpacing(8)
        caption = QLabel("ガイドの説明")
        caption.setProperty("role", "panelCaption")
        layout.addWidget(caption)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("ガイドの説明")
        self.browser.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.browser, 1)
        self._html: str | None = None  # what the panel shows, or will show after the first frame
        self._painted = False
        self._pending = False
        after_first_paint(self, self._first_frame_done)

    def show_html(self, html: str) -> None:
        if html == self._html:
            return
        self._html = html
        if self._painted:
            self.browser.setHtml(html)
        else:
            self._pending = True

    def text(self) -> str:
        self._apply_pending()
        return self.browser.toPlainText()

    def _first_frame_done(self) -> None:
        self._painted = True
        self._apply_pending()

    def _apply_pending(self) -> None:
        if self._pending:
            self._pending = False
            self.browser.setHtml(self._html)


# -- builders ---------------------------------------------------------------------------------------
def _h(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def _sub(text: str) -> str:
    return f"<p style='margin-top:12px'><b>{escape(text)}</b></p>"


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _muted(text: str) -> str:
    return f"<p style='color:#555'>{escape(text)}</p>"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def intro_help(guide: Guide) -> str:
    info = guide.info
    parts = [_h(info["title"]), _muted(info["subtitle"]), _p(info["purpose"]), _p(info["audience"]),
             _sub(guide.checklist["title"]), _p(guide.checklist["intro"]), _p(guide.checklist["usage"])]
    return "".join(parts)


def checklist_help(guide: Guide, checkpoint_id: str) -> str:
    checkpoint = guide.checkpoint(checkpoint_id)
    return _h(checkpoint.heading) + _p(guide.checklist["first_three"])


def difficulty_help(guide: Guide, difficulty: Difficulty) -> str:
    category = guide.category(difficulty.category_id)
    parts = [_h(f"{difficulty.mark} {difficulty.guide_label}")]
    if difficulty.description:
        parts.append(_p(difficulty.description))
    parts.append(_sub(f"{category.number}{category.label}"))
    parts.append(_p(category.guide_note))
    if category.goal_ids:
        parts.append(_sub("関係する目標"))
        parts.append(_list([escape(f"{g.id}. {g.label}") for g in guide.goals
                            if g.id in category.goal_ids]))
    return "".join(parts)


def category_help(guide: Guide, category: Category) -> str:
    parts = [_h(f"{category.number}{category.label}"), _p(category.guide_note)]
    items = [escape(f"{d.mark} {d.guide_label}") for d in guide.difficulties_in(category.id)]
    return "".join(parts) + _list(items)


def goal_help(guide: Guide, goal: Goal, suggestion: GoalSuggestion | None = None) -> str:
    parts = [_h(f"{goal.id}. {goal.label}")]
    if suggestion is not None:
        parts.append(_sub("ガイドとの関係"))
        parts.append(_p(suggestion.reason))
        parts.extend(_muted(note) for note in suggestion.guide_notes)
    parts.append(_sub("手法の例"))
    parts.append(_p(goal.method_examples))
    parts.append(_points_html(goal))
    examples = [guide.example(e) for e in goal.example_ids]
    if examples:
        parts.append(_sub("他のセンターの取組例"))
        parts.append(_list([_example_inline(e) for e in examples]))
    return "".join(parts)


def _points_html(goal: Goal) -> str:
    if not goal.points:
        return ""
    items = []
    for point in goal.points:
        details = "".join(f"<br/><span style='color:#444'>{escape(d)}</span>" for d in point.details)
        items.append(f"{escape(point.text)}{details}")
    return _sub("ポイント") + _list(items)


def _example_inline(example: Example) -> str:
    return (f"<b>{escape(example.name)}</b>（{escape(example.location)}）<br/>"
            f"{escape(example.content)}")


def method_help(guide: Guide, method: Method, links: tuple[MethodLink, ...] = ()) -> str:
    group = guide.method_group(method.group_id)
    parts = [_h(method.label), _sub(f"{group.mark}{group.label}"), _p(group.summary)]
    if links:
        parts.append(_sub("選んだ目標とのつながり（ガイドの文言）"))
        parts.append(_list([escape(f"{link.goal_id}. {guide.goal(link.goal_id).label}：「{link.basis}」")
                            for link in links]))
        parts.append(_muted(guide.method_links_note))
    parts.extend(_muted(text) for text in guide.methods_intro)
    return "".join(parts)


def example_help(guide: Guide, example: Example) -> str:
    goal = guide.goal(example.goal_id)
    return "".join([_h(example.name), _muted(example.location), _p(example.content),
                    _sub("目標"), _p(f"{goal.id}. {goal.label}")])


def concept_help(concept: Concept) -> str:
    parts = [_h(concept.name), _muted(concept.kind), _p(concept.definition)]
    if concept.steps:
        parts.append("<ol>" + "".join(f"<li>{escape(s)}</li>" for s in concept.steps) + "</ol>")
    if concept.source:
        parts.append(_muted(concept.source))
    return "".join(parts)


def guidance_help(guide: Guide, goal_ids: list[str]) -> str:
    from supportguide_app.plan.rules import guidance_for_goals  # noqa: PLC0415 (not at start-up)

    parts = []
    for guidance in guidance_for_goals(guide, goal_ids):
        parts.append(goal_help(guide, guidance.goal))
    return "".join(parts)


def prep_help(guide: Guide, item: PrepItem) -> str:
    group = next(g for g in guide.prep_groups if g.id == item.group_id)
    parts = [_h(item.label), _muted(group.label)]
    if item.condition:
        parts.append(_p(item.condition))
    parts.append(common_points_help(guide))
    return "".join(parts)


def common_points_help(guide: Guide, only: CommonPoint | None = None) -> str:
    points = [only] if only else list(guide.common_points)
    parts = [_sub(guide.common_points_title), _muted(guide.common_points_subtitle)]
    for point in points:
        parts.append(f"<p><b>{escape(point.label)}</b><br/>{escape(point.text)}</p>")
    return "".join(parts)


def community_help(guide: Guide) -> str:
    community = guide.community
    return _h(community["title"]) + "".join(_p(text) for text in community["paragraphs"])


def review_help(guide: Guide, step: Step, evaluation: CommonPoint | None) -> str:
    """Step 3 of the guide (点検) with the common point on 評価."""
    parts = [_h(f"{step.number}　{step.caption}"), _p(step.text), _p(step.action)]
    if evaluation is not None:
        parts.append(common_points_help(guide, evaluation))
    return "".join(parts)
