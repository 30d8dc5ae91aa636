"""A whole ``grader batch`` run: discover, match the roster, grade, write the class report.

Also :func:`rebuild_summary` (``grader batch summary OUT``), which needs nothing but the
gradebook: the rows hold each result and the text compared for similarity, the last run
holds the entry list and the roster gaps.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from grader.api import make_executor
from grader.batch.class_report import ClassContext, write_class_report
from grader.batch.gradebook import GRADEBOOK_FILE, Gradebook, GradebookRow, GradeKey
from grader.batch.ray_backend import RayScheduler, RaySession
from grader.batch.roster import RosterMatch, match_roster, read_roster
from grader.batch.runner import (
    BatchOutcome,
    Done,
    Listener,
    SchedulerFactory,
    StopRequest,
    default_jobs,
    run_batch,
)
from grader.batch.similarity import SubmissionText, boilerplate_lines, find_similar
from grader.batch.worker import WorkerConfig
from grader.batch.workspace import batch_lock, clean_leftovers, temp_root
from grader.errors import BatchError
from grader.evidence.text.class_text import class_course_text
from grader.pipeline import Assignment, load_assignment
from grader.submission.discover import Discovery, Entry, Student, discover

__all__ = ["Backend", "BatchOptions", "ClassRun", "grade_class", "rebuild_summary"]

Backend = Literal["local", "ray"]


@dataclass(frozen=True)
class BatchOptions:
    """``grader batch``'s arguments."""

    class_dir: Path
    out_dir: Path
    assignment_id: str | None
    run: bool = False
    jobs: int | None = None
    roster: Path | None = None
    force: bool = False
    formats: tuple[str, ...] = ("md", "html", "json")
    data_dir: Path | None = None
    backend: Backend = "local"
    """``local``: worker processes on this machine; ``ray``: one Ray task per submission."""
    address: str | None = None
    """The Ray cluster (``auto``, ``ray://HOST:PORT``); ``None`` starts a local Ray."""


@dataclass
class ClassRun:
    """What a batch did."""

    outcome: BatchOutcome
    jobs: int
    discovery: Discovery
    roster: RosterMatch | None = None
    cleaned: list[Path] = field(default_factory=list)
    reports: list[Path] = field(default_factory=list)
    ungraded: list[GradebookRow] = field(default_factory=list)
    """Rows of this class that failed or whose submission could not be opened."""


def grade_class(options: BatchOptions, listener: Listener) -> ClassRun:
    """Grade every entry of ``options.class_dir`` that the gradebook lacks; write the report.

    Raises :class:`GraderError` (Korean) before anything is graded when the class folder,
    roster, assignment, course kernel, sandbox or Ray cluster cannot be used."""
    discovery, roster, entries, assignment = _prepare(options)
    mode = "executed" if options.run else "stored_outputs"
    keys = {e.name: GradeKey.of(e, assignment, mode) for e in entries}
    out = options.out_dir.resolve()
    with ExitStack() as stack:
        session = _ray_session(options, stack)
        jobs = options.jobs or (session.cpus() if session else default_jobs(assignment,
                                                                             options.run))
        stack.enter_context(batch_lock(out))
        gradebook = stack.enter_context(Gradebook(out))
        cleaned = clean_leftovers(out)
        context = _context(entries, discovery, roster)
        run_id = gradebook.start_run(options.class_dir.resolve(), mode, jobs, len(entries),
                                     context)
        config = WorkerConfig(
            out_dir=out, temp_root=temp_root(out), assignment_id=options.assignment_id,
            run=options.run, formats=options.formats,
            class_text=class_course_text([Path(e.path) for e in entries]) or None,
            data_dir=assignment.data_dir,
        )
        scheduler = _ray_scheduler(session, config, assignment, jobs, listener) if session \
            else None
        try:
            outcome = run_batch(entries, keys, gradebook, run_id, config, jobs=jobs,
                                force=options.force, listener=listener, scheduler=scheduler)
        finally:
            clean_leftovers(out)
        gradebook.finish_run(run_id, outcome.counts,
                             "interrupted" if outcome.interrupted else "done")
        rows = gradebook.rows([e.name for e in entries])
        reports = _write_report(rows, out, context, assignment)
    ungraded = [row for row in rows if row.status != "graded"]
    return ClassRun(outcome, jobs, discovery, roster, cleaned, reports, ungraded)


