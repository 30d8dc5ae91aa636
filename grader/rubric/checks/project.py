"""Project criteria of an assignment (``rubrics/<id>.yaml``): metrics, techniques, analyses."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from grader.evidence.names import role_of
from grader.records.evidence import Evidence, EvidenceRef, MetricReading, NotebookEvidence
from grader.rubric.checks.common import (
    NOT_EXECUTED,
    cell_no,
    cell_state,
    each,
    figures_of,
    matches_any,
    student_texts,
)
from grader.rubric.checks.metric_words import METRIC_KO, ROLE_KO, format_metric
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check


class MetricParams(BaseModel):
    """A metric that must reach a threshold on some data."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metric: str
    role: Literal["test", "validation", "train", "unknown"] = "test"
    at_least: float | None = None
    at_most: float | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> MetricParams:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of at_least / at_most")
        return self


@check("project.metric_threshold", params=MetricParams)
def metric_threshold(evidence: Evidence, params: MetricParams) -> Outcome:
    """o when the best reading of the metric on the named data meets the bound."""
    readings = [m for m in each(evidence, lambda n: n.metrics) if m.name == params.metric]
    on_role = [m for m in readings if m.role == params.role]
    bound = params.at_least if params.at_least is not None else params.at_most
    facts = {
        "metric": METRIC_KO.get(params.metric, params.metric),
        "role": ROLE_KO[params.role],
        "bound": format_metric(bound, params.metric),
    }
    if not on_role:
        claimed = _claimed_on_training(readings, params.role)
        if claimed is not None:
            return Outcome.of(
                "x",
                "metric_claimed_on_train",
                [claimed.ref],
                value=format_metric(claimed.value, params.metric),
                where=cell_no(claimed.ref),
                **facts,
            )
        others = [m for m in readings if m.role != "train"]
        if others:
            best = _best(others, params)
            return Outcome.of(
                "△",
                "metric_other_data",
                [best.ref],
                value=format_metric(best.value, params.metric),
                seen_role=ROLE_KO[best.role],
                **facts,
            )
        return Outcome.of("x", "metric_missing", **facts)
    best = _best(on_role, params)
    upper = params.at_least is None
    passed = best.value <= bound if upper else best.value >= bound  # type: ignore[operator]
    codes = ("metric_within", "metric_above") if upper else ("metric_met", "metric_below")
    return Outcome.of(
        "o" if passed else "x",
        codes[0] if passed else codes[1],
        [best.ref],
        value=format_metric(best.value, params.metric),
        where=cell_no(best.ref),
        **facts,
    )


def _claimed_on_training(readings: list[MetricReading], role: str) -> MetricReading | None:
    """A training reading printed under the name of ``role`` (``test accuracy`` of a cell that
    evaluated only training data): the claim the notebook makes without the data for it."""
    if role == "train":
        return None
    return next(
        (m for m in readings if m.role == "train" and role_of([m.ref.excerpt]) == role), None
    )


def _best(readings: list[MetricReading], params: MetricParams) -> MetricReading:
    if params.at_least is not None:
        return max(readings, key=lambda m: m.value)
    return min(readings, key=lambda m: m.value)


