"""Dates as Japanese official papers write them: 和暦 with full-width digits, and the 年度.

The 年度 (fiscal year) runs from April to March: 2027-03-31 still belongs to 令和８年度. The first
year of an era is written 元年. Only the eras a plan can carry are known (平成 and 令和).
"""

from __future__ import annotations

from datetime import date

# (first day, name); newest first.
_ERAS = ((date(2019, 5, 1), "令和"), (date(1989, 1, 8), "平成"))
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _full_width(number: int) -> str:
    return str(number).translate(_FULL_WIDTH)


def _era_year(day: date) -> tuple[str, int]:
    for start, name in _ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day} is before the eras this application writes")


def _year_text(name: str, year: int) -> str:
    return f"{name}{'元' if year == 1 else _full_width(year)}年"


def to_wareki(day: date) -> str:
    """``date(2026, 4, 1)`` → ``令和８年４月１日``."""
    name, year = _era_year(day)
    return f"{_year_text(name, year)}{_full_width(day.month)}月{_full_width(day.day)}日"


def fiscal_year(day: date) -> int:
    """The Western year in which the 年度 of ``day`` starts (April to March)."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_label(day: date) -> str:
    """``date(2027, 3, 31)`` → ``令和８年度``: the 年度 that ``day`` belongs to."""
    return fiscal_year_name(fiscal_year(day))


def fiscal_year_name(start_year: int) -> str:
    """``2027`` → ``令和９年度``: the 年度 that starts in April of ``start_year``.

    A 年度 takes the era in force by its end, as offices write it: the year from April 2019,
    which began under 平成, is 令和元年度.
    """
    last_day = date(start_year + 1, 3, 31)
    for start, name in _ERAS:
        if last_day >= start:
            return f"{_year_text(name, start_year - start.year + 1)}度"
    raise ValueError(f"the fiscal year {start_year} is before the eras this application writes")


def western_fiscal_year_name(start_year: int) -> str:
    """``2027`` → ``２０２７年度`` (full-width digits, as the 和暦 beside it)."""
    return f"{_full_width(start_year)}年度"


def fiscal_year_both(start_year: int) -> str:
    """``2027`` → ``令和９年度（２０２７年度）``: how the plan names the 年度 it is for."""
    return f"{fiscal_year_name(start_year)}（{western_fiscal_year_name(start_year)}）"


# From October on, offices write next year's plan (budget requests are due in the autumn): a
# plan entered from October to March is taken to be for the next 年度 unless the person says so.
PLAN_AHEAD_FROM_MONTH = 10


def default_target_fiscal_year(day: date) -> int:
    """The 年度 a plan entered on ``day`` is for, unless the person chose another (対象年度).

    The next 年度 from October to March (the second half of the current one), else the current
    one: 2026-09-30 → 2026 (令和８年度), 2026-10-01 and 2027-03-31 → 2027 (令和９年度).
    """
    current = fiscal_year(day)
    return current + 1 if day.month >= PLAN_AHEAD_FROM_MONTH or day.month < 4 else current


# The earliest 年度 the eras above can name (平成元年度 ends on 1989-03-31).
EARLIEST_FISCAL_YEAR = 1988
LATEST_FISCAL_YEAR = 9998


def parse_iso(text: str) -> date | None:
    """An ISO calendar date, or None for "" and anything that is not one."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
