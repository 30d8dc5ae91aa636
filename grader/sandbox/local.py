"""Kernels of the course kernel's Python started directly, with the grader's own rights.

The ``none`` backend hands them out, and the unsandboxed :class:`NbclientExecutor` starts them
by default (tests, trusted reference solutions).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

from grader.kernels import kernel_python

__all__ = ["CourseKernelManager", "local_kernel_manager"]


class CourseKernelManager(AsyncKernelManager):
    """An unsandboxed kernel started by the course kernel's ``python`` (never the grader's)."""

    def __init__(self, python: Path, env: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._course_spec = KernelSpec(
            argv=[str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="Python 3 (course kernel)",
            language="python",
            env=dict(env or {}),
        )

    @property
    def kernel_spec(self) -> KernelSpec:
        return self._course_spec


def local_kernel_manager(
    cwd: Path, python: Path | None = None, env: dict[str, str] | None = None
) -> AsyncKernelManager:
    """An unsandboxed kernel of the course kernel (async: a dead kernel is noticed);
    ``env`` is added to the grader's environment (e.g. ``GRADER_DATA``)."""
    return CourseKernelManager(python or kernel_python(None), env)
