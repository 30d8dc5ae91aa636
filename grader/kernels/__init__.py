"""Course kernels: the environments student notebooks and apps run in, apart from the grader.

``grader kernel build`` makes one from the course set (``course.txt``) plus a pack's
``kernel_packages``; executed grading finds it with :func:`kernel_for`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from grader.kernels.build import BuildResult, build_kernel
from grader.kernels.env import KernelEnv, kernels_home, require_built
from grader.kernels.inventory import Inventory, inventory
from grader.kernels.spec import DEFAULT_NAME, KernelRequest, kernel_request

if TYPE_CHECKING:
    from grader.assignments.pack import AssignmentSpec

__all__ = [
    "DEFAULT_NAME",
    "BuildResult",
    "Inventory",
    "KernelEnv",
    "KernelRequest",
    "build_kernel",
    "inventory",
    "kernel_for",
    "kernel_python",
    "kernel_request",
    "kernels_home",
]


def kernel_for(spec: AssignmentSpec | None) -> tuple[KernelEnv, KernelRequest]:
    """The kernel a pack's notebooks run in (the course kernel unless it adds packages)."""
    request = kernel_request(spec.id if spec else None, spec.kernel_packages if spec else ())
    return KernelEnv.named(request.name), request


def kernel_python(spec: AssignmentSpec | None) -> Path:
    """The built kernel's Python for ``spec``; :class:`KernelEnvError` with the fix when absent."""
    env, _ = kernel_for(spec)
    return require_built(env, spec.id if spec else None)
