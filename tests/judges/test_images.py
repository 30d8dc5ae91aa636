"""image_psnr: a known PSNR, SSIM of identical and noisy images, shapes and NaN as problems."""

from __future__ import annotations

import numpy as np
import pytest

from grader.judges import get_judge
from grader.judges.base import ArtifactProblem
from grader.judges.images import MAX_PSNR, ImageParams

JUDGE = get_judge("image_psnr").metric


def test_a_known_psnr():
    truth = np.zeros((3, 8, 8))
    restored = np.full((3, 8, 8), 0.1, dtype="float32")  # MSE 0.01 -> 20 dB
    result = JUDGE.measure(restored, truth, ImageParams(ssim=False))
    assert result.metrics["psnr"] == pytest.approx(20.0, abs=1e-4)
    assert result.metrics["mse"] == pytest.approx(0.01, rel=1e-3)
    assert "ssim" not in result.metrics and "20.00dB" in result.summary_ko


def test_ssim_ranks_identical_above_noisy_and_identical_psnr_is_capped():
    truth = np.random.default_rng(0).uniform(0, 1, (4, 8, 8))
    noisy = np.clip(truth + np.random.default_rng(1).normal(0, 0.2, truth.shape), 0, 1)
    same = JUDGE.measure(truth, truth, ImageParams())
    worse = JUDGE.measure(noisy, truth, ImageParams())
    assert same.metrics["ssim"] == pytest.approx(1.0) and same.metrics["psnr"] == MAX_PSNR
    assert worse.metrics["ssim"] < 0.9 and worse.metrics["psnr"] < 20


def test_colour_images_and_a_channel_axis():
    truth = np.random.default_rng(0).uniform(0, 1, (2, 16, 16, 3))
    assert JUDGE.measure(truth, truth, ImageParams()).metrics["ssim"] == pytest.approx(1.0)
    grey = truth[..., 0]
    assert JUDGE.measure(grey[:, None], grey, ImageParams()).count == 2  # (N, 1, H, W)


@pytest.mark.parametrize(
    ("restored", "code"),
    [
        (np.zeros((3, 4, 4)), "artifact_shape_mismatch"),
        (np.full((2, 8, 8), np.nan), "artifact_not_finite"),
    ],
)
def test_unusable_arrays_are_problems(restored: np.ndarray, code: str):
    with pytest.raises(ArtifactProblem) as caught:
        JUDGE.measure(restored, np.zeros((2, 8, 8)), ImageParams())
    assert caught.value.code == code
