"""Where settings and autosaves live on Windows (HKCU and %APPDATA%), and the console program
under the Japanese code page (cp932) with names cp932 cannot encode."""

from __future__ import annotations

import locale
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from windows_helpers import EXAMPLE

KEY = r"Software\SupportGuide\supportguide"


@pytest.fixture
def application():
    from PySide6.QtCore import QCoreApplication

    from supportguide_app.ui.app import APPLICATION_ID, ORGANISATION

    app = QCoreApplication.instance() or QCoreApplication([])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION_ID)
    _delete_key()
    yield app
    _delete_key()


def _delete_key():
    import winreg

    def delete(parent, name):
        try:
            with winreg.OpenKey(parent, name) as key:
                while True:
                    try:
                        delete(key, winreg.EnumKey(key, 0))
                    except OSError:
                        break
            winreg.DeleteKey(parent, name)
        except FileNotFoundError:
            pass

    delete(winreg.HKEY_CURRENT_USER, KEY)


def test_settings_go_to_the_registry_under_hkcu(application):
    import winreg

    from supportguide_app.ui.settings import AppSettings, user_locations

    locations = user_locations()
    assert not locations.portable
    settings = AppSettings(locations.qsettings)
    settings.set_text_scale(130)
    locations.qsettings.sync()
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, KEY + r"\view") as key:
        value, _kind = winreg.QueryValueEx(key, "text_scale_percent")
    assert int(value) == 130
    assert AppSettings(user_locations().qsettings).text_scale() == 130  # read back by a new run


def test_autosaves_go_under_appdata(application):
    from supportguide_app.storage import load_session
    from supportguide_app.storage.autosave import AutosaveStore
    from supportguide_app.ui.settings import user_locations

    folder = user_locations().autosave_folder
    assert folder == Path(os.environ["APPDATA"]) / "SupportGuide" / "supportguide" / "autosave"
    store = AutosaveStore(folder)
    session = load_session(EXAMPLE).session
    written = store.write(session, None)
    try:
        assert Path(written).parent == folder and Path(written).is_file()
        assert [p.session.title for p in AutosaveStore(folder).pending()] == [session.title]
    finally:
        Path(written).unlink()


def test_the_console_program_prints_names_cp932_cannot_encode(tmp_path, bundle, console_env):
    assert locale.getencoding() == "cp932"  # the Japanese code page, as on a Japanese Windows PC
    folder = tmp_path / "𠮷野 フォルダ😀"
    folder.mkdir()
    good = folder / "𠮷田さんの計画😀.json"
    shutil.copyfile(EXAMPLE, good)
    bad = folder / "壊れた𠮷.json"
    bad.write_text("{", encoding="utf-8")
    result = subprocess.run([str(bundle / "supportguide-cli.exe"), "validate", str(good), str(bad)],
                            capture_output=True, env=console_env, timeout=120)
    out, err = result.stdout.decode("cp932"), result.stderr.decode("cp932")  # strict: cp932 only
    assert result.returncode == 1, err  # one file is bad
    assert "Traceback" not in out + err
    assert out.startswith("OK: ") and "\\U00020bb7田さんの計画\\U0001f600.json" in out
    assert err.startswith("エラー: ") and "壊れた\\U00020bb7.json" in err and "壊れている" in err
