"""A Ray task's body: the submission travels as data, the report folder comes back as data."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from grader.batch import remote
from grader.batch.remote import grade_remote, read_tree, ship_entry, write_tree
from grader.batch.worker import JobOutcome, WorkerConfig
from grader.errors import BatchError
from grader.paths import project_root
from grader.submission.discover import discover

STRONG = project_root() / "examples" / "submissions" / "cnn-digits" / "strong.ipynb"


def test_a_file_and_a_folder_entry_are_shipped_with_their_bytes(tmp_path: Path):
    class_dir = tmp_path / "class"
    (class_dir / "팀알파" / "data").mkdir(parents=True)
    (class_dir / "팀알파" / "project.ipynb").write_text("{}", encoding="utf-8")
    (class_dir / "팀알파" / "data" / "x.csv").write_bytes(b"a,b\n")
    shutil.copyfile(STRONG, class_dir / "김민지.ipynb")
    entries = {e.name: e for e in discover(class_dir).entries}
    folder = ship_entry(entries["팀알파"])
    assert dict(folder.files) == {"팀알파/data/x.csv": b"a,b\n", "팀알파/project.ipynb": b"{}"}
    single = ship_entry(entries["김민지"])
    assert single.files == (("김민지.ipynb", STRONG.read_bytes()),)
    write_tree(folder.files, tmp_path / "copy")
    assert read_tree(tmp_path / "copy") == tuple(sorted(folder.files))


@pytest.mark.parametrize("path", ["../escape.txt", "/etc/passwd", "a/../../b"])
def test_a_returned_path_outside_the_folder_is_refused(tmp_path: Path, path: str):
    with pytest.raises(BatchError) as info:
        write_tree(((path, b"x"),), tmp_path / "out")
    assert "벗어납니다" in info.value.message_ko
    assert not (tmp_path / "escape.txt").exists()


def test_a_task_grades_the_shipped_copy_and_leaves_nothing_on_the_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # A task process points tempfile at the node's temp folder and remembers its batch: both
    # are this test's only (later tests glob the real temp folder).
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)
    monkeypatch.setattr(remote, "_LOADED", {})
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    shutil.copyfile(STRONG, class_dir / "김민지_20230001.ipynb")
    [entry] = discover(class_dir).entries
    shipped = ship_entry(entry)
    (class_dir / "김민지_20230001.ipynb").unlink()  # the node does not see the class folder
    temp_root = tmp_path / "node-temp"
    config = WorkerConfig(out_dir=tmp_path / "never-written", temp_root=temp_root,
                          assignment_id="cnn-digits", run=False, formats=("md", "json"),
                          parent_pid=0)
    done = grade_remote(config, shipped, "batch-1")
    assert done.job.status == "graded" and done.job.result is not None
    files = dict(done.files)
    assert {"report.md", "result.json", "results.json"} <= set(files)
    assert done.job.reports == tuple(f"{entry.name}/{name}" for name in sorted(files))
    assert not (tmp_path / "never-written").exists()
    assert [p for p in temp_root.rglob("*") if p.is_file()] == []


def test_a_process_loads_the_assignment_once_per_batch(tmp_path: Path, monkeypatch):
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    shutil.copyfile(STRONG, class_dir / "a.ipynb")
    shipped = ship_entry(discover(class_dir).entries[0])
    loads: list[bool] = []
    monkeypatch.setattr(remote, "_LOADED", {})
    monkeypatch.setattr(remote, "load_state", lambda config, warm: loads.append(warm))
    monkeypatch.setattr(remote, "grade_into",
                        lambda entry, staging: JobOutcome(entry.name, "failed", 0.0, 0.0))
    config = WorkerConfig(tmp_path / "o", tmp_path / "t", "cnn-digits", False, ("md",))
    for batch_id in ("run-1", "run-1", "run-1", "run-2"):
        grade_remote(config, shipped, batch_id)
    assert loads == [False, False]  # once per batch, never with a warm kernel
