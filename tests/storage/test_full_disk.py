"""A full disk or a read-only folder while saving or exporting: the user keeps everything.

Tests run as root, for whom chmod does not stop writing, so the OS refusal is simulated with
monkeypatch, only for the folder the user saves to (the "shared drive"): the autosave folder (on
the local disk) keeps working, as it would when a network drive or a USB stick is full.
What is checked is what the user sees and keeps: the Japanese message, the previous file's bytes,
no stray temporary file, the plan still in the window, and a recovery copy in the autosave folder.
"""

import errno
import os
from datetime import date
from pathlib import Path

import pytest

from supportguide_app.guide import load_guide
from supportguide_app.plan.session import Session
from supportguide_app.report.errors import ReportSaveError
from supportguide_app.report.export import export_pdf
from supportguide_app.storage import (
    AutosaveStore,
    FileWriteError,
    backup_path,
    load_session,
    save_session,
)
from supportguide_app.storage import files as storage_files

NO_SPACE = "ディスクの空き容量が足りません"
NO_PERMISSION = "書き込み権限"


def make_session(title: str) -> Session:
    s = Session.new(date(2026, 4, 20))
    s.set_value(("title",), title)
    s.set_value(("organisation",), "〇〇市 福祉部 生活支援課")
    s.set_value(("selection", "difficulties", "D03", "selected"), True)
    s.set_value(("selection", "difficulties", "D03", "note"), "年度初めに新規相談が集中している。" * 50)
    s.set_value(("selection", "methods", "MECH4", "selected"), True)
    return s


@pytest.fixture
def folders(tmp_path) -> tuple[Path, Path]:
    shared, local = tmp_path / "共有ドライブ", tmp_path / "自動保存"
    shared.mkdir()
    return shared, local


def in_folder(path, folder: Path) -> bool:
    return Path(os.fsdecode(path)).parent == folder


