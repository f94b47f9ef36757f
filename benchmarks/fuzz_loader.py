"""Fuzz the session loader with damaged versions of valid files: figures, and every crash named.

Each case takes a valid session file (``resources/examples/example-session.json`` and every
``tests/fixtures/sessions/v*-valid.json``), damages it one way (truncation, a wrong type at a random
key, a 10 MB note, 100 000 levels of ``[``, invalid UTF-8, NUL bytes, unknown and future versions,
random byte flips, duplicated keys, byte order marks, non-finite numbers, lone surrogates, protected
files with hostile key-derivation parameters …), writes it to a file and opens it with
``load_session`` (with a passphrase, so that a protected case really derives a key). Special cases
put something that is not a regular file where the plan should be (a FIFO, a device, a folder, a
dangling link) and open, validate and aggregate it, or plant a FIFO as the plan's lock file and
acquire the lock. The promise checked: every case either loads or raises a ``SessionFileError``
subclass (whose Japanese message the window shows), quickly and without hanging (an alarm turns a
hang into a crash). A case with a lone surrogate that loads is also exported as a PDF with
substitution. Anything else is a crash of the window.

The mutations live here and ``tests/storage/test_fuzz.py`` runs a few hundred of them in CI.

Run: ``python benchmarks/fuzz_loader.py [--cases N] [--seed S]`` (N defaults to 5000). Exits with 1
if any case crashed or took longer than a second.
"""

from __future__ import annotations

import argparse
import codecs
import collections
import contextlib
import functools
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SLOW_SECONDS = 1.0
HANG_SECONDS = 10  # an alarm: a case still running then is a hang, reported as a crash
PASSPHRASE = "ひまわり畑で 7 回 coffee"  # opens the protected cases (ignored by the others)


def seed_files() -> list[Path]:
    """The valid files every case starts from (newer fixtures are picked up as they are added)."""
    fixtures = sorted((ROOT / "tests" / "fixtures" / "sessions").glob("v*-valid.json"))
    return [ROOT / "resources" / "examples" / "example-session.json", *fixtures]


# -- helpers ---------------------------------------------------------------------------------------

def _dump(doc: Any) -> bytes:
    # A lone surrogate can only be written as a \\ud800 escape, as another tool might have done.
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8", errors="backslashreplace")


