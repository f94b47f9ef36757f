"""A save killed at any moment leaves the old or the new plan on disk, never a mix.

A child process saves two large plans, A and B, in turn to the same file for ever; the test kills it
(SIGKILL on POSIX, TerminateProcess on Windows: no clean-up code runs) at a random moment, then
opens the file as the user would the next morning. Leftover temporary files are allowed (a killed
process cannot remove them) but must never look like plans, and a later save removes old ones.
"""

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from supportguide_app.storage import AutosaveStore, backup_path, load_session, save_session
from supportguide_app.storage.files import remove_stale_temp_files

TRIALS = 120

# Shared by the child and the test, so that both build exactly the same two plans.
MAKE_PLANS = '''
from supportguide_app.plan.session import Session

def make_plan(label):
    s = Session(title=f"計画{label}", organisation="〇〇市 福祉部 生活支援課", author="山田花子",
                date="2026-04-20", created="2026-04-20T10:00:00+09:00")
    s.id = label.lower() * 32  # the plan's identity is part of what must survive
    for n in range(1, 17):
        item = f"D{n:02d}"
        s.set_value(("selection", "difficulties", item, "selected"), True)
        s.set_value(("selection", "difficulties", item, "note"), f"{label}の記録、{item}。" * 2000)
    s.notes = f"{label}の全体メモ\\n" * 5000
    return s
'''

CHILD = MAKE_PLANS + '''
import sys
from supportguide_app.storage import save_session

path = sys.argv[1]
plans = [make_plan("A"), make_plan("B")]
print("ready", flush=True)
while True:
    for plan in plans:
        save_session(plan, path)
'''


def make_plan(label):
    namespace: dict = {}
    exec(MAKE_PLANS, namespace)  # noqa: S102 - our own source, shared with the child
    return namespace["make_plan"](label)


def content(path: Path) -> dict:
    """What the user sees of a plan, without the time of the save (it differs on every save)."""
    session = load_session(path).session
    session.modified = ""
    return session


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_killed_save_leaves_a_complete_old_or_new_file(tmp_path):
    folder = tmp_path / "共有フォルダ"
    folder.mkdir()
    path = folder / "計画.json"
    plans = {label: make_plan(label) for label in "AB"}
    expected = {}
    for label, plan in plans.items():
        save_session(plan.copy(), path)
        expected[label] = content(path)
    assert len(json.dumps(json.loads(path.read_text(encoding="utf-8")))) > 300_000  # big enough to be slow

    rnd = random.Random(8)
    seen = {"A": 0, "B": 0}
    trials_with_temp_files = 0
    for _ in range(TRIALS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                                 text=True, encoding="utf-8")
        try:
            assert child.stdout.readline() == "ready\n"
            time.sleep(rnd.uniform(0, 0.050))
        finally:
            child.kill()
            child.wait()
        assert child.returncode != 0  # killed while saving, not finished or failed on its own

        on_disk = content(path)
        matches = [label for label, plan in expected.items() if on_disk == plan]
        assert matches, "the plan on disk is neither A nor B"
        seen[matches[0]] += 1
        if backup_path(path).exists():
            assert content(backup_path(path)) in expected.values()
        leftovers = temp_files(folder)
        if leftovers:
            trials_with_temp_files += 1
        # A temporary file is hidden, and never has the .json a plan has (open dialogs list *.json).
        assert all(p.name.startswith(".") and not p.name.endswith(".json") for p in leftovers)
        assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(".tmp")) == [
            "計画.json", "計画.json.bak"]

    print(f"\n{TRIALS} kills: file held A {seen['A']} times, B {seen['B']} times; "
          f"{trials_with_temp_files} trials left a temporary file")
    assert seen["A"] and seen["B"]  # the kills landed at different points of the loop

    # The next save removes temporary files once they are old (an hour: no save takes that long).
    for leftover in temp_files(folder):
        os.utime(leftover, (time.time() - 2 * 3600,) * 2)
    save_session(make_plan("A"), path)
    assert temp_files(folder) == []


def test_only_old_temporary_files_of_this_plan_are_removed(tmp_path):
    path = tmp_path / "計画.json"
    save_session(make_plan("A"), path)
    old = time.time() - 2 * 3600
    names = {
        ".計画.json.0123abcd.tmp": old,  # an interrupted save of this plan: removed
        ".計画.json.bak.89abcdef.tmp": old,  # an interrupted backup: removed
        ".計画.json.fedcba98.tmp": time.time(),  # a save in progress in another window: kept
        ".別の計画.json.0123abcd.tmp": old,  # another plan's: kept
        ".計画.json.note.tmp": old,  # not a name we make: kept
        "計画.json.0123abcd.tmp": old,  # not hidden, not ours: kept
    }
    for name, mtime in names.items():
        (tmp_path / name).write_bytes(b"{")
        os.utime(tmp_path / name, (mtime, mtime))
    removed = remove_stale_temp_files(path)
    assert sorted(p.name for p in removed) == [".計画.json.0123abcd.tmp", ".計画.json.bak.89abcdef.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["計画.json", *(n for n in names if n not in {p.name for p in removed})])


def test_leftover_temporary_files_are_not_offered_as_autosaves(tmp_path):
    path = tmp_path / "autosave-1234.json"
    (tmp_path / f".{path.name}.0123abcd.tmp").write_bytes(b'{"format": "supportguide-autosave"')
    assert AutosaveStore(tmp_path).pending() == []
