"""Step 5, 委託仕様書に盛り込む事項: the specification clauses of the chosen methods, editable.

The guide asks a body that commissions the consultation service to put the essence of supporter
support into the 委託仕様書. The templates (``resources/report/clauses.json``) give one sentence per
method and two every plan shares (予算, 評価); the person adapts them here before the export.
Only a real change is kept as an edit: text equal to the template is stored as "no edit" (None),
so a later, better template still reaches plans that never changed the sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from supportguide_app.guide.model import Guide
from supportguide_app.report.clauses import ClauseTemplates, load_clause_templates
from supportguide_app.report.errors import ClauseTemplateError
from supportguide_app.ui import help_panel
from supportguide_app.ui.pages import PageId
from supportguide_app.ui.pages.base import Page
from supportguide_app.ui.undo import SessionEditor
from supportguide_app.ui.widgets import card, retire, wrapped_label

STATE_TEMPLATE = "文例のまま"
STATE_EDITED = "編集しました"
STATE_BLANK = "空欄のため、PDFには文例が入ります"
# The clauses are this application's model wording, not the guide's (the PDF says so too).
MODEL_WORDING_NOTE = ("ここに示す文は、このアプリが用意した文例です（ガイドの文言そのものではありません）。"
                      "各文の見出しは、もとにしたガイドの手法または共通のポイントです。")


class ClauseEdit(QPlainTextEdit):
    """One clause's text, bound to ``("clause", key)``; grows with its text so nothing scrolls away.

    The editor shows the stored edit, or the template when there is none. What a text stores is
    decided by :meth:`value_for` alone, and :meth:`refresh` leaves the editor alone when its text
    already stands for the stored value (a trailing space typed a moment ago is not taken away).
    """

    def __init__(self, editor: SessionEditor, key: str, template: str, accessible_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.key = key
        self.template = template
        self.path = ("clause", key)
        self.setAccessibleName(accessible_name)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.textChanged.connect(self._on_text_changed)
        self.textChanged.connect(self._fit_height)

    def value_for(self, text: str) -> str | None:
        """What the session keeps for ``text``: None when it says what the template says."""
        if text.strip() == self.template.strip():
            return None
        return text

    def stored(self) -> str | None:
        return self.editor.get(self.path)

    def is_edited(self) -> bool:
        return self.stored() is not None

    def _on_text_changed(self) -> None:
        self.editor.set(self.path, self.value_for(self.toPlainText()), typing=True)

    def refresh(self) -> None:
        stored = self.stored()
        if self.value_for(self.toPlainText()) != stored:
            self.blockSignals(True)
            self.setPlainText(self.template if stored is None else stored)
            self.blockSignals(False)
            self._fit_height()

    # -- height that follows the text ---------------------------------------------------------------
    def _fit_height(self) -> None:
        lines = max(2, int(self.document().size().height()))
        margins = self.contentsMargins()
        height = (lines * self.fontMetrics().lineSpacing() + 2 * self.document().documentMargin()
                  + margins.top() + margins.bottom() + 2 * self.frameWidth()
                  + self.fontMetrics().lineSpacing() // 2)
        self.setFixedHeight(int(height))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_height()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        self._fit_height()  # the text size (Ctrl+plus) changes the font through the stylesheet

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(200, self.height())


class ClauseBlock(QWidget):
    """A clause's heading, its state (文例のまま / 編集しました), the editor and 「文例に戻す」."""

    def __init__(self, editor: SessionEditor, key: str, heading: str, template: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "choice")
        self.editor = editor
        self.key = key
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 8)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(10)
        self.heading = wrapped_label(heading, "sectionTitle")
        top.addWidget(self.heading, 1)
        self.state = QLabel()
        self.state.setWordWrap(True)  # 「空欄のため…」 wraps in a narrow column
        self.state.setProperty("role", "muted")
        top.addWidget(self.state)
        self.edit = ClauseEdit(editor, key, template, f"委託仕様書の文：{heading}")
        self.heading.setBuddy(self.edit)
        self.reset_button = QPushButton("文例に戻す")
        self.reset_button.setAccessibleName(f"{heading}の文を文例に戻す")
        self.reset_button.setToolTip("直した文を消して、このアプリの文例に戻します"
                                     "（元に戻す Ctrl+Z で取り消せます）")
        self.reset_button.clicked.connect(self._on_reset_clicked)
        top.addWidget(self.reset_button)
        layout.addLayout(top)
        layout.addWidget(self.edit)

    def _on_reset_clicked(self) -> None:
        self.editor.set(("clause", self.key), None)

    def refresh(self) -> None:
        self.edit.refresh()
        stored = self.edit.stored()
        if stored is None:
            self.state.setText(STATE_TEMPLATE)
        elif not stored.strip() and self.edit.template:
            self.state.setText(STATE_BLANK)
        else:
            self.state.setText(STATE_EDITED)
        self.reset_button.setEnabled(stored is not None and bool(self.edit.template))


