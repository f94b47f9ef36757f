"""The window proposes file names Windows accepts, whatever the plan's title holds."""

from __future__ import annotations

import pytest
from wizard_helpers import type_text

from supportguide_app.filenames import is_valid_windows_name
from supportguide_app.ui.pages import PageId


@pytest.mark.parametrize("title", ['報告: 4/1 "案" <1> | *?', "CON", "nul", "計画. . ."])
def test_save_as_proposes_a_name_windows_accepts(qtbot, window, dialogs, title, monkeypatch):
    type_text(window.pages[PageId.START].title_edit, title)
    proposed = []
    monkeypatch.setattr(dialogs, "save_path", lambda parent, suggested: proposed.append(suggested))
    assert not window.document.save_as()
    assert is_valid_windows_name(proposed[0].name), proposed[0].name
    assert proposed[0].suffix == ".json"
