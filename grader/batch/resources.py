"""What one Ray task of ``grader batch --backend ray`` asks the cluster for (no Ray import).

A task takes one CPU and the memory of its kernel (the pack's ``limits.memory_mb``, under
``--run``) plus the grader process itself. A pack that needs a GPU asks for one only under
``--run`` and only when the cluster has GPUs (else its notebooks run on CPU, as a local batch
does); with ``gpu_memory_mb`` it asks for the share that many notebooks fit in the cluster's
smallest GPU, the same count :class:`grader.sandbox.GpuLeasePool` lets a GPU take at once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from grader.assignments.pack import AssignmentSpec
from grader.sandbox import DEFAULT_SANDBOX_LIMITS

__all__ = ["MAX_RETRIES", "WORKER_MIB", "TaskResources", "gpu_share", "task_resources"]

MAX_RETRIES = 3
"""How often Ray runs a task again after its worker process or node died."""
WORKER_MIB = 768
"""Memory of the grading process beside the kernel (grader, morphological analyser, reports)."""
_MIB = 1 << 20


@dataclass(frozen=True)
class TaskResources:
    """The logical resources of one submission's task (Ray's ``num_cpus``/``memory``/...)."""

    num_cpus: float = 1.0
    memory_mib: int = WORKER_MIB
    num_gpus: float = 0.0

    def options(self) -> dict[str, Any]:
        """Keyword arguments of ``remote_function.options``: resources and retries.

        ``max_retries`` covers system failures only (worker or node died, out of memory);
        ``retry_exceptions=False`` because a grading error is already a result, and running
        it again would give the same error."""
        options: dict[str, Any] = {
            "num_cpus": self.num_cpus,
            "memory": self.memory_mib * _MIB,
            "max_retries": MAX_RETRIES,
            "retry_exceptions": False,
        }
        if self.num_gpus:
            options["num_gpus"] = self.num_gpus
        return options

    def describe_ko(self) -> str:
        """``CPU 1개, 메모리 4.8 GiB, GPU 0.25개``: what each task asks for."""
        text = f"CPU {self.num_cpus:g}개, 메모리 {self.memory_mib / 1024:.1f} GiB"
        return text + (f", GPU {self.num_gpus:g}개" if self.num_gpus else "")


def task_resources(
    spec: AssignmentSpec | None, *, run: bool, gpu_memory_mib: int | None
) -> TaskResources:
    """The resources of one task; ``gpu_memory_mib``: the cluster's smallest GPU (``None``
    without GPUs, 0 when their memory is unknown)."""
    if not run:
        return TaskResources()
    kernel_mib = spec.limits.memory_mb if spec else DEFAULT_SANDBOX_LIMITS.memory_mib
    gpus = 0.0
    if spec is not None and spec.gpu and gpu_memory_mib is not None:
        gpus = gpu_share(spec.gpu_memory_mb, gpu_memory_mib)
    return TaskResources(1.0, kernel_mib + WORKER_MIB, gpus)


def gpu_share(job_memory_mib: int | None, gpu_memory_mib: int) -> float:
    """One GPU, or ``1 / k`` when ``k`` notebooks of ``job_memory_mib`` fit in one GPU."""
    if not job_memory_mib or not gpu_memory_mib:
        return 1.0
    per_gpu = max(1, gpu_memory_mib // job_memory_mib)
    return math.floor(10_000 / per_gpu) / 10_000  # Ray keeps 4 decimals; k shares fit in 1
