"""The ヘルプ menu's windows: the two Japanese guides shown offline in a text browser, and
このアプリについて. The menu itself is ``help_menu.py``, which imports this module when a window is
first opened (its text classes are not needed for the window's start).

The guides are Markdown files in ``resources/help/`` (``user-guide.ja.md``, ``deploy.ja.md``)
with their screenshots beside them in ``resources/help/images/``. Qt's QTextDocument reads
Markdown itself, so the same file is what a developer reads in the repository, what IT staff can
open in Notepad from the folder, and what the window shows: no build step, no PDF viewer (often
missing or blocked on a locked-down PC), no browser and no network.

The browser never follows a link off this computer: the guides hold none, and a link that is not
a local file is refused with a message instead of being opened.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import supportguide_app
from supportguide_app import paths

HELP_FOLDER = "help"
ABOUT_FILE = "about.json"
# Wide screenshots are shown at most this wide (in device-independent pixels) and never wider
# than the browser, so no picture needs a horizontal scroll bar.
IMAGE_MAX_WIDTH = 900
IMAGE_MARGIN = 40


@dataclass(frozen=True)
class HelpDocument:
    """One of the guides the ヘルプ menu opens: its title and its file in resources/help/."""

    title: str
    file_name: str

    def path(self) -> Path:
        return paths.resource(HELP_FOLDER, self.file_name)


USER_GUIDE = HelpDocument("操作の手引き", "user-guide.ja.md")
DEPLOY_GUIDE = HelpDocument("導入手順書", "deploy.ja.md")
DOCUMENTS = (USER_GUIDE, DEPLOY_GUIDE)


def _is_local(url: QUrl) -> bool:
    return url.isLocalFile() or url.isRelative() or url.scheme() in ("", "file")


class GuideViewer(QWidget):
    """A window that shows one guide: contents on the left, the text with its pictures on the right."""

    def __init__(self, document: HelpDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.document = document
        self._pictures: dict[str, QImage] = {}
        self.setWindowTitle(f"{document.title} — {supportguide_app.APP_NAME}")
        self.setObjectName("guideViewer")
        self.resize(1100, 780)

        self.contents = QListWidget()
        self.contents.setAccessibleName("目次")
        self.contents.setWordWrap(True)
        self.contents.itemActivated.connect(self._on_contents_activated)
        self.contents.itemClicked.connect(self._on_contents_activated)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(document.title)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        self.notice = QLabel("")
        self.notice.setObjectName("guideNotice")
        self.notice.setWordWrap(True)
        self.location = QLabel("")
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location.setAccessibleName("ファイルの場所")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("目次"))
        left_layout.addWidget(self.contents)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([300, 800])

        self.back_button = QPushButton("← 戻る")
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.setEnabled(False)
        self.top_button = QPushButton("先頭へ")
        self.top_button.clicked.connect(lambda: self.browser.verticalScrollBar().setValue(0))
        close_button = QPushButton("閉じる")
        close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.top_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.location)
        layout.addLayout(buttons)
        self.notice.setVisible(False)

        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(50)
        self._fit_timer.timeout.connect(self.fit_images)
        self.browser.sourceChanged.connect(lambda _url: self._after_load())
        self.load()

    # -- loading ------------------------------------------------------------------------------------
    def load(self) -> bool:
        """Show the guide's file; when it is missing, say so (and where it was looked for)."""
        path = self.document.path()
        self._pictures.clear()
        if not path.is_file():
            self.browser.setHtml(
                f"<h2>{escape(self.document.title)}を表示できません</h2>"
                f"<p>「{escape(self.document.title)}」のファイルが見つかりません（{escape(str(path))}）。"
                "アプリのフォルダがすべてそろっているか確かめてください。"
                "フォルダの一部だけを写した場合は、配布されたフォルダをもう一度まるごと写してください。</p>")
            self.location.setText("")
            self.contents.clear()
            return False
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)), QTextDocument.ResourceType.MarkdownResource)
        self.location.setText(f"ファイルの場所：{path}")
        return True

    def _after_load(self) -> None:
        self._build_contents()
        self.fit_images()

    def headings(self) -> list[tuple[int, str, int]]:
        """(level, text, position) of every heading of level 1–3 in the document shown."""
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if 1 <= level <= 3 and block.text().strip():
                found.append((level, block.text().strip(), block.position()))
            block = block.next()
        return found

    def _build_contents(self) -> None:
        self.contents.clear()
        for level, text, position in self.headings():
            item = QListWidgetItem(("　" * (level - 1)) + text)
            item.setData(Qt.ItemDataRole.UserRole, position)
            self.contents.addItem(item)

    def _on_contents_activated(self, item: QListWidgetItem) -> None:
        self.scroll_to_position(int(item.data(Qt.ItemDataRole.UserRole)))

    def scroll_to_position(self, position: int) -> None:
        """Put the heading at ``position`` at the top of the browser."""
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())  # so that ensureCursorVisible brings the heading to the top
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()

    def _on_link(self, url: QUrl) -> None:
        if not _is_local(url):
            self.notice.setText(f"このアプリはインターネットに接続しないため、リンク先（{url.toString()}）は開きません。")
            self.notice.setVisible(True)
            return
        self.notice.setVisible(False)
        if url.hasFragment() and not url.path():
            self.browser.scrollToAnchor(url.fragment())
            return
        self.browser.setSource(url)

    # -- pictures -----------------------------------------------------------------------------------
    def image_widths(self) -> list[float]:
        """The width each picture of the document is shown at (0 for its own size)."""
        widths = []
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isImageFormat():
                    widths.append(fmt.toImageFormat().width())
                it += 1
            block = block.next()
        return widths

    def fit_images(self) -> None:
        """Show every picture wider than the browser (or than IMAGE_MAX_WIDTH) scaled to fit.

        The scaled picture is made here with smooth scaling and handed to the document under the
        picture's own name: the text browser would otherwise shrink it pixel by pixel, which makes
        the small Japanese text of a screenshot unreadable.
        """
        document = self.browser.document()
        limit = max(200, min(IMAGE_MAX_WIDTH, self.browser.viewport().width() - IMAGE_MARGIN))
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    image_format = fmt.toImageFormat()
                    image = self._picture(image_format.name())
                    if not image.isNull():
                        width = min(image.width(), limit)
                        if abs(image_format.width() - width) > 0.5:
                            shown = image if width == image.width() else image.scaledToWidth(
                                width, Qt.TransformationMode.SmoothTransformation)
                            document.addResource(QTextDocument.ResourceType.ImageResource,
                                                 QUrl(image_format.name()), shown)
                            image_format.setWidth(width)
                            image_format.setHeight(shown.height())
                            cursor = QTextCursor(document)
                            cursor.setPosition(fragment.position())
                            cursor.setPosition(fragment.position() + fragment.length(),
                                               QTextCursor.MoveMode.KeepAnchor)
                            cursor.setCharFormat(image_format)
                it += 1
            block = block.next()

    def _picture(self, name: str) -> QImage:
        """The picture file ``name`` (relative to the guide) at its own size; null if unreadable."""
        cached = self._pictures.get(name)
        if cached is None:
            url = QUrl(name)
            path = Path(url.toLocalFile()) if url.isLocalFile() else self.document.path().parent / name
            cached = QImage(str(path))
            self._pictures[name] = cached
        return cached

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_timer.start()


