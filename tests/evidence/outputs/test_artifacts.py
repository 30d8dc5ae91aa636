"""Saved generated samples: read safely (no symlinks, no pickles, shape checks) and judged."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import load_digits

from grader.assignments.pack import SampleArtifacts
from grader.evidence.outputs.artifacts import judge_file, sample_judgements
from grader.records.evidence import CodeCellSummary, NotebookEvidence

NAMES = SampleArtifacts()


def nb(path: str, source: str = "") -> NotebookEvidence:
    cells = (CodeCellSummary(index=0, source=source, executed=True),)
    return NotebookEvidence(path=path, ran_to_end=True, code=cells)


@pytest.fixture(scope="module")
def digits() -> tuple[np.ndarray, np.ndarray]:
    data = load_digits()
    return data.images, data.target


def test_real_digits_are_recognised_and_noise_is_not(tmp_path: Path, digits):
    images, _ = digits
    np.save(tmp_path / "real.npy", (images[::3] / 16.0).astype("float32"))
    np.save(tmp_path / "noise.npy", np.random.default_rng(0).uniform(-1, 1, (300, 8, 8)))
    real = judge_file(tmp_path, "real.npy", None, "a.ipynb")
    noise = judge_file(tmp_path, "noise.npy", None, "a.ipynb")
    assert real.recognised_share > 0.85 and real.classes_covered == 10
    assert noise.recognised_share < 0.05
    # the classifier alone is fooled by noise; closeness to real digits is what rejects it
    assert noise.confident_share > noise.recognised_share


def test_one_repeated_digit_covers_one_class(tmp_path: Path, digits):
    images, _ = digits
    np.save(tmp_path / "s.npy", np.repeat(images[:1], 200, axis=0))  # 0-16 scale accepted
    result = judge_file(tmp_path, "s.npy", None, None)
    assert result.recognised_share > 0.9 and result.classes_covered == 1
    assert result.value_range == "0~15"


def test_labels_are_matched(tmp_path: Path, digits):
    images, target = digits
    np.save(tmp_path / "s.npy", images[:300] / 8.0 - 1.0)
    np.save(tmp_path / "right.npy", target[:300])
    np.save(tmp_path / "wrong.npy", np.eye(10)[(target[:300] + 1) % 10])  # one-hot accepted
    assert judge_file(tmp_path, "s.npy", "right.npy", None).label_match_share > 0.85
    assert judge_file(tmp_path, "s.npy", "wrong.npy", None).label_match_share < 0.05
    np.save(tmp_path / "short.npy", target[:10])
    assert judge_file(tmp_path, "s.npy", "short.npy", None).labels_problem == "labels_mismatch"


def test_nan_samples_count_as_unrecognised(tmp_path: Path, digits):
    images, _ = digits
    samples = images[:100] / 16.0
    samples[:50, 0, 0] = np.nan
    np.save(tmp_path / "s.npy", samples)
    result = judge_file(tmp_path, "s.npy", None, None)
    assert result.non_finite == 50 and result.recognised_share <= 0.5
    np.save(tmp_path / "all_nan.npy", np.full((5, 8, 8), np.nan))
    assert judge_file(tmp_path, "all_nan.npy", None, None).problem == "artifact_not_finite"


@pytest.mark.parametrize(
    ("array", "problem"),
    [
        (np.zeros((10, 28, 28)), "artifact_bad_shape"),
        (np.zeros((0, 8, 8)), "artifact_empty"),
        (np.array(["a", "b"]), "artifact_bad_dtype"),
    ],
)
def test_bad_arrays_are_problems(tmp_path: Path, array: np.ndarray, problem: str):
    np.save(tmp_path / "s.npy", array)
    assert judge_file(tmp_path, "s.npy", None, None).problem == problem


def test_pickles_are_never_loaded(tmp_path: Path):
    class Boom:
        def __reduce__(self):
            return (os.system, ("touch " + str(tmp_path / "pwned"),))

    np.save(tmp_path / "obj.npy", np.array([Boom()], dtype=object), allow_pickle=True)
    (tmp_path / "raw.npy").write_bytes(pickle.dumps(Boom()))
    assert judge_file(tmp_path, "obj.npy", None, None).problem == "artifact_not_npy"
    assert judge_file(tmp_path, "raw.npy", None, None).problem == "artifact_not_npy"
    assert not (tmp_path / "pwned").exists()


def test_symlinks_and_oversized_files_are_refused(tmp_path: Path, digits):
    images, _ = digits
    outside = tmp_path / "outside.npy"
    np.save(outside, images[:100] / 16.0)
    root = tmp_path / "sub"
    root.mkdir()
    (root / "generated_samples.npy").symlink_to(outside)
    [result] = sample_judgements(root, [nb("a.ipynb")], NAMES)
    assert result.problem == "artifact_symlink"
    big = tmp_path / "big"
    big.mkdir()
    (big / "generated_samples.npy").write_bytes(b"\0" * (9 * 1024 * 1024))
    [result] = sample_judgements(big, [nb("a.ipynb")], NAMES)
    assert result.problem == "artifact_unreadable"


def test_files_belong_to_their_notebooks(tmp_path: Path, digits):
    images, target = digits
    np.save(tmp_path / "상운_gan_generated_samples.npy", images[:100] / 16.0)
    np.save(tmp_path / "기홍_cgan_generated_samples.npy", images[:100] / 16.0)
    np.save(tmp_path / "기홍_cgan_generated_labels.npy", target[:100])
    notebooks = [nb("상운_gan.ipynb"), nb("기홍_cgan.ipynb"), nb("third.ipynb")]
    results = {r.notebook: r for r in sample_judgements(tmp_path, notebooks, NAMES)}
    assert set(results) == {"상운_gan.ipynb", "기홍_cgan.ipynb"}
    assert results["상운_gan.ipynb"].label_match_share is None
    assert results["기홍_cgan.ipynb"].label_match_share is not None


def test_plain_file_in_a_shared_folder_goes_to_the_notebook_that_saves_it(tmp_path: Path, digits):
    images, _ = digits
    (tmp_path / "team").mkdir()
    np.save(tmp_path / "team" / "generated_samples.npy", images[:100] / 16.0)
    notebooks = [nb("team/a.ipynb", "np.save('generated_samples.npy', s)"), nb("team/b.ipynb")]
    [result] = sample_judgements(tmp_path, notebooks, NAMES)
    assert result.notebook == "team/a.ipynb" and result.path == "team/generated_samples.npy"
    assert sample_judgements(tmp_path, notebooks, None) == []
    assert (
        sample_judgements(tmp_path / "team", [nb("x.ipynb")], SampleArtifacts(samples="none.npy"))
        == []
    )
