"""Limits of executing one submission's notebooks, and where each value comes from.

Every run limit has three sources, resolved in one place (:meth:`RunLimits.resolve`):
the defaults of :class:`ExecLimits` and :class:`~grader.sandbox.SandboxLimits`, then the
pack's ``limits:`` (:class:`~grader.assignments.PackLimits`), then the command line
(:class:`LimitOverrides`; ``None`` keeps the value below it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from grader.assignments.pack import PackLimits
from grader.sandbox.base import DEFAULT_SANDBOX_LIMITS, SandboxLimits


@dataclass(frozen=True)
class ExecLimits:
    """Wall-clock and output limits; each notebook of a submission gets the full budget."""

    cell_timeout_s: float = 600
    """One cell."""
    total_timeout_s: float = 3600
    """All cells of one notebook (a team's notebooks each get their own)."""
    max_output_bytes: int = 1024 * 1024
    """Text (stream, text/plain, HTML ...) kept per cell; the rest is cut with a marker."""
    max_images: int = 50
    """Images kept per cell."""


DEFAULT_EXEC_LIMITS = ExecLimits()


@dataclass(frozen=True)
class LimitOverrides:
    """Limits given on the command line; ``None`` keeps the pack's (or the default) value."""

    cell_timeout_s: float | None = None
    total_timeout_s: float | None = None
    memory_mib: int | None = None


NO_OVERRIDES = LimitOverrides()


@dataclass(frozen=True)
class RunLimits:
    """All limits of running one submission: the executor's and the sandbox's."""

    exec: ExecLimits = DEFAULT_EXEC_LIMITS
    sandbox: SandboxLimits = DEFAULT_SANDBOX_LIMITS

    @classmethod
    def resolve(
        cls, pack: PackLimits | None, overrides: LimitOverrides = NO_OVERRIDES
    ) -> RunLimits:
        """Defaults, then the pack's limits, then the command line's."""
        exec_limits, sandbox = DEFAULT_EXEC_LIMITS, DEFAULT_SANDBOX_LIMITS
        if pack is not None:
            exec_limits = dataclasses.replace(
                exec_limits,
                cell_timeout_s=pack.cell_timeout_s,
                total_timeout_s=pack.total_timeout_s,
            )
            sandbox = dataclasses.replace(sandbox, memory_mib=pack.memory_mb)
        return cls(exec_limits, sandbox).overridden(overrides)

    def overridden(self, overrides: LimitOverrides) -> RunLimits:
        """These limits with every value ``overrides`` sets in its place."""
        cell, total, memory = (
            overrides.cell_timeout_s,
            overrides.total_timeout_s,
            overrides.memory_mib,
        )
        exec_limits = dataclasses.replace(
            self.exec,
            cell_timeout_s=self.exec.cell_timeout_s if cell is None else cell,
            total_timeout_s=self.exec.total_timeout_s if total is None else total,
        )
        memory_mib = self.sandbox.memory_mib if memory is None else memory
        return RunLimits(exec_limits, dataclasses.replace(self.sandbox, memory_mib=memory_mib))
