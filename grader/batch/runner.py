"""Grade a class with N worker processes; resume from the gradebook; stop cleanly on Ctrl-C.

Entries whose gradebook row matches their key are reused; the rest go to a process pool a
few at a time, so that the first Ctrl-C only stops scheduling and lets the running jobs
finish, and the second sends the workers SIGTERM (``grader grade``'s clean stop). A row is
written as soon as its job returns, so ``kill -9`` loses at most the jobs in flight.
"""

from __future__ import annotations

import inspect
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Protocol

from grader.batch.gradebook import Gradebook, GradebookRow, GradeKey, RunCounts
from grader.batch.worker import JobOutcome, JobStatus, WorkerConfig, grade_entry, init_worker
from grader.pipeline import Assignment
from grader.sandbox import BwrapSandbox, SandboxLimits
from grader.submission.discover import Entry

__all__ = [
    "BatchOutcome", "Done", "Listener", "Scheduler", "SchedulerFactory", "StopRequest",
    "default_jobs", "run_batch",
]

KILL_GRACE_S = 20.0
"""After the second Ctrl-C, how long workers get to clean up before SIGKILL."""


class Listener(Protocol):
    """What the runner tells the progress display."""

    def begin(self, total: int, reused: int) -> None: ...
    def started(self, entry: Entry) -> None: ...
    def finished(self, row: GradebookRow) -> None: ...
    def stopping(self, hard: bool) -> None: ...


class Scheduler(Protocol):
    """Grades the entries of ``todo`` (popping them), calling ``done`` for each result."""

    def run(self, todo: deque[Entry]) -> None: ...


Done = Callable[[JobOutcome, Entry], None]
"""Records the row of one finished job (its report folder is in ``OUT`` already)."""


@dataclass
class StopRequest:
    """Set by the signal handler: ``soft`` stops scheduling, ``hard`` stops the workers."""

    signum: int = 0
    soft: bool = False
    hard: bool = False


SchedulerFactory = Callable[[StopRequest, Done], Scheduler]
"""Builds the scheduler of one run from the stop request and the ``done`` callback."""


@dataclass
class BatchOutcome:
    """How the run went."""

    counts: RunCounts
    failed: list[GradebookRow] = field(default_factory=list)
    not_started: list[str] = field(default_factory=list)
    signum: int = 0

    @property
    def interrupted(self) -> bool:
        return self.signum != 0


