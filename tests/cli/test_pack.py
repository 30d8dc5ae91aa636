"""`grader pack new|validate|checks` through the command line."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from grader.cli.main import app

runner = CliRunner()


def test_new_then_validate_reports_every_todo_left(tmp_path: Path) -> None:
    made = runner.invoke(app, ["pack", "new", "toy-pack", "--packs", str(tmp_path)])
    assert made.exit_code == 0, made.output
    assert (tmp_path / "assignments" / "toy-pack" / "starter.ipynb").is_file()
    assert (tmp_path / "rubrics" / "peer_review.yaml").is_file()
    checked = runner.invoke(app, ["pack", "validate", "toy-pack", "--packs", str(tmp_path)])
    assert checked.exit_code == 1
    text = checked.output
    for name in ("assignment.yaml", "README.md", "starter.ipynb", "toy-pack.yaml", "solution.ipynb"):
        assert f"{name}에 아직 TODO(author) 표시가 남아 있습니다" in text
    assert "답안 키가 없습니다" in text


def test_new_refuses_an_existing_pack_and_a_bad_id(tmp_path: Path) -> None:
    assert runner.invoke(app, ["pack", "new", "toy", "--packs", str(tmp_path)]).exit_code == 0
    again = runner.invoke(app, ["pack", "new", "toy", "--packs", str(tmp_path)])
    assert again.exit_code == 2 and "이미 있습니다" in again.output
    bad = runner.invoke(app, ["pack", "new", "Toy_Pack", "--packs", str(tmp_path)])
    assert bad.exit_code == 2 and "'Toy_Pack'" in bad.output


def test_validate_names_a_misspelled_field(tmp_path: Path) -> None:
    runner.invoke(app, ["pack", "new", "toy", "--packs", str(tmp_path)])
    spec = tmp_path / "assignments" / "toy" / "assignment.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("gpu:", "gpus:"), encoding="utf-8")
    checked = runner.invoke(app, ["pack", "validate", "toy", "--packs", str(tmp_path)])
    assert checked.exit_code == 1
    assert "'gpus'" in checked.output and "'gpu'의 오타인가요?" in checked.output


def test_validate_says_a_missing_starter(tmp_path: Path) -> None:
    runner.invoke(app, ["pack", "new", "toy", "--packs", str(tmp_path)])
    (tmp_path / "assignments" / "toy" / "starter.ipynb").unlink()
    checked = runner.invoke(app, ["pack", "validate", "toy", "--packs", str(tmp_path)])
    assert checked.exit_code == 1 and "가리키는 파일이 없습니다" in checked.output


def test_validate_an_unknown_pack_is_exit_2(tmp_path: Path) -> None:
    checked = runner.invoke(app, ["pack", "validate", "nope", "--packs", str(tmp_path)])
    assert checked.exit_code == 2 and "찾을 수 없습니다" in checked.output


def test_validate_a_bundled_pack_passes() -> None:
    checked = runner.invoke(app, ["pack", "validate", "gan-digits"])
    assert checked.exit_code == 0, checked.output
    assert "예시 제출물 mode-collapse" in checked.output


def test_validate_flags_an_example_that_differs_from_its_key(tmp_path: Path) -> None:
    runner.invoke(app, ["pack", "new", "toy", "--packs", str(tmp_path)])
    root = Path(__file__).resolve().parents[2]
    subs = tmp_path / "examples" / "submissions" / "toy"
    subs.joinpath("weak.ipynb").write_bytes(
        (root / "examples" / "submissions" / "cnn-digits" / "weak.ipynb").read_bytes()
    )
    key = yaml.safe_load((root / "examples" / "keys" / "cnn-digits" / "weak.yaml").read_text(encoding="utf-8"))
    items = {k: v for k, v in key["items"].items() if not k.startswith("project.")}
    items |= {"project.metric": "x", "project.technique": "x", "project.error_analysis": "x"}
    (tmp_path / "examples" / "keys" / "toy" / "weak.yaml").write_text(
        yaml.safe_dump({"submission": "weak", "items": items}, allow_unicode=True), encoding="utf-8"
    )
    checked = runner.invoke(app, ["pack", "validate", "toy", "--packs", str(tmp_path)])
    text = checked.output
    assert "project.metric(키 x, 채점 o)" in text  # 97% test accuracy meets the scaffold's 0.9


def test_checks_prints_the_registry() -> None:
    shown = runner.invoke(app, ["pack", "checks"])
    assert shown.exit_code == 0
    assert "project.metric_threshold" in shown.output and "at_least" in shown.output
    assert "sklearn_digits" in shown.output
