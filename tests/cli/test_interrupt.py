"""SIGTERM / SIGINT to ``grader grade --run`` mid-notebook: a clean stop, never a stored-outputs grade."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from grader.sandbox import SandboxLimits
from tests.sandbox_support import bwrap_unusable

ROOT = Path(__file__).resolve().parents[2]


def sleeping_notebook(path: Path, marker: str) -> Path:
    """Stored outputs that would earn marks; run, it writes ``marker`` then sleeps."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## 느낀 점\n검증 곡선을 보니 몇 번째 에폭부터 과적합인지 보였다."),
        nbformat.v4.new_code_cell(
            f"import os\nopen('{marker}', 'w').write(str(os.getpid()))\nprint('test accuracy', 0.93)",
            execution_count=1,
            outputs=[nbformat.v4.new_output("stream", text="test accuracy 0.93\n")],
        ),
        nbformat.v4.new_code_cell(
            "import time\ntime.sleep(300)\nprint('done')",
            execution_count=2,
            outputs=[nbformat.v4.new_output("stream", text="done\n")],
        ),
    ])
    nbformat.write(nb, path)
    return path


def _wait_for_marker(marker: str, proc: subprocess.Popen[bytes], limit_s: float = 180) -> Path:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        found = list(Path(tempfile.gettempdir()).glob(f"grader-work-*/**/{marker}"))
        if found and found[0].read_text().strip():
            return found[0]
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.2)
    proc.kill()
    pytest.fail(f"the sleeping cell never started: {proc.communicate()}")


def _interrupt_mid_run(tmp_path: Path, sig: signal.Signals, *extra: str) -> tuple[int, str, str]:
    marker = f"started-{uuid.uuid4().hex}.txt"
    nb = sleeping_notebook(tmp_path / "hw.ipynb", marker)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "grader", "grade", str(nb), "--run", *extra,
           "--fallback", "stored", "-o", str(tmp_path / "out")]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    found = _wait_for_marker(marker, proc)
    work = Path(tempfile.gettempdir(), found.relative_to(tempfile.gettempdir()).parts[0])
    kernel_pid = found.read_text().strip()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=90)
    assert not (tmp_path / "out" / "hw" / "result.json").exists()
    assert not work.exists(), f"the temp work folder {work} was left behind"
    return proc.returncode, kernel_pid, err.decode()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.slow
@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_stops_an_unsandboxed_run_cleanly(tmp_path: Path, sig: signal.Signals, code: int):
    returncode, kernel_pid, err = _interrupt_mid_run(tmp_path, sig, "--no-sandbox")
    assert returncode == code, err
    assert "채점을 멈췄습니다" in err
    assert _gone(int(kernel_pid)), "the kernel outlived the grader"


@pytest.mark.slow
@pytest.mark.sandbox
def test_sigterm_stops_a_sandboxed_run_cleanly(tmp_path: Path):
    reason = bwrap_unusable(SandboxLimits())
    if reason:
        pytest.skip(reason)
    returncode, _, err = _interrupt_mid_run(tmp_path, signal.SIGTERM)
    assert returncode == 143, err
    assert "채점을 멈췄습니다" in err
