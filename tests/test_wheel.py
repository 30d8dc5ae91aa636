"""The wheel carries the packs, rubrics and templates, and its core install just works.

Builds the wheel from this checkout, installs it without extras into a fresh virtualenv
(dependencies come from the package registry) and runs the student commands from a folder
outside the checkout, so only the installed copies can be found.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "submissions" / "cnn-digits"

pytestmark = pytest.mark.slow


def _run(*argv: str | Path, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GRADER_HOME", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out, ROOT,
        cwd=out,
    )
    assert built.returncode == 0, built.stderr
    return next(out.glob("grader-*.whl"))


def test_wheel_ships_the_data_folders_but_not_the_solutions(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "grader/_data/assignments/cnn-digits/assignment.yaml",
        "grader/_data/rubrics/peer_review.yaml",
        "grader/_data/report_templates/report.md.j2",
        "grader/_data/report_templates/ci_summary.md.j2",
        "grader/_data/report_templates/partials/labels.j2",
        "grader/rubric/messages_ko.yaml",
        "grader/kernels/course.txt",
    ):
        assert expected in names
    assert not [n for n in names if "reference_solutions" in n or "__pycache__" in n]


def test_core_install_lists_packs_and_checks_a_notebook(wheel: Path, tmp_path: Path):
    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", venv, cwd=tmp_path).returncode == 0
    python, grader = venv / "bin" / "python", venv / "bin" / "grader"
    installed = _run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    if installed.returncode != 0 and "No matching distribution" in installed.stderr:
        pytest.skip(f"package registry unreachable: {installed.stderr[-300:]}")
    assert installed.returncode == 0, installed.stderr
    # core means core: the app, run and framework packages are not there
    probe = _run(python, "-c", "import importlib.util as u; print([m for m in ('httpx', 'gradio_client', "
                 "'pyseccomp', 'tensorflow', 'torch') if u.find_spec(m)])", cwd=tmp_path)
    assert probe.stdout.strip() == "[]", probe.stdout + probe.stderr

    listed = _run(grader, "assignments", "list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "cnn-digits" in listed.stdout and "gan-digits" in listed.stdout

    weak = _run(grader, "check", EXAMPLES / "weak.ipynb", "-a", "cnn-digits", cwd=tmp_path)
    assert weak.returncode == 1, weak.stdout + weak.stderr
    assert "보완이 필요한 항목 13개" in weak.stdout
    strong = _run(grader, "check", EXAMPLES / "strong.ipynb", "-a", "cnn-digits", cwd=tmp_path)
    assert strong.returncode == 0, strong.stdout + strong.stderr

    gated = _run(grader, "ci", EXAMPLES / "weak.ipynb", "-a", "cnn-digits", "--min-score", "0.8",
                 "--junit", tmp_path / "j.xml", cwd=tmp_path)
    assert gated.returncode == 1 and (tmp_path / "j.xml").is_file(), gated.stderr

    run = _run(grader, "grade", EXAMPLES / "weak.ipynb", "--run", cwd=tmp_path)
    assert run.returncode == 2 and "pip install 'grader[run,apps]'" in " ".join(run.stderr.split())
    assert "Traceback" not in run.stderr
