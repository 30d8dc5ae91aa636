"""Stand-in data for a pack's own notebooks: made once by prepare.py, cached by its recipe."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from grader.assignments import load_pack
from grader.authoring import stand_ins
from grader.authoring.stand_ins import examples_need_data, fake_dir, stand_in_dir
from grader.errors import DataError

SPEC = """\
id: toy-masks
title: "장난감 분할 과제"
topic: "데이터 폴더의 마스크와 비교합니다."
framework: tensorflow
datasets:
  - name: shapes
    title: "도형"
    format: "npy"
    files: [truth.npy]
"""
ARTIFACTS = "artifacts: {samples: pred_masks.npy, labels: null}\n"

PREPARE = """\
import argparse, pathlib, random
parser = argparse.ArgumentParser()
parser.add_argument("--out", required=True)
out = pathlib.Path(parser.parse_args().out) / "shapes"
out.mkdir(parents=True, exist_ok=True)
(out / "truth.npy").write_text(str(random.random()))  # differs on every run
"""


def _pack(tmp_path: Path, spec: str = SPEC + ARTIFACTS, prepare: str = PREPARE):
    root = tmp_path / "packs" / "toy-masks"
    root.mkdir(parents=True)
    (root / "assignment.yaml").write_text(spec, encoding="utf-8")
    (root / "prepare.py").write_text(prepare, encoding="utf-8")
    return load_pack(tmp_path / "packs", "toy-masks")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(stand_ins, "kernel_python", lambda spec: Path(sys.executable))


def test_stand_ins_are_made_once_and_reused(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    folder = stand_in_dir(pack)
    assert folder == fake_dir(pack) and folder.parent == tmp_path / "cache" / "grader" / "data"
    first = (folder / "shapes" / "truth.npy").read_text()
    assert stand_in_dir(pack) == folder
    assert (folder / "shapes" / "truth.npy").read_text() == first  # not written again
    assert [p.name for p in folder.parent.iterdir()] == [folder.name]  # no partial folder left


def test_a_failing_prepare_leaves_nothing_behind(tmp_path: Path) -> None:
    pack = _pack(tmp_path, prepare="raise SystemExit(3)\n")
    with pytest.raises(DataError) as caught:
        stand_in_dir(pack)
    assert "종료 코드 3" in caught.value.message_ko
    data = tmp_path / "cache" / "grader" / "data"
    assert not data.exists() or list(data.iterdir()) == []


def test_only_packs_that_mount_data_and_judge_files_grade_examples_with_data(
    tmp_path: Path,
) -> None:
    assert examples_need_data(_pack(tmp_path / "a"))
    assert not examples_need_data(_pack(tmp_path / "b", spec=SPEC))
    bundled = SPEC.split("datasets:")[0] + "datasets: [sklearn.digits]\n" + ARTIFACTS
    pack = _pack(tmp_path / "c", spec=bundled)
    assert not examples_need_data(pack) and stand_in_dir(pack) is None
