"""Damaged files never crash the loader: each one loads, or says in Japanese what is wrong, at once.

The mutations are those of ``benchmarks/fuzz_loader.py`` (which runs thousands); here a few hundred
run in CI, and the cases that once crashed the loader are pinned one by one below.
"""

import json
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportguide_app.storage import (
    FileTooLargeError,
    FileWriteError,
    LoadResult,
    NotJSONError,
    SessionFileError,
    load_session,
    save_session,
)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import fuzz_loader  # noqa: E402

# Cheap mutations for the property test; the costly ones (megabytes per case) are pinned below.
CHEAP = sorted(set(fuzz_loader.MUTATIONS) - {"huge_string", "many_values"})
PER_CASE_SECONDS = 1.0  # a sanity bound ("a moment"), far above the milliseconds a case takes


def open_like_the_window(path: Path) -> LoadResult | SessionFileError:
    start = time.perf_counter()
    try:
        result: LoadResult | SessionFileError = load_session(path)
    except SessionFileError as exc:
        result = exc
    assert time.perf_counter() - start < PER_CASE_SECONDS
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation=st.sampled_from(CHEAP), rnd=st.randoms(use_true_random=False))
def test_a_damaged_file_loads_or_gives_a_japanese_message(tmp_path, mutation, rnd):
    _, data = fuzz_loader.make_case(rnd, mutation)
    path = tmp_path / "計画.json"
    path.write_bytes(data)
    result = open_like_the_window(path)
    if isinstance(result, SessionFileError):
        assert result.message and any("\u3040" <= ch <= "\u30ff" for ch in result.message)
        return
    # What loads can be saved and opened again (or, with a lone surrogate, is refused in Japanese).
    out = tmp_path / "保存し直し.json"
    out.unlink(missing_ok=True)
    try:
        save_session(result.session, out)
    except FileWriteError as exc:
        assert "保存できない文字" in exc.message
        return
    assert load_session(out).session == result.session


def _valid_doc(fixture_path) -> dict:
    return json.loads(fixture_path("v1-valid.json").read_text(encoding="utf-8"))


def test_a_ten_megabyte_note_loads(tmp_path, fixture_path):
    doc = _valid_doc(fixture_path)
    doc["difficulties"]["D02"]["note"] = "長いメモ" * (10 * 1024 * 1024 // 12)
    path = tmp_path / "計画.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = open_like_the_window(path)
    assert isinstance(result, LoadResult)
    assert result.session.note("difficulties", "D02") == doc["difficulties"]["D02"]["note"]


@pytest.mark.parametrize("raw", [b"[" * 100_000, b'{"a":' * 100_000, b"[" * 100_000 + b"]" * 100_000])
def test_a_hundred_thousand_levels_of_nesting(tmp_path, raw):
    path = tmp_path / "計画.json"
    path.write_bytes(raw)
    result = open_like_the_window(path)
    assert isinstance(result, NotJSONError)


@pytest.mark.parametrize("depth", [65, 500, 990])
def test_deep_nesting_inside_a_kept_key_is_refused_not_a_crash(tmp_path, fixture_path, depth):
    # Once: json.loads accepted 500 levels, then copying the document raised RecursionError.
    doc = _valid_doc(fixture_path)
    doc["x_local"] = "@@"
    text = json.dumps(doc).replace('"@@"', "[" * depth + "]" * depth)
    path = tmp_path / "計画.json"
    path.write_text(text, encoding="utf-8")
    result = open_like_the_window(path)
    assert isinstance(result, NotJSONError)
    assert "入れ子が深すぎます" in result.message


def test_moderate_nesting_inside_a_kept_key_still_loads_and_is_kept(tmp_path, fixture_path):
    doc = _valid_doc(fixture_path)
    doc["x_local"] = [[[[[[[[[["十階層"]]]]]]]]]]
    path = tmp_path / "計画.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = open_like_the_window(path)
    assert result.session.extra["x_local"] == doc["x_local"]


@pytest.mark.parametrize("where", ["version", "x_local"])
def test_an_integer_of_five_thousand_digits_is_refused_not_a_crash(tmp_path, fixture_path, where):
    # Once: Python's int digit limit raised a bare ValueError out of json.loads.
    doc = _valid_doc(fixture_path)
    doc[where] = "@@"
    path = tmp_path / "計画.json"
    path.write_text(json.dumps(doc).replace('"@@"', "9" * 5000), encoding="utf-8")
    result = open_like_the_window(path)
    assert isinstance(result, NotJSONError)
    assert "桁数が多すぎる数値" in result.message


@pytest.mark.parametrize("version", [2**63, -1, "1", 1.5, None, 0, True])
def test_unknown_and_future_versions(tmp_path, fixture_path, version):
    doc = _valid_doc(fixture_path)
    doc["version"] = version
    path = tmp_path / "計画.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = open_like_the_window(path)
    assert isinstance(result, SessionFileError)
    if version == 2**63:
        assert f"形式の版 {2**63}" in result.message
    else:
        assert "version" in result.message


def test_a_million_values_is_refused_quickly(tmp_path, fixture_path):
    # Once: 1.5 million example IDs took 2.3 s to copy and check, with the window frozen.
    doc = _valid_doc(fixture_path)
    doc["examples"] = [f"X_{i}" for i in range(1_000_000)]
    path = tmp_path / "計画.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = open_like_the_window(path)
    assert isinstance(result, NotJSONError)
    assert "項目が多すぎます" in result.message


def test_a_file_over_the_size_limit_is_not_read(tmp_path, fixture_path):
    doc = _valid_doc(fixture_path)
    doc["notes"] = "a" * (21 * 1024 * 1024)
    path = tmp_path / "計画.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    error = open_like_the_window(path)
    assert isinstance(error, FileTooLargeError)
    assert "大きすぎる" in error.message and "計画ファイルではありません" not in error.message


def test_half_a_million_objects_are_refused_before_parsing(tmp_path, monkeypatch):
    """The slowest case of the long fuzz run: json.loads alone took over a second on it."""
    import supportguide_app.storage.files as files

    path = tmp_path / "計画.json"
    path.write_text("[" + ",".join(["{}"] * 500_000) + "]", encoding="utf-8")

    def never(*_args, **_kwargs):
        raise AssertionError("parsed a file that the separator count already refuses")

    monkeypatch.setattr(files.json, "loads", never)
    result = open_like_the_window(path)
    assert isinstance(result, NotJSONError)
    assert "項目が多すぎます" in result.message