def _key_paths(doc: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside ``doc`` (dict keys and list indexes), the root excluded."""
    paths = []
    if isinstance(doc, dict):
        items: Any = doc.items()
    elif isinstance(doc, list):
        items = enumerate(doc)
    else:
        return paths
    for key, value in items:
        paths.append((*prefix, key))
        paths.extend(_key_paths(value, (*prefix, key)))
    return paths


def _set(doc: Any, path: tuple, value: Any) -> None:
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


def _string_paths(doc: Any) -> list[tuple]:
    paths = [p for p in _key_paths(doc) if isinstance(_get(doc, p), str)]
    return paths or [("notes",)]


def _get(doc: Any, path: tuple) -> Any:
    for key in path:
        doc = doc[key]
    return doc


WRONG_VALUES: list[Any] = [None, 0, -1, 1.5, True, False, "", "x", "１", [], {}, [1, "a"], {"a": None},
                           2**63, -(2**63), 1e308, "\u0000", "\ud800", "D03", {"selected": True}]


# -- the mutations: each takes the valid file's bytes, its parsed document and a Random ---------------

def truncate(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    return raw[: rnd.randrange(len(raw))]


def wrong_type(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    for _ in range(rnd.randint(1, 3)):
        _set(doc, rnd.choice(_key_paths(doc)), rnd.choice(WRONG_VALUES))
    return _dump(doc)


def huge_string(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    size = rnd.choice([10 * 1024 * 1024, 1024 * 1024, 25 * 1024 * 1024])  # the last is over the limit
    char = rnd.choice(["あ", "a", "\\", '"', "\n"])
    text = char * (size // len(json.dumps(char, ensure_ascii=False).encode("utf-8")[1:-1]))
    _set(doc, rnd.choice(_string_paths(doc)), text)
    return _dump(doc)


def deep_nesting(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    depth = rnd.choice([100_000, 100_000, 1000, 500, 100, 65, 64, 63])
    opener, closer = rnd.choice([("[", "]"), ('{"a":', "}")])
    nested = opener * depth + "0" + closer * depth * rnd.randint(0, 1)  # closed or not
    path = rnd.choice(_key_paths(doc))
    _set(doc, path, "@@NEST@@")
    return _dump(doc).replace(b'"@@NEST@@"', nested.encode(), 1)


def invalid_utf8(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    if rnd.random() < 0.25:
        return raw.decode("utf-8").encode("cp932", errors="replace")  # saved as Shift_JIS
    bad = rnd.choice([b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xe3\x81", b"\xf4\x90\x80\x80"])
    at = rnd.randrange(len(raw) + 1)
    return raw[:at] + bad + raw[at:]


def nul_bytes(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    if rnd.random() < 0.3:
        _set(doc, rnd.choice(_string_paths(doc)), "前\u0000後")  # an escaped NUL inside a string
        return _dump(doc)
    out = bytearray(raw)
    for _ in range(rnd.randint(1, 4)):
        out.insert(rnd.randrange(len(out) + 1), 0)
    return bytes(out) if rnd.random() < 0.8 else b"\x00" * len(raw)


def odd_version(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    choice = rnd.choice(["2**63", "-1", '"1"', "1.5", "null", "0", "true", "2", "99", "1e400",
                         "9" * 5000, "1.0", "[1]", "NaN", "-0", "missing", "format"])
    if choice == "missing":
        del doc["version"]
        return _dump(doc)
    if choice == "format":
        doc["format"] = rnd.choice(["supportguide-autosave", "SUPPORTGUIDE-SESSION", "", None, 1])
        return _dump(doc)
    doc["version"] = "@@V@@"
    literal = str(2**63) if choice == "2**63" else choice
    return _dump(doc).replace(b'"@@V@@"', literal.encode(), 1)


def byte_flips(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    out = bytearray(raw)
    for _ in range(rnd.randint(1, 8)):
        at = rnd.randrange(len(out))
        out[at] ^= 1 << rnd.randrange(8) if rnd.random() < 0.7 else rnd.randrange(1, 256)
    return bytes(out)


def duplicated_keys(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    # JSON objects as lists of pairs, so that a key can appear twice with different values.
    dicts = [p for p in _key_paths(doc) if isinstance(_get(doc, p), dict) and _get(doc, p)]
    target = rnd.choice([(), *dicts])
    obj = _get(doc, target)
    key = rnd.choice(list(obj))
    dup = rnd.choice(WRONG_VALUES + [obj[key]])
    pairs = list(obj.items())
    pairs.insert(rnd.randrange(len(pairs) + 1), (key, dup))
    inner = ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs)
    if not target:
        return ("{" + inner + "}").encode("utf-8")
    _set(doc, target, "@@DUP@@")
    return _dump(doc).replace(b'"@@DUP@@"', ("{" + inner + "}").encode("utf-8"), 1)


def byte_order_marks(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    text = raw.decode("utf-8")
    return rnd.choice([
        codecs.BOM_UTF8 + raw,
        codecs.BOM_UTF8 * 2 + raw,
        codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        text.encode("utf-16"),
        text.encode("utf-32"),
        raw + codecs.BOM_UTF8,
    ])


def many_values(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    count = rnd.choice([150_000, 1_000_000])
    where = rnd.choice(["examples", "difficulties", "x_local"])
    if where == "examples":
        doc["examples"] = [f"X_{i}" for i in range(count)]
    elif where == "difficulties":
        doc["difficulties"] = {f"X_{i}": {"selected": True} for i in range(count // 2)}
    else:
        doc["x_local"] = [0] * count
    return json.dumps(doc, separators=(",", ":")).encode("utf-8")


def splice(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    other = rnd.choice(seed_files()).read_bytes()
    return raw[: rnd.randrange(len(raw))] + other[rnd.randrange(len(other)):]


NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "[NaN]", '{"x": Infinity}', "1E400"]


def non_finite(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    # Not JSON, yet Python's json reads them; in a known key or in an unknown one (kept in extra).
    path = rnd.choice([("x_local_score",), *_key_paths(doc)])
    if path == ("x_local_score",):
        doc["x_local_score"] = 0
    _set(doc, path, "@@NF@@")
    return _dump(doc).replace(b'"@@NF@@"', rnd.choice(NON_FINITE).encode(), 1)


SURROGATES = [r"\udc80", r"\ud800", r"\udfff", r"\ud83d", r"a\udc80b", r"\ud83d\ude00"]  # last: a pair


def surrogates(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    # A lone surrogate as a valid JSON escape (another tool, or a broken paste), in a string or a key.
    path = rnd.choice([("meta", "title"), ("meta", "author"), *_string_paths(doc)])
    if path[0] == "meta" and not isinstance(doc.get("meta"), dict):
        doc["meta"] = {}
    _set(doc, path, "@@SUR@@")
    escape = rnd.choice(SURROGATES)
    text = _dump(doc).replace(b'"@@SUR@@"', f'"前{escape}後"'.encode(), 1)
    if rnd.random() < 0.2 and isinstance(doc.get("difficulties"), dict):
        text = text.replace(b'"difficulties": {', f'"difficulties": {{"X_{escape}": {{"selected": true}}, '
                            .encode(), 1)
    return text


HOSTILE_KDF: list[dict[str, Any]] = [
    {"n": 2**20, "r": 32, "p": 1},  # 4 GiB: scrypt's "memory limit exceeded"
    {"n": 2**20, "r": 8, "p": 16},  # a minute and a gigabyte before "wrong passphrase"
    {"n": 2**30, "r": 8, "p": 1}, {"n": 2**16, "r": 8, "p": 2}, {"n": 2**14, "r": 1, "p": 1},
    {"n": 3, "r": 8, "p": 1}, {"n": 0, "r": 0, "p": 0}, {"n": -1}, {"n": "65536"}, {"r": True},
    {"p": 1.0}, {"n": 2**64}, {"n": 2**17},
    {"n": 2**15},  # accepted: a wrong key (the salt was made for 2**16), refused by its check
    {},  # unchanged: opens
]


@functools.lru_cache(maxsize=8)
def _protected(raw: bytes) -> bytes:
    from supportguide_app.storage import crypto

    return crypto.encrypt_bytes(raw, PASSPHRASE)


def hostile_kdf(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    envelope = json.loads(_protected(raw))
    envelope["kdf"].update(rnd.choice(HOSTILE_KDF))
    if rnd.random() < 0.15:
        envelope.pop("check", None)  # an older file, without the key check
    return json.dumps(envelope, indent=2).encode("utf-8")


def not_a_document(raw: bytes, doc: Any, rnd: random.Random) -> bytes:
    return rnd.choice([b"", b" \n\t", b"null", b"[]", b"{}", b"0", b'"supportguide-session"', b"\xef\xbb\xbf",
                       b"[" * 100_000, b"{" * 100_000, b"1" * 100_000, b"-", b"\x00"])


Mutation = Callable[[bytes, Any, random.Random], bytes]
MUTATIONS: dict[str, Mutation] = {
    "truncate": truncate,
    "wrong_type": wrong_type,
    "huge_string": huge_string,
    "deep_nesting": deep_nesting,
    "invalid_utf8": invalid_utf8,
    "nul_bytes": nul_bytes,
    "odd_version": odd_version,
    "byte_flips": byte_flips,
    "duplicated_keys": duplicated_keys,
    "byte_order_marks": byte_order_marks,
    "many_values": many_values,
    "splice": splice,
    "not_a_document": not_a_document,
    "non_finite": non_finite,
    "surrogates": surrogates,
    "hostile_kdf": hostile_kdf,
}


# -- special files: not a regular file where the plan (or its lock) should be ----------------------

def _fifo(path: Path, rnd: random.Random) -> None:
    os.mkfifo(path)


def _device(path: Path, rnd: random.Random) -> None:
    # A link to an endless or empty device (making a device node needs root; a link does not).
    path.symlink_to(rnd.choice(["/dev/zero", "/dev/urandom", "/dev/null", "/dev/tty"]))


def _folder(path: Path, rnd: random.Random) -> None:
    path.mkdir()
    (path / "中身.json").write_bytes(seed_files()[0].read_bytes())


def _dangling(path: Path, rnd: random.Random) -> None:
    path.symlink_to(path.with_name("ない.json"))


def _fifo_lock(path: Path, rnd: random.Random) -> None:
    from supportguide_app.storage.lock import lock_path

    path.write_bytes(rnd.choice(seed_files()).read_bytes())
    os.mkfifo(lock_path(path))
    if rnd.random() < 0.5:  # untouched for an hour: a damaged lock that is taken over
        then = time.time() - 3600
        os.utime(lock_path(path), (then, then))


SPECIALS: dict[str, Callable[[Path, random.Random], None]] = {
    "fifo": _fifo, "device": _device, "folder": _folder, "dangling_link": _dangling,
    "fifo_lock": _fifo_lock,
} if hasattr(os, "mkfifo") else {}
# Expensive mutations (megabytes per case) are picked less often.
WEIGHTS = {name: 1.0 for name in MUTATIONS} | {"huge_string": 0.15, "many_values": 0.1}
SPECIAL_WEIGHT = 0.3


def make_case(rnd: random.Random, name: str | None = None) -> tuple[str, bytes]:
    """One damaged file: (mutation name, bytes). ``name`` forces a mutation."""
    source = rnd.choice(seed_files())
    raw = source.read_bytes()
    if name is None:
        name = rnd.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
    return name, MUTATIONS[name](raw, json.loads(raw), rnd)


class Hang(Exception):
    """A case ran for HANG_SECONDS: opening a FIFO or reading a device without end."""


@contextlib.contextmanager
def _alarm() -> Any:
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise Hang(f"still running after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _clear(path: Path) -> None:
    from supportguide_app.storage.lock import lock_path

    for target in (path, lock_path(path)):
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()


def _run(step: Callable[[], Any]) -> tuple[str, BaseException | None]:
    from supportguide_app.storage import SessionFileError

    try:
        with _alarm():
            step()
        return "loaded", None
    except SessionFileError as exc:
        return type(exc).__name__, None
    except Exception as exc:  # noqa: BLE001 - every other exception is what we are looking for
        return f"CRASH {type(exc).__name__}", exc


def load_case(path: Path, data: bytes) -> tuple[str, float, BaseException | None]:
    """Write ``data`` to ``path`` and load it: (outcome, seconds, crash).

    The outcome is ``"loaded"`` or the SessionFileError subclass's name; a crash is any other
    exception, returned rather than raised so that a run reports all of them. A loaded case with a
    lone surrogate is exported as a PDF with substitution too (a ReportError is an outcome).
    """
    from supportguide_app.storage import load_session

    _clear(path)
    path.write_bytes(data)
    start = time.perf_counter()
    loaded: list[Any] = []
    outcome, crash = _run(lambda: loaded.append(load_session(path, PASSPHRASE)))
    seconds = time.perf_counter() - start
    if loaded and crash is None and _has_surrogate(loaded[0].session):
        outcome, crash = _export(path, loaded[0].session)
    return outcome, seconds, crash


def _has_surrogate(session: Any) -> bool:
    from supportguide_app.storage import session_to_dict

    text = json.dumps(session_to_dict(session), ensure_ascii=False)
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def _export(path: Path, session: Any) -> tuple[str, BaseException | None]:
    from supportguide_app.guide import load_guide
    from supportguide_app.report.errors import ReportError
    from supportguide_app.report.export import export_pdf

    try:
        with _alarm():
            export_pdf(session, load_guide(), path.with_suffix(".pdf"), substitute=True)
        return "loaded+exported", None
    except ReportError as exc:
        return f"ReportError {type(exc).__name__}", None
    except Exception as exc:  # noqa: BLE001
        return f"CRASH export {type(exc).__name__}", exc


def special_case(path: Path, name: str, rnd: random.Random) -> tuple[str, float, BaseException | None]:
    """Put a special file at ``path`` (or its lock) and open, validate and aggregate it (or lock it)."""
    from supportguide_app.storage import aggregate_folder, load_session, validate_files
    from supportguide_app.storage.lock import acquire_lock

    _clear(path)
    SPECIALS[name](path, rnd)
    start = time.perf_counter()
    if name == "fifo_lock":
        outcome, crash = _run(lambda: acquire_lock(path).release())
        return outcome, time.perf_counter() - start, crash
    outcome, crash = _run(lambda: load_session(path, PASSPHRASE))
    if crash is None:
        _, crash = _run(lambda: validate_files([path]))
    if crash is None:
        _, crash = _run(lambda: aggregate_folder([path]))
    return outcome, time.perf_counter() - start, crash


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=None, help="default: a random seed, printed")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rnd = random.Random(seed)

    outcomes: collections.Counter[str] = collections.Counter()
    by_mutation: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    slowest = (0.0, "", 0)
    crashes: list[tuple[int, str, BaseException]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "計画.json"
        names = list(WEIGHTS) + list(SPECIALS)
        weights = list(WEIGHTS.values()) + [SPECIAL_WEIGHT] * len(SPECIALS)
        for index in range(args.cases):
            name = rnd.choices(names, weights=weights)[0]
            if name in SPECIALS:
                outcome, seconds, crash = special_case(path, name, rnd)
            else:
                name, data = make_case(rnd, name)
                outcome, seconds, crash = load_case(path, data)
            outcomes[outcome] += 1
            by_mutation[name][outcome] += 1
            if seconds > slowest[0]:
                slowest = (seconds, name, len(data))
            if crash is not None:
                crashes.append((index, name, crash))
    elapsed = time.perf_counter() - started

    print(f"seed {seed}: {args.cases} cases tried in {elapsed:.1f} s")
    print(f"  loaded: {outcomes['loaded']}")
    for outcome, count in sorted(outcomes.items(), key=lambda item: -item[1]):
        if outcome != "loaded":
            print(f"  {outcome}: {count}")
    print(f"slowest case: {slowest[0] * 1000:.1f} ms ({slowest[1]}, {slowest[2]:,} bytes)")
    print("by mutation:")
    for name in names:
        counts = ", ".join(f"{o} {c}" for o, c in sorted(by_mutation[name].items(), key=lambda i: -i[1]))
        print(f"  {name:17} {sum(by_mutation[name].values()):5}: {counts}")
    for index, name, crash in crashes[:10]:
        print(f"CRASH in case {index} ({name}): {type(crash).__name__}: {str(crash)[:200]}")
    return 1 if crashes or slowest[0] > SLOW_SECONDS else 0


if __name__ == "__main__":
    sys.exit(main())
