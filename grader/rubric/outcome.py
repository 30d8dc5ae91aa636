"""What a check returns, and the context the scorer gives it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from grader.records.evidence import Evidence, EvidenceRef, NotebookEvidence
from grader.records.verdict import Mark, Verdict

MAX_REFS = 4


@dataclass(frozen=True)
class Outcome:
    """A check's judgement before wording: mark, reason code, facts and evidence."""

    mark: Mark
    reason: str
    facts: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[EvidenceRef, ...] = ()

    @classmethod
    def of(
        cls, mark: Mark, reason: str, refs: Iterable[EvidenceRef] = (), /, **facts: Any
    ) -> Outcome:
        return cls(mark, reason, dict(facts), _dedupe(refs)[:MAX_REFS])


def _dedupe(refs: Iterable[EvidenceRef]) -> tuple[EvidenceRef, ...]:
    seen: set[tuple[object, ...]] = set()
    unique = []
    for ref in refs:
        key = (ref.source, ref.notebook, ref.cell, ref.output_index)
        if key not in seen:
            seen.add(key)
            unique.append(ref)
    return tuple(unique)


@dataclass(frozen=True)
class ScoringContext:
    """What the scorer knows besides the evidence."""

    evidence: Evidence
    assignment_id: str | None = None
    project_criteria: tuple[str, ...] = ()
    required_criteria: int = 2
    prior: Mapping[str, Verdict] = field(default_factory=dict)
    baseline: NotebookEvidence | None = None
    """The reference solution's evidence (its models are the baseline to improve on)."""
