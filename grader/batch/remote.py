"""The body of one Ray task: unpack a submission, grade it on this node, send the report back.

A task gets the entry with its files as data, so the class folder need not exist on the node,
and returns a :class:`RemoteOutcome`: the worker's :class:`JobOutcome` and the files of the
report folder. It never writes ``OUT`` or the gradebook; the driver does, once per submission,
so a task that Ray runs again (its node died) cannot leave a second row or half a report.
Imports no Ray: the function is shipped by reference and runs the local workers' code path.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from grader.batch.worker import JobOutcome, WorkerConfig, grade_into, load_state
from grader.errors import BatchError
from grader.submission.discover import Entry

__all__ = [
    "Files",
    "RemoteOutcome",
    "ShippedEntry",
    "grade_remote",
    "read_tree",
    "ship_entry",
    "write_tree",
]

Files = tuple[tuple[str, bytes], ...]
"""``(relative POSIX path, content)`` of every file of a folder, in path order."""


@dataclass(frozen=True)
class ShippedEntry:
    """An entry and its files: a file entry as one item, a folder under the folder's name."""

    entry: Entry
    files: Files


@dataclass(frozen=True)
class RemoteOutcome:
    """What a task sends back: the job and, when it was graded, the report folder's files."""

    job: JobOutcome
    files: Files = ()


def ship_entry(entry: Entry) -> ShippedEntry:
    """Read ``entry``'s file (or folder) for a task on another node."""
    path = Path(entry.path)
    if path.is_dir():
        return ShippedEntry(entry, tuple((f"{path.name}/{rel}", data)
                                         for rel, data in read_tree(path)))
    return ShippedEntry(entry, ((path.name, path.read_bytes()),))


def read_tree(folder: Path) -> Files:
    """Every file under ``folder`` (symbolic links are not followed)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return tuple((p.relative_to(folder).as_posix(), p.read_bytes()) for p in files)


def write_tree(files: Files, folder: Path) -> None:
    """Write ``files`` under ``folder``; a path that would leave it is refused."""
    for rel, data in files:
        parts = PurePosixPath(rel).parts
        if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
            raise BatchError(
                f"Ray 작업이 돌려준 파일 경로({rel})가 출력 폴더를 벗어납니다.",
                code="remote_path_unsafe",
            )
        target = folder.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


_LOADED: dict[str, str] = {}
"""``{"batch": id}`` of the batch this process has loaded (a task's config arrives as a new
object each time, so the id says whether it is the same batch)."""


def grade_remote(config: WorkerConfig, shipped: ShippedEntry, batch_id: str) -> RemoteOutcome:
    """Grade one shipped submission here; the assignment is loaded once per process and
    ``batch_id`` (one per batch run)."""
    if _LOADED.get("batch") != batch_id:
        load_state(config, warm=False)
        _LOADED["batch"] = batch_id
    work = Path(tempfile.mkdtemp(prefix="grader-task-"))
    try:
        source = work / "submission" / Path(shipped.entry.path).name
        source.parent.mkdir()
        write_tree(shipped.files, source.parent)
        if shipped.entry.kind == "folder":
            source.mkdir(exist_ok=True)
        entry = shipped.entry.model_copy(update={"path": str(source)})
        staging = work / "report"
        staging.mkdir()
        job = grade_into(entry, staging)
        graded = job.status in ("graded", "rejected")
        return RemoteOutcome(job, read_tree(staging) if graded else ())
    finally:
        shutil.rmtree(work, ignore_errors=True)
