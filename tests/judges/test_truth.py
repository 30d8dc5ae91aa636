"""Truth: bundled sources computed by the grader, data-directory files read safely."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from grader.judges.base import ArtifactProblem
from grader.judges.truth import load_truth


def test_the_bundled_digits_test_split_is_scikit_learns():
    images = load_digits().images
    _, test = train_test_split(np.arange(len(images)), test_size=0.2, random_state=0)
    truth = load_truth("sklearn.digits:test", None, "npy")
    assert truth.shape == (360, 8, 8)
    assert np.array_equal(truth, images[test] / 16.0)


def test_a_data_file_needs_the_data_directory(tmp_path: Path):
    np.save(tmp_path / "masks.npy", np.ones((2, 3, 3), np.uint8))
    with pytest.raises(ArtifactProblem) as caught:
        load_truth("masks.npy", None, "npy")
    assert caught.value.code == "truth_no_data_dir"
    assert load_truth("masks.npy", tmp_path, "npy").shape == (2, 3, 3)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("../outside.txt", "truth_outside"),
        ("/etc/passwd", "truth_outside"),
        ("nope.txt", "truth_missing"),
    ],
)
def test_paths_outside_or_absent_are_problems(tmp_path: Path, name: str, code: str):
    with pytest.raises(ArtifactProblem) as caught:
        load_truth(name, tmp_path, "text")
    assert caught.value.code == code


def test_a_symlinked_or_pickled_truth_is_refused(tmp_path: Path):
    (tmp_path / "real.txt").write_text("정답", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    np.save(tmp_path / "objects.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    for name, kind in (("link.txt", "text"), ("objects.npy", "npy")):
        with pytest.raises(ArtifactProblem) as caught:
            load_truth(name, tmp_path, kind)
        assert caught.value.code == "truth_unreadable"
    assert load_truth("real.txt", tmp_path, "text") == "정답"
