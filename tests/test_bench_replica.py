"""benchmarks/widget_replica.py: the plain-PySide6 replica of the first step shows what the
application's first frame shows (the same widgets per PySide6 class, the same texts), and imports
nothing of the application. Each side runs offscreen in a process of its own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import widget_replica  # noqa: E402

from supportguide_app.guide import load_guide  # noqa: E402


@pytest.fixture(scope="module")
def walked() -> tuple[str, dict]:
    return widget_replica.generate_with_census()


def test_the_replica_imports_only_pyside6(walked):
    script, _census = walked
    imports = [line for line in script.splitlines() if line.startswith(("import ", "from "))]
    assert "import sys" in imports
    assert all(line == "import sys" or line.startswith("from PySide6.") for line in imports)
    code = script.split('"""', 2)[2]  # after the docstring, which names where it comes from
    assert "supportguide_app" not in code
    assert script.rstrip().endswith("app.exec()")


def test_the_replica_has_the_widgets_and_texts_of_the_first_frame(walked):
    script, application = walked
    replica = widget_replica.replica_census(script)
    assert replica["counts"] == application["counts"]
    assert replica["texts"] == application["texts"]
    # The census is of the first step as shown: its title and the guide's own words, visible.
    guide = load_guide()
    visible = {text for _cls, _what, text, shown in application["texts"] if shown is True}
    assert {"はじめに", guide.info["subtitle"], guide.info["purpose"]} <= visible
    assert application["counts"]["QComboBox"] >= 3  # 立場, 対象年度, 話し合いの形 (and their popups)
    assert "QMenuBar" in application["counts"]


def test_a_replica_that_differs_is_told_apart(walked):
    script, application = walked
    renamed = script.replace("setText('はじめに')", "setText('はじめ')", 1)
    assert renamed != script
    assert widget_replica.replica_census(renamed)["texts"] != application["texts"]
    extra = script.replace("window.show()", "QLabel(window)\nwindow.show()", 1)
    assert widget_replica.replica_census(extra)["counts"] != application["counts"]
