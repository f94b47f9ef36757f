"""地域・組織の集計 over many plans, as whole processes: time and peak memory against json.loads.

Generates plans (random but seeded selections, notes and a review each) in two folders, the first
``--small`` plans and the rest up to ``--files``, then measures, interleaved in the same run:

1. application: the command line a person types,
   ``python -m supportguide_app aggregate FOLDER… -o summary.pdf --csv summary.csv``
   (list, read, parse, migrate, validate, build, count, write the PDF and the CSV);
2. bare: a fresh interpreter that only does ``json.loads`` of every file's bytes, the floor any
   reader pays;
3. the application's command again with its ``.pyc`` compiled, as pip installs it (a compiled copy
   of the package, see ``bench_export.compiled_copy``);

4. with ``--against ROOT``: the same command of another version of the application (a source tree
   with its ``supportguide_app`` and ``resources``, e.g. ``git archive main | tar -x -C ROOT``),
   whose CSV must have the same bytes and whose PDF the same text;

over the small folder alone and over both (all ``--files`` plans). Each figure is the median of
``--repeat`` runs: wall time and the peak RSS of that process. Memory should not grow with the
number of plans: the last row compares the application's peak over all plans with its peak over
the small set. Goal (issue 16): at most 2 s for 10,000 plans, memory flat in their number.

Run: ``python benchmarks/bench_aggregate.py [--files N] [--small N] [--repeat N] [--seed N]
[--against ROOT]``
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, bytecode_note, header, medians, row  # noqa: E402
from _common import measure as measure_wall  # noqa: E402
from bench_export import compiled_copy  # noqa: E402

BARE = """
import json, sys
from pathlib import Path
n = 0
for folder in sys.argv[1:]:
    for path in sorted(Path(folder).glob("*.json")):
        json.loads(path.read_bytes())
        n += 1