def default_jobs(assignment: Assignment, run: bool) -> int:
    """Cores; with ``run`` also at most the sandbox slots and free RAM / the pack's memory."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = cores or 1
    if run:
        spec = assignment.pack.spec if assignment.pack else None
        memory = spec.limits.memory_mb if spec else SandboxLimits().memory_mib
        jobs = min(jobs, _sandbox_slots(), max(1, available_mib() // max(1, memory)))
    return max(1, jobs)


def _sandbox_slots() -> int:
    default = inspect.signature(BwrapSandbox).parameters["slots"].default
    return int(default)


def available_mib() -> int:
    """MemAvailable from /proc/meminfo (free pages where that is missing)."""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // (1 << 20)


def run_batch(
    entries: Sequence[Entry],
    keys: dict[str, GradeKey],
    gradebook: Gradebook,
    run_id: int,
    config: WorkerConfig,
    *,
    jobs: int,
    force: bool,
    listener: Listener,
    scheduler: SchedulerFactory | None = None,
) -> BatchOutcome:
    """Grade what the gradebook lacks (everything with ``force``), ``jobs`` at a time.

    ``scheduler`` runs the jobs (default: local worker processes; ``--backend ray``: Ray
    tasks); whichever it is, only this process writes the gradebook, one row per result."""
    todo = deque(e for e in entries if force or not _reusable(gradebook, e, keys[e.name], config))
    outcome = BatchOutcome(RunCounts(total=len(entries), reused=len(entries) - len(todo)))
    listener.begin(len(entries), outcome.counts.reused)
    stop = StopRequest()

    def done(job: JobOutcome, entry: Entry) -> None:
        if job.status == "interrupted":
            outcome.not_started.append(entry.name)
            return
        row = _row(job, entry, keys)
        gradebook.record(row, keys[entry.name], run_id)
        _count(outcome, row)
        listener.finished(row)

    with _signals(stop, listener):
        if scheduler is None:
            _Scheduler(config, jobs, stop, listener, done).run(todo)
        else:
            scheduler(stop, done).run(todo)
    outcome.not_started += [e.name for e in todo]
    outcome.signum = stop.signum
    return outcome


def _reusable(gradebook: Gradebook, entry: Entry, key: GradeKey, config: WorkerConfig) -> bool:
    row = gradebook.reusable(entry.name, key)
    return row is not None and (config.out_dir / entry.name / "result.json").is_file()


class _Scheduler:
    """At most ``jobs`` entries in the pool at once; a broken pool is replaced."""

    def __init__(
        self,
        config: WorkerConfig,
        jobs: int,
        stop: StopRequest,
        listener: Listener,
        done: Done,
    ) -> None:
        self.config, self.jobs, self.stop = config, jobs, stop
        self.listener, self.done = listener, done
        self.running: dict[Future[JobOutcome], Entry] = {}
        self.killed_at: float | None = None
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(self.config,),
        )

    def run(self, todo: deque[Entry]) -> None:
        try:
            while (todo and not self.stop.soft) or self.running:
                self._fill(todo)
                finished, _ = wait(self.running, timeout=0.2, return_when=FIRST_COMPLETED)
                self._enforce_stop()
                broken = False
                for future in finished:
                    entry = self.running.pop(future)
                    job, lost = self._outcome(future, entry)
                    broken = broken or lost
                    self.done(job, entry)
                if broken and not self.stop.hard:
                    self.pool.shutdown(wait=False, cancel_futures=True)
                    self.pool = self._new_pool()
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def _fill(self, todo: deque[Entry]) -> None:
        while todo and not self.stop.soft and len(self.running) < self.jobs:
            entry = todo.popleft()
            self.running[self.pool.submit(grade_entry, entry)] = entry
            self.listener.started(entry)

    def _enforce_stop(self) -> None:
        if self.stop.hard and self.killed_at is None:
            self.killed_at = time.monotonic()
            _signal_workers(signal.SIGTERM)
        if self.killed_at is not None and time.monotonic() - self.killed_at > KILL_GRACE_S:
            _signal_workers(signal.SIGKILL)

    def _outcome(self, future: Future[JobOutcome], entry: Entry) -> tuple[JobOutcome, bool]:
        """The job's outcome, and whether its worker died (the pool is then broken)."""
        try:
            return future.result(), False
        except BrokenProcessPool:
            status: JobStatus = "interrupted" if self.stop.hard else "failed"
            job = JobOutcome(
                entry.name, status, time.time(), 0.0,
                error_ko="채점 작업 프로세스가 비정상적으로 끝났습니다 (메모리 부족 등).",
            )
            return job, True


def _count(outcome: BatchOutcome, row: GradebookRow) -> None:
    counts = outcome.counts
    if row.status == "failed":
        outcome.failed.append(row)
    failed = counts.failed + (row.status == "failed")
    graded = counts.graded + (row.status != "failed")
    outcome.counts = RunCounts(counts.total, graded, counts.reused, failed)


def _row(job: JobOutcome, entry: Entry, keys: dict[str, GradeKey]) -> GradebookRow:
    return GradebookRow(
        name=entry.name,
        key=keys[entry.name].digest(),
        entry=entry,
        status="failed" if job.status == "interrupted" else job.status,
        result=job.result,
        error_ko=job.error_ko,
        started_at=job.started_at,
        duration_s=job.duration_s,
        limits_hit=job.limits_hit,
        reports=job.reports,
        texts=job.texts,
    )


def _signal_workers(signum: int) -> None:
    for child in multiprocessing.active_children():
        if child.pid is not None:
            try:
                os.kill(child.pid, signum)
            except ProcessLookupError:
                continue


@contextmanager
def _signals(stop: StopRequest, listener: Listener) -> Iterator[None]:
    """First SIGINT: stop scheduling; second SIGINT or SIGTERM: stop the workers too."""

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.signum = stop.signum or signum
        hard = stop.soft or signum == signal.SIGTERM
        stop.soft = True
        if hard and not stop.hard:
            stop.hard = True
        listener.stopping(stop.hard)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
