"""What a student should do about each item: fix it, confirm it, or run the notebook to know.

Stored-outputs mode cannot start an app, so the app items stay △ however good the
submission is; they are listed apart ("실행해야 판단할 수 있는 항목"), not as items to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.records.verdict import Result, Verdict

__all__ = ["RUN_ONLY_REASONS", "Triage", "triage"]

RUN_ONLY_REASONS = frozenset({"app_not_probed", "app_not_probed_client", "app_model_not_probed"})
"""Reason codes of △ items that only ``--run`` (the sandboxed app probe) can decide."""


@dataclass(frozen=True)
class Triage:
    """The items of one result, by what they ask of the student."""

    to_fix: tuple[Verdict, ...]
    """Marked x: something is missing or wrong."""
    to_confirm: tuple[Verdict, ...]
    """Marked △ for want of evidence in the notebook."""
    needs_run: tuple[Verdict, ...]
    """Marked △ only because nothing was executed (the app probe)."""

    @property
    def clean(self) -> bool:
        """Nothing to fix or confirm (items that need a run do not count)."""
        return not self.to_fix and not self.to_confirm


def needs_run(verdict: Verdict) -> bool:
    return verdict.mark == "△" and verdict.reason in RUN_ONLY_REASONS


def triage(result: Result) -> Triage:
    """Split ``result``'s x and △ items; o and n/a items are in none of the lists."""
    items = result.items
    return Triage(
        to_fix=tuple(v for v in items if v.mark == "x"),
        to_confirm=tuple(v for v in items if v.mark == "△" and not needs_run(v)),
        needs_run=tuple(v for v in items if needs_run(v)),
    )
