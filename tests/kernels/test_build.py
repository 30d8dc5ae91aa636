"""Building a course kernel: venv from the base Python, pip bounded by constraints, manifest last."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from grader.errors import KernelEnvError
from grader.kernels.build import base_python, build_kernel
from grader.kernels.env import KernelEnv
from grader.kernels.spec import kernel_request


class FakePip:
    """Stands in for venv/pip: makes the python file, records every command."""

    def __init__(self, fail: str | None = None) -> None:
        self.calls: list[list[str]] = []
        self.fail = fail

    def __call__(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        self.calls.append(argv)
        if argv[1:3] == ["-m", "venv"]:
            root = Path(argv[3])
            (root / "bin").mkdir(parents=True)
            (root / "bin" / "python").write_text("", encoding="utf-8")
        step = "venv" if "venv" in argv else "install" if "install" in argv else "isolation"
        code = 1 if step == self.fail else 0
        return subprocess.CompletedProcess(argv, code, "", "pip said no" if code else "")


def test_a_build_installs_the_list_under_the_constraints(tmp_path: Path) -> None:
    env, pip = KernelEnv.named(home=tmp_path), FakePip()
    done = build_kernel(env, kernel_request(), runner=pip)
    venv, install, isolation = pip.calls
    assert venv[0] == str(base_python()) and Path(venv[0]).resolve() != Path(env.python).resolve()
    assert install[:4] == [str(env.python), "-m", "pip", "install"] and "-c" in install
    assert "--no-index" not in install
    assert isolation[:3] == [str(env.python), "-I", "-c"] and "find_spec('grader')" in isolation[3]
    assert done.built and env.is_built() and env.matches(kernel_request())
    again = build_kernel(env, kernel_request(), runner=pip)
    assert not again.built and len(pip.calls) == 3  # nothing installed the second time


def test_offline_builds_use_only_the_wheel_folder(tmp_path: Path) -> None:
    pip = FakePip()
    build_kernel(KernelEnv.named(home=tmp_path), kernel_request(), wheels=tmp_path / "w", runner=pip)
    install = pip.calls[1]
    assert install[install.index("--no-index") + 1 :][:2] == ["--find-links", str(tmp_path / "w")]


@pytest.mark.parametrize("step", ["venv", "install", "isolation"])
def test_a_failed_step_leaves_no_half_kernel(tmp_path: Path, step: str) -> None:
    env = KernelEnv.named(home=tmp_path)
    with pytest.raises(KernelEnvError) as caught:
        build_kernel(env, kernel_request(), runner=FakePip(fail=step))
    assert caught.value.code == f"kernel_build_{step}" and "코스 커널" in caught.value.message_ko
    assert not env.root.exists() and not env.is_built()


def test_a_changed_list_rebuilds(tmp_path: Path) -> None:
    env, pip = KernelEnv.named(home=tmp_path), FakePip()
    build_kernel(env, kernel_request(), runner=pip)
    build_kernel(env, kernel_request(additions=("konlpy",)), runner=pip)
    assert len(pip.calls) == 6
