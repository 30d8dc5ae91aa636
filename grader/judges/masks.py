"""``mask_iou``: predicted segmentation masks against the true masks of the data directory.

The notebook saves ``pred_masks.npy``, ``(N, H, W)`` class ids (uint8/bool; a float array is
thresholded at ``threshold``), the test split in file order; the truth is an ``(N, H, W)``
array of the pack's dataset. IoU per class is counted over the whole split (intersection and
union summed over images), ``mean_iou`` averages it over the classes scored. A shape that does
not match the truth is a problem (``artifact_shape_mismatch``), not a crash.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import Field

from grader.judges.arrays import MAX_DETAILS, aligned
from grader.judges.base import ArtifactProblem, FileKind, JudgeParams, MetricInfo
from grader.judges.registry import register_judge
from grader.records.evidence import Measurement, SampleScore

__all__ = ["MaskIoU", "MaskParams"]


class MaskParams(JudgeParams):
    """Params of ``mask_iou``."""

    classes: tuple[int, ...] | None = Field(
        None, description="Class ids to score; unset: every id in the truth or the prediction."
    )
    background: int | None = Field(
        0, description="The background id, left out of mean_iou unless listed in classes."
    )
    per_class: bool = Field(False, description="Also report iou.<id> for each class scored.")
    threshold: float = Field(0.5, description="A float prediction >= this is foreground (1).")


METRICS = {
    "mean_iou": MetricInfo(
        "평균 IoU", "채점한 클래스별 IoU(교집합/합집합, 전체 이미지 합산)의 평균"
    ),
    "pixel_accuracy": MetricInfo(
        "픽셀 정확도", "정답과 같은 클래스로 예측한 픽셀 비율", percent=True
    ),
    "iou.": MetricInfo("클래스별 IoU", "per_class: true일 때 iou.<클래스 id>"),
}


class MaskIoU:
    """Mean IoU of predicted masks (numpy imported when measuring)."""

    artifact: FileKind = "npy"
    truth_required: bool = True
    truth: FileKind | None = "npy"
    params: type[JudgeParams] = MaskParams
    metrics: Mapping[str, MetricInfo] = METRICS

    def measure(self, artifact: Any, truth: Any | None, params: Any) -> Measurement:
        import numpy as np

        pred, true = aligned(artifact, truth)
        if pred.dtype.kind == "f":
            if not np.all(np.isfinite(pred)):
                raise ArtifactProblem("artifact_not_finite")
            if not np.array_equal(pred, np.round(pred)) or pred.max() <= 1.0:
                pred = pred >= params.threshold
        pred, true = pred.astype(np.int64), true.astype(np.int64)
        classes = _classes(pred, true, params)
        if not classes:
            raise ArtifactProblem("artifact_empty", "채점할 클래스가 없습니다")
        ious = {k: _iou(pred == k, true == k) for k in classes}
        metrics = {"mean_iou": round(float(np.mean(list(ious.values()))), 4)}
        metrics["pixel_accuracy"] = round(float((pred == true).mean()), 4)
        if params.per_class:
            metrics.update({f"iou.{k}": round(v, 4) for k, v in ious.items()})
        details = tuple(
            SampleScore(index=i, values={"iou": round(_image_iou(pred[i], true[i], classes), 4)})
            for i in range(min(len(pred), MAX_DETAILS))
        )
        summary = (
            f"마스크 {len(pred)}장, 클래스 {len(classes)}개의 평균 IoU {metrics['mean_iou']:.3f}, "
            f"픽셀 정확도 {metrics['pixel_accuracy'] * 100:.1f}%"
        )
        return Measurement(count=len(pred), metrics=metrics, details=details, summary_ko=summary)


def _classes(pred: Any, true: Any, params: MaskParams) -> list[int]:
    import numpy as np

    if params.classes is not None:
        return list(params.classes)
    present = set(np.unique(true).tolist()) | set(np.unique(pred).tolist())
    return sorted(int(k) for k in present if k != params.background)


def _iou(pred: Any, true: Any) -> float:
    union = int((pred | true).sum())
    return 1.0 if union == 0 else float((pred & true).sum()) / union


def _image_iou(pred: Any, true: Any, classes: list[int]) -> float:
    scored = [_iou(pred == k, true == k) for k in classes if ((pred == k) | (true == k)).any()]
    return sum(scored) / len(scored) if scored else 1.0


register_judge(
    "mask_iou",
    None,
    "분할 마스크(pred_masks.npy, (N, H, W) 클래스 id): 데이터 폴더의 정답 마스크와 "
    "평균 IoU·픽셀 정확도",
    metric=MaskIoU(),
)
