"""A replace refused after the temporary file was written: the file itself is held open (Windows:
a PDF viewer, winerror 5 or 32) or read-only, and the message says so. Shared by plans and PDFs.
The real refusal is tested under Wine in tests/windows/test_file_in_use.py."""

from __future__ import annotations

import errno
import os

import pytest

from supportguide_app.oserrors import describe_write_error
from supportguide_app.storage.errors import FileWriteError
from supportguide_app.storage.files import atomic_write_bytes


def test_a_refused_replace_says_the_file_is_open_in_another_program():
    # What os.replace raises on Windows: the source and the target both named.
    refused = PermissionError(errno.EACCES, "アクセスが拒否されました。", "a.tmp", None, "a.pdf")
    reason, advice = describe_write_error(refused)
    assert "ほかのアプリで開かれている" in reason
    assert "閉じてから" in advice


def test_a_folder_without_write_permission_keeps_its_own_message():
    reason, _advice = describe_write_error(PermissionError(errno.EACCES, "denied", "a.tmp"))
    assert "書き込む権限がない" in reason


def test_saving_over_a_held_file_keeps_it_and_says_why(tmp_path, monkeypatch):
    target = tmp_path / "計画.json"
    target.write_bytes(b'{"old": true}')

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Access is denied", os.fspath(src), None, os.fspath(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(FileWriteError) as info:
        atomic_write_bytes(target, b'{"new": true}')
    assert "ほかのアプリで開かれている" in info.value.message
    assert target.read_bytes() == b'{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["計画.json"]
