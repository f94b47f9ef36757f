"""A save or load stopped through its progress callback changes no file and leaves no temporary one."""

import pytest

from supportguide_app.plan.session import Session
from supportguide_app.progress import Cancelled
from supportguide_app.storage import load_session, save_session
from supportguide_app.storage.files import backup_path


def cancel_at(step):
    def progress(done, _total):
        if done == step:
            raise Cancelled
    return progress


@pytest.mark.parametrize("step", [1, 2])
def test_a_cancelled_protected_save_leaves_the_file_and_its_backup_as_they_were(tmp_path, step):
    path = tmp_path / "plan.json"
    first = Session.new()
    first.set_value(("title",), "前の版")
    save_session(first, path, passphrase="相談員を支える合言葉")
    save_session(first, path, passphrase="相談員を支える合言葉")  # now a .bak exists too
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    second = Session.new()
    second.set_value(("title",), "新しい版")
    with pytest.raises(Cancelled):
        save_session(second, path, passphrase="相談員を支える合言葉", progress=cancel_at(step))
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert load_session(path, "相談員を支える合言葉").session.title == "前の版"
    assert backup_path(path).exists()


def test_load_reports_its_steps_and_can_be_stopped_after_the_key_is_derived(tmp_path):
    path = tmp_path / "plan.json"
    save_session(Session.new(), path, passphrase="相談員を支える合言葉")
    steps = []
    load_session(path, "相談員を支える合言葉", progress=lambda done, total: steps.append(done))
    assert steps == [1, 2]
    with pytest.raises(Cancelled):
        load_session(path, "相談員を支える合言葉", progress=cancel_at(2))
