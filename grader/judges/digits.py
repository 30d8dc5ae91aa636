"""The digits judge: scikit-learn's real 8x8 digits as a nearest-neighbour classifier.

Judging (the "recognisable" criterion): the real scikit-learn digits, read from the package's
bundled file with numpy (no ``sklearn`` import: it alone costs a second), vote: the 10 nearest
give each sample a class and a confidence (their share); the distance to the nearest tells
whether the sample looks like a digit at all (uniform noise can make any classifier
confident, but it lies far from every real digit). A sample counts as *recognised* when it is
both confident and close to the real digits. See docs in ``rubrics/gan-digits.yaml`` for the
thresholds and their calibration.

Saved samples (:mod:`grader.evidence.outputs.artifacts`) and the images an app or predict function
returns (:mod:`grader.apps.generation`) are judged by the same judge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from grader.judges.base import ArtifactProblem
from grader.judges.bundled import bundled_digits
from grader.judges.registry import register_judge

__all__ = [
    "CONFIDENT",
    "IMAGE_SIDE",
    "N_CLASSES",
    "ArtifactProblem",
    "DigitsJudge",
    "as_images",
    "as_labels",
    "digits_judge",
    "value_range",
]

MAX_SAMPLES = 10_000
CONFIDENT = 0.7
"""A sample is confidently classified when the judge's top probability reaches this."""
MANIFOLD_FACTOR = 1.25
"""A sample is close to the real digits when its nearest real digit is no farther than this
times the 99th percentile of the real digits' own leave-one-out nearest-neighbour distance."""
IMAGE_SIDE = 8
N_CLASSES = 10


def as_images(array: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``(N, 64)`` pixel values on load_digits' 0-16 scale; accepts (N,8,8), (N,8,8,1), (N,64)
    in [0, 1], [-1, 1] (tanh) or [0, 16]. Non-finite pixels stay NaN."""
    shape = array.shape
    side = IMAGE_SIDE
    if len(shape) == 4 and shape[1:] in ((side, side, 1), (1, side, side)):
        array = array.reshape(shape[0], side * side)
    elif len(shape) == 3 and shape[1:] == (side, side):
        array = array.reshape(shape[0], side * side)
    elif len(shape) == 2 and shape[1] == side * side:
        pass
    else:
        raise ArtifactProblem("artifact_bad_shape", "x".join(str(n) for n in shape))
    if array.shape[0] == 0:
        raise ArtifactProblem("artifact_empty")
    array = array[:MAX_SAMPLES].astype(np.float64)
    finite = array[np.isfinite(array)]
    if finite.size == 0:
        raise ArtifactProblem("artifact_not_finite")
    low, high = float(finite.min()), float(finite.max())
    if high > 1.5:
        scaled = array  # already 0-16 like load_digits
    elif low < -0.1:
        scaled = (array + 1.0) * 8.0  # tanh output in [-1, 1]
    else:
        scaled = array * 16.0
    clipped: np.ndarray[Any, Any] = np.clip(scaled, 0.0, 16.0)
    return clipped


def value_range(array: np.ndarray[Any, Any]) -> str:
    finite = array[np.isfinite(array)]
    return f"{float(finite.min()):.3g}~{float(finite.max()):.3g}" if finite.size else "-"


def as_labels(array: np.ndarray[Any, Any], count: int) -> np.ndarray[Any, Any]:
    """``(N,)`` class ids from ``(N,)``, ``(N, 1)`` ids or ``(N, 10)`` one-hot rows."""
    if array.ndim == 2 and array.shape[1] == N_CLASSES:
        array = array.argmax(axis=1)
    elif array.ndim == 2 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim != 1 or array.shape[0] < count:
        raise ArtifactProblem("labels_mismatch", "x".join(str(n) for n in array.shape))
    labels = array[:count]
    if not np.all(np.isfinite(labels)) or np.any((labels < 0) | (labels >= N_CLASSES)):
        raise ArtifactProblem("labels_mismatch", "0~9 밖의 값")
    return labels.astype(np.int64)


@dataclass(frozen=True)
class DigitsJudge:
    """The real scikit-learn digits as a k-nearest-neighbour judge (numpy only)."""

    data: np.ndarray[Any, Any]
    """``(1797, 64)`` real digits, 0-16 pixels."""
    targets: np.ndarray[Any, Any]
    radius: float

    def judge(self, pixels: np.ndarray[Any, Any]) -> dict[str, Any]:
        """Per-sample prediction, confidence and closeness for ``(N, 64)`` 0-16 pixels."""
        finite = np.all(np.isfinite(pixels), axis=1)
        count = pixels.shape[0]
        prob = np.zeros((count, N_CLASSES))
        near = np.zeros(count, dtype=bool)
        rows = np.flatnonzero(finite)
        for start in range(0, rows.size, CHUNK_ROWS):  # bounded memory for many tiles
            chunk = rows[start : start + CHUNK_ROWS]
            dist = _distances(pixels[chunk], self.data)
            nearest = np.argpartition(dist, NEIGHBOURS, axis=1)[:, :NEIGHBOURS]
            votes = self.targets[nearest]
            prob[chunk] = np.stack([(votes == k).mean(axis=1) for k in range(N_CLASSES)], axis=1)
            near[chunk] = dist.min(axis=1) <= self.radius
        confidence = prob.max(axis=1)
        return {
            "pred": prob.argmax(axis=1),
            "confidence": confidence,
            "confident": confidence >= CONFIDENT,
            "near": near,
            "finite": finite,
        }


NEIGHBOURS = 10
"""Votes of the 10 nearest real digits give a sample its class and confidence."""
CHUNK_ROWS = 1024
"""Samples compared with the real digits at once (a 1024 x 1797 distance matrix, 15 MB)."""


def _distances(rows: np.ndarray[Any, Any], data: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    squared = (rows**2).sum(axis=1)[:, None] + (data**2).sum(axis=1)[None, :] - 2 * rows @ data.T
    distances: np.ndarray[Any, Any] = np.sqrt(np.maximum(squared, 0.0))
    return distances


@lru_cache(maxsize=1)
def digits_judge() -> DigitsJudge:
    """Built once per process from scikit-learn's bundled digits file, read directly (the
    ``sklearn`` import alone costs about a second, more than a student check may take)."""
    x, y = bundled_digits()
    dist = _distances(x, x)
    np.fill_diagonal(dist, np.inf)
    radius = float(np.percentile(dist.min(axis=1), 99)) * MANIFOLD_FACTOR
    return DigitsJudge(x, y, radius)


register_judge(
    "sklearn_digits",
    digits_judge,
    "8x8 손글씨 숫자 이미지: scikit-learn 실제 digits 10-최근접 이웃으로 클래스와 확신도를 판정",
)
