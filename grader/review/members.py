"""Assemble the per-member part of the review (the seed reviewer's "모델 하나(이름님)")."""

from __future__ import annotations

from statistics import median

from grader.evidence.derived.models import compare_models, describe_custom_layers
from grader.evidence.derived.trials import notebook_runs
from grader.records.evidence import Evidence, NotebookEvidence
from grader.records.review import MemberReview

METRIC_KO = {"accuracy": "정확도", "loss": "손실", "f1": "F1"}
ROLE_KO = {"test": "테스트", "validation": "검증"}


def member_reviews(evidence: Evidence, baseline: NotebookEvidence | None) -> list[MemberReview]:
    """One review per notebook, in submission order."""
    return [_review(notebook, baseline) for notebook in evidence.notebooks]


def _review(notebook: NotebookEvidence, baseline: NotebookEvidence | None) -> MemberReview:
    return MemberReview(
        notebook=notebook.path,
        member=notebook.member,
        models=tuple(compare_models(notebook, baseline)),
        custom_layers=tuple(describe_custom_layers(notebook)),
        runs=notebook_runs(notebook),
        seconds_per_epoch=seconds_per_epoch(notebook),
        baseline_seconds_per_epoch=seconds_per_epoch(baseline, last=False) if baseline else None,
        best_metric=_best_metric(notebook),
        ran_to_end=notebook.ran_to_end,
    )


def seconds_per_epoch(notebook: NotebookEvidence, *, last: bool = True) -> float | None:
    """Median epoch time of the notebook's last timed run (its final model), or of its first
    (a reference solution's baseline model comes first)."""
    timed = [run for run in notebook.runs if any(e.seconds is not None for e in run.epochs)]
    if not timed:
        return None
    run = timed[-1] if last else timed[0]
    return round(median(e.seconds for e in run.epochs if e.seconds is not None), 3)


def _best_metric(notebook: NotebookEvidence) -> str | None:
    for role in ("test", "validation"):
        readings = [m for m in notebook.metrics if m.role == role and m.name == "accuracy"]
        if readings:
            best = max(readings, key=lambda m: m.value)
            return f"{ROLE_KO[role]} {METRIC_KO[best.name]} {best.value * 100:.1f}%"
    return None
