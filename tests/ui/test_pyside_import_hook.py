"""PySide6's import hook answers as before, without keeping every module's source in memory."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import inspect, linecache, sys
from PySide6.QtWidgets import QApplication
from supportguide_app.ui.app import build_window, configure_application
import supportguide_app.report.pdf  # reportlab too

feature = sys.modules["shibokensupport.feature"]
assert feature._mod_uses_pyside.reads_bytes
kept = sum(len(entry[2]) for entry in linecache.cache.values() if len(entry) > 2)
print("KEPT_LINES", kept)
checked = differ = 0
for name, module in list(sys.modules.items()):
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        continue
    try:
        expected = "PySide6" in inspect.getsource(module)
    except (OSError, TypeError, SyntaxError):
        expected = False
    checked += 1
    differ += feature._mod_uses_pyside(module) != expected
print("CHECKED", checked, "DIFFER", differ)
print("UI", feature.pyside_feature_dict["supportguide_app.ui.input_policy"],
      feature.pyside_feature_dict["supportguide_app.ui.style"])
"""


def test_the_import_hook_gives_pysides_answers_and_keeps_no_source(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            encoding="utf-8", timeout=120,
                            env={"PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
                                 "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path),
                                 "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert int(lines["KEPT_LINES"]) < 20_000  # 7.8 MiB of sources before: every imported file
    checked, _, differ = lines["CHECKED"].split()
    assert int(checked) > 150 and differ == "0"
    assert lines["UI"] == "0 -1"  # input_policy.py uses PySide6 (features switchable), style.py does not
