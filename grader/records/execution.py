"""Executed (or stored) notebook outputs: stage 2 output."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from grader.records.app_result import AppResult
from grader.records.base import Record, RootRecord
from grader.records.trace import Trace

EvidenceMode = Literal["executed", "stored_outputs"]
OutputType = Literal["stream", "execute_result", "display_data", "error"]
ExecutionStatus = Literal[
    "completed", "interrupted", "kernel_failed", "limit_killed", "sandbox_unavailable"
]
"""How the execute stage ended: ``completed`` unless the notebooks could not be run at all."""
Fallback = Literal["none", "stored"]


class CellOutput(Record):
    """One output of a cell, reduced to what evidence extraction needs (capped)."""

    output_type: OutputType
    text: str = ""
    """Plain text (stream text, text/plain, or the error's ``ename: evalue``)."""
    html: str | None = None
    image_png: str | None = None
    """Base64 PNG (or JPEG converted label in ``image_mime``), capped in size."""
    image_mime: str | None = None


class Cell(Record):
    """A notebook cell as seen by the grader (0-based ``index`` in the student's notebook)."""

    index: int
    cell_type: Literal["code", "markdown", "raw"]
    source: str
    execution_count: int | None = None
    outputs: tuple[CellOutput, ...] = ()


class CellError(Record):
    """Where and why a notebook stopped."""

    cell_index: int
    ename: str
    evalue: str
    traceback_tail: str = ""
    """Last lines of the traceback, ANSI codes stripped."""


class StoredRun(Record):
    """How far a notebook saved with its outputs was run (stored-outputs mode only)."""

    counts_stripped: bool = False
    """Some code cells kept outputs without execution counts (a Colab/Drive export)."""
    recovered_errors: tuple[int, ...] = ()
    """Cells with an error output followed by cells that ran later (not a stop)."""
    stop_cell: int | None = None
    """The first error after which nothing ran."""
    stop_kind: Literal["none", "stopped", "at_end", "stale"] = "none"
    """``stopped``: later cells never ran; ``at_end``: the error is in the last code cell;
    ``stale``: later cells show outputs, but from before the error (lower counts)."""
    unrun_cells: tuple[int, ...] = ()
    """Code cells with work (not definitions, comments or blanks) that show no sign of a run."""
    broken_cells: tuple[int, ...] = ()
    """Code cells whose source does not parse and that have no output (a Run-All stops there)."""
    unrun_tail: int = 0
    """How many of those cells end the notebook with nothing run after them."""
    work_cells: int = 0
    """Code cells that are not blank (empty, comments only)."""


LimitCode = Literal[
    "TIME_LIMIT",
    "MEMORY_LIMIT",
    "DISK_LIMIT",
    "PROCESS_LIMIT",
    "OUTPUT_LIMIT",
    "NETWORK_BLOCKED",
    "KERNEL_DIED",
    "GPU_OOM",
    "OTHER_LIMIT",
]
"""Which limit, for machines (``result.json``) and the report's Korean text."""


class LimitHit(Record):
    """A resource limit the run reached."""

    kind: Literal[
        "cell_timeout",
        "total_timeout",
        "output_cap",
        "memory",
        "gpu_memory",
        "kernel_died",
        "other",
    ]
    cell_index: int | None = None
    limit: str = ""
    observed: str = ""
    code: LimitCode | None = None
    """Filled from ``kind`` and ``limit`` when not given."""

    @model_validator(mode="after")
    def _with_code(self) -> LimitHit:
        if self.code is None:
            object.__setattr__(self, "code", limit_code(self.kind, self.limit))
        return self


_OTHER_CODES: tuple[tuple[str, LimitCode], ...] = (
    ("disk", "DISK_LIMIT"),
    ("processes", "PROCESS_LIMIT"),
    ("CPU", "TIME_LIMIT"),
    ("network", "NETWORK_BLOCKED"),
)


def limit_code(kind: str, limit: str) -> LimitCode:
    """The reason code of a hit of ``kind`` (``other`` ones by the limit they name)."""
    fixed: dict[str, LimitCode] = {
        "cell_timeout": "TIME_LIMIT",
        "total_timeout": "TIME_LIMIT",
        "output_cap": "OUTPUT_LIMIT",
        "memory": "MEMORY_LIMIT",
        "gpu_memory": "GPU_OOM",
        "kernel_died": "KERNEL_DIED",
    }
    if kind in fixed:
        return fixed[kind]
    return next((code for prefix, code in _OTHER_CODES if limit.startswith(prefix)), "OTHER_LIMIT")


class ExecutedNotebook(Record):
    """One notebook after execution, or as submitted in stored-outputs mode."""

    path: str
    member: str | None = None
    cells: tuple[Cell, ...]
    error: CellError | None = None
    """First error that stopped (executed) or appears in (stored) the notebook."""
    ran_to_end: bool
    """True when every code cell ran (executed) or has been run without error (stored)."""
    never_run: bool = False
    """Stored mode: no code cell has an execution count (the notebook was never run)."""
    stored_run: StoredRun | None = None
    """Stored mode: stops, recovered errors and cells never run, as the outputs show them."""
    limit_hits: tuple[LimitHit, ...] = ()
    duration_s: float | None = None
    trace: Trace | None = None
    """What the in-kernel recorder saw (executed mode with recording on); untrusted data."""


class Execution(RootRecord):
    """Result of the execute stage for a whole submission."""

    mode: EvidenceMode
    notebooks: tuple[ExecutedNotebook, ...]
    sandboxed: bool = False
    warnings_ko: tuple[str, ...] = ()
    apps: tuple[AppResult, ...] = ()
    """What the app probe saw (``--run`` with a sandbox only; empty otherwise)."""
    status: ExecutionStatus = "completed"
    """Whether the requested execution happened and finished (stored mode: ``completed``)."""
    status_reason_ko: str = ""
    """Why it did not complete, in Korean (empty when completed)."""
    fallback: Fallback = "none"
    """``stored``: execution failed and the stored outputs were graded instead (asked for)."""

    @property
    def completed(self) -> bool:
        return self.status == "completed"
