"""Titles with characters Windows forbids, reserved device names, trailing dots and spaces: the
proposed names of the plan and of its PDF make files that Windows lists and opens again."""

from __future__ import annotations

import os

import pytest

TITLES = ['報告: 4/1 "案" <1> | *?', "a\\b/c", "CON", "nul", "COM1", "Aux.txt", "計画. . .",
          "計画   ", "..."]


@pytest.mark.parametrize("title", TITLES)
def test_a_plan_saved_under_its_proposed_name_opens_again(tmp_path, title):
    from supportguide_app.filenames import safe_file_stem
    from supportguide_app.plan.session import Session
    from supportguide_app.storage import load_session, save_session

    name = f"{safe_file_stem(title)}.json"
    save_session(Session(title=title), tmp_path / name)
    assert os.listdir(tmp_path) == [name]
    assert load_session(tmp_path / name).session.title == title


@pytest.mark.parametrize("organisation", TITLES)
def test_a_pdf_exported_under_its_proposed_name_is_listed_by_that_name(tmp_path, organisation):
    from supportguide_app.guide import load_guide
    from supportguide_app.plan.session import Session
    from supportguide_app.report.export import export_pdf
    from supportguide_app.report.text import default_pdf_name

    name = default_pdf_name(Session(title="計画", organisation=organisation))
    export_pdf(Session(title="計画", organisation=organisation), load_guide(), tmp_path / name)
    assert os.listdir(tmp_path) == [name]
    assert (tmp_path / name).read_bytes().startswith(b"%PDF")


def test_the_raw_titles_would_not_make_such_files(tmp_path):
    """The check above can fail: Windows (and Wine) mangle or refuse these raw names."""
    refused = []
    for title in ('a:b', "計画. . .", "CON", "x?"):
        try:
            (tmp_path / f"{title}").write_bytes(b"{}")
            listed = os.listdir(tmp_path)
            if title not in listed:
                refused.append(title)
            for leftover in listed:
                (tmp_path / leftover).unlink()
        except OSError:
            refused.append(title)
    assert refused == ['a:b', "計画. . .", "CON", "x?"]
