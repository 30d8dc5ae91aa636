"""The programmatic API behind the CLI: grade and check. No argv, no printing."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from grader.assignments.data import require_data
from grader.errors import ExecutionError
from grader.evidence.text.class_text import class_course_text
from grader.execute.base import Executor, StoredOutputsExecutor
from grader.execute.limits import NO_OVERRIDES, ExecLimits, LimitOverrides, RunLimits
from grader.pipeline import Assignment, Graded, RunOptions, grade_path, load_assignment
from grader.records.execution import Execution, Fallback
from grader.records.submission import Submission
from grader.report.summary import write_class_summary
from grader.sandbox.base import Sandbox
from grader.sandbox.none import NoSandboxWarning
from grader.submission.discover import refuse_class_folder

__all__ = ["UnsandboxedExecutionWarning", "check", "grade", "make_executor", "report_dir_names"]


UnsandboxedExecutionWarning = NoSandboxWarning
"""Student code is about to run with the grader's own rights (``--no-sandbox``)."""


def make_executor(
    *,
    run: bool,
    sandbox: bool,
    assignment: Assignment,
    limits: RunLimits | None = None,
    overrides: LimitOverrides = NO_OVERRIDES,
    warm: bool = False,
) -> Executor:
    """Stored outputs unless ``run``; running needs the sandbox unless ``sandbox`` is False.

    ``warm`` (a batch worker's): each next submission's kernel is prepared while the current
    one runs, with the pack's framework imported (:mod:`grader.execute.warm`); not for a pack
    that needs a GPU (an idle warm kernel would hold a GPU share another notebook could use).

    Limits are the pack's (or ``limits``), with ``overrides`` (the CLI's) winning.

    The pack's mounted datasets must be in ``assignment.data_dir`` (:class:`DataError` names
    what is missing); it is bound read-only at ``/data`` (``GRADER_DATA``) for the notebooks.

    The course kernel must be built (:class:`KernelEnvError` says how) and the backend
    (``bwrap``, or ``none`` with :class:`UnsandboxedExecutionWarning`) is probed once here:
    when bubblewrap cannot run, :class:`SandboxError` says in Korean how to install it. GPUs
    found on the host are leased to assignments that need one.
    """
    if not run:
        return StoredOutputsExecutor()
    # Imported here for start-up time: only executed grading loads nbclient and the sandbox.
    from grader.execute.sandboxed import SandboxedExecutor
    from grader.execute.warm import KernelPrefetcher
    from grader.kernels import kernel_python
    from grader.sandbox import GpuLeasePool, discover_gpus, get_backend

    if assignment.pack is not None:
        require_data(assignment.pack, assignment.data_dir)
    spec = assignment.pack.spec if assignment.pack else None
    if limits is None:
        limits = RunLimits.resolve(spec.limits if spec else None, overrides)
    else:
        limits = limits.overridden(overrides)
    gpus = (
        GpuLeasePool(discover_gpus(), job_memory_mib=spec.gpu_memory_mb)
        if sandbox and spec and spec.gpu
        else None
    )
    backend = get_backend(
        "bwrap" if sandbox else "none",
        limits=limits.sandbox,
        gpus=gpus,
        python=kernel_python(spec),
        data_dir=assignment.data_dir,
    )
    backend.probe()
    framework = spec.framework if spec else None
    prefetch = KernelPrefetcher(backend, framework) if warm and gpus is None else None
    return SandboxedExecutor(backend, limits.exec, prefetch=prefetch)


class UnavailableExecutor:
    """``--run --fallback stored`` without a usable sandbox: every run fails with the reason."""

    sandbox: Sandbox | None = None

    def __init__(self, error: ExecutionError) -> None:
        self.error = error

    def run(self, submission: Submission, limits: ExecLimits | None = None) -> Execution:
        raise self.error


def grade(
    paths: Sequence[Path],
    assignment_id: str | None,
    out_dir: Path,
    *,
    run: bool = False,
    sandbox: bool = True,
    formats: tuple[str, ...] = ("md", "html", "json"),
    templates: tuple[Path, ...] = (),
    fallback: Fallback = "none",
    overrides: LimitOverrides = NO_OVERRIDES,
    data_dir: Path | None = None,
) -> list[Graded]:
    """Grade each submission into ``out_dir/<name>/`` (reports, result.json, records); with
    several, also ``out_dir/class_summary.md`` and ``class_summary.csv``.

    ``fallback="stored"``: when execution fails, grade the stored outputs (the report says so).
    ``overrides``: execution limits that win over the pack's.
    ``data_dir``: the instructor's data directory (the pack's mounted datasets).
    A folder holding a whole class is refused (:class:`SubmissionError`: use ``grader batch``)."""
    for path in paths:
        refuse_class_folder(path)
    assignment = with_class_text(load_assignment(assignment_id, data_dir), paths)
    try:
        executor = make_executor(
            run=run, sandbox=sandbox, assignment=assignment, overrides=overrides
        )
    except ExecutionError as exc:
        if fallback != "stored":
            raise
        executor = UnavailableExecutor(exc)
    options = RunOptions(executor=executor, formats=formats, templates=templates, fallback=fallback)
    names = report_dir_names(paths)
    graded = [
        grade_path(path, assignment, out_dir / name, options)
        for path, name in zip(paths, names, strict=True)
    ]
    if len(graded) > 1:
        write_class_summary([g.result for g in graded], out_dir)
    return graded


def with_class_text(assignment: Assignment, paths: Sequence[Path]) -> Assignment:
    """The assignment with the prose many of ``paths`` share added to its course text."""
    shared = class_course_text(paths)
    if not shared:
        return assignment
    course = assignment.course.merged(shared) if assignment.course else shared
    return dataclasses.replace(assignment, course=course)


def check(
    path: Path, assignment_id: str | None, out_dir: Path, data_dir: Path | None = None
) -> Graded:
    """Student mode: judge stored outputs quickly; writes the Markdown report only."""
    assignment = load_assignment(assignment_id, data_dir)
    options = RunOptions(formats=("md", "json"), keep_records=False)
    return grade_path(path, assignment, out_dir, options)


def report_dir_names(paths: Iterable[Path]) -> list[str]:
    """One safe, unique folder name per submission path."""
    names: list[str] = []
    for path in paths:
        base = re.sub(r"[^\w.-]+", "_", path.stem if path.is_file() else path.name) or "submission"
        name, n = base, 2
        while name in names:
            name, n = f"{base}-{n}", n + 1
        names.append(name)
    return names
