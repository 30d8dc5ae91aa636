"""Every bundled example gets exactly the verdicts of its answer key, item by item."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from grader.api import grade
from grader.paths import project_root

KEYS = project_root() / "examples" / "keys"
SUBMISSIONS = project_root() / "examples" / "submissions"


def key_files() -> list[Path]:
    return sorted(KEYS.glob("*/*.yaml"))


def submission_path(key: Path, data: dict[str, object]) -> Path:
    if "path" in data:
        return project_root() / str(data["path"])
    folder = SUBMISSIONS / key.parent.name
    candidates = [folder / f"{key.stem}.ipynb", folder / key.stem, folder / f"{key.stem}.zip"]
    return next(p for p in candidates if p.exists())


@pytest.mark.parametrize("key", key_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_verdicts_equal_the_key(key: Path, tmp_path: Path) -> None:
    data = yaml.safe_load(key.read_text(encoding="utf-8"))
    path = submission_path(key, data)
    [graded] = grade([path], key.parent.name, tmp_path)
    got = {item.id: item.mark for item in graded.result.items}
    expected = {item_id: str(mark) for item_id, mark in data["items"].items()}
    assert set(got) == set(expected), "the key must list every rubric item"
    wrong = {i: (expected[i], got[i], graded.result.item(i).comment) for i in expected if got[i] != expected[i]}
    assert not wrong, f"{key.stem}: (key, got, comment) per item: {wrong}"


def test_there_are_examples_for_every_assignment_with_a_rubric() -> None:
    assert len(key_files()) >= 6


def test_broken_example_report_says_where_and_why_in_korean(tmp_path: Path) -> None:
    [graded] = grade([SUBMISSIONS / "cnn-digits" / "broken.ipynb"], "cnn-digits", tmp_path)
    verdict = graded.result.item("completeness")
    assert verdict.reason == "stopped_with_error"
    assert "셀 8에서 ValueError 오류로 멈췄습니다" in verdict.comment
    report = (tmp_path / "broken" / "report.md").read_text(encoding="utf-8")
    assert "셀 8에서 ValueError 오류로 멈췄습니다" in report
    assert "Traceback" not in report and "File \"" not in report


@pytest.mark.slow
@pytest.mark.sandbox
@pytest.mark.parametrize("name", ["broken", "weak", "strong", "team-alpha", "claims-only", "copied-starter"])
def test_executed_in_the_sandbox_gives_the_same_verdicts(name: str, tmp_path: Path) -> None:
    """Running the notebook (with the recorder) must not change what its outputs already show."""
    from grader.errors import SandboxError

    key = KEYS / "cnn-digits" / f"{name}.yaml"
    data = yaml.safe_load(key.read_text(encoding="utf-8"))
    try:
        [graded] = grade([submission_path(key, data)], "cnn-digits", tmp_path, run=True)
    except SandboxError as exc:
        pytest.skip(f"sandbox unavailable: {exc.message_ko}")
    assert graded.result.mode == "executed" and graded.result.sandboxed
    got = {item.id: item.mark for item in graded.result.items}
    expected = {item_id: str(mark) for item_id, mark in data["items"].items()}
    assert got == expected
