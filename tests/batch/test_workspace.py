from __future__ import annotations

from pathlib import Path

import pytest

from grader.batch.workspace import (
    WORK_DIR,
    batch_lock,
    clean_leftovers,
    publish,
    staging_dir,
    temp_root,
)
from grader.errors import BatchError


def test_publish_replaces_a_report_folder_whole(tmp_path: Path):
    final = tmp_path / "kim"
    final.mkdir()
    (final / "old.md").write_text("old", encoding="utf-8")
    staging = staging_dir(tmp_path, "kim")
    (staging / "report.md").write_text("new", encoding="utf-8")
    publish(staging, final)
    assert [p.name for p in final.iterdir()] == ["report.md"]
    assert list((tmp_path / WORK_DIR).iterdir()) == []


def test_leftovers_of_a_dead_run_are_removed(tmp_path: Path):
    staging = staging_dir(tmp_path, "kim")
    (staging / "half.md").write_text("half", encoding="utf-8")
    temp = temp_root(tmp_path)
    (temp / "w1").mkdir(parents=True)
    removed = clean_leftovers(tmp_path)
    assert set(removed) == {tmp_path / WORK_DIR, temp}
    assert not (tmp_path / WORK_DIR).exists() and not temp.exists()


def test_a_second_batch_on_the_same_out_folder_is_refused(tmp_path: Path):
    with batch_lock(tmp_path):
        with pytest.raises(BatchError, match="다른 grader batch"):
            with batch_lock(tmp_path):
                pass
    with batch_lock(tmp_path):  # released
        pass
