"""A long session does not wear the window out.

PySide6 6.12.0 drops a reference to ``True`` (and ``None``) on every signal emitted from Python;
after some hundreds of edits CPython aborts with ``bool_dealloc`` / ``none_dealloc`` and the
window vanishes with the unsaved work (pyproject.toml excludes that version). The edits run in a
child process, since the abort would take the test run down with it.
"""

import os
import subprocess
import sys
import textwrap

EDITS = 2000

SCRIPT = textwrap.dedent(r"""
    import sys
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    QStandardPaths.setTestModeEnabled(True)
    from supportguide_app.ui.app import build_window, configure_application
    from supportguide_app.ui.pages import PAGE_ORDER

    app = QApplication([sys.argv[0]])
    configure_application(app)
    window = build_window()
    window.show()
    for i in range(int(sys.argv[1])):
        window.editor.set(("title",), f"計画{i}", typing=True)
        if i % 100 == 0:  # now and then another step, and the 1on1 switched on or off
            window.editor.set(("meeting",), "one_on_one" if i % 200 else "alone")
            window.navigator.go_to(PAGE_ORDER[i // 100 % len(PAGE_ORDER)])
            app.processEvents()
    print(window.windowTitle().split("[*]")[0], flush=True)
""")


def test_thousands_of_edits_leave_the_window_running_with_the_last_one(tmp_path):
    script = tmp_path / "long_session.py"
    script.write_text(SCRIPT, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script), str(EDITS)], capture_output=True, text=True,
                         encoding="utf-8", timeout=300, env={**os.environ,
                                                             "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == f"計画{EDITS - 1}"
