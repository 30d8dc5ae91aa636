"""The sandbox seam: limits, the :class:`Sandbox` protocol and the backend registry."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from grader.errors import SandboxError

if TYPE_CHECKING:
    from grader.sandbox.service import Service

__all__ = [
    "CommandResult",
    "Sandbox",
    "SandboxLimits",
    "backend_names",
    "get_backend",
    "register_backend",
]

MIB = 1024 * 1024


@dataclass(frozen=True)
class SandboxLimits:
    """Resource limits of one sandboxed kernel (wall clock lives in ``ExecLimits``)."""

    memory_mib: int = 4096
    """Memory of every process together (memory cgroup; else RLIMIT_AS per process on CPU)."""
    processes: int = 256
    """Processes and threads of the sandbox user (pids cgroup and RLIMIT_NPROC)."""
    cpu_seconds: int = 4 * 3600
    """CPU time of one process (RLIMIT_CPU)."""
    file_size_mib: int = 1024
    """Largest file a process may write (RLIMIT_FSIZE)."""
    disk_mib: int = 2048
    """Bytes under the writable work folder (checked every second; over it, the kernel dies)."""
    tmp_mib: int = 512
    """Private ``/tmp``, ``HOME`` and ``/dev/shm`` (each a size-capped tmpfs)."""
    open_files: int = 4096
    """RLIMIT_NOFILE."""


DEFAULT_SANDBOX_LIMITS = SandboxLimits()


@dataclass(frozen=True)
class CommandResult:
    """What a command run inside the sandbox did (output capped)."""

    returncode: int | None
    stdout: str
    stderr: str
    timed_out: bool = False


class Sandbox(Protocol):
    """A place where untrusted code runs: kernels for nbclient and plain commands."""

    name: str
    sandboxed: bool
    """False only for the ``none`` backend."""

    @property
    def python(self) -> Path:
        """The course kernel's Python: kernels, apps and commands run with it."""
        ...

    def probe(self) -> None:
        """Raise :class:`SandboxError` (Korean message) when the backend cannot work here."""
        ...

    def kernel_manager(self, root: Path, cwd: Path) -> Any:
        """An async Jupyter kernel manager whose kernel runs inside, ``root`` writable."""
        ...

    def run_command(
        self, argv: Sequence[str], root: Path, cwd: Path, *, timeout_s: float
    ) -> CommandResult:
        """Run ``argv`` inside (e.g. an app under test), ``root`` writable, ``cwd`` under it."""
        ...

    def start_service(
        self,
        argv: Sequence[str],
        root: Path,
        cwd: Path,
        *,
        env: Mapping[str, str] | None = None,
    ) -> Service:
        """Start ``argv`` inside without waiting (an app); reach its port via the handle."""
        ...


_BACKENDS: dict[str, Callable[..., Sandbox]] = {}


def register_backend(name: str, factory: Callable[..., Sandbox]) -> None:
    """Make ``factory(**options)`` available as backend ``name``."""
    _BACKENDS[name] = factory


def backend_names() -> tuple[str, ...]:
    """Registered backend names, sorted."""
    return tuple(sorted(_BACKENDS))


def get_backend(name: str, **options: Any) -> Sandbox:
    """A new sandbox of backend ``name``; raises :class:`SandboxError` for unknown names."""
    try:
        factory = _BACKENDS[name]
    except KeyError:
        known = ", ".join(backend_names())
        raise SandboxError(
            f"알 수 없는 샌드박스 방식입니다: {name} (사용 가능: {known})",
            code="unknown_sandbox",
        ) from None
    return factory(**options)
