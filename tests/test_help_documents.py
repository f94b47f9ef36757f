"""The two Japanese guides: every picture they show exists, and they travel with the application."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HELP = ROOT / "resources" / "help"
GUIDES = ("user-guide.ja.md", "deploy.ja.md")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")


def _images(name: str) -> list[tuple[str, str]]:
    return IMAGE.findall((HELP / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", GUIDES)
def test_every_picture_a_guide_shows_exists_and_is_described(name):
    for alt, target in _images(name):
        assert not re.match(r"[a-z]+://", target), f"{name}: {target} is not a local picture"
        path = HELP / target
        assert path.is_file(), f"{name} shows {target}, which is missing"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{target} is not a PNG"
        assert alt.strip(), f"{name}: {target} has no description"


def test_every_picture_in_the_folder_is_used_by_a_guide():
    used = {Path(target).name for name in GUIDES for _, target in _images(name)}
    present = {p.name for p in (HELP / "images").glob("*.png")}
    assert present - used == set(), "pictures no guide shows (stale screenshots)"


def test_the_user_guide_walks_a_first_plan_with_a_picture_of_each_step():
    text = (HELP / "user-guide.ja.md").read_text(encoding="utf-8")
    first_plan = text.split("## 2.", 1)[1].split("## 3.", 1)[0]
    steps = re.findall(r"^### 手順(\S+)", first_plan, flags=re.MULTILINE)
    assert steps == ["１", "２", "３", "４", "５", "６", "７", "８"]
    for chunk in re.split(r"^### 手順", first_plan, flags=re.MULTILINE)[1:]:
        assert IMAGE.search(chunk), f"手順{chunk[:1]} has no screenshot"


@pytest.mark.parametrize("name", GUIDES)
def test_guides_name_no_address_on_the_internet(name):
    # The folder is read on PCs without network; and the viewer would refuse such a link anyway.
    text = (HELP / name).read_text(encoding="utf-8")
    assert not re.search(r"https?://", text)


def test_readme_opens_in_japanese_and_points_to_both_guides():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("\n## ", 1)[0]
    assert "操作の手引き" in first and "導入手順書" in first
    for name in GUIDES:
        assert f"resources/help/{name}" in first


def test_the_bundle_spec_carries_the_guides():
    # The spec ships the whole of resources/ (guides and pictures included) as _internal/resources.
    spec = (ROOT / "packaging" / "supportguide.spec").read_text(encoding="utf-8")
    assert re.search(r'\(str\(ROOT / "resources"\), "resources"\)', spec)
    for name in GUIDES:
        assert (HELP / name).is_file()


BUILT = ROOT / "packaging" / "dist" / "supportguide"


@pytest.mark.skipif(not BUILT.is_dir(), reason="no bundle built (packaging/build_linux.sh)")
def test_a_built_folder_holds_both_guides_and_their_pictures():
    help_folder = BUILT / "_internal" / "resources" / "help"
    for name in GUIDES:
        assert (help_folder / name).read_bytes() == (HELP / name).read_bytes()
        for _, target in _images(name):
            assert (help_folder / target).is_file(), target
