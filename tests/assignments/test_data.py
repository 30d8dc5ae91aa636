"""A pack's mounted datasets: what the data directory lacks, and stand-ins from prepare.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from grader.assignments import DatasetSpec, load_pack
from grader.assignments.data import (
    check_data,
    data_digest,
    fake_data,
    missing_data_message,
    require_data,
)
from grader.errors import DataError

SPEC = """\
id: toy-data
title: "장난감 데이터 과제"
topic: "데이터 폴더의 리뷰를 읽습니다."
framework: pytorch
datasets:
  - sklearn.digits
  - name: reviews
    title: "리뷰 말뭉치"
    format: "탭 구분 텍스트"
    files: [train.txt, images/]
"""

PREPARE_OK = """\
import argparse, os, pathlib
parser = argparse.ArgumentParser()
parser.add_argument("--out", required=True)
out = pathlib.Path(parser.parse_args().out) / "reviews"
(out / "images").mkdir(parents=True, exist_ok=True)
(out / "train.txt").write_text("id\\tdocument\\tlabel\\n1\\t좋아요\\t1\\n", encoding="utf-8")
(out / "images" / "a.png").write_bytes(b"png")
# where it ran: an empty folder of its own, with GRADER_DATA pointing at --out
pathlib.Path(os.environ["GRADER_DATA"], "cwd.txt").write_text(str(sorted(os.listdir("."))))
"""


def _pack(tmp_path: Path, prepare: str | None = PREPARE_OK):
    root = tmp_path / "packs" / "toy-data"
    root.mkdir(parents=True)
    (root / "assignment.yaml").write_text(SPEC, encoding="utf-8")
    if prepare is not None:
        (root / "prepare.py").write_text(prepare, encoding="utf-8")
    return load_pack(tmp_path / "packs", "toy-data")


def test_only_mappings_are_mounted_and_without_a_folder_all_is_missing(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    assert [d.name for d in pack.mounted_datasets] == ["reviews"]
    [status] = check_data(pack, None)
    assert not status.present and status.missing == ("train.txt", "images/")
    message = missing_data_message(pack, (status,))
    assert message is not None
    assert "--data" in message and "grader data fake -a toy-data" in message


def test_a_missing_file_and_an_empty_folder_are_named(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    data = tmp_path / "data"
    (data / "reviews" / "images").mkdir(parents=True)
    [status] = check_data(pack, data)
    assert status.missing == ("train.txt", "images/")  # an empty folder holds no data
    (data / "reviews" / "train.txt").write_text("x", encoding="utf-8")
    (data / "reviews" / "images" / "a.png").write_bytes(b"x")
    assert check_data(pack, data)[0].present
    require_data(pack, data)  # no error


def test_require_data_names_what_is_missing(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    (tmp_path / "data" / "reviews").mkdir(parents=True)
    with pytest.raises(DataError) as caught:
        require_data(pack, tmp_path / "data")
    assert "reviews/train.txt, images/" in caught.value.message_ko
    assert "grader data check -a toy-data" in caught.value.message_ko


def test_fake_data_runs_prepare_in_an_empty_folder_and_checks_the_result(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    out = tmp_path / "fake"
    statuses = fake_data(pack, out, Path(sys.executable))
    assert all(s.present for s in statuses)
    assert (out / "reviews" / "train.txt").read_text(encoding="utf-8").startswith("id\t")
    assert (out / "cwd.txt").read_text() == "[]"


def test_a_failing_prepare_is_a_data_error_with_its_stderr(tmp_path: Path) -> None:
    pack = _pack(tmp_path, "raise SystemExit('no disk: 디스크 없음')")
    with pytest.raises(DataError) as caught:
        fake_data(pack, tmp_path / "fake", Path(sys.executable))
    assert caught.value.code == "prepare_failed"
    assert "종료 코드 1" in caught.value.message_ko and "디스크 없음" in caught.value.detail


def test_a_prepare_that_forgets_a_file_is_named(tmp_path: Path) -> None:
    pack = _pack(tmp_path, PREPARE_OK.replace('(out / "train.txt")', '(out / "other.txt")'))
    with pytest.raises(DataError) as caught:
        fake_data(pack, tmp_path / "fake", Path(sys.executable))
    assert caught.value.code == "prepare_incomplete"
    assert "reviews/train.txt" in caught.value.message_ko


def test_no_prepare_script_and_a_slow_one(tmp_path: Path) -> None:
    pack = _pack(tmp_path, None)
    with pytest.raises(DataError) as caught:
        fake_data(pack, tmp_path / "fake", Path(sys.executable))
    assert caught.value.code == "prepare_missing"
    (pack.root / "prepare.py").write_text("import time\ntime.sleep(30)\n", encoding="utf-8")
    with pytest.raises(DataError) as slow:
        fake_data(pack, tmp_path / "fake", Path(sys.executable), timeout_s=0.5)
    assert "0초 안에" in slow.value.message_ko or "초 안에 끝나지" in slow.value.message_ko


def test_the_digest_follows_the_recipe(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    before = data_digest(pack)
    (pack.root / "prepare.py").write_text(PREPARE_OK + "\n# changed\n", encoding="utf-8")
    assert data_digest(pack) != before


@pytest.mark.parametrize("files", [["../secret.txt"], ["/etc/passwd"], ["a/../../b"], []])
def test_dataset_files_stay_inside_their_folder(files: list[str]) -> None:
    with pytest.raises(ValidationError):
        DatasetSpec(name="x", title="t", format="f", files=tuple(files))


def test_a_dataset_name_is_a_folder_name() -> None:
    with pytest.raises(ValidationError):
        DatasetSpec(name="../up", title="t", format="f", files=("a",))
