"""1. 완성도: the notebook runs to the end and meets 2 of the 3 project criteria."""

from __future__ import annotations

from collections.abc import Mapping

from grader.records.evidence import Evidence, EvidenceRef
from grader.records.verdict import Verdict
from grader.rubric.outcome import Outcome, ScoringContext
from grader.rubric.registry import check


@check("completeness.solves_quest")
def solves_quest(
    evidence: Evidence, context: ScoringContext, prior: Mapping[str, Verdict]
) -> Outcome:
    """x when a notebook stops or was never run; else decided by the project criteria."""
    if not evidence.notebooks:
        return Outcome.of("x", "no_notebook")
    for notebook in evidence.notebooks:
        if notebook.never_run:
            return Outcome.of("x", "never_run", notebook=notebook.path)
        if not notebook.ran_to_end:
            return _stopped(evidence, notebook.path)
    if not any(c.executed for notebook in evidence.notebooks for c in notebook.code):
        return Outcome.of("x", "no_code_run")
    criteria = [prior[c] for c in context.project_criteria if c in prior]
    if not criteria:
        return Outcome.of("o", "ran_to_end_no_assignment", notebooks=len(evidence.notebooks))
    met = [v for v in criteria if v.mark == "o"]
    unsure = [v for v in criteria if v.mark == "△"]
    refs = [ref for v in met for ref in v.evidence[:1]]
    facts = {
        "met": len(met),
        "total": len(criteria),
        "required": context.required_criteria,
        "met_labels": [v.label for v in met] or ["없음"],
    }
    if len(met) >= context.required_criteria:
        return Outcome.of("o", "criteria_met", refs, **facts)
    if len(met) + len(unsure) >= context.required_criteria:
        return Outcome.of("△", "criteria_uncertain", refs, unsure=len(unsure), **facts)
    return Outcome.of("x", "criteria_not_met", refs, **facts)


def _stopped(evidence: Evidence, path: str) -> Outcome:
    notebook = next(n for n in evidence.notebooks if n.path == path)
    error = notebook.errors[0] if notebook.errors else None
    if error is None:
        return Outcome.of("x", "not_run_to_end", notebook=path)
    ref = EvidenceRef(**{**error.ref.model_dump(), "notebook": path})
    return Outcome.of(
        "x",
        "stopped_with_error",
        [ref],
        notebook=path,
        cell=(error.ref.cell or 0) + 1,
        ename=error.ename,
        evalue=error.evalue[:200],
    )
