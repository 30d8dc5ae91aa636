"""mask_iou: a known IoU, per-class values, float masks, and a shape mismatch as a problem."""

from __future__ import annotations

import numpy as np
import pytest

from grader.judges import get_judge
from grader.judges.base import ArtifactProblem
from grader.judges.masks import MaskParams

JUDGE = get_judge("mask_iou").metric


def masks() -> tuple[np.ndarray, np.ndarray]:
    truth = np.zeros((2, 4, 4), np.uint8)
    truth[:, :2, :] = 1  # 8 foreground pixels per image
    pred = np.zeros((2, 4, 4), np.uint8)
    pred[:, 0, :] = 1
    pred[:, :, 0] = 1  # 7 pixels: 5 of them right, 2 wrong
    return pred, truth


def test_the_iou_of_known_masks():
    pred, truth = masks()
    result = JUDGE.measure(pred, truth, MaskParams())
    assert result.metrics["mean_iou"] == pytest.approx(5 / 10)
    assert result.metrics["pixel_accuracy"] == pytest.approx((16 - 5) / 16)
    assert result.count == 2 and [d.values["iou"] for d in result.details] == [0.5, 0.5]
    assert "평균 IoU 0.500" in result.summary_ko


def test_a_perfect_prediction_and_per_class_values():
    truth = np.array([[[0, 1], [2, 2]]], np.uint8)
    pred = np.array([[[0, 1], [2, 1]]], np.uint8)
    result = JUDGE.measure(pred, truth, MaskParams(per_class=True))
    assert result.metrics["iou.1"] == pytest.approx(1 / 2)
    assert result.metrics["iou.2"] == pytest.approx(1 / 2)
    assert result.metrics["mean_iou"] == pytest.approx(0.5)
    assert JUDGE.measure(truth, truth, MaskParams()).metrics["mean_iou"] == 1.0
    with_background = JUDGE.measure(pred, truth, MaskParams(classes=(0, 1, 2), per_class=True))
    assert with_background.metrics["iou.0"] == 1.0


def test_probabilities_and_a_channel_axis_are_accepted():
    pred, truth = masks()
    probabilities = pred[:, None].astype("float32") * 0.9  # (N, 1, H, W) in [0, 1]
    assert JUDGE.measure(probabilities, truth, MaskParams()).metrics["mean_iou"] == 0.5


def test_a_shape_mismatch_is_a_problem_not_a_crash():
    pred, truth = masks()
    with pytest.raises(ArtifactProblem) as caught:
        JUDGE.measure(pred[:1], truth, MaskParams())
    assert caught.value.code == "artifact_shape_mismatch"
    assert "(1, 4, 4)" in caught.value.detail and "(2, 4, 4)" in caught.value.detail
