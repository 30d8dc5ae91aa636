"""Hostile archives and notebooks are refused by the loader before anything runs."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import nbformat
import pytest

from grader.errors import SubmissionError
from grader.submission.load import load_submission

GOOD_NB = nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]))


def _zip(path: Path, members: dict[str, str], symlinks: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


def _outside_files(base: Path, work: Path) -> list[Path]:
    return [
        p for p in base.rglob("*") if p.is_file() and work not in p.parents and p.suffix != ".zip"
    ]


@pytest.mark.parametrize(
    "member", ["../evil.txt", "../../evil.txt", "/tmp/grader-evil-abs.txt", "a/../../evil.txt"]
)
def test_zip_traversal_is_refused(tmp_path, member):
    archive = _zip(tmp_path / "sub.zip", {"nb.ipynb": GOOD_NB, member: "pwned"})
    work = tmp_path / "work"
    with pytest.raises(SubmissionError):
        load_submission(archive, work_dir=work)
    assert _outside_files(tmp_path, work) == []
    assert not Path("/tmp/grader-evil-abs.txt").exists()


def test_zip_symlink_member_is_not_extracted(tmp_path):
    archive = _zip(tmp_path / "sub.zip", {"nb.ipynb": GOOD_NB}, {"leak": "/etc/passwd"})
    submission = load_submission(archive, work_dir=tmp_path / "work")
    assert not (Path(submission.root) / "leak").is_symlink()
    assert not (Path(submission.root) / "leak").exists()


@pytest.mark.parametrize(
    "content",
    [
        "not json at all {",
        json.dumps({"cells": "nope"}),
        json.dumps([1, 2, 3]),
        "\x00\x01\x02" * 100,
    ],
    ids=["not-json", "bad-cells", "json-list", "binary"],
)
def test_malformed_notebook_is_refused(tmp_path, content):
    path = tmp_path / "broken.ipynb"
    path.write_text(content)
    with pytest.raises(SubmissionError) as caught:
        load_submission(path, work_dir=tmp_path / "work")
    assert caught.value.message_ko
