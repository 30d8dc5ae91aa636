"""Stage 2: the nbclient executor (the seam and the stored-outputs one: :mod:`.base`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import nbformat

from grader.execute.base import Executor, StoredOutputsExecutor
from grader.execute.convert import convert_notebook
from grader.execute.inject import Recording
from grader.execute.interrupt import run_async
from grader.execute.kernel_run import KernelManagerFactory, run_notebook
from grader.execute.limits import DEFAULT_EXEC_LIMITS, ExecLimits
from grader.execute.warm import WarmKernel
from grader.records.execution import ExecutedNotebook, Execution
from grader.records.submission import NotebookFile, Submission
from grader.sandbox.base import Sandbox
from grader.sandbox.local import local_kernel_manager

__all__ = ["ExecLimits", "Executor", "NbclientExecutor", "StoredOutputsExecutor"]

EXECUTED_SUFFIX = ".executed"

WarmClaim = Callable[[Path], WarmKernel | None]
"""Given the folder a notebook runs in, a prepared kernel for it (or ``None``)."""

_UNSANDBOXED_KO = (
    "이 제출물은 샌드박스 없이 실행되었습니다(신뢰할 수 있는 코드에만 쓰는 방식입니다)."
)


class NbclientExecutor:
    """Runs every notebook of a submission in its own Jupyter kernel through nbclient.

    Not sandboxed by itself: ``kernel_manager_factory`` is the seam where a sandbox supplies
    kernels that start inside it (and then passes ``sandboxed=True``). Each notebook runs in
    its folder of the submission copy; the executed notebooks are saved to ``output_dir``
    (default: ``<root>.executed/`` beside the submission copy) for instructors.
    """

    def __init__(
        self,
        limits: ExecLimits = DEFAULT_EXEC_LIMITS,
        *,
        kernel_manager_factory: KernelManagerFactory = local_kernel_manager,
        sandboxed: bool = False,
        output_dir: Path | None = None,
        record: bool = True,
        warm: WarmClaim | None = None,
    ) -> None:
        self.sandbox: Sandbox | None = None
        self.limits = limits
        self.kernel_manager_factory = kernel_manager_factory
        self.sandboxed = sandboxed
        self.output_dir = output_dir
        self.record = record
        """Inject the experiment recorder into each kernel (see docs/recorder.md)."""
        self.warm = warm
        """Hands out a kernel already started (recorder in) for a notebook run in ``cwd``."""

    def run(self, submission: Submission, limits: ExecLimits | None = None) -> Execution:
        """Execute each notebook; raises :class:`ExecutionError` only if no kernel can run."""
        limits = limits or self.limits
        notebooks = tuple(self._run_one(submission, nb, limits) for nb in submission.notebooks)
        return Execution(
            mode="executed",
            notebooks=notebooks,
            sandboxed=self.sandboxed,
            warnings_ko=() if self.sandboxed else (_UNSANDBOXED_KO,),
        )

    def executed_path(self, submission: Submission, notebook: NotebookFile) -> Path:
        """Where the executed copy of ``notebook`` is saved."""
        root = Path(submission.root)
        base = self.output_dir or root.with_name(root.name + EXECUTED_SUFFIX)
        return base.joinpath(*PurePosixPath(notebook.path).parts)

    def _run_one(
        self, submission: Submission, notebook: NotebookFile, limits: ExecLimits
    ) -> ExecutedNotebook:
        cwd = Path(submission.root).joinpath(*PurePosixPath(notebook.path).parent.parts)
        nb = nbformat.from_dict(notebook.content)  # type: ignore[no-untyped-call]
        warm = self.warm(cwd) if self.warm else None
        factory = self.kernel_manager_factory
        if warm is not None:
            recording: Recording | None = warm.recording
            before = None
            factory = _given(warm.km)
        else:
            recording = Recording(cwd) if self.record else None
            before = recording.install if recording else None
        try:
            run = run_async(run_notebook(nb, cwd, limits, factory, before))
            trace = recording.collect(nb) if recording else None
        finally:
            if recording:
                recording.discard()
        self._save(nb, self.executed_path(submission, notebook))
        converted = convert_notebook(nb, path=notebook.path, member=notebook.member)
        return converted.model_copy(
            update={
                "error": run.stop or converted.error,
                "ran_to_end": run.stop is None,
                "never_run": False,
                "limit_hits": tuple(run.limit_hits),
                "duration_s": round(run.duration_s, 3),
                "trace": trace,
            }
        )

    @staticmethod
    def _save(nb: nbformat.NotebookNode, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)  # type: ignore[no-untyped-call]


def _given(km: Any) -> KernelManagerFactory:
    """A factory handing out ``km`` (a warm kernel's manager)."""
    return lambda cwd: km
