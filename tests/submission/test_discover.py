from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.cli.main import app
from grader.errors import BatchError
from grader.paths import project_root
from grader.submission.discover import content_hash, discover, lms_identity, looks_like_class
from tests.batch.conftest import ENTRY_COUNT, build_class

SUBMISSIONS = project_root() / "examples" / "submissions"


@pytest.fixture
def class_dir(tmp_path: Path) -> Path:
    """The batch tests' class folder (notebooks, a zip, a team folder, LMS names)."""
    return build_class(tmp_path / "class")


def test_one_entry_per_notebook_zip_and_folder_named_after_the_student(class_dir: Path):
    found = discover(class_dir)
    by_name = {e.name: e for e in found.entries}
    assert len(found.entries) == ENTRY_COUNT
    assert found.skipped == ("채점 안내.txt",)
    assert by_name["김민지"].kind == "notebook" and by_name["김민지"].student_id == "20230001"
    assert by_name["최유나"].kind == "zip"
    lms = by_name["정하늘"]  # Moodle folder holding one notebook: graded as that notebook
    assert lms.kind == "notebook" and lms.path.endswith("cnn.ipynb")
    assert lms.student_id == "20230005" and lms.display_name == "정하늘"
    assert by_name["서준영"].kind == "folder" and by_name["팀알파"].kind == "folder"


def test_identical_files_share_a_hash_and_an_edit_changes_it(class_dir: Path):
    by_name = {e.name: e for e in discover(class_dir).entries}
    assert by_name["김민지"].content_hash == by_name["박준호"].content_hash
    assert by_name["한도윤"].content_hash != by_name["김민지"].content_hash
    team = class_dir / "팀알파"
    before = content_hash(team)
    (team / "README.md").write_text("바뀜", encoding="utf-8")
    assert content_hash(team) != before


def test_same_display_names_get_unique_folder_names(tmp_path: Path):
    for name in ("kim_20230001.ipynb", "kim_20230002.ipynb"):
        shutil.copyfile(SUBMISSIONS / "cnn-digits" / "weak.ipynb", tmp_path / name)
    names = [e.name for e in discover(tmp_path).entries]
    assert names == ["kim", "kim-2"]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("김민지_20231234", ("김민지", "20231234")),
        ("Kim Minji_123456_assignsubmission_file_", ("Kim Minji", "123456")),
        ("이서연_assignsubmission_file_", ("이서연", None)),
        ("team_alpha", ("team_alpha", None)),
        ("cnn-digits-final", ("cnn-digits-final", None)),
    ],
)
def test_lms_identity(label: str, expected: tuple[str, str | None]):
    assert lms_identity(label) == expected


def test_missing_class_folder_is_a_batch_error(tmp_path: Path):
    with pytest.raises(BatchError, match="반 폴더"):
        discover(tmp_path / "nope")


def test_class_folders_are_told_from_team_folders(class_dir: Path):
    assert looks_like_class(class_dir)
    assert looks_like_class(SUBMISSIONS / "cnn-digits")  # loose notebooks beside a team
    assert looks_like_class(SUBMISSIONS / "gan-digits")  # two teams
    assert not looks_like_class(SUBMISSIONS / "gan-digits" / "team-seed")
    assert not looks_like_class(SUBMISSIONS / "cnn-digits" / "team-alpha")
    assert not looks_like_class(SUBMISSIONS / "cnn-digits" / "strong.ipynb")


def test_grade_refuses_a_class_folder_with_a_batch_hint(class_dir: Path, tmp_path: Path):
    result = CliRunner().invoke(app, ["grade", str(class_dir), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "grader batch" in result.output and "반 폴더" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
