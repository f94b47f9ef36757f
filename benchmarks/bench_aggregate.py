"""How long 地域・組織の集計 takes over 1,000 plans: figures and a ratio, never pass/fail.

Generates 1,000 session files (random but seeded selections, notes and a review each) in a
temporary folder, then measures in the same run:

1. aggregate: ``storage.aggregate_folder`` (list, read, parse, migrate, validate, build, count);
2. bare: only ``json.loads`` of every file's bytes, the floor any reader pays;

and prints the median of a few runs of each and their ratio. Aim: well under 2 s for aggregate.

Run: ``python benchmarks/bench_aggregate.py [--files N] [--repeat N] [--seed N]``
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path


def generate(folder: Path, count: int, seed: int) -> None:
    from supportguide_app.guide import load_guide
    from supportguide_app.plan.session import Review, Session
    from supportguide_app.storage import save_session

    guide = load_guide()
    rnd = random.Random(seed)
    for number in range(count):
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
        save_session(s, folder / f"計画_{number:04d}.json")


def median_time(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    from supportguide_app.guide import load_guide
    from supportguide_app.storage import aggregate_folder

    guide = load_guide()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        start = time.perf_counter()
        generate(folder, args.files, args.seed)
        print(f"generated {args.files} files in {time.perf_counter() - start:.1f} s "
              f"({sum(p.stat().st_size for p in folder.iterdir()) // 1024} KiB)")

        def bare() -> None:
            for path in sorted(folder.glob("*.json")):
                json.loads(path.read_bytes())

        result = aggregate_folder([folder], guide=guide)  # warm-up (and a sanity check)
        assert result.total == args.files and not result.skipped, result.skipped[:3]
        aggregate = median_time(lambda: aggregate_folder([folder], guide=guide), args.repeat)
        floor = median_time(bare, args.repeat)
    print(f"aggregate_folder, {args.files} files : median {aggregate * 1000:7.1f} ms ({args.repeat} runs)")
    print(f"bare json.loads,  {args.files} files : median {floor * 1000:7.1f} ms ({args.repeat} runs)")
    print(f"ratio aggregate / bare             : {aggregate / floor:.2f}")


if __name__ == "__main__":
    main()
