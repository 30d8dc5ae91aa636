"""Stage 2: the executor seam and the stored-outputs executor.

Kept apart from :mod:`grader.execute.executor` so that stored-output grading (``grader check``)
never imports nbclient and jupyter_client.
"""

from __future__ import annotations

from typing import Protocol

from grader.execute.limits import ExecLimits
from grader.execute.stored import stored_execution
from grader.records.execution import Execution
from grader.records.submission import Submission
from grader.sandbox.base import Sandbox

__all__ = ["Executor", "StoredOutputsExecutor"]


class Executor(Protocol):
    """Turns a loaded submission into an :class:`Execution`; never raises for student code."""

    @property
    def sandbox(self) -> Sandbox | None:
        """Where the notebooks ran, so the app probe starts the apps there too (``None``:
        nothing runs, or kernels come from elsewhere, and apps are not probed)."""
        ...

    def run(self, submission: Submission, limits: ExecLimits | None = None) -> Execution:
        """``limits`` overrides the executor's own limits for this run."""
        ...


class StoredOutputsExecutor:
    """Judges the outputs saved in the notebooks (no code runs)."""

    sandbox: Sandbox | None = None

    def run(self, submission: Submission, limits: ExecLimits | None = None) -> Execution:
        return stored_execution(submission)
