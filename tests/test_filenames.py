"""Proposed file names are names Windows accepts, whatever the plan's title holds."""

from __future__ import annotations

import pytest

from supportguide_app.filenames import FALLBACK, is_valid_windows_name, safe_file_stem


@pytest.mark.parametrize(("title", "stem"), [
    ('a\\b/c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
    ("CON", "_CON"),
    ("nul", "_nul"),
    ("COM1", "_COM1"),
    ("con.txt", "_con.txt"),
    ("LPT9 ", "_LPT9"),
    ("計画...", "計画"),
    ("計画 . . ", "計画"),
    ("  令和6年度\t計画\n", "令和6年度 計画"),
    ("...", FALLBACK),
    ("   ", FALLBACK),
    ("", FALLBACK),
    ("CONSOLE", "CONSOLE"),
    ("COM10", "COM10"),
    ("支援者支援計画_相談センター", "支援者支援計画_相談センター"),
])
def test_safe_file_stem(title, stem):
    assert safe_file_stem(title) == stem
    assert is_valid_windows_name(stem + ".json")


def test_long_titles_are_cut_without_splitting_a_surrogate_pair():
    stem = safe_file_stem("𠮷" * 200)
    assert stem == "𠮷" * 60  # 120 UTF-16 units
    assert is_valid_windows_name(stem + ".json.bak")


@pytest.mark.parametrize("name", ["CON.json", "a:b.json", "計画.", "計画 ", "nul", "x\x01.json", ""])
def test_invalid_windows_names_are_recognised(name):
    assert not is_valid_windows_name(name)


@pytest.mark.parametrize("organisation", ['相談:センター/"本所"', "CON", "窓口. . .", "a|b*?<>"])
def test_the_proposed_pdf_name_is_valid_on_windows(organisation):
    from supportguide_app.plan.session import Session
    from supportguide_app.report.text import default_pdf_name

    session = Session(organisation=organisation)
    assert is_valid_windows_name(default_pdf_name(session))
