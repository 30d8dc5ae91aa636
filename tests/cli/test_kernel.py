"""`grader kernel build|show`: a course kernel of its own, without the grader in it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.cli.main import app
from grader.kernels import KernelEnv

runner = CliRunner()


def test_show_says_how_to_build_a_missing_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_KERNELS", str(tmp_path))
    shown = runner.invoke(app, ["kernel", "show"])
    assert shown.exit_code == 1
    assert "상태: 없음" in shown.output and "grader kernel build" in shown.output


def test_an_unknown_pack_is_a_korean_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_KERNELS", str(tmp_path))
    built = runner.invoke(app, ["kernel", "build", "--pack", "no-such-pack"])
    assert built.exit_code == 2 and "찾을 수 없습니다" in built.output
    assert not any(tmp_path.iterdir())


@pytest.mark.slow
def test_build_makes_a_kernel_that_cannot_see_the_grader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real (small) build: venv from the base Python, pip, the isolation check, show."""
    monkeypatch.setenv("GRADER_KERNELS", str(tmp_path / "kernels"))
    requirements = tmp_path / "small.txt"
    requirements.write_text("ipykernel\n", encoding="utf-8")
    built = runner.invoke(app, ["kernel", "build", "--requirements", str(requirements)])
    assert built.exit_code == 0, built.output
    env = KernelEnv.named(home=tmp_path / "kernels")
    assert env.is_built()
    probe = subprocess.run(
        [str(env.python), "-c", "import ipykernel, importlib.util as u; print(u.find_spec('grader'))"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert probe.returncode == 0 and probe.stdout.strip() == "None"
    again = runner.invoke(app, ["kernel", "build", "--requirements", str(requirements)])
    assert again.exit_code == 0 and "이미 준비되어 있습니다" in again.output
    shown = runner.invoke(app, ["kernel", "show", "--requirements", str(requirements)])
    assert shown.exit_code == 0 and "ipykernel" in shown.output and "커널 안의 채점기(grader): 없음" in shown.output


def test_run_without_a_course_kernel_stops_with_the_command_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grader.paths import project_root

    monkeypatch.setenv("GRADER_KERNELS", str(tmp_path / "none"))
    weak = project_root() / "examples" / "submissions" / "cnn-digits" / "weak.ipynb"
    out = tmp_path / "out"
    graded = runner.invoke(app, ["grade", str(weak), "-a", "cnn-digits", "-o", str(out), "--run"])
    assert graded.exit_code == 2
    assert "코스 커널" in graded.output and "grader kernel build" in graded.output
    assert not out.exists() or not any(out.rglob("result.json"))
    stored = runner.invoke(
        app, ["grade", str(weak), "-a", "cnn-digits", "-o", str(out), "--run", "--fallback", "stored"]
    )
    assert stored.exit_code == 0, stored.output
    report = next(out.rglob("report.md")).read_text(encoding="utf-8")
    assert "코스 커널" in report.split("\n\n", 3)[1] + report.split("\n\n", 3)[2]
