"""cgroup v1 ``memory`` and ``pids`` groups for one sandbox slot (when the host allows it)."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
MIB = 1024 * 1024


@dataclass(frozen=True)
class CgroupUsage:
    """Counters read after a run."""

    oom_kills: int
    """OOM kills inside the group since it was prepared."""
    max_memory_bytes: int
    fork_refusals: int
    """Forks refused at ``pids.max`` since the group was prepared."""


class SlotCgroups:
    """``memory/<name>`` and ``pids/<name>``: created, limited, joined and emptied."""

    def __init__(self, name: str, root: Path = CGROUP_ROOT) -> None:
        self.memory = root / "memory" / name
        self.pids = root / "pids" / name
        self._base = CgroupUsage(0, 0, 0)

    @staticmethod
    def available(root: Path = CGROUP_ROOT) -> bool:
        """True when v1 memory and pids hierarchies exist and we may create groups."""
        return all(
            (root / kind / "cgroup.procs").is_file() and os.access(root / kind, os.W_OK)
            for kind in ("memory", "pids")
        )

    def prepare(self, memory_mib: int, processes: int) -> None:
        """Create the groups (if needed), kill leftovers and set the limits."""
        for group in (self.memory, self.pids):
            group.mkdir(exist_ok=True)
        self.kill_all()
        limit = str(memory_mib * MIB)
        swap = self.memory / "memory.memsw.limit_in_bytes"  # absent without swap accounting
        with contextlib.suppress(OSError):  # memsw must stay >= the plain limit: set around it
            _write(swap, limit)
        _write(self.memory / "memory.limit_in_bytes", limit)
        with contextlib.suppress(OSError):
            _write(swap, limit)
        with contextlib.suppress(OSError):
            _write(self.memory / "memory.max_usage_in_bytes", "0")
        _write(self.pids / "pids.max", str(processes))
        self._base = self.usage(relative=False)

    def procs_files(self) -> tuple[str, ...]:
        """The ``cgroup.procs`` files a new process writes its pid to (see ``preexec``)."""
        return (str(self.memory / "cgroup.procs"), str(self.pids / "cgroup.procs"))

    def usage(self, relative: bool = True) -> CgroupUsage:
        """Counters, relative to :meth:`prepare` unless ``relative`` is False."""
        now = CgroupUsage(
            oom_kills=_field(self.memory / "memory.oom_control", "oom_kill"),
            max_memory_bytes=_int(self.memory / "memory.max_usage_in_bytes"),
            fork_refusals=_field(self.pids / "pids.events", "max"),
        )
        if not relative:
            return now
        return CgroupUsage(
            oom_kills=now.oom_kills - self._base.oom_kills,
            max_memory_bytes=now.max_memory_bytes,
            fork_refusals=now.fork_refusals - self._base.fork_refusals,
        )

    def pids_inside(self) -> list[int]:
        """Processes still in the slot's groups."""
        found: set[int] = set()
        for group in (self.memory, self.pids):
            with contextlib.suppress(OSError):
                found.update(int(p) for p in (group / "cgroup.procs").read_text().split())
        return sorted(found)

    def kill_all(self, wait_s: float = 3.0) -> bool:
        """SIGKILL every process left in the groups until none is; False if some survive."""
        deadline = time.monotonic() + wait_s
        while pids := self.pids_inside():
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True


def _write(path: Path, value: str) -> None:
    path.write_text(value)


def _int(path: Path) -> int:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return 0


def _field(path: Path, key: str) -> int:
    """``key N`` line of a flat-keyed cgroup file, 0 when absent."""
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return 0
    for line in lines:
        name, _, value = line.partition(" ")
        if name == key and value.strip().isdigit():
            return int(value)
    return 0
