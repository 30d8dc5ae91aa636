"""Saved files measured by a metric judge: found per notebook, truth from the data directory."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from grader.assignments.pack import SampleArtifacts
from grader.evidence.outputs.measured import measured_artifacts
from grader.records.evidence import CodeCellSummary, NotebookEvidence

MASKS = SampleArtifacts(samples="pred_masks.npy", judge="mask_iou", truth="seg/test_masks.npy")


def nb(path: str, source: str = "") -> NotebookEvidence:
    cells = (CodeCellSummary(index=0, source=source, executed=True),)
    return NotebookEvidence(path=path, ran_to_end=True, code=cells)


def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    (folder / "seg").mkdir(parents=True)
    truth = np.zeros((2, 4, 4), np.uint8)
    truth[:, :2] = 1
    np.save(folder / "seg" / "test_masks.npy", truth)
    return folder


def test_masks_are_measured_against_the_data_directory(tmp_path: Path):
    sub = tmp_path / "sub"
    sub.mkdir()
    pred = np.load(data(tmp_path) / "seg" / "test_masks.npy")
    pred[0, 3, 3] = 1  # one false-positive pixel: IoU 16/17 on the first mask
    np.save(sub / "pred_masks.npy", pred)
    [judged] = measured_artifacts(sub, [nb("a.ipynb")], MASKS, tmp_path / "data")
    assert judged.measurement is not None
    assert 0.9 < judged.measurement.metrics["mean_iou"] < 1.0
    assert (judged.path, judged.notebook, judged.truth) == (
        "pred_masks.npy",
        "a.ipynb",
        MASKS.truth,
    )


def test_without_data_the_truth_is_not_at_hand(tmp_path: Path):
    np.save(tmp_path / "pred_masks.npy", np.zeros((2, 4, 4), np.uint8))
    [judged] = measured_artifacts(tmp_path, [nb("a.ipynb")], MASKS, None)
    assert judged.problem == "truth_no_data_dir" and judged.measurement is None


def test_a_shape_mismatch_and_a_pickle_are_problems(tmp_path: Path):
    sub = tmp_path / "sub"
    sub.mkdir()
    folder = data(tmp_path)
    np.save(sub / "pred_masks.npy", np.zeros((3, 4, 4), np.uint8))
    [judged] = measured_artifacts(sub, [nb("a.ipynb")], MASKS, folder)
    assert judged.problem == "artifact_shape_mismatch" and "(3, 4, 4)" in judged.problem_detail
    np.save(sub / "pred_masks.npy", np.array([{"x": 1}], dtype=object), allow_pickle=True)
    assert measured_artifacts(sub, [nb("a.ipynb")], MASKS, folder)[0].problem == "artifact_not_npy"


def test_a_missing_file_says_whether_the_code_saves_it(tmp_path: Path):
    [silent] = measured_artifacts(tmp_path, [nb("a.ipynb", "pred_masks = model(x)")], MASKS, None)
    [saving] = measured_artifacts(
        tmp_path, [nb("a.ipynb", "np.save('pred_masks.npy', p)")], MASKS, None
    )
    assert silent.problem == saving.problem == "artifact_missing"
    assert (silent.mentioned, saving.mentioned) == (False, True)  # a variable is not the file
    [built] = measured_artifacts(tmp_path, [nb("a.ipynb", 'np.save(f"{stem}_pred_masks", p)')], MASKS, None)
    assert built.mentioned


def test_each_notebook_of_a_team_has_its_own_text_file(tmp_path: Path):
    names = SampleArtifacts(samples="generated.txt", judge="korean_text")
    (tmp_path / "kim_generated.txt").write_text("고양이가 잔다\n", encoding="utf-8")
    (tmp_path / "lee_generated.txt").write_bytes(b"\xff\xfe broken")
    judged = measured_artifacts(tmp_path, [nb("kim.ipynb"), nb("lee.ipynb")], names, None)
    by_notebook = {j.notebook: j for j in judged}
    assert by_notebook["kim.ipynb"].measurement is not None
    assert by_notebook["lee.ipynb"].problem == "artifact_not_utf8"


def test_a_bundled_truth_needs_no_data_directory(tmp_path: Path):
    from grader.judges.truth import load_truth

    names = SampleArtifacts(samples="restored.npy", judge="image_psnr", truth="sklearn.digits:test")
    truth = load_truth("sklearn.digits:test", None, "npy")
    np.save(tmp_path / "restored.npy", (truth * 0.999).astype("float32"))
    [judged] = measured_artifacts(tmp_path, [nb("a.ipynb")], names, None)
    assert judged.measurement is not None and judged.measurement.metrics["psnr"] > 50


def test_a_judge_that_needs_a_truth_says_so_when_the_pack_names_none(tmp_path: Path):
    np.save(tmp_path / "pred_masks.npy", np.zeros((2, 4, 4), np.uint8))
    no_truth = SampleArtifacts(samples="pred_masks.npy", judge="mask_iou", truth=None)
    [judged] = measured_artifacts(tmp_path, [nb("a.ipynb")], no_truth, tmp_path)
    assert judged.problem == "truth_required" and judged.measurement is None


def test_a_saved_copy_of_the_truth_is_no_measurement(tmp_path: Path):
    sub = tmp_path / "sub"
    sub.mkdir()
    truth = np.load(data(tmp_path) / "seg" / "test_masks.npy")
    np.save(sub / "pred_masks.npy", truth)  # np.load(<data>/seg/test_masks.npy) handed back
    [judged] = measured_artifacts(sub, [nb("a.ipynb")], MASKS, tmp_path / "data")
    assert judged.problem == "artifact_equals_truth" and judged.measurement is None
    almost = truth.copy()
    almost[0, 0, 0] = 1 - almost[0, 0, 0]
    np.save(sub / "pred_masks.npy", almost)
    [measured] = measured_artifacts(sub, [nb("a.ipynb")], MASKS, tmp_path / "data")
    assert measured.measurement is not None and measured.measurement.metrics["mean_iou"] < 1.0
