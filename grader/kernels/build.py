"""``grader kernel build``: a virtualenv with the course set, never with the grader in it.

The environment is made by the standard library's ``venv`` from the base interpreter (not from
the grader's own virtualenv), then filled by that environment's pip, bounded by the constraints
file. ``wheels`` makes the build offline (``--no-index --find-links``). The manifest is written
last, so an interrupted build is never taken for a built kernel: the next build starts over.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grader.errors import KernelEnvError
from grader.kernels.env import KernelEnv
from grader.kernels.spec import KernelRequest

ISOLATION_CHECK = (
    "import importlib.util, sys; import ipykernel; "
    "sys.exit(3 if importlib.util.find_spec('grader') else 0)"
)
"""Run by the new kernel's Python: ipykernel is there and the grader is not."""
OUTPUT_TAIL = 2000
FAILED_KO = {
    "venv": "코스 커널의 가상환경을 만들지 못했습니다.",
    "install": (
        "코스 커널에 패키지를 설치하지 못했습니다. "
        "패키지 목록과 네트워크(또는 --wheels 폴더)를 확인하세요."
    ),
    "isolation": (
        "코스 커널 확인에 실패했습니다: ipykernel이 없거나 채점기(grader)가 커널 안에서 보입니다."
    ),
}


@dataclass(frozen=True)
class BuildResult:
    env: KernelEnv
    built: bool
    """False when the kernel already matched the request (nothing was installed)."""
    seconds: float


Runner = Callable[[list[str]], subprocess.CompletedProcess[str]]


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False)


def base_python() -> Path:
    """The interpreter the grader's own virtualenv was made from (never the venv itself)."""
    return Path(getattr(sys, "_base_executable", "") or sys.executable)


def build_kernel(
    env: KernelEnv,
    request: KernelRequest,
    *,
    wheels: Path | None = None,
    force: bool = False,
    python: Path | None = None,
    runner: Runner = _run,
) -> BuildResult:
    """Create or refresh ``env`` from ``request``; a kernel that already matches is kept."""
    started = time.monotonic()
    if env.matches(request) and not force:
        return BuildResult(env, False, 0.0)
    if env.root.exists():
        shutil.rmtree(env.root)
    env.root.parent.mkdir(parents=True, exist_ok=True)
    try:
        _step(runner, [str(python or base_python()), "-m", "venv", str(env.root)], "venv")
        _install(env, request, wheels, runner)
        _step(runner, [str(env.python), "-I", "-c", ISOLATION_CHECK], "isolation")
        _write_manifest(env, request, wheels)
    except BaseException:
        shutil.rmtree(env.root, ignore_errors=True)
        raise
    return BuildResult(env, True, round(time.monotonic() - started, 1))


def _install(env: KernelEnv, request: KernelRequest, wheels: Path | None, runner: Runner) -> None:
    with tempfile.TemporaryDirectory(prefix="grader-kernel-") as tmp:
        requirements = Path(tmp) / "requirements.txt"
        constraints = Path(tmp) / "constraints.txt"
        requirements.write_text("\n".join(request.requirements) + "\n", encoding="utf-8")
        constraints.write_text("\n".join(request.constraints) + "\n", encoding="utf-8")
        argv = [str(env.python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        argv += ["-r", str(requirements), "-c", str(constraints)]
        if wheels is not None:
            argv += ["--no-index", "--find-links", str(wheels)]
        _step(runner, argv, "install")


def _step(runner: Runner, argv: list[str], what: str) -> None:
    done = runner(argv)
    if done.returncode == 0:
        return
    tail = (done.stderr or done.stdout or "")[-OUTPUT_TAIL:]
    raise KernelEnvError(FAILED_KO[what], code=f"kernel_build_{what}", detail=tail)


def _write_manifest(env: KernelEnv, request: KernelRequest, wheels: Path | None) -> None:
    manifest = {
        "name": request.name,
        "digest": request.digest(),
        "python": request.python,
        "requirements": list(request.requirements),
        "constraints": list(request.constraints),
        "offline": wheels is not None,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    env.manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
