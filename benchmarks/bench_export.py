"""How long a PDF export takes: figures and a ratio, never pass/fail.

1. Warm: the median time of exporting a full plan (both layouts) in a process that has already
   exported once (fonts registered, guide loaded).
2. Cold: a fresh interpreter that imports the app and exports the plan, against a bare reportlab
   document with the same font (register the TTF, draw one paragraph), measured in the same run;
   the ratio says what the app adds over reportlab's own start-up and font parsing.

The cold run is the command line a user types: ``python -m supportguide_app export SESSION -o PDF``.

Run: ``python benchmarks/bench_export.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "report"))  # the rich session the tests use

BARE_REPORTLAB = """
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
pdfmetrics.registerFont(TTFont("BIZUDPGothic", {font!r}))
style = ParagraphStyle("Body", fontName="BIZUDPGothic", fontSize=10, leading=15, wordWrap="CJK")
SimpleDocTemplate({out!r}, pagesize=A4).build([Paragraph("支援者支援 取組計画", style)])
"""


def _timed_subprocess(args: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from report_sessions import rich_session

    from supportguide_app import paths
    from supportguide_app.guide import load_guide
    from supportguide_app.report.export import export_pdf
    from supportguide_app.storage import save_session

    guide = load_guide()
    session = rich_session(guide)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "plan.pdf"
        export_pdf(session, guide, out, today=date(2026, 4, 10))  # warm-up
        for layout in ("plan", "checklist"):
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                export_pdf(session, guide, out, layout=layout, today=date(2026, 4, 10))
                times.append(time.perf_counter() - start)
            pages = out.read_bytes().count(b"/Type /Page\n")
            print(f"warm export, {layout:9}: median {statistics.median(times) * 1000:7.1f} ms "
                  f"(min {min(times) * 1000:.1f}, {args.repeat} runs, {out.stat().st_size // 1024} KiB"
                  f"{f', {pages} pages' if pages else ''})")

        session_file = Path(folder) / "計画.json"
        save_session(session, session_file)
        cold = _timed_subprocess(["-m", "supportguide_app", "export", str(session_file),
                                  "-o", str(Path(folder) / "cold.pdf")], args.repeat)
        bare = _timed_subprocess(["-c", BARE_REPORTLAB.format(
            font=str(paths.resource("fonts", "BIZUDPGothic-Regular.ttf")),
            out=str(Path(folder) / "bare.pdf"))], args.repeat)
    print(f"cold export (command line, plan)  : median {cold * 1000:7.1f} ms")
    print(f"bare reportlab, same font, 1 para : median {bare * 1000:7.1f} ms")
    print(f"ratio cold export / bare reportlab: {cold / bare:.2f}")


if __name__ == "__main__":
    main()
