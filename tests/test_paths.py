"""Resources are found in the source tree, an installed wheel and a frozen bundle."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from supportguide_app import paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fresh_cache():
    paths.resources_dir.cache_clear()
    yield
    paths.resources_dir.cache_clear()


def test_source_tree():
    assert paths.resources_dir() == ROOT / "resources"
    assert paths.resource("fonts", "BIZUDPGothic-Regular.ttf").is_file()


def test_frozen_bundle(tmp_path, monkeypatch):
    bundle = tmp_path / "バンドル"
    (bundle / "resources" / "guide").mkdir(parents=True)
    (bundle / "resources" / "guide" / "guide.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert paths.resources_dir() == bundle / "resources"


def test_missing_resources_say_so_in_japanese(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "_candidates", lambda: [tmp_path / "nothing"])
    with pytest.raises(FileNotFoundError, match="データフォルダ"):
        paths.resources_dir()


def test_installed_wheel_carries_resources(tmp_path):
    out = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "-w", str(out), str(ROOT)], check=True, cwd=tmp_path)
    (wheel,) = out.glob("*.whl")
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = ("import supportguide_app.paths as p, supportguide_app.guide as g;"
            "print(p.resources_dir()); print(len(g.load_guide().difficulties))")
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            encoding="utf-8", env=env, cwd=tmp_path, check=True)
    where, count = result.stdout.split()
    assert Path(where) == target / "supportguide_app" / "resources"
    assert count == "16"
    assert (target / "supportguide_app" / "resources" / "help" / "user-guide.ja.md").is_file()
    assert (target / "supportguide_app" / "resources" / "help" / "deploy.ja.md").is_file()


def test_not_portable_without_marker(tmp_path):
    assert paths.portable_data_dir(tmp_path) is None


def test_portable_with_marker_and_writable_folder(tmp_path):
    app = tmp_path / "支援者サポート計画ツール"
    app.mkdir()
    (app / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.portable_data_dir(app) == app / "userdata"
    assert (app / "userdata").is_dir()


def test_portable_falls_back_when_folder_is_read_only(tmp_path, monkeypatch):
    app = tmp_path / "app"
    app.mkdir()
    (app / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(paths, "_is_writable", lambda folder: False)
    assert paths.portable_data_dir(app) is None


def test_frozen_app_dir(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "supportguide.exe"))
    assert paths.app_dir() == tmp_path
    monkeypatch.delattr(sys, "frozen")
    assert paths.app_dir() is None
