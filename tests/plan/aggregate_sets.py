"""A generated set of plans with known counts (for the aggregation, summary and CLI tests)."""

from __future__ import annotations

from pathlib import Path

from supportguide_app.plan.session import Session
from supportguide_app.storage import save_session

# item → the file numbers (0–6) whose plan ticks it
CHOSEN = {
    "difficulties": {"D02": range(7), "D03": range(3), "D05": range(2), "D07": range(1), "D14": range(3)},
    "goals": {"A": range(7), "B": range(4), "C": range(1)},
    "methods": {"MECH1": range(5), "ENV1": range(3), "X_LOCAL1": range(3), "X_山田さん個別": range(2)},
}
# what a reader sees with the default minimum group of 3 (None: shown as 「3未満」)
EXPECTED = {
    "difficulties": {"D02": 7, "D03": 3, "D04": 0, "D05": None, "D07": None, "D14": 3},
    "goals": {"A": 7, "B": 4, "C": None, "D": 0, "E": 0, "F": 0},
    "methods": {"MECH1": 5, "ENV1": 3, "ENV2": 0, "X_LOCAL1": 3},
}
# IDs the guide does not know whose count is hidden: not listed at all (the ID could tell who)
UNLISTED = {"methods": {"X_山田さん個別"}}


def make_plan(number: int) -> Session:
    s = Session(title=f"計画{number}", organisation="ひだまり市", date="2026-04-01")
    for checkpoint, items in CHOSEN.items():
        for item_id, files in items.items():
            if number in files:
                s.set_value(("selection", checkpoint, item_id, "selected"), True)
    s.set_value(("selection", "difficulties", "D09", "note"), "選んでいないがメモだけある")  # not counted
    return s


def write_plans(folder: Path, count: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"計画_{number}.json"
        save_session(make_plan(number), path)
        paths.append(path)
    return paths