def _prepare(
    options: BatchOptions,
) -> tuple[Discovery, RosterMatch | None, Sequence[Entry], Assignment]:
    """The class's entries (roster-matched) and the assignment; the kernel and sandbox probed."""
    discovery = discover(options.class_dir)
    if not discovery.entries:
        raise BatchError(
            f"반 폴더({options.class_dir})에 제출물(.ipynb, .zip, 폴더)이 없습니다.",
            code="class_dir_empty",
        )
    roster = _roster(options.roster, discovery.entries)
    entries = roster.entries if roster else discovery.entries
    assignment = load_assignment(options.assignment_id, options.data_dir)
    make_executor(run=options.run, sandbox=True, assignment=assignment)  # kernel, sandbox
    return discovery, roster, entries, assignment


def _ray_session(options: BatchOptions, stack: ExitStack) -> RaySession | None:
    if options.backend != "ray":
        return None
    return stack.enter_context(RaySession(options.address))


def _ray_scheduler(
    session: RaySession, config: WorkerConfig, assignment: Assignment, jobs: int,
    listener: Listener,
) -> SchedulerFactory:
    """Ray tasks, ``jobs`` in flight; a task has no parent process to die with."""
    resources = session.resources(assignment, config.run)
    remote_config = dataclasses.replace(config, parent_pid=0)

    def build(stop: StopRequest, done: Done) -> RayScheduler:
        return RayScheduler(session.ray, remote_config, resources, jobs, stop, listener, done)

    return build


def _roster(path: Path | None, entries: Sequence[Entry]) -> RosterMatch | None:
    return match_roster(entries, read_roster(path)) if path is not None else None


def _context(
    entries: Sequence[Entry], discovery: Discovery, roster: RosterMatch | None
) -> dict[str, Any]:
    return {
        "entries": [e.name for e in entries],
        "skipped": list(discovery.skipped),
        "unmatched": list(roster.unmatched_entries) if roster else [],
        "missing": [s.model_dump() for s in roster.missing_students] if roster else [],
    }


def _write_report(
    rows: Sequence[GradebookRow], out: Path, context: dict[str, Any], assignment: Assignment
) -> list[Path]:
    texts = [
        SubmissionText(row.name, row.entry.content_hash, row.texts)
        for row in rows
        if row.status != "failed"
    ]
    similar = find_similar(texts, boilerplate_lines(assignment))
    class_context = ClassContext(
        similar=similar,
        unmatched=context.get("unmatched", []),
        missing=[Student.model_validate(s) for s in context.get("missing", [])],
        skipped=context.get("skipped", []),
        title=assignment.title,
    )
    return write_class_report(rows, out, class_context)


def rebuild_summary(out_dir: Path) -> list[Path]:
    """Write the class report of ``out_dir`` again from its gradebook alone."""
    if not (out_dir / GRADEBOOK_FILE).is_file():
        raise BatchError(
            f"{out_dir}에 채점 기록({GRADEBOOK_FILE})이 없습니다. 먼저 grader batch로 "
            "채점하세요.",
            code="gradebook_missing",
        )
    with Gradebook(out_dir) as gradebook:
        last = gradebook.last_run()
        context = last["context"] if last else {}
        names = context.get("entries")
        rows = gradebook.rows(names) if names else gradebook.rows()
        assignment_id = next(
            (row.result.get("assignment_id") for row in rows if row.result), None
        )
        return _write_report(rows, out_dir, context, load_assignment(assignment_id))
