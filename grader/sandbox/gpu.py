"""GPU discovery, leasing a GPU (or a share of one) per job, and what the sandbox must show.

Unverified on real hardware (none in the development machine): see ``docs/sandbox.md``.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.errors import SandboxError
from grader.sandbox.bwrap_args import Bind
from grader.sandbox.slots import DEFAULT_LOCK_DIR, Lease, SlotPool

NVIDIA_SMI_QUERY = (
    "--query-gpu=index,uuid,name,memory.total",
    "--format=csv,noheader,nounits",
)
CONTROL_DEVICES = (
    "/dev/nvidiactl",
    "/dev/nvidia-uvm",
    "/dev/nvidia-uvm-tools",
    "/dev/nvidia-modeset",
)
SYS_PATHS = ("/sys/bus/pci", "/sys/devices", "/sys/module/nvidia")
"""Read-only ``/sys`` parts the CUDA driver looks at (PCI topology, driver version)."""
_GPU_BUSY_KO = "모든 GPU가 사용 중이어서 실행을 시작하지 못했습니다."


@dataclass(frozen=True)
class GpuInfo:
    """One GPU of the host."""

    index: int
    uuid: str
    name: str
    memory_mib: int


def parse_nvidia_smi(text: str) -> tuple[GpuInfo, ...]:
    """Parse ``nvidia-smi --query-gpu=index,uuid,name,memory.total --format=csv,noheader,...``."""
    gpus = []
    for line in text.splitlines():
        parts = [p.strip() for p in line.split(",")]
        if len(parts) != 4 or not parts[0].isdigit():
            continue
        memory = int(parts[3]) if parts[3].isdigit() else 0
        gpus.append(GpuInfo(int(parts[0]), parts[1], parts[2], memory))
    return tuple(gpus)


Runner = Callable[[Sequence[str]], str]


def _run_nvidia_smi(argv: Sequence[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=20, check=False)
    return done.stdout if done.returncode == 0 else ""


def discover_gpus(runner: Runner = _run_nvidia_smi) -> tuple[GpuInfo, ...]:
    """The host's GPUs via ``nvidia-smi`` (empty when there is none or no driver)."""
    smi = shutil.which("nvidia-smi")
    if smi is None and runner is _run_nvidia_smi:
        return ()
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        return parse_nvidia_smi(runner([smi or "nvidia-smi", *NVIDIA_SMI_QUERY]))
    return ()


@dataclass
class GpuLease:
    """One share of one GPU, held until :meth:`release`."""

    gpu: GpuInfo
    memory_mib: int
    """This job's memory budget on the GPU (the whole GPU when not shared)."""
    shared: bool
    _lease: Lease

    def env(self) -> dict[str, str]:
        """Variables that pin the job to its GPU and ask TF/torch/JAX to stay in budget."""
        env = {
            "CUDA_VISIBLE_DEVICES": self.gpu.uuid,
            "NVIDIA_VISIBLE_DEVICES": self.gpu.uuid,
            "TF_FORCE_GPU_ALLOW_GROWTH": "true",
            "PYTORCH_CUDA_ALLOC_CONF": "expandable_segments:True",
            "GRADER_GPU_MEMORY_MIB": str(self.memory_mib),
        }
        if self.shared and self.gpu.memory_mib:
            fraction = self.memory_mib / self.gpu.memory_mib
            env["XLA_PYTHON_CLIENT_MEM_FRACTION"] = f"{fraction:.2f}"
        return env

    def binds(self) -> list[Bind]:
        """Device nodes of this GPU and the driver's control nodes, plus read-only ``/sys``."""
        devices = [f"/dev/nvidia{self.gpu.index}", *CONTROL_DEVICES, "/dev/nvidia-caps"]
        binds = [Bind(d, d, device=True, optional=True) for d in devices]
        return binds + [Bind(p, p, optional=True) for p in SYS_PATHS]

    def release(self) -> None:
        """Give the share back."""
        self._lease.release()


class GpuLeasePool:
    """Leases each GPU to as many jobs as it has room for (file locks: safe across processes).

    ``job_memory_mib`` (the pack's ``gpu_memory_mb``): a GPU takes as many jobs as fit in its
    memory (at least one), each with that budget; without it, ``jobs_per_gpu`` jobs share a
    GPU evenly. A job that finds every GPU full waits for a share (:meth:`acquire`).
    """

    def __init__(
        self,
        gpus: Sequence[GpuInfo],
        jobs_per_gpu: int = 1,
        lock_dir: Path = DEFAULT_LOCK_DIR,
        *,
        job_memory_mib: int | None = None,
    ) -> None:
        self.gpus = tuple(gpus)
        self.jobs_per_gpu = max(1, jobs_per_gpu)
        self.job_memory_mib = job_memory_mib
        self._pools = [
            SlotPool(f"gpu-{g.uuid}", self.capacity(g), lock_dir) for g in self.gpus
        ]

    def capacity(self, gpu: GpuInfo) -> int:
        """How many jobs share ``gpu`` at a time."""
        if self.job_memory_mib and gpu.memory_mib:
            return max(1, gpu.memory_mib // self.job_memory_mib)
        return self.jobs_per_gpu

    def acquire(self, fraction: float = 1.0, timeout_s: float = 3600) -> GpuLease | None:
        """Wait for a free share (least used GPU first); ``None`` when the host has no GPU.

        ``fraction`` (0-1] of one GPU's memory is the job's budget, capped by its share.
        """
        if not self.gpus:
            return None
        deadline = time.monotonic() + timeout_s
        while (lease := self.try_acquire(fraction)) is None:
            if time.monotonic() > deadline:
                raise SandboxError(_GPU_BUSY_KO, code="gpu_busy")
            time.sleep(0.5)
        return lease

    def try_acquire(self, fraction: float = 1.0) -> GpuLease | None:
        """A free share now, or ``None``."""
        for gpu, pool in sorted(zip(self.gpus, self._pools, strict=True), key=_load):
            lease = pool.try_acquire()
            if lease is not None:
                return self._lease(gpu, pool.size, fraction, lease)
        return None

    def _lease(self, gpu: GpuInfo, capacity: int, fraction: float, lease: Lease) -> GpuLease:
        """The job's memory budget: the pack's, else its fraction capped by its share."""
        share = gpu.memory_mib // capacity
        if self.job_memory_mib:
            budget = min(self.job_memory_mib, gpu.memory_mib or self.job_memory_mib)
        else:
            budget = min(share, int(gpu.memory_mib * min(max(fraction, 0.0), 1.0)))
        return GpuLease(gpu, budget, capacity > 1 or fraction < 1, lease)


def _load(pair: tuple[GpuInfo, SlotPool]) -> int:
    return len(pair[1]._held)