class UsesAnyParams(BaseModel):
    """Layers or calls any one of which satisfies the criterion."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    layers: tuple[str, ...] = ()
    calls: tuple[str, ...] = ()


@check("project.uses_any", params=UsesAnyParams)
def uses_any(evidence: Evidence, params: UsesAnyParams) -> Outcome:
    """o when a listed layer or call appears in the code (a code-level criterion)."""
    found: list[tuple[str, EvidenceRef]] = []
    for notebook in evidence.notebooks:
        for model in notebook.models:
            for layer in set(model.layers) & set(params.layers):
                found.append((layer, model.ref))
        for name in (*params.calls, *params.layers):
            for cell in notebook.call_sites.get(name, ()):
                found.append((name, _code_ref(notebook, cell)))
    if not found:
        expected = {name.lower(): name for name in (*params.layers, *params.calls)}
        return Outcome.of("x", "technique_missing", expected=list(expected.values()))
    names = sorted({name for name, _ in found})
    refs = [ref for _, ref in found]
    return Outcome.of("o", "technique_used", refs, names=names, where=cell_no(refs[0]))


def _code_ref(notebook: NotebookEvidence, cell: int) -> EvidenceRef:
    source = next((c.source for c in notebook.code if c.index == cell), "")
    return EvidenceRef(source="code", notebook=notebook.path, cell=cell, excerpt=source[:400])


ANALYSIS_CALLS = (
    "confusion_matrix",
    "ConfusionMatrixDisplay",
    "classification_report",
    "plot_confusion_matrix",
    "heatmap",
)
_MISCLASSIFIED = re.compile(r"(!=|wrong|misclass|오분류|틀린|incorrect|errors?\s*=)", re.IGNORECASE)
ANALYSIS_WORDS = (
    "혼동",
    "헷갈",
    "오분류",
    "틀린",
    "틀렸",
    "잘못 분류",
    "잘못 예측",
    "오답",
    "혼돈",
    "구분하기 어려",
    "confus",
    "misclass",
    "mistak",
)


@check("project.error_analysis")
def error_analysis(evidence: Evidence) -> Outcome:
    """o for a confusion matrix or misclassified examples shown and interpreted in words."""
    candidates: list[tuple[EvidenceRef, str]] = []
    drawn: list[EvidenceRef] = []
    for notebook in evidence.notebooks:
        for cell in notebook.code:
            uses_call = any(cell.index in notebook.call_sites.get(c, ()) for c in ANALYSIS_CALLS)
            shows_wrong = bool(_MISCLASSIFIED.search(cell.source)) and cell.has_image
            if uses_call or shows_wrong:
                ref = _code_ref(notebook, cell.index)
                candidates.append((ref, cell_state(notebook, cell.index)))
                drawn += figures_of(notebook, cell.index)
    shown = [ref for ref, state in candidates if state == "shown"]
    words = [t for t in student_texts(evidence) if matches_any(t.text, ANALYSIS_WORDS)]
    if shown:
        # The interpretation closest after the analysis cell reads best as its evidence.
        anchor = shown[0].cell or 0
        words.sort(
            key=lambda t: (
                t.ref.cell is None or t.ref.cell < anchor,
                abs((t.ref.cell or 0) - anchor),
            )
        )
    if shown and words:
        refs = [shown[0], *drawn[:2], words[0].ref]
        return Outcome.of("o", "analysis_shown", refs, where=cell_no(shown[0]))
    if shown:
        refs = [shown[0], *drawn[:2]]
        return Outcome.of("△", "analysis_without_interpretation", refs, where=cell_no(shown[0]))
    silent = [ref for ref, state in candidates if state not in NOT_EXECUTED]
    if silent:
        return Outcome.of("△", "analysis_not_shown", silent, where=cell_no(silent[0]))
    if candidates:
        first = candidates[0][0]
        return Outcome.of("x", "analysis_not_executed", [first], where=cell_no(first))
    if words:
        return Outcome.of("△", "analysis_only_claimed", [words[0].ref], where=cell_no(words[0].ref))
    return Outcome.of("x", "analysis_missing")


class CodePatternParams(BaseModel):
    """A regular expression some executed code cell must match (instructor criteria)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: str
    description: str

    @model_validator(mode="after")
    def _compiles(self) -> CodePatternParams:
        re.compile(self.pattern)
        return self


@check("project.code_pattern", params=CodePatternParams)
def code_pattern(evidence: Evidence, params: CodePatternParams) -> Outcome:
    """o when an executed cell matches; △ when only a cell that never ran does."""
    regex = re.compile(params.pattern)
    hits = [
        (notebook, cell)
        for notebook in evidence.notebooks
        for cell in notebook.code
        if regex.search(cell.source)
    ]
    ran = [(n, c) for n, c in hits if c.executed and not c.error]
    if ran:
        ref = _code_ref(*_index(ran[0]))
        return Outcome.of(
            "o", "pattern_found", [ref], description=params.description, where=cell_no(ref)
        )
    if hits:
        ref = _code_ref(*_index(hits[0]))
        return Outcome.of(
            "△", "pattern_not_run", [ref], description=params.description, where=cell_no(ref)
        )
    return Outcome.of("x", "pattern_missing", description=params.description)


def _index(hit: tuple[NotebookEvidence, object]) -> tuple[NotebookEvidence, int]:
    notebook, cell = hit
    return notebook, cell.index  # type: ignore[attr-defined]