print(n)
"""


def generate(folder: Path, first: int, count: int, seed: int) -> None:
    """Write plans ``first``…``first+count-1`` as the application saves them (without fsync)."""
    from supportguide_app.guide import load_guide
    from supportguide_app.plan.session import Review, Session
    from supportguide_app.storage.codec import session_to_dict
    from supportguide_app.storage.files import dumps_document

    guide = load_guide()
    rnd = random.Random(seed + first)
    for number in range(first, first + count):
        s = Session(title=f"令和８年度 計画 {number}", organisation=f"市町村{number % 40}",
                    date="2026-04-01", meeting=rnd.choice(["alone", "one_on_one", "team"]))
        for checkpoint in ("difficulties", "goals", "methods"):
            for item_id in guide.item_ids(checkpoint):
                if rnd.random() < 0.3:
                    s.set_value(("selection", checkpoint, item_id, "selected"), True)
                    if rnd.random() < 0.3:
                        s.set_value(("selection", checkpoint, item_id, "note"), "相談員と話し合った。" * 3)
        review_id = s.add_review(Review(date="2026-10-01"))
        for method_id in s.selected("methods"):
            s.set_value(("review", review_id, "method", method_id, "status"),
                        rnd.choice(["done", "partly", "not_yet"]))
        s.set_value(("review", review_id, "effect"), "研修後のアンケートで前向きな変化が見られた。")
        doc = session_to_dict(s)
        doc["meta"]["modified"] = "2026-04-01T09:00:00+09:00"
        (folder / f"計画_{number:05d}.json").write_bytes(dumps_document(doc))


CPU: dict[str, list[float]] = {}  # what → CPU seconds (user + system) of each run


def measure(args: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
            what: str = "") -> tuple[float, float, bytes]:
    """``_common.measure``, noting the CPU time of the process under ``what``: on a machine that
    others share, the wall time also holds the time the process waited for a core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = measure_wall(args, env=env, cwd=cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(what, []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return result


def _pdf_text(path: Path) -> list[str]:
    from pypdf import PdfReader  # a test dependency

    return [page.extract_text() for page in PdfReader(path).pages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--against", type=Path, metavar="ROOT",
                        help="another version's source tree, measured interleaved with this one")
    args = parser.parse_args()

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory() as name:
        small, rest, out = Path(name) / "a", Path(name) / "b", Path(name) / "out"
        for folder in (small, rest, out):
            folder.mkdir()
        start = time.perf_counter()
        generate(small, 0, args.small, args.seed)
        generate(rest, args.small, args.files - args.small, args.seed)
        size = sum(p.stat().st_size for f in (small, rest) for p in f.iterdir())
        print(f"generated {args.files:,} plans in {time.perf_counter() - start:.1f} s "
              f"({size / 2**20:.1f} MiB); {bytecode_note()}")

        def app(folders: list[Path]) -> tuple[float, float, bytes]:
            return measure([sys.executable, "-m", "supportguide_app", "aggregate", *map(str, folders),
                            "-o", str(out / "summary.pdf"), "--csv", str(out / "summary.csv")],
                           env=env, cwd=ROOT, what=f"app {len(folders)}")

        def bare(folders: list[Path]) -> tuple[float, float, bytes]:
            return measure([sys.executable, "-c", BARE, *map(str, folders)], env=env,
                           what=f"bare {len(folders)}")

        compiled = compiled_copy(Path(name))
        compiled_env = dict(os.environ, PYTHONPATH=str(compiled))

        def app_compiled(folders: list[Path]) -> tuple[float, float, bytes]:
            return measure([sys.executable, "-m", "supportguide_app", "aggregate", *map(str, folders),
                            "-o", str(out / "summary2.pdf"), "--csv", str(out / "summary2.csv")],
                           env=compiled_env, cwd=compiled, what=f"compiled {len(folders)}")

        def app_against(folders: list[Path]) -> tuple[float, float, bytes]:
            return measure([sys.executable, "-m", "supportguide_app", "aggregate", *map(str, folders),
                            "-o", str(out / "summary3.pdf"), "--csv", str(out / "summary3.csv")],
                           env=dict(os.environ, PYTHONPATH=str(args.against)), cwd=args.against,
                           what=f"against {len(folders)}")

        results, against = {}, {}
        for label, folders in ((args.small, [small]), (args.files, [small, rest])):
            app(folders)  # warm the file cache for both
            runs_app, runs_bare, runs_compiled, runs_against = [], [], [], []
            for _ in range(args.repeat):  # interleaved: all see the same machine load
                runs_app.append(app(folders))
                runs_bare.append(bare(folders))
                runs_compiled.append(app_compiled(folders))
                if args.against:
                    runs_against.append(app_against(folders))
            assert int(runs_bare[0][2]) == label, runs_bare[0][2]
            assert f"{label}件の計画ファイルを集計しました".encode() in runs_app[0][2], runs_app[0][2]
            assert (out / "summary.csv").read_bytes() == (out / "summary2.csv").read_bytes()
            results[label] = medians(runs_app), medians(runs_bare), medians(runs_compiled)
            if args.against:
                assert (out / "summary.csv").read_bytes() == (out / "summary3.csv").read_bytes()
                assert _pdf_text(out / "summary.pdf") == _pdf_text(out / "summary3.pdf")
                against[label] = medians(runs_against)

    header()
    for label, ((app_s, app_mib), (bare_s, bare_mib), (compiled_s, _)) in results.items():
        goal = "≤ 2 s" if label == args.files else ""
        row(f"aggregate {label:,} plans to PDF+CSV, time", app_s, bare_s, "s", goal,
            f"(json.loads of the same files; median of {args.repeat})")
        row(f"aggregate {label:,} plans to PDF+CSV, peak RSS", app_mib, bare_mib, "MiB")
        row("  the same with the application's .pyc (as installed)", compiled_s, bare_s, "s", goal)
        if label in against:
            row(f"  {args.against.name}, interleaved", against[label][0], bare_s, "s", "",
                f"(this one {app_s / against[label][0]:.2f} times its time; same CSV and PDF text)")
            row(f"  {args.against.name}, peak RSS", against[label][1], bare_mib, "MiB")
    for label, folders in ((args.small, 1), (args.files, 2)):
        def cpu(what: str, folders: int = folders) -> float | None:
            runs = CPU.get(f"{what} {folders}", [])[-args.repeat:]  # not the warming run
            return statistics.median(runs) if runs else None

        row(f"CPU time (user+system), {label:,} plans", cpu("app"), cpu("bare"), "s", "",
            "(the same runs: what the wall time is without waiting for a core)")
        row("  the same with the application's .pyc", cpu("compiled"), cpu("bare"), "s")
        if args.against:
            row(f"  {args.against.name}", cpu("against"), cpu("bare"), "s", "",
                f"(this one {cpu('app') / cpu('against'):.2f} times its CPU time)")
    (_, small_mib), _, _ = results[args.small]
    (_, all_mib), _, _ = results[args.files]
    row(f"peak RSS, {args.files:,} plans against {args.small:,}", all_mib, small_mib, "MiB",
        "flat (ratio ≈ 1)", "(application against itself)")


if __name__ == "__main__":
    main()
