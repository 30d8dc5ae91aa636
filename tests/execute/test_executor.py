"""NbclientExecutor with a real kernel (slow)."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager
from nbformat import v4

from grader.errors import ExecutionError
from grader.execute import ExecLimits, NbclientExecutor
from grader.execute.outcome import failure_status
from grader.records.execution import ExecutedNotebook, LimitHit
from grader.submission import load_submission

pytestmark = pytest.mark.slow

FAST = ExecLimits(cell_timeout_s=20, total_timeout_s=60)


def run(tmp_path: Path, *sources: str, limits: ExecLimits = FAST) -> ExecutedNotebook:
    nb = v4.new_notebook(cells=[v4.new_code_cell(s) for s in sources])
    nb.cells[-1].outputs = [v4.new_output("stream", name="stdout", text="stale\n")]
    nb.cells[-1].execution_count = 9
    nbformat.write(nb, tmp_path / "nb.ipynb")
    submission = load_submission(tmp_path / "nb.ipynb", work_dir=tmp_path / "work")
    execution = NbclientExecutor(limits).run(submission)
    assert execution.mode == "executed" and not execution.sandboxed
    return execution.notebooks[0]


def test_notebook_that_runs(tmp_path: Path) -> None:
    nb = run(tmp_path, "x = 21", "print(x * 2)", "x")
    assert nb.ran_to_end and nb.error is None and nb.limit_hits == ()
    assert nb.cells[1].outputs[0].text == "42\n"
    assert nb.cells[2].outputs[0].text == "21"  # stale stored output replaced
    assert nb.duration_s is not None and nb.duration_s > 0
    saved = nbformat.read(tmp_path / "work" / "nb.executed" / "nb.ipynb", as_version=4)
    assert saved.cells[1].outputs[0].text == "42\n"


def test_error_stops_the_notebook(tmp_path: Path) -> None:
    nb = run(tmp_path, "x = 1", "y = 2", "raise ValueError('나쁜 값')", "print('never')")
    assert not nb.ran_to_end
    assert nb.error is not None
    assert (nb.error.cell_index, nb.error.ename, nb.error.evalue) == (2, "ValueError", "나쁜 값")
    assert "ValueError" in nb.error.traceback_tail and "\x1b" not in nb.error.traceback_tail
    assert nb.cells[3].execution_count is None and nb.cells[3].outputs == ()


def test_a_cell_out_of_gpu_memory_is_a_gpu_oom_hit(tmp_path: Path) -> None:
    """torch's OOM names the cell that ran out; the notebook stops there as for any error."""
    oom = (
        "class OutOfMemoryError(RuntimeError): pass\n"
        "raise OutOfMemoryError('CUDA out of memory. Tried to allocate 2.00 GiB')"
    )
    nb = run(tmp_path, "x = 1", oom, "print('never')")
    assert [(h.code, h.cell_index) for h in nb.limit_hits] == [("GPU_OOM", 1)]
    assert nb.error is not None and nb.error.ename == "OutOfMemoryError"


def test_cell_timeout(tmp_path: Path) -> None:
    started = time.monotonic()
    nb = run(
        tmp_path, "x = 1", "import time; time.sleep(30)", "x", limits=ExecLimits(cell_timeout_s=2)
    )
    assert time.monotonic() - started < 20
    assert [(h.kind, h.cell_index, h.limit) for h in nb.limit_hits] == [("cell_timeout", 1, "2s")]
    assert nb.error is not None and nb.error.ename == "CellTimeoutError"
    assert not nb.ran_to_end


def test_total_timeout(tmp_path: Path) -> None:
    limits = ExecLimits(cell_timeout_s=20, total_timeout_s=3)
    nb = run(tmp_path, "import time; time.sleep(2)", "time.sleep(5)", "x = 1", limits=limits)
    assert [(h.kind, h.cell_index) for h in nb.limit_hits] == [("total_timeout", 1)]
    assert not nb.ran_to_end


def test_kernel_death(tmp_path: Path) -> None:
    started = time.monotonic()
    nb = run(tmp_path, "x = 1", "import os; os._exit(1)", "x")
    assert time.monotonic() - started < 20
    assert [(h.kind, h.cell_index) for h in nb.limit_hits] == [("kernel_died", 1)]
    assert nb.error is not None and (nb.error.cell_index, nb.error.ename) == (1, "DeadKernelError")


