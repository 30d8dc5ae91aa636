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


class Lease:
    """One held slot; :meth:`release` (or the process ending) frees it."""

    def __init__(self, pool: SlotPool, index: int, fd: int) -> None:
        self.pool = pool
        self.index = index
        self._fd: int | None = fd

    def release(self) -> None:
        """Free the slot (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None
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
