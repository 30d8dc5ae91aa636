"""Project criterion: a metric that beats the baseline model's reading by a margin."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from grader.records.evidence import Evidence, MetricReading
from grader.rubric.checks.common import cell_no, each
from grader.rubric.checks.metric_words import METRIC_KO, PERCENT_METRICS, ROLE_KO, format_metric
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check


class GainParams(BaseModel):
    """The baseline's printed readings (lines matching ``baseline``) and the gain asked for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metric: str
    role: Literal["test", "validation", "train", "unknown"] = "test"
    baseline: str = Field(
        description="Regular expression found in the printed line of the baseline's readings."
    )
    description: str = Field(description="Korean name of the baseline ('처음부터 학습한 모델').")
    min_gain: float = Field(gt=0, description="Least improvement (fractions for accuracy).")
    lower_is_better: bool = Field(False, description="For losses and errors.")

    @model_validator(mode="after")
    def _compiles(self) -> GainParams:
        try:
            re.compile(self.baseline)
        except re.error as exc:
            raise ValueError(f"baseline is not a regular expression: {exc}") from exc
        return self


@check("project.metric_gain", params=GainParams)
def metric_gain(evidence: Evidence, params: GainParams) -> Outcome:
    """o when another model's best reading beats the baseline's best by min_gain; x else."""
    readings = [
        m
        for m in each(evidence, lambda n: n.metrics)
        if m.name == params.metric and m.role == params.role
    ]
    regex = re.compile(params.baseline)
    baseline = [m for m in readings if regex.search(m.ref.excerpt)]
    others = [m for m in readings if not regex.search(m.ref.excerpt)]
    facts = {
        "metric": METRIC_KO.get(params.metric, params.metric),
        "role": ROLE_KO[params.role],
        "description": params.description,
        "min_gain": _fmt_gain(params.min_gain, params.metric).lstrip("+"),
    }
    if not baseline:
        return Outcome.of("x", "gain_no_baseline", **facts)
    base = _best(baseline, params)
    if not others:
        return Outcome.of("x", "gain_no_model", [base.ref], **facts)
    best = _best(others, params)
    gain = base.value - best.value if params.lower_is_better else best.value - base.value
    return Outcome.of(
        "o" if gain >= params.min_gain - 1e-9 else "x",
        "gain_met" if gain >= params.min_gain - 1e-9 else "gain_short",
        [best.ref, base.ref],
        value=format_metric(best.value, params.metric),
        baseline_value=format_metric(base.value, params.metric),
        gain=_fmt_gain(gain, params.metric),
        where=cell_no(best.ref),
        **facts,
    )


def _best(readings: list[MetricReading], params: GainParams) -> MetricReading:
    if params.lower_is_better:
        return min(readings, key=lambda m: m.value)
    return max(readings, key=lambda m: m.value)


def _fmt_gain(gain: float, metric: str) -> str:
    """A difference of fractions in percentage points (``+12.0%p``), else a plain number."""
    if metric in PERCENT_METRICS and abs(gain) <= 1:
        return f"{gain * 100:+.1f}%p"
    return f"{gain:+.4g}"