def test_output_caps(tmp_path: Path) -> None:
    limits = ExecLimits(cell_timeout_s=20, max_output_bytes=2000, max_images=1)
    show = (
        "from IPython.display import Image, display\n"
        "png = b'\\x89PNG\\r\\n\\x1a\\n' + bytes(20)\n"
        "for _ in range(3): display(Image(data=png, format='png'))"
    )
    nb = run(tmp_path, "for i in range(2000): print(i)", show, "1", limits=limits)
    assert nb.ran_to_end
    text = "".join(o.text for o in nb.cells[0].outputs)
    assert text.endswith("(출력이 너무 길어 잘렸습니다)") and len(text) < 2200
    assert sum(o.image_png is not None for o in nb.cells[1].outputs) == 1
    assert {(h.kind, h.cell_index) for h in nb.limit_hits} == {("output_cap", 0), ("output_cap", 1)}


def test_team_notebooks_run_in_their_folders(tmp_path: Path) -> None:
    team = tmp_path / "team"
    (team / "sub").mkdir(parents=True)
    (team / "sub" / "data.txt").write_text("자료", encoding="utf-8")
    read = "print(open('data.txt', encoding='utf-8').read())"
    nbformat.write(v4.new_notebook(cells=[v4.new_code_cell(read)]), team / "sub" / "a_x.ipynb")
    nbformat.write(v4.new_notebook(cells=[v4.new_code_cell("print(2)")]), team / "b_y.ipynb")
    submission = load_submission(team, work_dir=tmp_path / "work")
    execution = NbclientExecutor(FAST).run(submission)
    by_path = {nb.path: nb for nb in execution.notebooks}
    assert by_path["sub/a_x.ipynb"].cells[0].outputs[0].text == "자료\n"
    assert by_path["sub/a_x.ipynb"].member == "a"
    assert by_path["b_y.ipynb"].ran_to_end


def test_kernel_that_cannot_start_is_an_executor_failure(tmp_path: Path) -> None:
    nbformat.write(v4.new_notebook(cells=[v4.new_code_cell("1")]), tmp_path / "nb.ipynb")
    submission = load_submission(tmp_path / "nb.ipynb", work_dir=tmp_path / "work")
    executor = NbclientExecutor(
        FAST, kernel_manager_factory=lambda cwd: AsyncKernelManager(kernel_name="no-such-kernel")
    )
    with pytest.raises(ExecutionError) as caught:
        executor.run(submission)
    assert failure_status(caught.value) == "kernel_failed"


class MemoryKilledKernel(AsyncKernelManager):
    """A sandboxed kernel the memory limit killed before it answered."""

    async def sandbox_death_cause(self) -> tuple[LimitHit, str]:
        hit = LimitHit(kind="memory", limit="64MiB")
        return hit, "메모리 제한(64MiB)을 넘어 커널이 강제 종료되었습니다."


def test_kernel_killed_by_a_limit_before_any_cell_is_limit_killed(tmp_path: Path) -> None:
    nbformat.write(v4.new_notebook(cells=[v4.new_code_cell("1")]), tmp_path / "nb.ipynb")
    submission = load_submission(tmp_path / "nb.ipynb", work_dir=tmp_path / "work")
    executor = NbclientExecutor(
        FAST, kernel_manager_factory=lambda cwd: MemoryKilledKernel(kernel_name="no-such-kernel")
    )
    with pytest.raises(ExecutionError) as caught:
        executor.run(submission)
    assert failure_status(caught.value) == "limit_killed"
    assert "메모리 제한(64MiB)" in caught.value.message_ko


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("URLError: <urlopen error [Errno -3] Temporary failure in name resolution>", True),
        ("OSError: [Errno 101] Network is unreachable", True),
        ("requests.exceptions.ConnectionError: Failed to establish a new connection", True),
        ("socket.gaierror: [Errno -2] Name or service not known", True),
        ("ValueError: could not convert string to float: 'n/a'", False),
        ("FileNotFoundError: [Errno 2] No such file or directory: 'data.csv'", False),
    ],
)
def test_network_failures_are_told_apart_from_other_errors(text, refused):
    from grader.execute.kernel_run import network_refused

    assert network_refused(text) is refused