def break_the_disk(monkeypatch, folder: Path, fault: str, only: str | None = None) -> None:
    """Make writing into ``folder`` fail the way ``fault`` says; other folders work.

    ``only="backup"`` limits the fault to the backup (``.bak`` and its temporary file), ``"plan"`` to
    everything else, so that either step of a save can be the one that fails.
    """

    def hit(path) -> bool:
        is_backup = ".bak" in Path(os.fsdecode(path)).name
        return in_folder(path, folder) and (only is None or is_backup == (only == "backup"))

    if fault == "ENOSPC":  # the data does not fit: os.write / stream.write fail part-way
        real_os_open, real_open, real_fdopen = os.open, open, os.fdopen
        full_fds: set[int] = set()

        def os_open(path, flags, *args, **kwargs):
            fd = real_os_open(path, flags, *args, **kwargs)
            if flags & os.O_CREAT and hit(path):
                full_fds.add(fd)
            else:
                full_fds.discard(fd)  # a descriptor number is reused once closed
            return fd

        class FullStream:
            def __init__(self, stream):
                self.stream = stream

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.stream.close()

            def write(self, data):
                self.stream.write(data[: len(data) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")

            def __getattr__(self, name):
                return getattr(self.stream, name)

        def wrap(opener):
            def opened(file, *args, **kwargs):
                stream = opener(file, *args, **kwargs)
                return FullStream(stream) if isinstance(file, int) and file in full_fds else stream
            return opened

        monkeypatch.setattr(os, "open", os_open)
        monkeypatch.setattr(storage_files, "open", wrap(real_open), raising=False)
        monkeypatch.setattr(os, "fdopen", wrap(real_fdopen))
    elif fault == "EACCES":  # the folder may not be written to: creating any file fails
        real_os_open = os.open

        def refuse(path, flags, *args, **kwargs):
            if flags & os.O_CREAT and hit(path):
                raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
            return real_os_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    elif fault == "EROFS":  # the share went read-only between writing and renaming
        real_replace = os.replace

        def refuse_replace(source, target, *args, **kwargs):
            if hit(target):
                raise OSError(errno.EROFS, "Read-only file system", os.fsdecode(target))
            return real_replace(source, target, *args, **kwargs)

        monkeypatch.setattr(os, "replace", refuse_replace)
    else:
        raise ValueError(fault)


FAULTS = [
    pytest.param("ENOSPC", NO_SPACE, NO_PERMISSION, id="disk-full"),
    pytest.param("EACCES", NO_PERMISSION, "空き容量", id="no-permission"),
    pytest.param("EROFS", NO_PERMISSION, "空き容量", id="read-only"),
]


@pytest.mark.parametrize(("fault", "says", "does_not_say"), FAULTS)
@pytest.mark.parametrize("failing", ["plan", "backup"])
def test_a_failed_save_keeps_the_old_file_and_the_work(folders, monkeypatch, fault, says, does_not_say,
                                                       failing):
    shared, local = folders
    path = shared / "計画.json"
    save_session(make_session("一回目"), path)
    save_session(make_session("二回目"), path)
    before, backup_before = path.read_bytes(), backup_path(path).read_bytes()

    session = make_session("三回目（まだ保存していない）")
    work = session.copy()
    # "plan": the backup is made, then the plan itself fails; "backup": the backup already fails.
    break_the_disk(monkeypatch, shared, fault, only=failing)
    with pytest.raises(FileWriteError) as info:
        save_session(session, path)

    message = info.value.message
    assert "「計画.json」を保存できませんでした" in message
    assert says in message and does_not_say not in message
    assert "元のファイルは変更されていません" in message
    if failing == "backup":
        assert "バックアップ（.bak）を作れません" in message
    assert path.read_bytes() == before
    # The backup is the file before this save: made anew from it, or left as it was.
    assert backup_path(path).read_bytes() == (before if failing == "plan" else backup_before)
    assert sorted(p.name for p in shared.iterdir()) == ["計画.json", "計画.json.bak"]  # no temp file
    assert session == work  # still in the window, not marked as saved

    # The recovery copy goes to the local autosave folder and is offered after a restart.
    store = AutosaveStore(local)
    store.write(session, path)
    (entry,) = AutosaveStore(local).pending()
    assert entry.session == work and entry.source_path == path

    monkeypatch.undo()  # the user frees space / picks a writable folder: the same session saves
    save_session(session, path)
    assert load_session(path).session.title == "三回目（まだ保存していない）"
    assert backup_path(path).read_bytes() == before


@pytest.mark.parametrize(("fault", "says", "does_not_say"), FAULTS)
def test_a_failed_first_save_leaves_nothing_behind(folders, monkeypatch, fault, says, does_not_say):
    shared, _ = folders
    break_the_disk(monkeypatch, shared, fault)
    with pytest.raises(FileWriteError) as info:
        save_session(make_session("新しい計画"), shared / "新しい計画.json")
    assert says in info.value.message and does_not_say not in info.value.message
    assert list(shared.iterdir()) == []


def test_the_autosave_folder_full_gives_the_same_clear_message(folders, monkeypatch):
    _, local = folders
    local.mkdir()
    break_the_disk(monkeypatch, local, "ENOSPC")
    with pytest.raises(FileWriteError) as info:
        AutosaveStore(local).write(make_session("計画"), None)
    assert NO_SPACE in info.value.message
    assert list(local.iterdir()) == []


@pytest.fixture(scope="module")
def guide():
    return load_guide()


@pytest.mark.parametrize("fault", ["ENOSPC", "EACCES", "EROFS"])
def test_a_failed_export_keeps_the_previous_pdf(folders, monkeypatch, guide, fault):
    shared, _ = folders
    pdf = shared / "計画.pdf"
    export_pdf(make_session("前回の計画"), guide, pdf, today=date(2026, 4, 20))
    before = pdf.read_bytes()
    session = make_session("今回の計画")
    work = session.copy()

    break_the_disk(monkeypatch, shared, fault)
    with pytest.raises(ReportSaveError) as info:
        export_pdf(session, guide, pdf, today=date(2026, 4, 20))
    assert "PDFを保存できません" in str(info.value)
    assert str(shared) in str(info.value)  # names the folder to check
    assert pdf.read_bytes() == before
    assert [p.name for p in shared.iterdir()] == ["計画.pdf"]  # no temp file
    assert session == work


def test_a_full_disk_during_export_says_so(folders, monkeypatch, guide):
    shared, _ = folders
    break_the_disk(monkeypatch, shared, "ENOSPC")
    with pytest.raises(ReportSaveError) as info:
        export_pdf(make_session("今回の計画"), guide, shared / "計画.pdf", today=date(2026, 4, 20))
    assert "空き容量" in str(info.value)