class ClausesPage(Page):
    page_id = PageId.CLAUSES

    def __init__(self, guide: Guide, editor: SessionEditor, parent: QWidget | None = None) -> None:
        super().__init__(guide, editor, "委託仕様書に盛り込む事項",
                         "相談支援を委託する場合は、受託者も支援者支援に取り組めるよう、その要点を委託仕様書に"
                         "盛り込みます。選んだ手法ごとの文例を、自分たちの事業に合わせて直してください。"
                         "ここでの文は計画ファイルに保存され、PDFの取組計画と仕様書添付用に載ります。",
                         parent=parent)
        self.templates: ClauseTemplates | None = None
        self.blocks: dict[str, ClauseBlock] = {}
        self._key: tuple[str, ...] | None = None
        try:
            self.templates = load_clause_templates(guide=guide)
        except ClauseTemplateError as exc:
            # A damaged resource must not keep the window from opening: the page says what is wrong.
            self.body.addWidget(wrapped_label(str(exc), "hint"))
            self.body.addStretch(1)
            return
        frame, layout = card("contextCard")
        layout.addWidget(wrapped_label(self.templates.title, "cardTitle"))
        layout.addWidget(wrapped_label("仕様書の前文の例", "sectionTitle"))
        self.intro_label = wrapped_label(self.templates.intro)
        layout.addWidget(self.intro_label)
        self.model_wording_label = wrapped_label(MODEL_WORDING_NOTE, "muted")
        self.model_wording_label.setAccessibleName("文例について")
        layout.addWidget(self.model_wording_label)
        self.body.addWidget(frame)

        self.methods_frame, self.methods_layout = card()
        self.methods_layout.addWidget(wrapped_label("選んだ手法の事項", "cardTitle"))
        self.no_methods = QWidget()
        empty = QVBoxLayout(self.no_methods)
        empty.setContentsMargins(0, 0, 0, 0)
        empty.addWidget(wrapped_label(
            "手法がまだ選ばれていません。チェックポイント３で手法を選ぶと、その文例がここに表示されます。",
            "hint"))
        go = QPushButton("チェックポイント３へ")
        go.setAccessibleName("チェックポイント３へ移動")
        go.clicked.connect(lambda: self.navigate_requested.emit(int(PageId.METHODS)))
        go_row = QHBoxLayout()
        go_row.addWidget(go)
        go_row.addStretch(1)
        empty.addLayout(go_row)
        self.methods_layout.addWidget(self.no_methods)
        self.method_blocks = QVBoxLayout()
        self.method_blocks.setSpacing(6)
        self.methods_layout.addLayout(self.method_blocks)
        self.body.addWidget(self.methods_frame)

        frame, layout = card()
        layout.addWidget(wrapped_label("すべての手法に共通する事項", "cardTitle"))
        for point in guide.common_points:
            template = self.templates.common.get(point.id)
            if template is None:
                continue
            block = self.bind(ClauseBlock(editor, point.id, point.label, template))
            self.blocks[point.id] = block
            self.hook_help(block.edit, lambda p=point: help_panel.common_points_help(self.guide, p))
            layout.addWidget(block)
        self.body.addWidget(frame)
        self.body.addStretch(1)

    def default_help(self) -> str:
        points = [p for p in self.guide.common_points if p.id == "specification"]
        return help_panel.common_points_help(self.guide, points[0] if points else None)

    def chosen_methods(self) -> list[str]:
        """Chosen methods in the guide's order, then chosen IDs this version does not know."""
        session = self.editor.session
        known = [m.id for m in self.guide.methods if session.is_selected("methods", m.id)]
        ids = set(self.guide.item_ids("methods"))
        return known + [i for i in session.selected("methods") if i not in ids]

    def refresh_page(self) -> None:
        if self.templates is None:
            return
        key = tuple(self.chosen_methods())
        if key != self._key:
            # The chosen methods change only on another step (or by undo), so rebuilding here
            # never takes the focus away from a clause being typed.
            self._key = key
            self._rebuild_methods(list(key))

    def _rebuild_methods(self, method_ids: list[str]) -> None:
        old = [self.blocks.pop(k) for k in list(self.blocks) if k not in self.templates.common]
        self.unbind_all(old)
        for block in old:
            self.method_blocks.removeWidget(block)
            retire(block)
        known = set(self.guide.item_ids("methods"))
        for method_id in method_ids:
            if method_id in known:
                method = self.guide.method(method_id)
                heading = f"{self.guide.method_group(method.group_id).mark}{method.label}"
                template = self.templates.methods.get(method_id, "")
            else:
                heading, template = f"{method_id}（このバージョンにない手法）", ""
            block = self.bind(ClauseBlock(self.editor, method_id, heading, template))
            if method_id in known:
                self.hook_help(block.edit, lambda m=method: help_panel.method_help(self.guide, m, ()))
            self.blocks[method_id] = block
            self.method_blocks.addWidget(block)
        self.no_methods.setVisible(not method_ids)
