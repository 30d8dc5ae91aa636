"""unet-segmentation: prepare.py writes the Pet-like layout and the truth, and the saved masks
follow Contract 2 (``pred_masks.npy``, the test split in ``test.txt`` order) and are measured."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from grader.paths import project_root

PACK = project_root() / "assignments" / "unet-segmentation"
SUBMISSIONS = project_root() / "examples" / "submissions" / "unet-segmentation"
FOLDERS = {
    "reference": project_root() / "reference_solutions" / "unet-segmentation",
    "strong": SUBMISSIONS / "strong",
    "weak": SUBMISSIONS / "weak",
    "class-ids": SUBMISSIONS / "class-ids",
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("data")
    subprocess.run([sys.executable, str(PACK / "prepare.py"), "--out", str(out)], check=True)
    return out / "shapes-seg"


def test_prepare_writes_pet_layout_trimaps_and_the_truth_in_test_order(data: Path) -> None:
    train, test = (data / "train.txt").read_text().split(), (data / "test.txt").read_text().split()
    assert (len(train), len(test)) == (240, 80) and not set(train) & set(test)
    image = np.asarray(Image.open(data / "images" / f"{test[0]}.png"))
    trimap = np.asarray(Image.open(data / "annotations" / "trimaps" / f"{test[0]}.png"))
    assert image.shape == (64, 64, 3) and trimap.shape == (64, 64)
    assert set(np.unique(trimap)) == {1, 2, 3}
    truth = np.load(data / "test_masks.npy")
    assert truth.shape == (80, 64, 64) and truth.dtype == np.uint8
    assert np.array_equal(truth[0], (trimap != 2).astype(np.uint8))


def test_prepare_is_deterministic(data: Path, tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(PACK / "prepare.py"), "--out", str(tmp_path)], check=True)
    again = tmp_path / "shapes-seg"
    for name in ("test.txt", "test_masks.npy", "images/shape_0007.png"):
        assert (again / name).read_bytes() == (data / name).read_bytes()


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_saved_masks_are_binary_test_masks(folder: str) -> None:
    masks = np.load(FOLDERS[folder] / "pred_masks.npy")
    assert masks.shape == (80, 64, 64) and masks.dtype == np.uint8
    assert set(np.unique(masks)) <= {0, 1}


@pytest.mark.parametrize(
    ("folder", "mark", "measured"),
    [("reference", "o", "0.9412"), ("strong", "o", "0.9412"), ("weak", "x", "0으로"),
     ("class-ids", "x", "0.0738")],
)
def test_with_the_data_the_saved_masks_are_measured(
    data: Path, tmp_path: Path, folder: str, mark: str, measured: str
) -> None:
    """The grader's own IoU decides: the silent bug's masks mark the background, however high
    the IoU it printed (0.99 against its own shifted masks)."""
    from grader.api import grade

    [graded] = grade([FOLDERS[folder]], "unet-segmentation", tmp_path, data_dir=data.parent)
    verdict = graded.result.item("project.test_iou")
    assert verdict.mark == mark, verdict.comment
    assert f"IoU가 {measured}" in verdict.comment
