"""How long a PDF export takes: figures and a ratio, never pass/fail.

1. Warm: the median time of exporting a full plan (both layouts) in a process that has already
   exported once (fonts registered, guide loaded).
2. Cold: the command line a user types, ``python -m supportguide_app export EXAMPLE -o PDF`` on
   the shipped example, against a bare reportlab script with the same font (register the TTF,
   lay out a 2-page Japanese document with platypus), measured interleaved in the same run: wall
   time and peak RSS of each whole process. Goal (issue 16): ratio at most 1.5.
3. The same command with the application's ``.pyc`` compiled, as pip installs it (a copy of the
   package in a temporary folder, compiled there; the source tree keeps none, and reportlab's
   are pip's own), interleaved with the others.

Run: ``python benchmarks/bench_export.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "report"))  # the rich session the tests use
sys.path.insert(0, str(ROOT / "benchmarks"))
from _common import bytecode_note, header, measure, medians, row  # noqa: E402

EXAMPLE = ROOT / "resources" / "examples" / "example-session.json"

BARE_REPORTLAB = """
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
pdfmetrics.registerFont(TTFont("BIZUDPGothic", {font!r}))
style = ParagraphStyle("Body", fontName="BIZUDPGothic", fontSize=10, leading=15, wordWrap="CJK")
text = "支援者支援の取組計画：相談員が安心して支援を続けられるよう、組織で振り返りの場を設ける。" * 6
story = [Paragraph(f"{{n}}. {{text}}", style) for n in range(14)]
doc = SimpleDocTemplate({out!r}, pagesize=A4)
doc.build(story)
print("PAGES", doc.page)
"""


def compiled_copy(folder: Path) -> Path:
    """A copy of the package with every module compiled to ``.pyc`` and the resources linked: what
    an installed application starts from, beside the source tree (which has no ``.pyc`` when
    PYTHONDONTWRITEBYTECODE is set). Returns the folder to put on PYTHONPATH."""
    root = folder / "compiled"
    shutil.copytree(ROOT / "supportguide_app", root / "supportguide_app",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "resources").symlink_to(ROOT / "resources", target_is_directory=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "supportguide_app")], check=True)
    where = "import supportguide_app; print(supportguide_app.__file__)"
    found = subprocess.run([sys.executable, "-c", where], env=dict(os.environ, PYTHONPATH=str(root)),
                           cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(found).is_relative_to(root), found
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from report_sessions import rich_session

    from supportguide_app import paths
    from supportguide_app.guide import load_guide
    from supportguide_app.report.export import export_pdf

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

        cold_pdf, bare_pdf = Path(folder) / "cold.pdf", Path(folder) / "bare.pdf"
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        cli = [sys.executable, "-m", "supportguide_app", "export", str(EXAMPLE), "-o", str(cold_pdf)]
        bare_code = BARE_REPORTLAB.format(font=str(paths.resource("fonts", "BIZUDPGothic-Regular.ttf")),
                                          out=str(bare_pdf))
        bare_args = [sys.executable, "-c", bare_code]
        frozen_cli = ROOT / "packaging" / "dist" / "supportguide" / "supportguide-cli"
        frozen = [str(frozen_cli), "export", str(EXAMPLE), "-o", str(Path(folder) / "frozen.pdf")]
        compiled = compiled_copy(Path(folder))
        compiled_env = dict(os.environ, PYTHONPATH=str(compiled))
        compiled_cli = [*cli[:-1], str(Path(folder) / "compiled.pdf")]
        measure(cli, env=env, cwd=ROOT)  # warm the file cache for all
        measure(compiled_cli, env=compiled_env, cwd=compiled)
        if frozen_cli.exists():
            measure(frozen, env=env)
        bare_pages = int(measure(bare_args, env=env)[2].split()[-1])
        cold_runs, bare_runs, frozen_runs, compiled_runs = [], [], [], []
        for _ in range(args.repeat):  # interleaved: all see the same machine load
            cold_runs.append(measure(cli, env=env, cwd=ROOT))
            bare_runs.append(measure(bare_args, env=env))
            compiled_runs.append(measure(compiled_cli, env=compiled_env, cwd=compiled))
            if frozen_cli.exists():
                frozen_runs.append(measure(frozen, env=env))
        example_pages = cold_pdf.read_bytes().count(b"/Type /Page\n")
    (cold_s, cold_mib), (bare_s, bare_mib) = medians(cold_runs), medians(bare_runs)
    print(bytecode_note())
    header()
    row(f"cold CLI export of the example ({example_pages} pages), time", cold_s * 1000, bare_s * 1000,
        "ms", "≤ 1.5", f"(bare reportlab, same font, {bare_pages}-page Japanese document; "
        f"median of {args.repeat})")
    row("cold CLI export of the example, peak RSS", cold_mib, bare_mib, "MiB")
    compiled_s, compiled_mib = medians(compiled_runs)
    row("the same with the application's .pyc (as installed)", compiled_s * 1000, bare_s * 1000, "ms",
        "≤ 1.5", "(the source tree's copy, compiled)")
    row("the same with .pyc, peak RSS", compiled_mib, bare_mib, "MiB")
    frozen_s, frozen_mib = medians(frozen_runs) if frozen_runs else (None, None)
    row("the same, frozen Linux bundle's supportguide-cli", frozen_s and frozen_s * 1000, bare_s * 1000,
        "ms", "≤ 1.5", "(bare reportlab unfrozen)")
    row("the same, frozen, peak RSS", frozen_mib, bare_mib, "MiB")


if __name__ == "__main__":
    main()
