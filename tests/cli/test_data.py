"""`grader data list|check|fake` and `--data` on the grading commands."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.cli.main import app
from tests.assignments.test_data import PREPARE_OK, SPEC

runner = CliRunner()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A GRADER_HOME with the built-in rubrics and one pack that mounts a dataset."""
    from grader.paths import builtin_root

    (tmp_path / "rubrics").mkdir()
    common = builtin_root() / "rubrics" / "peer_review.yaml"
    (tmp_path / "rubrics" / "peer_review.yaml").write_bytes(common.read_bytes())
    pack = tmp_path / "assignments" / "toy-data"
    pack.mkdir(parents=True)
    (pack / "assignment.yaml").write_text(SPEC, encoding="utf-8")
    (pack / "prepare.py").write_text(PREPARE_OK, encoding="utf-8")
    monkeypatch.setenv("GRADER_HOME", str(tmp_path))
    monkeypatch.delenv("GRADER_DATA", raising=False)
    monkeypatch.setattr("grader.cli.data.kernel_python", lambda spec: Path(sys.executable))
    return tmp_path


def test_list_shows_mounted_and_bundled_datasets(home: Path) -> None:
    done = runner.invoke(app, ["data", "list", "-a", "toy-data"])
    assert done.exit_code == 0, done.output
    assert "reviews/: 리뷰 말뭉치" in done.output and "train.txt, images/" in done.output
    assert "sklearn.digits: 패키지에 들어 있거나 노트북이 만듦" in done.output


def test_check_fails_then_fake_makes_what_check_accepts(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "fake"
    data.mkdir()
    missing = runner.invoke(app, ["data", "check", "-a", "toy-data", "--data", str(data)])
    assert missing.exit_code == 1 and "없음 reviews/" in missing.output
    made = runner.invoke(app, ["data", "fake", "-a", "toy-data", "--out", str(data)])
    assert made.exit_code == 0, made.output
    assert "대체 데이터를 만들었습니다" in made.output
    ok = runner.invoke(app, ["data", "check", "-a", "toy-data"], env={"GRADER_DATA": str(data)})
    assert ok.exit_code == 0 and "데이터가 모두 있습니다" in ok.output


def test_fake_says_a_failing_prepare_in_korean(home: Path, tmp_path: Path) -> None:
    (home / "assignments" / "toy-data" / "prepare.py").write_text("import sys; sys.exit(3)\n")
    done = runner.invoke(app, ["data", "fake", "-a", "toy-data", "--out", str(tmp_path / "o")])
    assert done.exit_code == 2 and "prepare.py가 실패했습니다(종료 코드 3)" in done.output
    assert "Traceback" not in done.output


def test_unknown_pack_and_missing_data_folder_are_exit_2(home: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["data", "check", "-a", "nope"]).exit_code == 2
    gone = runner.invoke(app, ["data", "check", "-a", "toy-data", "--data", str(tmp_path / "x")])
    assert gone.exit_code == 2 and "--data에 준 폴더를 찾을 수 없습니다" in gone.output


def test_run_without_the_data_stops_before_any_notebook_runs(home: Path, tmp_path: Path) -> None:
    notebook = tmp_path / "nb.ipynb"
    notebook.write_text(
        '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', encoding="utf-8"
    )
    done = runner.invoke(
        app, ["grade", str(notebook), "-a", "toy-data", "--run", "-o", str(tmp_path / "out")]
    )
    assert done.exit_code == 2, done.output
    said = " ".join(done.output.split())  # rich folds long lines
    assert "데이터셋(reviews)" in said and "grader data fake -a toy-data" in said
    assert not (tmp_path / "out" / "nb").exists()
