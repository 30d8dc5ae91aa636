"""One sandboxed process tree: its slot, cgroups, run folder, command line and verdicts."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from grader.records.execution import LimitHit
from grader.sandbox.base import MIB, SandboxLimits
from grader.sandbox.bwrap_args import (
    DATA_DIR,
    MERGED_USR_LINKS,
    PROC_MASKED,
    Bind,
    BwrapPlan,
    bwrap_argv,
    inside_cwd,
)
from grader.sandbox.cgroups import SlotCgroups
from grader.sandbox.env import sandbox_env
from grader.sandbox.gpu import GpuLease, GpuLeasePool
from grader.sandbox.launch import Preexec, rlimits_for, slot_uid
from grader.sandbox.seccomp import open_program
from grader.sandbox.slots import Lease, SlotPool
from grader.sandbox.workdir import RunDir, chown_tree, tree_size


@dataclass
class SandboxConfig:
    """What every sandbox of one :class:`~grader.sandbox.bwrap.BwrapSandbox` shares."""

    limits: SandboxLimits
    slots: SlotPool
    bwrap: str = "/usr/bin/bwrap"
    python: Path = field(default_factory=lambda: Path(sys.executable))
    data_dir: Path | None = None
    gpus: GpuLeasePool | None = None
    gpu_fraction: float = 1.0


class SandboxSession:
    """Opened for one kernel (or command); :meth:`close` kills what is left and frees all."""

    def __init__(
        self,
        config: SandboxConfig,
        root: Path,
        cwd: Path,
        *,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.config = config
        self.root = root
        self.extra_env = dict(env or {})
        self.lease: Lease = config.slots.acquire()
        self.uid = slot_uid(self.lease.index)
        self.gpu: GpuLease | None = None
        self.disk_used = 0
        self.final_hits: list[LimitHit] = []
        self._stderr: IO[bytes] | None = None
        self._closed = False
        try:
            self.cgroups = _cgroups_for(self.lease.index, config.limits)
            if config.gpus:
                self.gpu = config.gpus.acquire(config.gpu_fraction)
            if self.uid is not None:
                chown_tree(root, self.uid, self.uid)
            self.run_dir = RunDir(self.uid)
            self.seccomp_fd = open_program(self.run_dir.path)
            rel = cwd.resolve().relative_to(root.resolve())
            self.plan = self._plan(PurePosixPath(rel.as_posix()))
        except BaseException:
            run_dir = getattr(self, "run_dir", None)
            if run_dir is not None:
                run_dir.remove()
            self.lease.release()
            if self.gpu:
                self.gpu.release()
            raise

    def argv(self, command: list[str]) -> list[str]:
        """The full bwrap command line running ``command`` inside."""
        return bwrap_argv(self.plan, command)

    def popen_kwargs(self) -> dict[str, Any]:
        """Arguments for ``Popen``: empty environment, cgroups and rlimits joined in the child."""
        self._stderr = self._stderr or self.run_dir.stderr_log.open("ab")
        no_cgroup = self.cgroups is None and self.gpu is None
        os.lseek(self.seccomp_fd, 0, os.SEEK_SET)  # bwrap reads the filter from the start
        return {
            "pass_fds": (self.seccomp_fd,),
            "env": {},
            "cwd": "/",
            "stdin": subprocess.DEVNULL,
            "stdout": subprocess.DEVNULL,
            "stderr": self._stderr,
            "preexec_fn": Preexec(
                cgroup_procs=self.cgroups.procs_files() if self.cgroups else (),
                rlimits=rlimits_for(self.config.limits, address_space=no_cgroup),
            ),
        }

    def own_root(self) -> None:
        """Give the work folder to the slot's user again (files copied in after the start)."""
        if self.uid is not None:
            chown_tree(self.root, self.uid, self.uid)

    def share_file(self, path: Path) -> None:
        """Let the sandbox user read ``path`` (the kernel's connection file)."""
        if self.uid is not None:
            os.chown(path, self.uid, self.uid)

    def disk_over_quota(self) -> bool:
        """Measure the work folder; True once it exceeds the quota."""
        self.disk_used, _ = tree_size(self.root)
        return self.disk_used > self.config.limits.disk_mib * MIB

    def death_cause(self, returncode: int | None) -> tuple[LimitHit, str] | None:
        """Which limit killed the kernel, with a Korean explanation; ``None`` if unknown."""
        limits = self.config.limits
        if self.disk_used > limits.disk_mib * MIB:
            return _disk_hit(limits, self.disk_used)
        usage = self.cgroups.usage() if self.cgroups else None
        if usage and usage.oom_kills > 0:
            observed = f"{usage.max_memory_bytes // MIB}MiB"
            hit = LimitHit(kind="memory", limit=f"{limits.memory_mib}MiB", observed=observed)
            return hit, f"메모리 제한({limits.memory_mib}MiB)을 넘어 커널이 강제 종료되었습니다."
        if returncode == 128 + signal.SIGXCPU:
            hit = LimitHit(kind="other", limit=f"CPU {limits.cpu_seconds}s", observed="SIGXCPU")
            return hit, f"CPU 시간 제한({limits.cpu_seconds}초)을 넘어 커널이 종료되었습니다."
        return None

    def close(self) -> None:
        """Kill every process left, record counters, give files back, free the slot."""
        if self._closed:
            return
        self._closed = True
        try:
            if self.cgroups:
                self.cgroups.kill_all()
                refused = self.cgroups.usage().fork_refusals
                if refused:
                    self.final_hits.append(_process_hit(self.config.limits, refused))
            if self.uid is not None:
                chown_tree(self.root, os.getuid(), os.getgid())
        finally:
            if self._stderr:
                self._stderr.close()
            with contextlib.suppress(OSError):
                os.close(self.seccomp_fd)
            self.run_dir.remove()
            if self.gpu:
                self.gpu.release()
            self.lease.release()

    def _plan(self, rel: PurePosixPath) -> BwrapPlan:
        config = self.config
        binds = [Bind(str(p), str(p)) for p in python_prefixes(config.python)]
        binds += [Bind(str(self.run_dir.ipc), str(self.run_dir.ipc), writable=True)]
        etc = self.run_dir.etc
        binds += [Bind(str(etc / n), f"/etc/{n}") for n in ("passwd", "group", "hosts")]
        binds += [Bind(str(self.run_dir.empty), f"/proc/1/{n}") for n in PROC_MASKED]
        if config.data_dir:
            binds.append(Bind(str(config.data_dir), DATA_DIR))
        binds += self.gpu.binds() if self.gpu else []
        binds.append(Bind(str(self.root), inside_cwd(PurePosixPath()), writable=True))
        env = sandbox_env(
            config.python.parent,
            data=config.data_dir is not None,
            extra={**self.extra_env, **(self.gpu.env() if self.gpu else {})},
        )
        return BwrapPlan(
            binds=binds,
            env=env,
            drop_to=self.uid,
            chdir=inside_cwd(rel),
            limits=config.limits,
            merged_usr=merged_usr_links(),
            bwrap=config.bwrap,
            seccomp_fd=self.seccomp_fd,
        )


