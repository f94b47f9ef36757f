"""Start the window: QApplication, bundled fonts, Qt's Japanese translation, names for settings.

``run(argv)`` is what ``cli.py`` calls when no command is given. It never reopens the last
session: on a shared laptop the next person must not see the previous person's plan.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from supportguide_app import paths
from supportguide_app.guide import load_guide
from supportguide_app.ui.first_paint import after_first_paint
from supportguide_app.ui.input_policy import install_wheel_guard
from supportguide_app.ui.settings import AppSettings, user_locations
from supportguide_app.ui.style import BASE_POINT_SIZE

ORGANISATION = "SupportGuide"
APPLICATION = "支援者サポート計画ツール"
APPLICATION_ID = "supportguide"  # folder names: ASCII, so every file system and backup tool copes
FONT_FILES = ("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf")


def load_fonts() -> str | None:
    """Register the bundled BIZ UDPGothic and return its family name.

    A universal-design Japanese font is bundled (not taken from the system) so that every kanji
    renders the same on every office machine, never as tofu boxes.
    """
    family = None
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(paths.resource("fonts", name)))
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    return family


class MissingQtStrings(QTranslator):
    """Qt strings that qtbase_ja.qm lacks: Qt 6 added mnemonics to the file dialog's labels
    (「&Look in:」「Files of &type:」), and the shipped translation still has only the old texts, so
    the Qt-drawn file dialog showed them in English. Installed after qtbase_ja, so asked first."""

    STRINGS = {
        ("QFileDialog", "&Look in:"): "場所(&L):",
        ("QFileDialog", "Files of &type:"): "ファイルの種類(&T):",
    }

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D102
        return self.STRINGS.get((context, source_text))  # None: ask the next translator

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False


def install_qt_translation(app: QApplication) -> QTranslator | None:
    """Japanese standard buttons and dialogs (OK → OK, Cancel → キャンセル …) from qtbase_ja.qm."""
    translator = QTranslator(app)
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # the bundle keeps them in one of the wheel's two layouts, whatever qt.conf says
        folders += [str(Path(bundle) / "PySide6" / "Qt" / "translations"),
                    str(Path(bundle) / "PySide6" / "translations")]
    japanese = QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)
    for folder in folders:
        if translator.load(japanese, "qtbase", "_", folder):
            app.installTranslator(translator)
            app.installTranslator(MissingQtStrings(app))
            return translator
    app.installTranslator(MissingQtStrings(app))
    return None


def configure_application(app: QApplication) -> None:
    """Names, style, font and translation; shared by run() and the screenshot script."""
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION_ID)
    app.setApplicationDisplayName(APPLICATION)
    app.setStyle("Fusion")
    family = load_fonts()
    if family:
        font = QFont(family)
        font.setPointSizeF(BASE_POINT_SIZE)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        app.setFont(font)
    install_qt_translation(app)
    install_wheel_guard(app)


def build_window(dialogs=None):
    """The main window with this run's settings and autosave folder (portable or the profile's).

    Call after :func:`configure_application`: the profile's QSettings take the names set there.
    ``dialogs`` replaces the real message boxes and file choosers (a script that answers them).
    """
    from supportguide_app.ui.main_window import MainWindow

    locations = user_locations()
    window = MainWindow(load_guide(), AppSettings(locations.qsettings),
                        autosave_folder=locations.autosave_folder, dialogs=dialogs)
    if locations.portable:
        folder = locations.autosave_folder.parent
        window.statusBar().showMessage(f"ポータブルモード：設定と自動保存は「{folder}」に置きます。",
                                       10000)
    return window


def run(argv: list[str] | None = None) -> int:
    """Create the application and show the main window; returns the exit code."""
    app = QApplication.instance() or QApplication(list(argv if argv is not None else sys.argv))
    configure_application(app)
    window = build_window()
    window.show()
    # Once the window is on the screen: the collector (paused by cli.main while the window was
    # built), then the question about a plan left in the autosave folder, over a drawn window.
    after_first_paint(window, gc.enable, window.document.check_autosave)
    return app.exec()
