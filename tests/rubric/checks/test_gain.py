from __future__ import annotations

import pytest
from pydantic import ValidationError

from grader.records.evidence import MetricReading
from grader.rubric.checks.gain import GainParams, metric_gain
from tests.rubric.factories import evidence, notebook, ref

GAIN = GainParams(
    metric="accuracy", baseline="scratch|처음부터", description="처음부터 학습한 모델", min_gain=0.1
)


def reading(value: float, line: str, role: str = "test", name: str = "accuracy") -> MetricReading:
    return MetricReading(ref=ref(7, "output", line), name=name, value=value, role=role)  # type: ignore[arg-type]


def gain_of(*readings: MetricReading, params: GainParams = GAIN):  # type: ignore[no-untyped-def]
    return metric_gain(evidence(notebook(metrics=readings)), params)


def test_transfer_beating_the_scratch_baseline_by_the_margin_is_o():
    outcome = gain_of(
        reading(0.43, "처음부터 학습 | test accuracy: 0.4300"),
        reading(0.94, "fine-tune | test accuracy: 0.9400"),
    )
    assert (outcome.mark, outcome.reason) == ("o", "gain_met")
    assert outcome.facts["gain"] == "+51.0%p" and outcome.facts["baseline_value"] == "43.0%"


def test_a_gain_below_the_margin_is_x():
    outcome = gain_of(
        reading(0.43, "scratch | test accuracy: 0.4300"),
        reading(0.47, "fine-tune | test accuracy: 0.4700"),
    )
    assert (outcome.mark, outcome.reason) == ("x", "gain_short")
    assert outcome.facts["gain"] == "+4.0%p" and outcome.facts["min_gain"] == "10.0%p"


def test_the_best_baseline_reading_is_the_one_to_beat():
    outcome = gain_of(
        reading(0.40, "scratch lr=1e-2 | test accuracy: 0.40"),
        reading(0.60, "scratch lr=1e-3 | test accuracy: 0.60"),
        reading(0.65, "transfer | test accuracy: 0.65"),
    )
    assert outcome.mark == "x" and outcome.facts["baseline_value"] == "60.0%"


def test_without_a_baseline_reading_the_gain_cannot_be_shown():
    outcome = gain_of(reading(0.94, "fine-tune | test accuracy: 0.94"))
    assert (outcome.mark, outcome.reason) == ("x", "gain_no_baseline")


def test_only_the_baseline_is_x():
    outcome = gain_of(reading(0.43, "scratch | test accuracy: 0.43"))
    assert (outcome.mark, outcome.reason) == ("x", "gain_no_model")


def test_readings_on_other_data_or_of_other_metrics_do_not_count():
    outcome = gain_of(
        reading(0.43, "scratch | test accuracy: 0.43"),
        reading(0.99, "fine-tune | val accuracy: 0.99", role="validation"),
        reading(0.99, "fine-tune | test f1: 0.99", name="f1"),
    )
    assert outcome.reason == "gain_no_model"


def test_lower_is_better_metrics_gain_by_going_down():
    params = GainParams(
        metric="mae", baseline="linear", description="선형 회귀", min_gain=2, lower_is_better=True
    )
    outcome = gain_of(
        reading(45.0, "linear | test mae: 45.0", name="mae"),
        reading(41.0, "mlp | test mae: 41.0", name="mae"),
        params=params,
    )
    assert outcome.mark == "o" and outcome.facts["gain"] == "+4"


@pytest.mark.parametrize("bad", [{"min_gain": 0}, {"baseline": "("}, {"min_gian": 0.1}])
def test_bad_params_are_rejected(bad: dict[str, object]):
    fields = {"metric": "accuracy", "baseline": "scratch", "description": "기준", "min_gain": 0.1}
    with pytest.raises(ValidationError):
        GainParams(**{**fields, **bad})
