"""The plan PDF's reportlab set-up changes nothing (issue 16).

``report.prepare_reportlab`` compiles one pattern of reportlab's (``uri_pat``) on first use; the
plan export calls it before it imports reportlab, as the summary does (``test_summary.py`` checks
the summary). The same plan made with reportlab as it is (its modules imported before the set-up
can change them) has the same bytes in every layout.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_MAKE_PLAN = """
import sys
from datetime import date
from pathlib import Path
from reportlab import rl_config
rl_config.invariant = 1  # no time stamp or random ID in the PDF
if sys.argv[3] == "as-is":
    import supportguide_app.report.pdf  # imports reportlab before the set-up could run
from supportguide_app.guide import load_guide
from supportguide_app.report.export import export_pdf
from supportguide_app.storage import load_session
session = load_session(Path(sys.argv[1])).session
for layout in ("plan", "checklist", "spec"):
    export_pdf(session, load_guide(), Path(sys.argv[2]) / f"{layout}.pdf", layout=layout,
               today=date(2026, 4, 10))
import reportlab.platypus.paragraph as paragraph
uri = paragraph.uri_pat
print(type(uri).__name__,
      [bool(uri.match(u)) for u in ("https://example.jp/a", "mailto:x", "HTTP://例え.jp", "ftp://[::1]/")])
"""


def test_the_plan_pdf_is_the_same_with_reportlab_as_it_is(tmp_path):
    example = ROOT / "resources" / "examples" / "example-session.json"
    outputs = {}
    for mode in ("prepared", "as-is"):
        folder = tmp_path / mode
        folder.mkdir()
        run = subprocess.run([sys.executable, "-c", _MAKE_PLAN, str(example), str(folder), mode],
                             capture_output=True, text=True, check=True, encoding="utf-8")
        outputs[mode] = (run.stdout.split(" ", 1),
                         {p.name: p.read_bytes() for p in sorted(folder.glob("*.pdf"))})
    (lazy, prepared_matches), prepared_pdfs = outputs["prepared"]
    (compiled, as_is_matches), as_is_pdfs = outputs["as-is"]
    assert (lazy, compiled) == ("_PatternOnFirstUse", "Pattern")
    assert prepared_matches == as_is_matches  # the pattern, compiled when used, matches the same
    assert sorted(prepared_pdfs) == ["checklist.pdf", "plan.pdf", "spec.pdf"]
    assert prepared_pdfs == as_is_pdfs
    assert all(len(pdf) > 20_000 for pdf in prepared_pdfs.values())
