"""``image_psnr``: restored images (super-resolution, denoising, colorization) against truth.

The notebook saves ``restored.npy``, float ``(N, H, W)`` or ``(N, H, W, C)`` in [0, 1] (a
singleton channel axis in either place is accepted), the test split in order. The truth is an
array of the data directory or a bundled source (``sklearn.digits:test``). PSNR and SSIM are
scikit-image's (``skimage.metrics``), per image, averaged; an identical image's PSNR counts as
:data:`MAX_PSNR` dB so the mean stays finite.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pydantic import Field

from grader.judges.arrays import MAX_DETAILS, aligned
from grader.judges.base import ArtifactProblem, FileKind, JudgeParams, MetricInfo
from grader.judges.registry import register_judge
from grader.records.evidence import Measurement, SampleScore

__all__ = ["MAX_PSNR", "ImagePSNR", "ImageParams"]

MAX_PSNR = 100.0


class ImageParams(JudgeParams):
    """Params of ``image_psnr``."""

    data_range: float = Field(1.0, gt=0, description="Pixel range of the images (1 for [0, 1]).")
    ssim: bool = Field(True, description="Also measure SSIM (scikit-image, 7x7 window or less).")


METRICS = {
    "psnr": MetricInfo("PSNR", "이미지별 PSNR(dB)의 평균", unit="dB"),
    "ssim": MetricInfo("SSIM", "이미지별 SSIM(구조적 유사도)의 평균"),
    "mse": MetricInfo("MSE", "전체 픽셀의 평균 제곱 오차"),
}


class ImagePSNR:
    """PSNR/SSIM of restored images (numpy and scikit-image imported when measuring)."""

    artifact: FileKind = "npy"
    truth_required: bool = True
    truth: FileKind | None = "npy"
    params: type[JudgeParams] = ImageParams
    metrics: Mapping[str, MetricInfo] = METRICS

    def measure(self, artifact: Any, truth: Any | None, params: Any) -> Measurement:
        import numpy as np

        pred, true = aligned(artifact, truth)
        if pred.ndim not in (3, 4):
            raise ArtifactProblem("artifact_bad_shape", f"{pred.ndim}차원")
        if not np.all(np.isfinite(pred)):
            raise ArtifactProblem("artifact_not_finite")
        pred, true = pred.astype(np.float64), true.astype(np.float64)
        psnr = [_psnr(p, t, params.data_range) for p, t in zip(pred, true, strict=True)]
        metrics = {"psnr": round(float(np.mean(psnr)), 4)}
        metrics["mse"] = round(float(((pred - true) ** 2).mean()), 6)
        ssim: list[float] = []
        if params.ssim:
            ssim = _ssim(pred, true, params.data_range)
            metrics["ssim"] = round(float(np.mean(ssim)), 4)
        details = tuple(
            SampleScore(
                index=i,
                values={"psnr": round(psnr[i], 3), **({"ssim": round(ssim[i], 4)} if ssim else {})},
            )
            for i in range(min(len(pred), MAX_DETAILS))
        )
        summary = f"이미지 {len(pred)}장의 평균 PSNR {metrics['psnr']:.2f}dB"
        summary += f", SSIM {metrics['ssim']:.3f}" if ssim else ""
        low, high = float(pred.min()), float(pred.max())
        if low < -0.01 * params.data_range or high > 1.01 * params.data_range:
            summary += f" (저장한 값의 범위 {low:.3g}~{high:.3g}가 0~{params.data_range:g} 밖)"
        return Measurement(count=len(pred), metrics=metrics, details=details, summary_ko=summary)


def _psnr(pred: Any, true: Any, data_range: float) -> float:
    from skimage.metrics import peak_signal_noise_ratio

    if not ((pred - true) ** 2).any():
        return MAX_PSNR
    score = peak_signal_noise_ratio(true, pred, data_range=data_range)  # type: ignore[no-untyped-call]
    value = float(score)
    return min(value, MAX_PSNR) if math.isfinite(value) else MAX_PSNR


def _ssim(pred: Any, true: Any, data_range: float) -> list[float]:
    from skimage.metrics import structural_similarity

    side = min(pred.shape[1], pred.shape[2])
    win = min(7, side if side % 2 else side - 1)
    if win < 3:
        raise ArtifactProblem("artifact_bad_shape", "SSIM에는 3x3 이상의 이미지가 필요합니다")
    channel = -1 if pred.ndim == 4 else None
    ssim = structural_similarity  # untyped: scikit-image ships no stubs
    return [
        float(ssim(t, p, data_range=data_range, win_size=win, channel_axis=channel))  # type: ignore[no-untyped-call]
        for p, t in zip(pred, true, strict=True)
    ]


register_judge(
    "image_psnr",
    None,
    "복원 이미지(restored.npy, (N, H, W[, C]) 0~1): 정답 이미지와 PSNR·SSIM (scikit-image)",
    metric=ImagePSNR(),
)
