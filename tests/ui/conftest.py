"""Fixtures for the window's tests: never the real settings, folders or modal dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from scripted_dialogs import ScriptedDialogs

from supportguide_app.guide import load_guide
from supportguide_app.ui.settings import AppSettings

QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(scope="session", autouse=True)
def _configured_app(qapp):
    from supportguide_app.ui.app import configure_application

    configure_application(qapp)
    return qapp


@pytest.fixture(scope="session")
def guide():
    return load_guide()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def settings(settings_file: Path) -> AppSettings:
    return AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


@pytest.fixture
def autosave_folder(tmp_path: Path) -> Path:
    return tmp_path / "autosave"


@pytest.fixture
def make_window(qtbot, guide, settings, dialogs, autosave_folder):
    from supportguide_app.ui.main_window import MainWindow

    def make(**overrides):
        kwargs = dict(settings=settings, autosave_folder=autosave_folder, dialogs=dialogs,
                      autosave_delay_ms=50)
        kwargs.update(overrides)
        window = MainWindow(guide, **kwargs)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()

