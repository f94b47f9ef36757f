"""How long saving and opening a large plan takes: figures and ratios, never pass/fail.

The plan is the largest a person could make: every item of the three checkpoints ticked with a
2,000-character note, every example marked, every preparation field filled, an edited clause for
every method, and 100 item IDs this version does not know (kept, and warned about). It is compared
with a bare baseline measured in the same run on the same dict and bytes:

- save: ``json.dumps`` + write + ``fsync`` + ``os.replace`` (what any careful program must do), against
  ``save_session`` to a new file and over an existing one (which also reads the old file to refuse
  overwriting what it cannot read, and keeps it as ``.bak``);
- load: read the file + ``json.loads``, against ``load_session`` (parse, check, migrate, validate,
  build the session, warn about unknown IDs).

Run: ``python benchmarks/bench_storage.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

NOTE_CHARS = 2000
UNKNOWN_IDS = 100


def large_session():
    from supportguide_app.guide import load_guide
    from supportguide_app.plan.session import Session

    guide = load_guide()
    s = Session(title="令和８年度 ひきこもり相談の支援者支援 取組計画（全項目）",
                organisation="〇〇市 福祉部 生活支援課", author="生活支援課長 山田 花子",
                role="manager", date="2026-04-20", meeting="team")

    def note(label: str) -> str:
        text = f"{label}について課内で話し合った内容。相談員の負担、関係機関との連携、次の一歩。\n"
        return (text * (NOTE_CHARS // len(text) + 1))[:NOTE_CHARS]

    for checkpoint in ("difficulties", "goals", "methods"):
        for item_id in guide.item_ids(checkpoint):
            s.set_value(("selection", checkpoint, item_id, "selected"), True)
            s.set_value(("selection", checkpoint, item_id, "note"), note(item_id))
    for index in range(UNKNOWN_IDS):  # a prefecture's own items, from another version of the guide
        s.set_value(("selection", "methods", f"X_LOCAL{index + 1}", "selected"), True)
        s.set_value(("selection", "methods", f"X_LOCAL{index + 1}", "note"), note(f"X_LOCAL{index + 1}"))
    for example in guide.examples:
        s.set_value(("example", example.id), True)
    for item in guide.prep_items:
        s.set_value(("prep", item.id, "checked"), True)
        for field in item.fields:
            s.set_value(("prep", item.id, "field", field.id), note(field.label)[:200])
    for method_id in guide.item_ids("methods"):
        s.set_value(("clause", method_id), note(method_id)[:400])
    s.notes = note("全体")
    return s


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bare_save(doc: dict, path: Path) -> None:
    data = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(tmp, path)


def bare_load(path: Path) -> object:
    return json.loads(path.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()

    from supportguide_app.storage import load_session, save_session, session_to_dict
    from supportguide_app.storage.autosave import AutosaveStore

    session = large_session()
    doc = session_to_dict(session)
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        plan, bare = folder / "計画.json", folder / "bare.json"
        save_session(session.copy(), plan)  # warm-up: guide loaded, caches filled
        bare_save(doc, bare)
        result = load_session(plan)
        size = plan.stat().st_size
        values = sum(len(section) for key, section in doc.items() if isinstance(section, dict | list))

        fresh = iter(range(10**9))
        t_bare_save = median_ms(lambda: bare_save(doc, bare), args.repeat)
        t_save_new = median_ms(lambda: save_session(session.copy(), folder / f"new{next(fresh)}.json"),
                               args.repeat)
        t_save_over = median_ms(lambda: save_session(session.copy(), plan), args.repeat)
        t_autosave = median_ms(lambda: AutosaveStore(folder / "autosave", "bench").write(session, plan),
                               args.repeat)
        t_bare_load = median_ms(lambda: bare_load(plan), args.repeat)
        t_load = median_ms(lambda: load_session(plan), args.repeat)

    print(f"large plan: {size / 1024:.0f} KiB on disk, {values} entries in its sections, "
          f"{len(result.warnings)} warning(s) for {UNKNOWN_IDS} unknown IDs; medians of {args.repeat} runs")
    rows = [
        ("bare save (dumps+write+fsync+replace)", t_bare_save, None),
        ("save_session, new file", t_save_new, t_bare_save),
        ("save_session, over a plan (check, .bak)", t_save_over, t_bare_save),
        ("AutosaveStore.write", t_autosave, t_bare_save),
        ("bare load (read + json.loads)", t_bare_load, None),
        ("load_session", t_load, t_bare_load),
    ]
    for label, ms, baseline in rows:
        ratio = f"  ratio {ms / baseline:.2f}" if baseline else ""
        print(f"{label:41}: {ms:7.1f} ms{ratio}")

if __name__ == "__main__":
    main()
