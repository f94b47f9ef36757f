from datetime import date

import pytest

from supportguide_app.plan.dates import (
    default_target_fiscal_year,
    fiscal_year,
    fiscal_year_both,
    fiscal_year_label,
    fiscal_year_name,
    parse_iso,
    to_wareki,
)


@pytest.mark.parametrize(("day", "text"), [
    (date(2026, 4, 1), "令和８年４月１日"),
    (date(2019, 5, 1), "令和元年５月１日"),
    (date(2019, 4, 30), "平成３１年４月３０日"),
    (date(2027, 12, 31), "令和９年１２月３１日"),
])
def test_wareki(day, text):
    assert to_wareki(day) == text


@pytest.mark.parametrize(("day", "year", "label"), [
    (date(2026, 4, 1), 2026, "令和８年度"),
    (date(2027, 3, 31), 2026, "令和８年度"),
    (date(2026, 3, 31), 2025, "令和７年度"),
    (date(2019, 4, 1), 2019, "令和元年度"),
    (date(2019, 3, 31), 2018, "平成３０年度"),
])
def test_fiscal_year_runs_april_to_march(day, year, label):
    assert fiscal_year(day) == year
    assert fiscal_year_label(day) == label


def test_parse_iso():
    assert parse_iso("2026-11-27") == date(2026, 11, 27)
    assert parse_iso("") is None
    assert parse_iso("令和8年") is None


@pytest.mark.parametrize(("day", "target"), [
    (date(2026, 4, 1), 2026), (date(2026, 9, 30), 2026),  # first half: this 年度
    (date(2026, 10, 1), 2027), (date(2026, 12, 31), 2027),  # from October: the next one
    (date(2027, 1, 4), 2027), (date(2027, 3, 31), 2027),  # still 令和８年度: the next is 令和９年度
])
def test_default_target_fiscal_year_is_the_next_from_october(day, target):
    assert default_target_fiscal_year(day) == target


def test_fiscal_year_names_in_wareki_and_western_year():
    assert fiscal_year_name(2027) == "令和９年度"
    assert fiscal_year_name(2019) == "令和元年度"
    assert fiscal_year_name(2018) == "平成３０年度"
    assert fiscal_year_both(2027) == "令和９年度（２０２７年度）"
