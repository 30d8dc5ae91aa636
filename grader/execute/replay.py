"""An executor that returns a stored :class:`Execution` (tests and re-scoring)."""

from __future__ import annotations

from pathlib import Path

from grader.execute.limits import ExecLimits
from grader.records.execution import Execution
from grader.records.submission import Submission
from grader.sandbox.base import Sandbox


class ReplayExecutor:
    """Replays an :class:`Execution` given as a record or as the path of its stored JSON."""

    sandbox: Sandbox | None = None

    def __init__(self, source: Path | Execution) -> None:
        self.execution = source if isinstance(source, Execution) else Execution.load(source)

    def run(self, submission: Submission, limits: ExecLimits | None = None) -> Execution:
        return self.execution
