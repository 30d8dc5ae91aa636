"""Shape helpers shared by the array judges (numpy passed in, never imported at load)."""

from __future__ import annotations

from typing import Any

from grader.judges.base import ArtifactProblem

__all__ = ["MAX_DETAILS", "aligned", "shape_text"]

MAX_DETAILS = 50
"""Per-sample details kept in a measurement (the first ones, in file order)."""


def shape_text(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ")"


def aligned(pred: Any, truth: Any) -> tuple[Any, Any]:
    """``pred`` and ``truth`` with singleton channel axes dropped ((N, 1, H, W) and
    (N, H, W, 1) read as (N, H, W)); ``artifact_shape_mismatch`` when they still differ."""
    if pred.ndim >= 1 and pred.shape[0] == 0:
        raise ArtifactProblem("artifact_empty")
    squeezed = _drop_channel(pred), _drop_channel(truth)
    if squeezed[0].shape != squeezed[1].shape:
        raise ArtifactProblem(
            "artifact_shape_mismatch",
            f"저장한 배열 {shape_text(pred.shape)}, 정답 {shape_text(truth.shape)}",
        )
    return squeezed


def _drop_channel(array: Any) -> Any:
    if array.ndim == 4 and array.shape[1] == 1:
        return array[:, 0]
    if array.ndim == 4 and array.shape[-1] == 1:
        return array[..., 0]
    return array
