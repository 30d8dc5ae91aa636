"""Numbered slots leased with file locks, so concurrent jobs (threads or processes) differ."""

from __future__ import annotations

import fcntl
import os
import tempfile
import threading
import time
from pathlib import Path

from grader.errors import SandboxError

DEFAULT_LOCK_DIR = Path(tempfile.gettempdir()) / "grader-sandbox-locks"

LeaseSpan = tuple[float, float | None]
"""``(acquired, released)`` on the boot clock (``CLOCK_BOOTTIME`` seconds); ``None``: held."""
_SPANS: dict[tuple[str, int], list[LeaseSpan]] = {}


def boot_clock() -> float:
    """Seconds since boot: the clock process start times in ``/proc/<pid>/stat`` count in."""
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def leased_here(name: str = "slot") -> dict[int, list[LeaseSpan]]:
    """When this process held each slot of pool ``name``: a process that a slot's uid started
    inside one of those spans is this process's, whatever other graders run beside it."""
    return {index: list(spans) for (pool, index), spans in _SPANS.items() if pool == name}


class Lease:
    """One held slot; :meth:`release` (or the process ending) frees it."""

    def __init__(self, pool: SlotPool, index: int, fd: int) -> None:
        self.pool = pool
        self.index = index
        self._fd: int | None = fd
        self._span = len(_SPANS.setdefault((pool.name, index), []))
        _SPANS[(pool.name, index)].append((boot_clock(), None))

    def release(self) -> None:
        """Free the slot (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None
            spans = _SPANS[(self.pool.name, self.index)]
            spans[self._span] = (spans[self._span][0], boot_clock())
            self.pool._held.discard(self.index)

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class SlotPool:
    """``size`` slots named ``<name>-<i>``; :meth:`acquire` waits for a free one."""

    def __init__(self, name: str, size: int, lock_dir: Path = DEFAULT_LOCK_DIR) -> None:
        self.name = name
        self.size = size
        self.lock_dir = lock_dir
        self._held: set[int] = set()
        self._guard = threading.Lock()

    def acquire(self, timeout_s: float = 3600, poll_s: float = 0.2) -> Lease:
        """Lease the first free slot; raises :class:`SandboxError` after ``timeout_s``."""
        self.lock_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        deadline = time.monotonic() + timeout_s
        while True:
            lease = self.try_acquire()
            if lease is not None:
                return lease
            if time.monotonic() > deadline:
                raise SandboxError(
                    f"샌드박스 자리({self.name}, {self.size}개)가 모두 사용 중이어서 "
                    "실행을 시작하지 못했습니다.",
                    code="sandbox_busy",
                )
            time.sleep(poll_s)

    def try_acquire(self) -> Lease | None:
        """Lease a free slot now, or ``None``."""
        self.lock_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        with self._guard:
            for index in range(self.size):
                if index in self._held:
                    continue
                path = self.lock_dir / f"{self.name}-{index}.lock"
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                self._held.add(index)
                return Lease(self, index, fd)
        return None
