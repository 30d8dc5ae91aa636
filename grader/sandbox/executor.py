"""The nbclient executor with kernels from a :class:`Sandbox` (one sandbox per submission)."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

from grader.execute.executor import NbclientExecutor
from grader.execute.limits import DEFAULT_EXEC_LIMITS, ExecLimits
from grader.records.execution import Execution
from grader.records.submission import Submission
from grader.sandbox.base import Sandbox


class SandboxedExecutor(NbclientExecutor):
    """Each notebook's kernel runs in ``sandbox`` with the submission copy as its work folder."""

    def __init__(
        self,
        sandbox: Sandbox,
        limits: ExecLimits = DEFAULT_EXEC_LIMITS,
        *,
        output_dir: Path | None = None,
    ) -> None:
        super().__init__(limits, sandboxed=sandbox.sandboxed, output_dir=output_dir)
        self.sandbox = sandbox

    def run(self, submission: Submission, limits: ExecLimits | None = None) -> Execution:
        """Bind the kernel factory to this submission's root, on a copy (thread-safe)."""
        bound = copy.copy(self)
        bound.kernel_manager_factory = functools.partial(
            self.sandbox.kernel_manager, Path(submission.root).resolve()
        )
        return NbclientExecutor.run(bound, submission, limits)
