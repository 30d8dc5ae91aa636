"""One worker process of a batch: grades one entry at a time with ``grader grade``'s code path.

Each job is :func:`grader.pipeline.grade_path` into a staging folder, then the Gradescope
``results.json``, then a rename into ``OUT/<name>``. A worker leaves the terminal's process
group (Ctrl-C is the main process's to handle), stops with SIGTERM like ``grader grade`` does
(kernel, sandbox and temp folders cleaned up) and gets SIGTERM when the main process dies.
"""

from __future__ import annotations

import atexit
import ctypes
import dataclasses
import logging
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from grader.api import make_executor
from grader.batch.similarity import submission_texts
from grader.batch.workspace import publish, staging_dir
from grader.errors import GraderError
from grader.evidence.text.course import CourseText
from grader.execute.interrupt import Interrupted, stop_on_signals
from grader.pipeline import Assignment, RunOptions, grade_path, load_assignment
from grader.report.gradescope import write_gradescope_results
from grader.submission.discover import Entry

__all__ = ["JobOutcome", "WorkerConfig", "grade_entry", "grade_into", "init_worker", "load_state"]

log = logging.getLogger(__name__)

JobStatus = Literal["graded", "rejected", "failed", "interrupted"]
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class WorkerConfig:
    """What every worker needs (pickled once per worker)."""

    out_dir: Path
    temp_root: Path
    assignment_id: str | None
    run: bool
    formats: tuple[str, ...]
    class_text: CourseText | None = None
    data_dir: Path | None = None
    parent_pid: int = field(default_factory=os.getpid)
    """The batch process a local worker dies with (0: none, a Ray task's)."""


@dataclass(frozen=True)
class JobOutcome:
    """What a job sends back to the main process (plain data)."""

    name: str
    status: JobStatus
    started_at: float
    duration_s: float
    result: dict[str, Any] | None = None
    error_ko: str = ""
    reports: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    limits_hit: tuple[str, ...] = ()
    pid: int = 0


@dataclass
class _State:
    config: WorkerConfig
    assignment: Assignment
    options: RunOptions


_STATE: list[_State] = []


def init_worker(config: WorkerConfig) -> None:
    """Process-pool initializer: leave the terminal's signals, load the assignment once."""
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(config.parent_pid)
    load_state(config, warm=config.run)


def load_state(config: WorkerConfig, *, warm: bool) -> None:
    """Load the assignment, the class's course text and the executor for this process.

    ``warm``: each next submission's kernel is prepared while this one runs (a local worker's;
    a Ray task's process may sit idle between tasks, so it does not keep a kernel ready)."""
    work = config.temp_root / f"w{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir = str(work)  # grade_path's work copies land where the batch cleans up
    assignment = load_assignment(config.assignment_id, config.data_dir)
    if config.class_text:
        merged = assignment.course.merged(config.class_text) if assignment.course else None
        assignment = dataclasses.replace(assignment, course=merged or config.class_text)
    executor = make_executor(run=config.run, sandbox=True, assignment=assignment, warm=warm)
    prefetch = getattr(executor, "prefetch", None)
    if prefetch is not None:
        atexit.register(prefetch.close)
    options = RunOptions(executor=executor, formats=config.formats)
    _STATE[:] = [_State(config, assignment, options)]


def _die_with_parent(parent_pid: int) -> None:
    """SIGTERM this worker when the batch process dies (even by kill -9)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pool's own checks remain
        log.debug("prctl(PR_SET_PDEATHSIG) unavailable")
    if os.getppid() != parent_pid:
        os._exit(143)


def grade_entry(entry: Entry) -> JobOutcome:
    """Grade ``entry`` into ``OUT/<entry.name>`` (complete or not at all)."""
    out_dir = _STATE[0].config.out_dir
    final = out_dir / entry.name
    return grade_into(entry, staging_dir(out_dir, entry.name), lambda s: publish(s, final))


def grade_into(
    entry: Entry, staging: Path, finish: Callable[[Path], None] = lambda staging: None
) -> JobOutcome:
    """Grade ``entry`` into the empty folder ``staging``, then ``finish(staging)``; a failed
    or interrupted job removes ``staging`` and says why (plain data, never an exception)."""
    state = _STATE[0]
    started, clock = time.time(), time.monotonic()
    try:
        outcome = _grade(entry, state, staging, started, clock)
        finish(staging)
    except Interrupted:
        shutil.rmtree(staging, ignore_errors=True)
        if state.config.parent_pid and os.getppid() != state.config.parent_pid:
            os._exit(143)  # the batch is gone: nobody to answer
        return JobOutcome(entry.name, "interrupted", started, time.monotonic() - clock)
    except Exception as exc:  # a grader bug must not stop the class: it is listed instead
        shutil.rmtree(staging, ignore_errors=True)
        log.exception("grading %s failed", entry.name)
        message = exc.message_ko if isinstance(exc, GraderError) else f"채점 중 오류: {exc!r}"
        return JobOutcome(
            entry.name, "failed", started, time.monotonic() - clock, error_ko=message,
            pid=os.getpid(),
        )
    return outcome


def _grade(
    entry: Entry, state: _State, staging: Path, started: float, clock: float
) -> JobOutcome:
    source = _named_source(entry)
    try:
        with stop_on_signals():
            graded = grade_path(source, state.assignment, staging, state.options)
    finally:
        if source != Path(entry.path):
            shutil.rmtree(source.parent, ignore_errors=True)
    duration = time.monotonic() - clock
    write_gradescope_results(graded.result, staging, duration)
    reports = sorted(p.name for p in staging.iterdir() if p.is_file())
    result = graded.result
    return JobOutcome(
        name=entry.name,
        status="rejected" if result.mode is None else "graded",
        started_at=started,
        duration_s=duration,
        result=result.to_contract(),
        reports=tuple(f"{entry.name}/{r}" for r in reports),
        texts=submission_texts(graded.submission) if graded.submission else (),
        limits_hit=tuple(str(hit.code or hit.kind) for hit in result.limits_hit),
        pid=os.getpid(),
    )


def _named_source(entry: Entry) -> Path:
    """A file entry copied to ``<entry.name><suffix>`` so the report carries the entry's name
    (``cnn.ipynb`` of the LMS folder ``김민지``); a folder is graded where it is."""
    path = Path(entry.path)
    if entry.kind == "folder" or path.stem == entry.name:
        return path
    folder = Path(tempfile.mkdtemp(prefix="grader-entry-"))
    named = folder / f"{entry.name}{path.suffix.lower()}"
    shutil.copyfile(path, named)
    return named
