"""Run the checks of a rubric over evidence and assemble the graded result."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from grader.records.evidence import Evidence, NotebookEvidence
from grader.records.verdict import Mark, SectionResult, Verdict
from grader.rubric.checks.common import NAME_NOTEBOOKS
from grader.rubric.load import BoundItem, LoadedRubric
from grader.rubric.messages import render_comment
from grader.rubric.outcome import Outcome, ScoringContext

log = logging.getLogger(__name__)


def score(
    evidence: Evidence,
    rubric: LoadedRubric,
    assignment_id: str | None,
    baseline: NotebookEvidence | None = None,
) -> list[SectionResult]:
    """Judge every item; sections come back in template order with their own mark.

    ``baseline``: the reference solution's evidence, for checks that compare models with it."""
    decided: dict[str, Verdict] = {}
    context = ScoringContext(
        evidence=evidence,
        assignment_id=assignment_id,
        project_criteria=rubric.project_ids,
        required_criteria=rubric.project.required_criteria if rubric.project else 2,
        prior=decided,
        baseline=baseline,
    )
    not_applicable = rubric.project.not_applicable if rubric.project else {}
    token = NAME_NOTEBOOKS.set(len(evidence.notebooks) > 1)
    try:
        _decide_all(evidence, rubric, context, not_applicable, decided)
    finally:
        NAME_NOTEBOOKS.reset(token)
    return [
        _section(section.id, section.title, decided, rubric) for section in rubric.rubric.sections
    ]


def _decide_all(
    evidence: Evidence,
    rubric: LoadedRubric,
    context: ScoringContext,
    not_applicable: dict[str, str],
    decided: dict[str, Verdict],
) -> None:
    for item in rubric.items:
        if item.spec.id in not_applicable:
            outcome = Outcome.of("n/a", "not_applicable", why=not_applicable[item.spec.id])
        else:
            outcome = _run_check(item, evidence, context)
        decided[item.spec.id] = _to_verdict(item, outcome)


def _run_check(item: BoundItem, evidence: Evidence, context: ScoringContext) -> Outcome:
    inputs = {
        "evidence": evidence,
        "params": item.params,
        "prior": context.prior,
        "context": context,
    }
    try:
        return item.check(inputs)
    except Exception as exc:  # a check bug must not cost the student the other items
        log.exception("check %s failed", item.check.name)
        return Outcome.of("△", "check_failed", check=item.check.name, error=type(exc).__name__)


def _to_verdict(item: BoundItem, outcome: Outcome) -> Verdict:
    return Verdict(
        id=item.spec.id,
        label=item.spec.label,
        section=item.section,
        mark=outcome.mark,
        reason=outcome.reason,
        comment=render_comment(outcome.reason, outcome.facts),
        evidence=outcome.evidence,
        facts=outcome.facts,
    )


def _section(
    section_id: str, title: str, decided: dict[str, Verdict], rubric: LoadedRubric
) -> SectionResult:
    items = [v for v in decided.values() if v.section == section_id]
    order = {item.spec.id: i for i, item in enumerate(rubric.items)}
    if section_id == "completeness":
        # The completeness verdict leads; the project criteria follow as its sub-items.
        items.sort(key=lambda v: (v.id != "completeness", order[v.id]))
    lead = next((v for v in items if v.id == section_id), None)
    mark = lead.mark if lead else section_mark(v.mark for v in items)
    return SectionResult(id=section_id, title=title, mark=mark, items=tuple(items))


def section_mark(marks: Iterable[Mark]) -> Mark:
    """o when every applicable item is o, x when any is x, else △; n/a when none applies."""
    applicable = [m for m in marks if m != "n/a"]
    if not applicable:
        return "n/a"
    if "x" in applicable:
        return "x"
    return "o" if all(m == "o" for m in applicable) else "△"


def overall_score(sections: Iterable[SectionResult]) -> float:
    """Share of applicable items marked o, △ counting half."""
    marks = [item.mark for section in sections for item in section.items if item.mark != "n/a"]
    if not marks:
        return 0.0
    points = sum(1.0 if m == "o" else 0.5 if m == "△" else 0.0 for m in marks)
    return round(points / len(marks), 3)
