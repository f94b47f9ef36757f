"""The application never opens a network connection (issue: locked-down PCs, no internet).

A child process installs an audit hook that makes every socket creation, connection and name
look-up fail, then runs a whole session through the real window (open the example, edit on every
step, undo, save, autosave, export every PDF layout, copy as text) and the command line's export.
Audit hooks see every socket Python creates, whichever library asks; Qt's own network module
must not even be loaded.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(r"""
    import sys
    from pathlib import Path

    BLOCKED = []

    def deny_network(event, args):
        if event.startswith("socket.") and event != "socket.gethostname":
            BLOCKED.append(event)
            raise PermissionError(f"network access attempted: {event}")

    sys.addaudithook(deny_network)

    import socket
    try:
        socket.socket()
    except PermissionError:
        pass
    else:
        raise SystemExit("the audit hook does not block sockets")
    BLOCKED.clear()

    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    QStandardPaths.setTestModeEnabled(True)
    from supportguide_app.ui.app import build_window, configure_application
    from supportguide_app.ui.pages import PAGE_ORDER

    work = Path(sys.argv[1])
    example = Path(sys.argv[2])

    class Answers:
        # Every question the window asks gets a fixed answer: no dialog may block here.
        def __getattr__(self, name):
            return lambda *args, **kwargs: None
        def ask_pdf_layout(self, parent, current):
            return self.layout
        def ask_text_layout(self, parent, current):
            return self.layout
        def export_path(self, parent, suggested):
            return work / f"計画_{self.layout}.pdf"
        def save_path(self, parent, suggested):
            return work / "計画.json"
        def ask_open_pdf(self, parent, path):
            return False
        def ask_substitute_glyphs(self, parent, characters):
            return False

    app = QApplication([sys.argv[0]])
    configure_application(app)
    window = build_window(dialogs=Answers())
    window.show()
    assert window.document.open_file(example)
    editor = window.editor
    editor.set(("selection", "difficulties", "D07", "selected"), True)
    editor.set(("selection", "difficulties", "D07", "note"), "通信なしで書いたメモ")
    editor.set(("selection", "goals", "C", "selected"), True)
    editor.set(("selection", "methods", "MECH3", "selected"), True)
    editor.undo_stack.undo()
    editor.undo_stack.redo()
    for page_id in PAGE_ORDER:
        window.navigator.go_to(page_id)
        app.processEvents()
    window.document.flush_autosave()
    assert window.document.save_as()
    for layout in ("plan", "checklist", "spec"):
        window.dialogs.layout = layout
        assert window.exporter.export_pdf() is not None
    assert window.exporter.copy_as_text()
    help_menu = window.help_menu  # ヘルプ: both guides with their pictures, and このアプリについて
    for action in (help_menu.user_guide_action, help_menu.deploy_guide_action, help_menu.about_action):
        action.trigger()
        app.processEvents()
    assert len(help_menu.viewers) == 2 and help_menu.viewers["user-guide.ja.md"].image_widths()
    window.document.close_session()
    app.processEvents()

    from supportguide_app.cli import main
    assert main(["export", str(work / "計画.json"), "-o", str(work / "cli.pdf")]) == 0
    assert main(["validate", str(work / "計画.json")]) == 0
    assert main(["aggregate", str(work / "計画.json"), "-o", str(work / "集計.pdf"),
                 "--csv", str(work / "集計.csv")]) == 0

    loaded_qt_network = [m for m in sys.modules if m.startswith("PySide6.QtNetwork")]
    # Nor Python's network clients (xml.sax.saxutils, for one, imports urllib.request and ssl).
    clients = [m for m in ("ssl", "urllib.request", "http.client", "ftplib", "smtplib", "email.parser")
               if m in sys.modules]
    print("BLOCKED", BLOCKED)
    print("QTNETWORK", loaded_qt_network)
    print("CLIENTS", clients)
    print("DONE")
""")


def test_whole_session_and_export_without_network(tmp_path):
    script = tmp_path / "no_network.py"
    script.write_text(SCRIPT, encoding="utf-8")
    work = tmp_path / "作業"
    work.mkdir()
    example = ROOT / "resources" / "examples" / "example-session.json"
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home"),
           "XDG_RUNTIME_DIR": str(tmp_path / "run"), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": str(ROOT)}
    (tmp_path / "run").mkdir(mode=0o700)
    result = subprocess.run([sys.executable, str(script), str(work), str(example)],
                            capture_output=True, env=env, timeout=180)
    out = result.stdout.decode("utf-8", "replace")
    assert result.returncode == 0, out + result.stderr.decode("utf-8", "replace")
    assert "DONE" in out
    assert "BLOCKED []" in out
    assert "QTNETWORK []" in out
    assert "CLIENTS []" in out
    for name in ("計画.json", "計画_plan.pdf", "計画_checklist.pdf", "cli.pdf", "集計.pdf", "集計.csv"):
        assert (work / name).stat().st_size > 1000, name
