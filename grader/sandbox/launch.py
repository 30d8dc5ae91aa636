"""What the forked child does before it execs bubblewrap: join the cgroups, set rlimits.

Runs between ``fork`` and ``exec`` (``Popen(preexec_fn=...)``), so it only makes plain
system calls: no logging, no allocation-heavy Python.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass

from grader.sandbox.base import MIB, SandboxLimits

FIRST_SLOT_UID = 61000
"""Slot ``i`` runs as uid/gid ``61000 + i`` (no passwd entry needed on the host)."""


@dataclass(frozen=True)
class Preexec:
    """Callable given to ``Popen(preexec_fn=...)``."""

    cgroup_procs: tuple[str, ...]
    rlimits: tuple[tuple[int, int], ...]

    def __call__(self) -> None:
        pid = str(os.getpid()).encode()
        for procs in self.cgroup_procs:
            fd = os.open(procs, os.O_WRONLY)
            try:
                os.write(fd, pid)
            finally:
                os.close(fd)
        for which, value in self.rlimits:
            resource.setrlimit(which, (value, value))


def rlimits_for(limits: SandboxLimits, *, address_space: bool) -> tuple[tuple[int, int], ...]:
    """The rlimits of a sandboxed process; RLIMIT_AS only when no memory cgroup (and no GPU)."""
    values = [
        (resource.RLIMIT_NPROC, limits.processes),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_FSIZE, limits.file_size_mib * MIB),
        (resource.RLIMIT_NOFILE, limits.open_files),
        (resource.RLIMIT_CORE, 0),
    ]
    if address_space:
        values.append((resource.RLIMIT_AS, limits.memory_mib * MIB))
    return tuple((which, _within_hard(which, value)) for which, value in values)


def _within_hard(which: int, value: int) -> int:
    """A non-root process cannot raise a hard limit: stay under the current one."""
    hard = resource.getrlimit(which)[1]
    return value if hard == resource.RLIM_INFINITY else min(value, hard)


def slot_uid(slot: int) -> int | None:
    """The uid ``slot`` drops to when we are root (``setpriv`` inside bwrap), else ``None``.

    Root must not run the kernel in a user namespace (it would be host root there, and
    RLIMIT_NPROC would not count), so the drop happens inside, after the mounts.
    """
    return FIRST_SLOT_UID + slot if os.geteuid() == 0 else None
