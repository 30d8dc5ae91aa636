"""The executor of ``--run``: nbclient with every kernel started by a :class:`Sandbox`."""

from __future__ import annotations

import functools
from pathlib import Path

from grader.execute.executor import NbclientExecutor, WarmClaim
from grader.execute.limits import DEFAULT_EXEC_LIMITS, ExecLimits
from grader.execute.warm import KernelPrefetcher, WarmKernel
from grader.records.execution import Execution
from grader.records.submission import NotebookFile, Submission
from grader.sandbox.base import Sandbox

__all__ = ["SandboxedExecutor"]


class SandboxedExecutor:
    """Each notebook's kernel runs in ``sandbox`` with the submission copy as its work folder.

    Composes an :class:`NbclientExecutor` per run whose kernel factory is bound to that
    submission's root, so one executor serves submissions in parallel threads. The app probe
    reuses :attr:`sandbox` (any backend, ``none`` included).

    ``prefetch`` (a batch worker's): the next submission's kernel starts while this one runs;
    load it into :meth:`reserve_root` and its first notebook runs in that kernel."""

    def __init__(
        self,
        sandbox: Sandbox,
        limits: ExecLimits = DEFAULT_EXEC_LIMITS,
        *,
        output_dir: Path | None = None,
        prefetch: KernelPrefetcher | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.limits = limits
        self.output_dir = output_dir
        self.prefetch = prefetch

    def reserve_root(self) -> Path | None:
        """Where to load the next submission so it finds its kernel warm (``None``: nowhere)."""
        return self.prefetch.reserve_root() if self.prefetch else None

    @property
    def sandboxed(self) -> bool:
        """False only for the ``none`` backend."""
        return self.sandbox.sandboxed

    def run(self, submission: Submission, limits: ExecLimits | None = None) -> Execution:
        """Run every notebook with kernels of the sandbox, bound to this submission's root."""
        return self._inner(submission, self._claim_once(submission)).run(submission, limits)

    def executed_path(self, submission: Submission, notebook: NotebookFile) -> Path:
        """Where the executed copy of ``notebook`` is saved."""
        return self._inner(submission).executed_path(submission, notebook)

    def _inner(self, submission: Submission, warm: WarmClaim | None = None) -> NbclientExecutor:
        factory = functools.partial(self.sandbox.kernel_manager, Path(submission.root).resolve())
        return NbclientExecutor(
            self.limits,
            kernel_manager_factory=factory,
            sandboxed=self.sandbox.sandboxed,
            output_dir=self.output_dir,
            warm=warm,
        )

    def _claim_once(self, submission: Submission) -> WarmClaim | None:
        """The warm kernel, for the submission's first notebook only."""
        prefetch = self.prefetch
        if prefetch is None:
            return None
        root = Path(submission.root)
        claimed: list[bool] = []

        def claim(cwd: Path) -> WarmKernel | None:
            if claimed:
                return None
            claimed.append(True)
            return prefetch.claim(root, cwd)

        return claim
