"""The autograder zip runs as Gradescope would run it, on a tree laid out like Gradescope's."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from grader.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "submissions" / "cnn-digits"
SCHEMA_FILE = Path(__file__).parents[1] / "report" / "gradescope_results.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))

runner = CliRunner()


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "autograder.zip"
    result = runner.invoke(app, ["gradescope", "build", "-a", "cnn-digits", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _autograder(tmp_path: Path, bundle: Path, *submission: Path) -> Path:
    """``/autograder`` as Gradescope lays it out: source/ (the zip), submission/, results/."""
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    (root / "run_autograder").chmod(0o755)
    (root / "submission").mkdir()
    for path in submission:
        shutil.copy(path, root / "submission" / path.name)
    return root


def _run_autograder(root: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GRADER_HOME")}
    env.update(GRADER_AUTOGRADER_ROOT=str(root), GRADER_PYTHON=sys.executable)
    done = subprocess.run([str(root / "run_autograder")], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    jsonschema.validate(results, SCHEMA)
    return results


def test_bundle_holds_the_scripts_the_grader_and_the_pack(bundle: Path):
    archive = zipfile.ZipFile(bundle)
    names = set(archive.namelist())
    assert {"setup.sh", "run_autograder", "requirements.txt"} <= names
    assert "lib/grader/cli/main.py" in names and "grader_home/assignments/cnn-digits/assignment.yaml" in names
    assert "grader_home/rubrics/peer_review.yaml" in names
    assert "grader_home/report_templates/report.md.j2" in names
    assert not [n for n in names if "__pycache__" in n or n.startswith("lib/grader/_data")]
    assert archive.getinfo("run_autograder").external_attr >> 16 & 0o111
    assert "-a cnn-digits" in archive.read("run_autograder").decode()
    requirements = archive.read("requirements.txt").decode().split()
    assert any(r.startswith("kiwipiepy") for r in requirements)
    assert not any(r.startswith(("httpx", "gradio", "tensorflow", "torch")) for r in requirements)


def test_run_autograder_writes_valid_results_with_korean_comments(bundle: Path, tmp_path: Path):
    results = _run_autograder(_autograder(tmp_path, bundle, EXAMPLES / "weak.ipynb"))
    assert results["score"] == pytest.approx(13.3, abs=0.05)
    assert "100점 만점에 13.3점" in results["output"]
    tests = {t["number"]: t for t in results["tests"]}
    assert len(tests) == 17
    assert tests["explanation.model"]["status"] == "failed"
    assert tests["explanation.model"]["output"].startswith("미흡: 모델 선정 이유")
    assert tests["project.test_accuracy"]["status"] == "passed"
    assert tests["app.works"]["max_score"] == 0
    assert sum(t["score"] for t in tests.values()) == pytest.approx(results["score"], abs=0.1)


def test_an_empty_submission_still_gets_results(bundle: Path, tmp_path: Path):
    results = _run_autograder(_autograder(tmp_path, bundle))
    assert results["score"] == 0 and "채점하지 못했습니다" in results["output"]
    assert all(t["status"] == "failed" for t in results["tests"] if t["max_score"])


def test_build_refuses_an_unknown_assignment(tmp_path: Path):
    result = runner.invoke(app, ["gradescope", "build", "-a", "no-such", "-o", str(tmp_path / "a.zip")])
    assert result.exit_code == 2 and "no-such" in result.output
    assert not (tmp_path / "a.zip").exists()
