"""The ``none`` backend: the grader's own rights, for trusted reference solutions only."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

from grader.kernels import kernel_python
from grader.sandbox.base import DEFAULT_SANDBOX_LIMITS, CommandResult, SandboxLimits
from grader.sandbox.gpu import GpuLeasePool
from grader.sandbox.service import Service, popen, relay_command

UNSANDBOXED_KO = (
    "--no-sandbox: 노트북 코드가 채점기와 같은 권한으로 실행됩니다. "
    "신뢰할 수 있는 참고 답안에만 쓰세요."
)


class NoSandboxWarning(UserWarning):
    """The ``none`` backend was chosen: code runs with the grader's own rights."""


class NoSandbox:
    """Runs kernels and commands directly; warns loudly when created."""

    name = "none"
    sandboxed = False

    def __init__(
        self,
        limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
        *,
        python: Path | None = None,
        gpus: GpuLeasePool | None = None,
        data_dir: Path | None = None,
        stacklevel: int = 2,
    ) -> None:
        """``limits`` and ``gpus`` are taken as every backend takes them and not enforced:
        this backend has no limits but the executor's time limits (and leases no GPU).
        ``data_dir`` is not mounted anywhere: code finds it through ``GRADER_DATA``."""
        warnings.warn(UNSANDBOXED_KO, NoSandboxWarning, stacklevel=stacklevel + 1)
        self.limits = limits
        self._python = python
        self.env = {"GRADER_DATA": str(data_dir.resolve())} if data_dir else {}

    @property
    def python(self) -> Path:
        """The course kernel's Python (found when first needed)."""
        if self._python is None:
            self._python = kernel_python(None)
        return self._python

    def probe(self) -> None:
        """Always usable."""

    def kernel_manager(self, root: Path, cwd: Path) -> object:
        """A plain local kernel (``cwd`` is where nbclient starts it)."""
        # Imported here for start-up time: jupyter_client loads only when a kernel starts.
        from grader.sandbox.local import local_kernel_manager

        return local_kernel_manager(cwd, self.python, self.env)

    def run_command(
        self, argv: Sequence[str], root: Path, cwd: Path, *, timeout_s: float
    ) -> CommandResult:
        """Run ``argv`` in ``cwd`` with the grader's environment."""
        try:
            done = subprocess.run(
                list(argv),
                cwd=cwd,
                env={**os.environ, **self.env},
                capture_output=True,
                text=True,
                timeout=timeout_s,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            return CommandResult(None, _str(exc.stdout), _str(exc.stderr), timed_out=True)
        return CommandResult(done.returncode, done.stdout, done.stderr)

    def start_service(
        self,
        argv: Sequence[str],
        root: Path,
        cwd: Path,
        *,
        env: Mapping[str, str] | None = None,
    ) -> Service:
        """Start ``argv`` in ``cwd`` under the relay, on the host's own network."""
        ipc = Path(tempfile.mkdtemp(prefix="grader-service-"))
        command = relay_command(str(self.python), ipc, list(argv))
        kwargs = {
            "cwd": cwd,
            "env": {**os.environ, **self.env, **(env or {})},
            "stdin": subprocess.DEVNULL,
            "stdout": subprocess.DEVNULL,
            "stderr": subprocess.DEVNULL,
        }
        process = popen(command, kwargs)
        return Service(process, ipc, lambda: shutil.rmtree(ipc, ignore_errors=True))


def _str(data: bytes | str | None) -> str:
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    return data or ""
