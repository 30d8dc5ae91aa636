"""``grader batch`` options of the Ray backend: wrong values and a missing extra exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader import extras
from grader.cli.main import app
from grader.paths import project_root

runner = CliRunner()
WEAK = project_root() / "examples" / "submissions" / "cnn-digits" / "weak.ipynb"


@pytest.fixture
def class_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copyfile(WEAK, folder / "김민지.ipynb")
    return folder


def batch(*args: str) -> tuple[int, str]:
    done = runner.invoke(app, ["batch", *args])
    return done.exit_code, " ".join(done.output.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--backend", "spark"], "--backend 값은 local 또는 ray"),
        (["--address", "auto"], "--address는 --backend ray와 함께"),
        (["--backend", "ray", "--address", "http://x"], "auto, ray://HOST:PORT 또는 HOST:PORT"),
    ],
)
def test_wrong_backend_options_are_usage_errors(class_dir: Path, tmp_path: Path, args, message):
    code, output = batch(str(class_dir), "-a", "cnn-digits", "-o", str(tmp_path / "o"), *args)
    assert code == 2 and message in output
    assert not (tmp_path / "o").exists()


def test_without_ray_installed_the_error_names_the_cluster_extra(
    class_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(extras.EXTRAS, "cluster", ("no_such_ray_for_grader",))
    code, output = batch(str(class_dir), "-a", "cnn-digits", "-o", str(tmp_path / "o"),
                         "--backend", "ray")
    assert code == 2
    assert "Ray 클러스터 채점(--backend ray)" in output
    assert "pip install 'grader[cluster]'" in output
    assert not (tmp_path / "o" / "gradebook.sqlite").exists()
