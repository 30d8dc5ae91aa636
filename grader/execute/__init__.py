"""Stage 2: run the notebooks (or read their stored outputs) into an Execution."""

from __future__ import annotations

from typing import Any

from grader.execute.base import Executor, StoredOutputsExecutor
from grader.execute.limits import ExecLimits
from grader.execute.replay import ReplayExecutor
from grader.execute.stored import stored_execution

__all__ = [
    "ExecLimits",
    "Executor",
    "NbclientExecutor",
    "ReplayExecutor",
    "StoredOutputsExecutor",
    "stored_execution",
]


def __getattr__(name: str) -> Any:
    """``NbclientExecutor`` on first use: importing it loads nbclient (start-up time)."""
    if name == "NbclientExecutor":
        # Imported here for start-up time: stored-output grading never loads nbclient.
        from grader.execute.executor import NbclientExecutor

        return NbclientExecutor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
