"""``project.artifact_metric``: a metric a judge measured in a file the notebook saved.

The grader measures instead of trusting a printed number: the pack's judge (``artifacts`` of
assignment.yaml) measured the saved file (masks, restored images, generated text,
translations) against a truth the grader trusts; this check compares one of its metrics with
the criterion's bound. o when the measured value meets it, x when it does not or when no
notebook saves the file at all, △ (with the reason) when the file was saved but is not in the
submission, cannot be read, or its truth is not at hand (no ``--data``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from grader.judges import get_judge
from grader.judges.base import MetricInfo, metric_info
from grader.records.evidence import ArtifactJudgement, Evidence, Measurement
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check

__all__ = ["ArtifactMetricParams", "artifact_metric"]


class ArtifactMetricParams(BaseModel):
    """A metric the pack's judge measures in the saved file, and its bound."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metric: str = Field(description="A metric of the pack's judge (psnr, mean_iou, chrf ...).")
    at_least: float | None = Field(None, description="o when the measured value is >= this.")
    at_most: float | None = Field(None, description="o when the measured value is <= this.")
    min_count: int = Field(1, ge=1, description="Fewer samples in the file: △ (too few).")

    @model_validator(mode="after")
    def _one_bound(self) -> ArtifactMetricParams:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of at_least / at_most")
        return self


@check("project.artifact_metric", params=ArtifactMetricParams)
def artifact_metric(evidence: Evidence, params: ArtifactMetricParams) -> Outcome:
    """o when a metric the pack's judge measured in the saved file meets the bound; x when it
    does not, or no notebook saves the file; △ when the file is missing from the submission,
    unreadable, too small, or its truth is not at hand (stored grading without ``--data``)."""
    judged = list(evidence.artifacts)
    if not judged:
        return Outcome.of("△", "artifact_no_judge", metric=params.metric)
    measured = [j for j in judged if j.measurement is not None]
    if not measured:
        return _unmeasured(judged[0], params)
    best = max(measured, key=lambda j: _rank(j, params))
    measurement = best.measurement
    assert measurement is not None
    info = _info(best, params.metric)
    facts = _facts(best, measurement, info, params)
    if params.metric not in measurement.metrics:
        known = ", ".join(sorted(measurement.metrics))
        return Outcome.of("△", "artifact_metric_unknown", [best.ref], known=known, **facts)
    if measurement.count < params.min_count:
        return Outcome.of("△", "artifact_too_few", [best.ref], needed=params.min_count, **facts)
    value = measurement.metrics[params.metric]
    upper = params.at_least is None
    bound = params.at_most if upper else params.at_least
    assert bound is not None
    passed = value <= bound if upper else value >= bound
    codes = (
        ("artifact_metric_within", "artifact_metric_above")
        if upper
        else ("artifact_metric_met", "artifact_metric_below")
    )
    refs = [best.ref, *(j.ref for j in measured if j is not best)]
    return Outcome.of("o" if passed else "x", codes[0] if passed else codes[1], refs, **facts)


def _rank(judgement: ArtifactJudgement, params: ArtifactMetricParams) -> float:
    """Higher is better for the bound (the best file of a team decides, like printed metrics)."""
    assert judgement.measurement is not None
    value = judgement.measurement.metrics.get(params.metric)
    if value is None:
        return float("-inf")
    return value if params.at_least is not None else -value


def _info(judgement: ArtifactJudgement, metric: str) -> MetricInfo:
    judge = get_judge(judgement.judge).metric
    found = metric_info(judge, metric) if judge is not None else None
    return found or MetricInfo(metric, "")


def _facts(
    judgement: ArtifactJudgement,
    measurement: Measurement,
    info: MetricInfo,
    params: ArtifactMetricParams,
) -> dict[str, object]:
    bound = params.at_least if params.at_least is not None else params.at_most
    value = measurement.metrics.get(params.metric)
    truth = f", 정답 {judgement.truth}" if judgement.truth else ""
    return {
        "file": judgement.path,
        "metric": info.label_ko,
        "value": info.show(value) if value is not None else "-",
        "bound": info.show(bound) if bound is not None else "-",
        "count": measurement.count,
        "judge": judgement.judge,
        "truth": truth,
        "summary": measurement.summary_ko,
    }


def _unmeasured(judgement: ArtifactJudgement, params: ArtifactMetricParams) -> Outcome:
    """No file measured: why, as the mark a careful reviewer would give."""
    info = _info(judgement, params.metric)
    facts = {"file": judgement.path, "metric": info.label_ko, "truth": judgement.truth or "-"}
    refs = [judgement.ref]
    problem = judgement.problem or ""
    if problem == "artifact_missing":
        code = "artifact_not_handed_in" if judgement.mentioned else "artifact_not_saved"
        return Outcome.of("△" if judgement.mentioned else "x", code, **facts)
    if problem == "truth_no_data_dir":
        return Outcome.of("△", "artifact_truth_no_data", refs, **facts)
    if problem.startswith("truth_"):
        reason = _PROBLEM_KO.get(problem, problem)
        return Outcome.of("△", "artifact_truth_unusable", refs, problem=reason, **facts)
    detail = judgement.problem_detail or "-"
    reason = _PROBLEM_KO.get(problem, problem)
    return Outcome.of("△", "artifact_unmeasured", refs, problem=reason, detail=detail, **facts)


_PROBLEM_KO = {
    "artifact_symlink": "심볼릭 링크라서 읽지 않았습니다",
    "artifact_unreadable": "일반 파일이 아니거나 너무 커서 읽지 않았습니다",
    "artifact_not_npy": "np.save로 저장한 .npy 파일이 아닙니다 (pickle은 읽지 않습니다)",
    "artifact_bad_dtype": "숫자 배열이 아닙니다",
    "artifact_bad_shape": "배열 모양을 쓸 수 없습니다",
    "artifact_shape_mismatch": "배열 모양이 정답과 다릅니다",
    "artifact_count_mismatch": "줄 수가 정답과 다릅니다",
    "artifact_empty": "측정할 내용이 없습니다",
    "artifact_not_finite": "NaN/inf 값이 있습니다",
    "artifact_not_utf8": "UTF-8 텍스트가 아닙니다",
    "artifact_unmeasurable": "판정기가 값을 계산할 수 없는 내용입니다",
    "artifact_equals_truth": (
        "저장한 배열이 채점용 정답과 한 값도 다르지 않습니다. "
        "모델 출력이 아니라 정답을 그대로 저장했는지 확인이 필요합니다"
    ),
    "artifact_no_judge": "판정에 필요한 패키지가 채점 환경에 없습니다",
    "truth_missing": "데이터 폴더에 정답 파일이 없습니다",
    "truth_unreadable": "정답 파일을 읽을 수 없습니다",
    "truth_outside": "정답 경로가 데이터 폴더 밖을 가리킵니다",
    "truth_required": "이 판정기에는 정답(artifacts.truth)이 필요한데 과제에 지정되지 않았습니다",
    "truth_not_used": "이 판정기는 정답 파일을 쓰지 않는데 과제에 artifacts.truth가 지정되었습니다",
}