def python_prefixes(python: Path) -> list[Path]:
    """Folders the kernel's Python needs (its venv and base installation), outside ``/usr``."""
    found = {python.parent.parent, Path(os.path.realpath(python)).parent.parent}
    home = _venv_home(python.parent.parent / "pyvenv.cfg")
    if home:
        found.add(Path(os.path.realpath(home)).parent)
    found = {p for p in found if not p.is_relative_to("/usr")}
    return sorted(p for p in found if not any(p != q and p.is_relative_to(q) for q in found))


def _venv_home(cfg: Path) -> str | None:
    with contextlib.suppress(OSError):
        for line in cfg.read_text().splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "home":
                return value.strip()
    return None


def merged_usr_links() -> dict[str, str]:
    """``{"/lib": "usr/lib", ...}`` for the host's merged-/usr symlinks."""
    return {p: os.readlink(p) for p in MERGED_USR_LINKS if os.path.islink(p)}


def _cgroups_for(slot: int, limits: SandboxLimits) -> SlotCgroups | None:
    if not SlotCgroups.available():
        return None
    cgroups = SlotCgroups(f"grader-{slot}")
    try:
        cgroups.prepare(limits.memory_mib, limits.processes)
    except OSError:
        return None
    return cgroups


def _disk_hit(limits: SandboxLimits, used: int) -> tuple[LimitHit, str]:
    hit = LimitHit(kind="other", limit=f"disk {limits.disk_mib}MiB", observed=f"{used // MIB}MiB")
    return hit, f"작업 폴더 용량 제한({limits.disk_mib}MiB)을 넘게 파일을 써서 커널을 멈췄습니다."


def _process_hit(limits: SandboxLimits, refused: int) -> LimitHit:
    return LimitHit(
        kind="other", limit=f"processes {limits.processes}", observed=f"{refused} forks refused"
    )
