"""A class folder built from the example submissions: Korean names, zips, an LMS layout."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from grader.paths import project_root

EXAMPLES = project_root() / "examples" / "submissions" / "cnn-digits"

NOTEBOOKS = {
    "김민지_20230001.ipynb": "strong.ipynb",
    "박준호_20230002.ipynb": "strong.ipynb",
    "이서연_20230003.ipynb": "weak.ipynb",
    "윤지우_20230008.ipynb": "copied-starter.ipynb",
    "오세린_20230010.ipynb": "weak.ipynb",
    "배수아_20230013.ipynb": "broken.ipynb",
}
ZIPS = {"최유나_20230004.zip": "broken.ipynb", "임채원_20230011.zip": "claims-only.ipynb"}
LMS = {
    "정하늘_20230005_assignsubmission_file_": "claims-only.ipynb",
    "강민수_20230006_assignsubmission_file_": "never-run.ipynb",
}
TEAMS = {"팀알파": "team-alpha"}
EDITED = "한도윤_20230009.ipynb"
"""strong.ipynb with a few lines changed: a lightly edited copy."""
FOLDERS = {"서준영_20230012": "never-run.ipynb"}
"""A student's folder holding a notebook and a README."""

ROSTER = """학번,이름,팀
20230001,김민지,
20230002,박준호,
20230003,이서연,
20230004,최유나,
20230005,정하늘,
20230006,강민수,
20230007,조현우,팀알파
20230014,문가은,팀알파
20230008,윤지우,
20230009,한도윤,
20230010,오세린,
20230011,임채원,
20230012,서준영,
20230013,배수아,
20230099,결석생,
"""
ENTRY_COUNT = 13


def lightly_edited(source: Path, target: Path) -> Path:
    """A copy of ``source`` with two code lines changed and a comment added."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    edits = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or edits >= 2:
            continue
        lines = "".join(cell["source"]).splitlines(keepends=True)
        if len(lines) > 3:
            lines[0] = "# 제가 조금 고쳤습니다\n" + lines[0]
            cell["source"] = lines
            edits += 1
    target.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return target


def build_class(root: Path) -> Path:
    """Thirteen submissions of cnn-digits in ``root`` (plus a file that is no submission)."""
    root.mkdir(parents=True, exist_ok=True)
    for name, example in NOTEBOOKS.items():
        shutil.copyfile(EXAMPLES / example, root / name)
    for name, example in ZIPS.items():
        with zipfile.ZipFile(root / name, "w") as archive:
            archive.write(EXAMPLES / example, example)
    for name, example in LMS.items():
        (root / name).mkdir()
        shutil.copyfile(EXAMPLES / example, root / name / "cnn.ipynb")
    for name, example in FOLDERS.items():
        (root / name).mkdir()
        shutil.copyfile(EXAMPLES / example, root / name / "project.ipynb")
        (root / name / "README.md").write_text("# 회고\n배운 점: 많았다.\n", encoding="utf-8")
    for name, example in TEAMS.items():
        shutil.copytree(EXAMPLES / example, root / name)
    lightly_edited(EXAMPLES / "strong.ipynb", root / EDITED)
    (root / "채점 안내.txt").write_text("제출물이 아닙니다\n", encoding="utf-8")
    return root


@pytest.fixture
def class_dir(tmp_path: Path) -> Path:
    return build_class(tmp_path / "class")


@pytest.fixture
def roster_csv(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8-sig")
    return path
