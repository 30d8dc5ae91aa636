"""project.artifact_metric over literal evidence: measured, below, missing, no truth."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from grader.records.evidence import ArtifactJudgement, EvidenceRef, Measurement
from grader.rubric.checks.measured import ArtifactMetricParams, artifact_metric
from grader.rubric.messages import render_comment
from tests.rubric.factories import evidence

AT_LEAST = ArtifactMetricParams(metric="psnr", at_least=16)


def judged(
    path: str = "restored.npy", psnr: float | None = 18.44, **facts: object
) -> ArtifactJudgement:
    base: dict[str, object] = {
        "ref": EvidenceRef(source="file", notebook="a.ipynb", excerpt=path),
        "path": path,
        "notebook": "a.ipynb",
        "judge": "image_psnr",
        "truth": "sklearn.digits:test",
    }
    if psnr is not None:
        base["measurement"] = Measurement(
            count=360, metrics={"psnr": psnr, "ssim": 0.9}, summary_ko="이미지 360장"
        )
    return ArtifactJudgement(**{**base, **facts})  # type: ignore[arg-type]


def comment(outcome) -> str:  # type: ignore[no-untyped-def]
    return render_comment(outcome.reason, outcome.facts)


def test_a_measured_value_that_meets_the_bound_is_o_and_named_with_its_file():
    outcome = artifact_metric(evidence(artifacts=(judged(),)), AT_LEAST)
    assert (outcome.mark, outcome.reason) == ("o", "artifact_metric_met")
    text = comment(outcome)
    assert "restored.npy" in text and "18.44dB" in text and "16dB" in text
    assert "sklearn.digits:test" in text


def test_below_the_bound_is_x_and_the_best_file_of_a_team_decides():
    low = judged(psnr=14.1)
    assert artifact_metric(evidence(artifacts=(low,)), AT_LEAST).reason == "artifact_metric_below"
    team = (low, judged("b_restored.npy", psnr=17.0))
    outcome = artifact_metric(evidence(artifacts=team), AT_LEAST)
    assert outcome.mark == "o" and outcome.facts["file"] == "b_restored.npy"


def test_at_most_bounds_read_lower_is_better():
    params = ArtifactMetricParams(metric="psnr", at_most=15)
    assert (
        artifact_metric(evidence(artifacts=(judged(psnr=14.1),)), params).reason
        == "artifact_metric_within"
    )
    assert (
        artifact_metric(evidence(artifacts=(judged(),)), params).reason == "artifact_metric_above"
    )


@pytest.mark.parametrize(
    ("facts", "mark", "reason"),
    [
        ({"problem": "artifact_missing", "mentioned": True}, "△", "artifact_not_handed_in"),
        ({"problem": "artifact_missing", "mentioned": False}, "x", "artifact_not_saved"),
        ({"problem": "truth_no_data_dir"}, "△", "artifact_truth_no_data"),
        ({"problem": "truth_missing"}, "△", "artifact_truth_unusable"),
        (
            {"problem": "artifact_shape_mismatch", "problem_detail": "(3, 8, 8)"},
            "△",
            "artifact_unmeasured",
        ),
    ],
)
def test_unmeasured_files_say_why(facts: dict[str, object], mark: str, reason: str):
    outcome = artifact_metric(evidence(artifacts=(judged(psnr=None, **facts),)), AT_LEAST)
    assert (outcome.mark, outcome.reason) == (mark, reason)
    text = comment(outcome)
    assert "restored.npy" in text and "PSNR" in text


def test_no_data_directory_names_the_option():
    outcome = artifact_metric(
        evidence(
            artifacts=(judged(psnr=None, problem="truth_no_data_dir", truth="masks/test.npy"),)
        ),
        AT_LEAST,
    )
    assert "--data" in comment(outcome) and "masks/test.npy" in comment(outcome)


def test_an_unknown_metric_or_too_few_samples_is_uncertain():
    unknown = artifact_metric(
        evidence(artifacts=(judged(),)), ArtifactMetricParams(metric="chrf", at_least=1)
    )
    assert (unknown.mark, unknown.reason) == ("△", "artifact_metric_unknown")
    assert "psnr" in comment(unknown)
    few = artifact_metric(
        evidence(artifacts=(judged(),)),
        ArtifactMetricParams(metric="psnr", at_least=1, min_count=500),
    )
    assert (few.mark, few.reason) == ("△", "artifact_too_few")


def test_a_pack_without_a_metric_judge_is_uncertain():
    assert artifact_metric(evidence(), AT_LEAST).reason == "artifact_no_judge"


def test_exactly_one_bound():
    with pytest.raises(ValidationError):
        ArtifactMetricParams(metric="psnr")
    with pytest.raises(ValidationError):
        ArtifactMetricParams(metric="psnr", at_least=1, at_most=2)


def test_a_copy_of_the_truth_is_uncertain_and_says_so():
    copied = judged(psnr=None, problem="artifact_equals_truth")
    outcome = artifact_metric(evidence(artifacts=(copied,)), AT_LEAST)
    assert (outcome.mark, outcome.reason) == ("△", "artifact_unmeasured")
    assert "정답을 그대로 저장했는지" in comment(outcome)
