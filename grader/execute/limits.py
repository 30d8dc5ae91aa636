"""Limits of executing one submission's notebooks."""

from __future__ import annotations

from dataclasses import dataclass


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
