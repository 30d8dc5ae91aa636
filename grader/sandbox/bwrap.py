"""The ``bwrap`` backend: bubblewrap namespaces, a slot uid, cgroups and rlimits."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from grader.errors import SandboxError
from grader.kernels import kernel_python
from grader.sandbox.base import DEFAULT_SANDBOX_LIMITS, CommandResult, SandboxLimits
from grader.sandbox.gpu import GpuLeasePool
from grader.sandbox.service import Service, popen, relay_command
from grader.sandbox.session import SandboxConfig, SandboxSession
from grader.sandbox.slots import SlotPool

if TYPE_CHECKING:
    from grader.sandbox.kernel import SandboxKernelManager

INSTALL_KO = (
    "bubblewrap(bwrap)가 없거나 이 시스템에서 쓸 수 없어 학생 노트북을 샌드박스에서 실행할 수 "
    "없습니다. `sudo apt-get install -y bubblewrap`(또는 `make setup`)으로 설치하고, 컨테이너 "
    "안이라면 사용자 네임스페이스가 허용되는지 확인하세요. 저장된 출력으로 채점하려면 --no-run을, "
    "신뢰할 수 있는 참고 답안이라면 --no-sandbox를 쓰세요."
)
OUTPUT_CAP = 64 * 1024


class BwrapSandbox:
    """Kernels and commands inside bubblewrap; ``slots`` of them may run at the same time."""

    name = "bwrap"
    sandboxed = True

    def __init__(
        self,
        limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
        *,
        slots: int = 8,
        data_dir: Path | None = None,
        python: Path | None = None,
        gpus: GpuLeasePool | None = None,
        gpu_fraction: float = 1.0,
        bwrap: str | None = None,
    ) -> None:
        self.config = SandboxConfig(
            limits=limits,
            slots=SlotPool("slot", slots),
            bwrap=bwrap or shutil.which("bwrap") or "/usr/bin/bwrap",
            python=python or kernel_python(None),
            data_dir=data_dir,
            gpus=gpus,
            gpu_fraction=gpu_fraction,
        )
        self._probed = False

    @property
    def python(self) -> Path:
        """The course kernel's Python that kernels, apps and commands run with inside."""
        return self.config.python

    def probe(self) -> None:
        """Run ``python -c pass`` inside once; raise :class:`SandboxError` if that fails."""
        if self._probed:
            return
        if not Path(self.config.bwrap).is_file():
            raise SandboxError(INSTALL_KO, code="sandbox_missing", detail="bwrap not found")
        with tempfile.TemporaryDirectory(prefix="grader-probe-") as tmp:
            done = self.run_command(
                [str(self.config.python), "-c", "pass"], Path(tmp), Path(tmp), timeout_s=60
            )
        if done.returncode != 0:
            raise SandboxError(INSTALL_KO, code="sandbox_unusable", detail=done.stderr[-500:])
        self._probed = True

    def kernel_manager(self, root: Path, cwd: Path) -> SandboxKernelManager:
        """An async kernel manager whose kernel runs inside, ``root`` as ``/work/submission``."""
        # Imported here for start-up time: jupyter_client loads only when a kernel starts.
        from grader.sandbox.kernel import SandboxKernelManager

        return SandboxKernelManager(SandboxSession(self.config, root, cwd))

    def run_command(
        self, argv: Sequence[str], root: Path, cwd: Path, *, timeout_s: float
    ) -> CommandResult:
        """Run ``argv`` inside and wait; output capped, killed after ``timeout_s``."""
        session = SandboxSession(self.config, root, cwd)
        try:
            kwargs = session.popen_kwargs()
            kwargs.update(stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            with subprocess.Popen(session.argv(list(argv)), **kwargs) as process:
                try:
                    out, err = process.communicate(timeout=timeout_s)
                    timed_out = False
                except subprocess.TimeoutExpired:
                    process.kill()
                    out, err = process.communicate()
                    timed_out = True
            return CommandResult(process.returncode, _text(out), _text(err), timed_out)
        finally:
            session.close()

    def start_service(
        self,
        argv: Sequence[str],
        root: Path,
        cwd: Path,
        *,
        env: Mapping[str, str] | None = None,
    ) -> Service:
        """Start ``argv`` inside (loopback-only network) under the relay; don't wait.

        The returned :class:`Service` reaches the port the process listens on through a
        unix socket in the run folder; :meth:`Service.stop` kills everything and frees the
        slot.
        """
        session = SandboxSession(self.config, root, cwd, env=env)
        try:
            ipc = session.run_dir.ipc
            command = relay_command(str(self.config.python), ipc, list(argv))
            process = popen(session.argv(command), session.popen_kwargs())
        except BaseException:
            session.close()
            raise
        return Service(process, ipc, session.close)


def _text(data: bytes) -> str:
    return data[-OUTPUT_CAP:].decode("utf-8", "replace")
