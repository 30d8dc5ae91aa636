from __future__ import annotations

import json
from pathlib import Path

import nbformat

from grader.errors import ExecutionError
from grader.execute.limits import ExecLimits
from grader.pipeline import STAGES, RunOptions, grade_path, load_assignment, rescore
from grader.records.execution import Execution
from grader.records.submission import Submission


def notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## 느낀 점\n작은 데이터에서도 검증 곡선을 보면 과적합 시점을 알 수 있었다."),
        nbformat.v4.new_code_cell("print('hi')", execution_count=1,
                                  outputs=[nbformat.v4.new_output("stream", text="hi\n")]),
    ])
    nbformat.write(nb, path)
    return path


def test_stages_are_listed_in_order():
    assert STAGES == ("load", "execute", "extract", "score", "render")


def test_rescore_from_stored_records_reproduces_the_result(tmp_path: Path):
    assignment = load_assignment(None)
    graded = grade_path(notebook(tmp_path / "nb.ipynb"), assignment, tmp_path / "out", RunOptions())
    first = json.loads((tmp_path / "out" / "result.json").read_text(encoding="utf-8"))
    (tmp_path / "out" / "report.md").unlink()
    again = rescore(tmp_path / "out", assignment, RunOptions())
    assert (tmp_path / "out" / "report.md").is_file()
    assert [i.mark for i in again.result.items] == [i.mark for i in graded.result.items]
    assert again.result.submission == first["submission"] == "nb"


class FailingExecutor:
    def run(self, submission: Submission, limits: ExecLimits | None = None) -> Execution:
        raise ExecutionError("커널을 시작하지 못했습니다.", code="kernel_start")


def test_executor_failure_falls_back_to_stored_outputs_and_says_so(tmp_path: Path):
    graded = grade_path(notebook(tmp_path / "nb.ipynb"), load_assignment(None), tmp_path / "out",
                        RunOptions(executor=FailingExecutor()))
    assert graded.result.mode == "stored_outputs"
    assert any("커널을 시작하지 못했습니다" in p.message_ko for p in graded.result.problems)
    assert graded.result.item("retrospective.felt").mark == "o"


def test_problem_messages_resolve_their_particles(tmp_path: Path):
    team = tmp_path / "team"
    team.mkdir()
    notebook(team / "a.ipynb")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (team / "data.txt").symlink_to(tmp_path / "notes.txt")
    graded = grade_path(team, load_assignment(None), tmp_path / "out", RunOptions())
    [problem] = [p for p in graded.result.problems if p.code == "symlink_skipped"]
    assert problem.message_ko.startswith("data.txt는 심볼릭 링크라서")
