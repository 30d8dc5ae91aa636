"""Stage 2: run the notebooks (or read their stored outputs) into an Execution."""

from grader.execute.executor import Executor, NbclientExecutor, StoredOutputsExecutor
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
