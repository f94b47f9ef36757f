"""validate_files: what `supportguide validate FILE…` reports for each file."""

from supportguide_app.storage import validate_files


def test_results_in_order_with_messages(fixture_path, tmp_path):
    paths = [fixture_path("v1-valid.json"), fixture_path("unknown-ids.json"),
             fixture_path("newer-version.json"), str(tmp_path / "ない.json")]
    results = validate_files(paths)
    assert [r.ok for r in results] == [True, True, False, False]
    assert [r.path.name for r in results] == ["v1-valid.json", "unknown-ids.json", "newer-version.json",
                                              "ない.json"]
    assert results[0].error is None and results[0].warnings == []
    assert results[1].error is None and any("D99" in w for w in results[1].warnings)
    assert "形式の版 5" in results[2].error
    assert "見つかりません" in results[3].error


def test_every_defect_fixture_fails(fixture_path):
    names = ["not-json.json", "truncated.json", "invalid-utf8.json", "empty.json", "not-a-session.json",
             "newer-version.json", "wrong-types.json"]
    results = validate_files(fixture_path(n) for n in names)
    assert not any(r.ok for r in results)
    assert all(r.error for r in results)
