"""The domain never imports Qt, and start-up never imports reportlab (architecture.md)."""

import ast
import os
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


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _import_graph() -> dict[str, set[str]]:
    """supportguide_app's modules → the modules of supportguide_app each imports, counting imports
    inside functions too (a lazy import is still a dependency). ``from package import name`` is an
    edge to ``package.name`` when that is a module, else to the package."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                wanted = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                          for alias in node.names]
            else:
                continue
            for target in wanted:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    targets.add(target)
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_import_graph_sees_lazy_imports():
    """The graph the next test searches holds the edges that matter, lazy ones included."""
    graph = _import_graph()
    assert "supportguide_app.report.pdf" in graph["supportguide_app.report.export"]  # in a function
    assert "supportguide_app.report.summary_data" in graph["supportguide_app.report.summary_pdf"]
    assert "supportguide_app.report.summary" in graph["supportguide_app.ui.summary_files"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_a_module_that_imports_it_back():
    """Dependencies point one way (architecture.md), also through lazy imports and longer loops."""
    assert _cycles(_import_graph()) == []


FILE_MODULES = ("supportguide_app.storage", "supportguide_app.report")
LAYOUT_CLASSES = {"QHBoxLayout", "QVBoxLayout", "QGridLayout", "QFormLayout", "QBoxLayout",
                  "QStackedLayout"}


def _imported_names(path: Path) -> set[str]:
    return {alias.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) for alias in node.names}


def test_the_main_window_holds_no_file_logic():
    """ui/main_window.py builds the layout and the actions and wires the parts: it imports nothing
    that reads or writes a file (storage: sessions, locks, autosave; report: PDF and text)."""
    graph = _import_graph()
    window = graph["supportguide_app.ui.main_window"]
    assert "supportguide_app.ui.document" in window  # the graph sees the window's own imports
    assert sorted(m for m in window if m.startswith(FILE_MODULES)) == []



def test_no_ui_module_mixes_file_work_with_widget_layout():
    """A module in ui/ that reads or writes the user's files (through storage/ or the report
    writers) lays out no widgets, and one that lays out widgets leaves files to such a part."""
    graph = _import_graph()
    writers = {"supportguide_app.report.export", "supportguide_app.report.summary"}
    offenders = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        name = _module_name(path)
        files = [m for m in graph[name] if m.startswith("supportguide_app.storage") or m in writers]
        if files and LAYOUT_CLASSES & _imported_names(path):
            offenders.append(name)
    assert offenders == []


def test_the_window_shows_its_first_step_without_importing_what_later_steps_or_files_need():
    """Built and shown with はじめに: no other step's module, no help window, no cipher, no lock
    machinery, no PDF library (issue 16: each was imported at start-up before)."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from supportguide_app.ui.app import build_window, configure_application\n"
        "app = QApplication(sys.argv[:1])\n"
        "configure_application(app)\n"
        "window = build_window()\n"
        "window.show()\n"
        "app.processEvents()\n"
        "unwanted = ['supportguide_app.ui.pages.' + p for p in ('difficulties', 'goals', 'methods',\n"
        "            'preparation', 'clauses', 'summary', 'review', 'comparison')]\n"
        "unwanted += ['supportguide_app.ui.help_viewer', 'supportguide_app.storage.crypto',\n"
        "             'supportguide_app.storage.collect', 'hashlib', 'socket', 'getpass', 'ssl',\n"
        "             'xml.sax.saxutils', 'reportlab', 'PIL._imaging', 'supportguide_app.plan.rules']\n"
        "print(sorted(m for m in unwanted if m in sys.modules))\n"
        "print('supportguide_app.ui.pages.start' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split("\n")[:2] == ["[]", "True"]


def test_the_first_frame_is_painted_before_the_storage_layer_is_imported():
    """The storage layer (the session codec with its dataclasses, validation, migrations, files,
    locks, autosave) is imported when a file is first read or written, or by the autosave check
    that follows the first frame: none of it before the window is painted (issue 16). Nor is the
    1on1 hand-over page built for the first frame."""
    code = (
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from supportguide_app.ui.app import build_window, configure_application\n"
        "from supportguide_app.ui.first_paint import after_first_paint\n"
        "app = QApplication(sys.argv[:1])\n"
        "configure_application(app)\n"
        "window = build_window()\n"
        "seen = []\n"
        "class FirstFrame(QObject):\n"
        "    def eventFilter(self, watched, event):\n"
        "        if event.type() == QEvent.Type.Paint and not seen:\n"
        "            seen.append(sorted(m for m in sys.modules\n"
        "                               if m.startswith('supportguide_app.storage')))\n"
        "            seen.append(window.one_on_one.page_is_built())\n"
        "        return False\n"
        "watcher = FirstFrame()\n"
        "window.installEventFilter(watcher)\n"
        "checked = []\n"
        "after_first_paint(window, lambda: checked.append(window.document.check_autosave()))\n"
        "window.show()\n"
        "for _ in range(200):\n"
        "    if checked:\n"
        "        break\n"
        "    app.processEvents()\n"
        "print(seen)\n"
        "print(bool(checked), 'supportguide_app.storage.autosave' in sys.modules)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                         check=True, env=env)
    # Painted with no storage module loaded; the autosave check after it then loads what it needs.
    assert out.stdout.split("\n")[:2] == ["[[], False]", "True True"]
