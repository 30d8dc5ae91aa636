from __future__ import annotations

from pathlib import Path

import pytest

from grader import paths


def test_grader_home_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("GRADER_HOME", str(tmp_path))
    assert paths.assignments_dir() == tmp_path / "assignments"
    assert paths.templates_dir() == tmp_path / "report_templates"


def test_a_checkout_uses_its_own_folders(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("GRADER_HOME", raising=False)
    root = Path(paths.__file__).resolve().parents[1]
    assert paths.rubrics_dir() == root / "rubrics"
    assert (paths.rubrics_dir() / "peer_review.yaml").is_file()


def test_an_installed_package_uses_the_shipped_copies(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Without a checkout around the package (a wheel in site-packages) grader/_data is used."""
    monkeypatch.delenv("GRADER_HOME", raising=False)
    package = tmp_path / "site-packages" / "grader"
    package.mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE", package)
    assert paths.assignments_dir() == package / "_data" / "assignments"
    assert paths.packaged_data_dir() == package / "_data"


def test_grader_home_block_sets_and_restores(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv("GRADER_HOME", raising=False)
    with paths.grader_home(tmp_path):
        assert paths.assignments_dir() == tmp_path / "assignments"
        assert paths.builtin_root() != tmp_path
    assert paths.project_root() == paths.builtin_root()
    with paths.grader_home(None):
        assert paths.project_root() == paths.builtin_root()
