"""Reading a folder of plans: progress as it goes, cancelling, unreadable files, a vanishing folder."""

import shutil

import pytest
from aggregate_sets import write_plans

from supportguide_app.guide import load_guide
from supportguide_app.progress import Cancelled
from supportguide_app.storage import FolderVanishedError, aggregate_folder

GUIDE = load_guide()


def test_progress_counts_every_file_up_to_the_total(tmp_path):
    write_plans(tmp_path)
    seen = []
    agg = aggregate_folder([tmp_path], guide=GUIDE, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 7) for n in range(8)]
    assert agg.total == 7


def test_cancelling_from_the_progress_callback_stops_the_reading(tmp_path):
    write_plans(tmp_path)
    seen = []

    def progress(done, total):
        seen.append(done)
        if done == 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        aggregate_folder([tmp_path], guide=GUIDE, progress=progress)
    assert seen == [0, 1, 2, 3]  # no file after the fourth was read


def test_unreadable_files_are_reported_as_they_come_and_reading_goes_on(tmp_path):
    write_plans(tmp_path, 4)
    (tmp_path / "計画_1.json").write_text("{broken", encoding="utf-8")
    events = []
    agg = aggregate_folder([tmp_path], guide=GUIDE, progress=lambda done, total: events.append(done),
                           on_skipped=lambda skipped: events.append(skipped.path.name))
    # 計画_1 is reported right after it was read (progress 1), before the next file (progress 2)
    assert events == [0, 1, "計画_1.json", 2, 3, 4]
    assert agg.total == 3 and [s.path.name for s in agg.skipped] == ["計画_1.json"]


def test_a_folder_that_vanishes_keeps_the_counts_so_far_in_the_error(tmp_path):
    folder = tmp_path / "share"
    write_plans(folder)

    def progress(done, total):
        if done == 4:
            shutil.rmtree(folder)  # the file server went away after four plans

    with pytest.raises(FolderVanishedError) as caught:
        aggregate_folder([folder], guide=GUIDE, progress=progress)
    error = caught.value
    assert "見つからなくなりました" in error.message
    assert "4件を読み、残りの3件は読めていません" in error.message
    assert error.partial.total == 4
    assert error.partial.skipped[-1].reason == "フォルダが見つからなくなったため、残りの3件は読んでいません"
    a = next(r for r in error.partial.rows["goals"] if r.id == "A")
    assert a.count == 4  # every plan chose A
