"""The domain never imports Qt, and start-up never imports reportlab (architecture.md)."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "supportguide_app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_ui_imports_qt():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1] and {"PySide6", "shiboken6"} & _imports(path)
    ]
    assert offenders == []


def test_domain_runs_without_loading_qt():
    code = (
        "import sys\n"
        "import supportguide_app.cli, supportguide_app.guide, supportguide_app.plan.rules\n"
        "import supportguide_app.storage, supportguide_app.report.export\n"
        "from supportguide_app.guide import load_guide\n"
        "load_guide()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         encoding="utf-8", check=True)
    assert out.stdout.strip() == "[]"


def test_starting_the_window_does_not_import_reportlab():
    code = (
        "import sys\n"
        "import supportguide_app.ui.app, supportguide_app.ui.main_window\n"
        "print(sorted(m for m in sys.modules if m.startswith('reportlab')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         encoding="utf-8", check=True)
    assert out.stdout.strip() == "[]"


def test_no_test_imports_a_conftest_by_name():
    """Every test folder has a conftest.py; which one ``import conftest`` finds depends on the
    order of collection, so shared helpers live in modules with names of their own."""
    tests = Path(__file__).resolve().parent
    offenders = [str(path.relative_to(tests)) for path in tests.rglob("*.py")
                 if "conftest" in _imports(path)]
    assert offenders == []
