"""The pass/fail rule of CI: a minimum score and items that must be met."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from grader.assignments import load_pack
from grader.paths import assignments_dir, rubrics_dir
from grader.records.verdict import Result
from grader.rubric.load import load_rubric

__all__ = ["Gate", "GateOutcome", "exit_status", "judge", "rubric_item_ids", "unknown_items"]

PASSED, FAILED, UNGRADABLE = 0, 1, 2


@dataclass(frozen=True)
class Gate:
    """What a submission needs to pass."""

    min_score: float = 0.0
    """Share of the checklist (0.0–1.0, as in ``result.json``'s ``score``)."""
    required: tuple[str, ...] = ()
    """Item ids that must be marked o (an item that does not apply, n/a, does not block)."""


@dataclass(frozen=True)
class GateOutcome:
    """How one result fared against the gate."""

    result: Result
    graded: bool
    """False when the submission could not be opened (nothing was judged)."""
    reasons_ko: tuple[str, ...]
    """Why it did not pass, in Korean (empty when it passed)."""

    @property
    def passed(self) -> bool:
        return self.graded and not self.reasons_ko

    @property
    def status(self) -> int:
        return PASSED if self.passed else FAILED if self.graded else UNGRADABLE


def judge(result: Result, gate: Gate) -> GateOutcome:
    """Judge ``result`` against ``gate``."""
    if result.mode is None:
        problems = tuple(p.message_ko for p in result.problems) or ("제출물을 열 수 없습니다.",)
        return GateOutcome(result, graded=False, reasons_ko=problems)
    reasons = []
    if result.score < gate.min_score:
        reasons.append(
            f"점수 {result.score * 100:.0f}점이 기준 {gate.min_score * 100:.0f}점보다 낮습니다."
        )
    marks = {item.id: item for item in result.items}
    unmet = [marks[i] for i in gate.required if i in marks and marks[i].mark not in ("o", "n/a")]
    if unmet:
        listed = ", ".join(f"{v.label}({v.mark})" for v in unmet)
        reasons.append(f"꼭 충족해야 하는 항목을 충족하지 못했습니다: {listed}")
    return GateOutcome(result, graded=True, reasons_ko=tuple(reasons))


def exit_status(outcomes: Iterable[GateOutcome]) -> int:
    """2 when any submission could not be graded, else 1 when any failed, else 0."""
    return max((o.status for o in outcomes), default=PASSED)


def rubric_item_ids(assignment_id: str | None) -> tuple[str, ...]:
    """The checklist item ids graded for ``assignment_id`` (the common rubric without one).

    Loads the pack and rubric only, so a wrong ``--require`` or ``-a`` is refused before any
    grading; :class:`AssignmentError` when the pack does not exist."""
    project = None
    if assignment_id is not None:
        pack = load_pack(assignments_dir(), assignment_id)
        project = rubrics_dir() / f"{pack.spec.rubric}.yaml" if pack.spec.rubric else None
    rubric = load_rubric(rubrics_dir() / "peer_review.yaml", project)
    return tuple(bound.spec.id for bound in rubric.items)


def unknown_items(required: Sequence[str], known: Sequence[str]) -> list[str]:
    """The ``required`` ids that the rubric does not grade."""
    return [item for item in required if item not in known]