# -- このアプリについて -----------------------------------------------------------------------------------
def about_data() -> dict:
    """What resources/help/about.json says about the guide's provenance (from the guide's text)."""
    with paths.resource(HELP_FOLDER, ABOUT_FILE).open(encoding="utf-8") as handle:
        return json.load(handle)


# The licences of what the folder carries. The application's own is pyproject's `license`.
LICENCES = (
    ("このアプリ（支援者サポート計画ツール）", "プロプライエタリ（Proprietary）。"),
    ("フォント BIZ UDPゴシック（BIZ UDPGothic）",
     "SIL Open Font License 1.1。Copyright 2022 The BIZ UDGothic Project Authors。"
     "ライセンス全文：{font_licence}。"
     "書き出した PDF には、このフォントの一部（使った文字だけ）が埋め込まれます。"),
    ("Qt と Qt for Python（PySide6）",
     "GNU Lesser General Public License（LGPL）v3。"
     "Qt のライブラリはフォルダ内に別のファイルとして入っており、差し替えることができます。"),
    ("reportlab（PDF の作成）", "BSD ライセンス。Copyright ReportLab Inc."),
)
NETWORK_STATEMENT = ("このアプリはネットワークを一切使いません。更新の確認、利用状況の送信、"
                     "インターネットからの読み込みは行いません。計画はこのパソコン"
                     "（または保存先に選んだフォルダ）にだけ保存されます。")


def about_html(guide_title: str | None = None) -> str:
    """The text of このアプリについて, as HTML for a rich-text label."""
    data = about_data()
    if guide_title is None:
        from supportguide_app.guide import load_guide

        guide_title = load_guide().info["title"]
    title = guide_title
    parts = [f"<h2>{escape(supportguide_app.APP_NAME)}</h2>",
             f"<p>バージョン {escape(supportguide_app.__version__)}</p>",
             "<h3>もとにしたガイド</h3>",
             f"<p>「{escape(title)}」</p>"]
    if data.get("publisher"):
        parts.append(f"<p>発行：{escape(data['publisher'])}</p>")
    else:
        parts.append(f"<p>{escape(data['publisher_missing'])}</p>")
    if data.get("source_statements"):
        parts.append(f"<p>{escape(data['source_statements_caption'])}</p><ul>")
        parts += [f"<li>{escape(text)}</li>" for text in data["source_statements"]]
        parts.append("</ul>")
    parts.append("<h3>ライセンス</h3><ul>")
    font_licence = str(paths.resource("fonts", "OFL.txt"))  # where it is on this PC
    parts += [f"<li><b>{escape(name)}</b>：{escape(text.format(font_licence=font_licence))}</li>"
              for name, text in LICENCES]
    parts.append("</ul>")
    parts.append(f"<h3>ネットワーク</h3><p>{escape(NETWORK_STATEMENT)}</p>")
    return "".join(parts)


class AboutDialog(QDialog):
    def __init__(self, guide_title: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"このアプリについて — {supportguide_app.APP_NAME}")
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("このアプリについて")
        self.text.setHtml(about_html(guide_title))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("閉じる")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(680, 620)
