"""reportlab imports PIL.Image; our PDFs hold no raster image, so Pillow stays unloaded."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import sys
from pathlib import Path
from supportguide_app.cli import main
out = Path(sys.argv[2])
for layout in ("plan", "checklist", "spec"):
    assert main(["export", sys.argv[1], "-o", str(out / f"{layout}.pdf"), "--layout", layout]) == 0
assert main(["aggregate", sys.argv[1], "-o", str(out / "summary.pdf")]) == 0
print("IMAGING", "PIL._imaging" in sys.modules)
from PIL import Image  # still usable: loaded in full on first use
print("USABLE", Image.new("RGB", (2, 2)).size)
"""


def test_exporting_every_layout_and_a_summary_never_loads_pillow(tmp_path):
    example = ROOT / "resources" / "examples" / "example-session.json"
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(example), str(tmp_path)],
                            capture_output=True, text=True, encoding="utf-8", timeout=120,
                            env={"PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
                                 "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                                 "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "IMAGING False" in result.stdout
    assert "USABLE (2, 2)" in result.stdout
    for name in ("plan.pdf", "checklist.pdf", "spec.pdf", "summary.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF-"), name
