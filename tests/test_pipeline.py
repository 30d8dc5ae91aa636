from __future__ import annotations

import json
import signal
import tempfile
from pathlib import Path

import nbformat
import pytest

from grader.errors import ExecutionError, ReportError, SandboxError
from grader.execute.interrupt import Interrupted
from grader.execute.limits import ExecLimits
from grader.pipeline import STAGES, RunOptions, grade_path, load_assignment, rerender, rescore
from grader.records.execution import Execution
from grader.records.submission import Submission
from grader.report.summary import write_class_summary
from grader.rubric.unexecuted import TEXT_SECTIONS


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


def trained_notebook(path: Path, *, outputs: bool = True) -> Path:
    """A small notebook whose stored outputs show a finished run (they would earn marks)."""
    def out(text: str) -> list[nbformat.NotebookNode]:
        return [nbformat.v4.new_output("stream", text=text)] if outputs else []

    count = (lambda n: n) if outputs else (lambda n: None)
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## 느낀 점\n작은 데이터에서도 검증 곡선을 보면 과적합 시점을 알 수 있었다."),
        nbformat.v4.new_code_cell("acc = 0.5 + 0.41\nprint('test accuracy', acc)",
                                  execution_count=count(1), outputs=out("test accuracy 0.91\n")),
        nbformat.v4.new_code_cell("print('done')", execution_count=count(2), outputs=out("done\n")),
    ])
    nbformat.write(nb, path)
    return path


class FailingExecutor:
    def __init__(self, error: ExecutionError | None = None) -> None:
        self.error = error or ExecutionError("커널을 시작하지 못했습니다.", code="kernel_start")

    sandbox = None

    def run(self, submission: Submission, limits: ExecLimits | None = None) -> Execution:
        raise self.error


FAILURES = {
    "kernel_failed": ExecutionError("커널을 시작하지 못했습니다.", code="kernel_start"),
    "limit_killed": ExecutionError("제한 시간을 넘어 실행을 끝냈습니다.", code="execution_limit"),
    "interrupted": ExecutionError("실행이 취소되었습니다.", code="execution_interrupted"),
    "sandbox_unavailable": SandboxError("샌드박스 슬롯이 없습니다.", code="sandbox_busy"),
}


@pytest.mark.parametrize("status", sorted(FAILURES))
def test_failed_execution_leaves_execution_items_open_and_credits_no_stored_output(
    tmp_path: Path, status: str
):
    assignment = load_assignment(None)
    options = RunOptions(executor=FailingExecutor(FAILURES[status]))
    graded = grade_path(trained_notebook(tmp_path / "nb.ipynb"), assignment, tmp_path / "out", options)
    result = graded.result
    assert result.execution_status == status and graded.execution is not None
    assert all(not cell.outputs for nb in graded.execution.notebooks for cell in nb.cells)
    completeness = result.item("completeness")
    assert completeness.mark == "△" and completeness.reason == "execution_incomplete"
    assert FAILURES[status].message_ko.rstrip(".") in completeness.comment
    # What is o rests on code and text alone: the same notebook without any output earns it.
    bare = grade_path(trained_notebook(tmp_path / "bare.ipynb", outputs=False), assignment,
                      tmp_path / "bare", RunOptions()).result
    bare_o = {i.id for i in bare.items if i.mark == "o"}
    assert {i.id for i in result.items if i.mark == "o"} <= bare_o
    on_run = [i for i in result.items if i.section not in TEXT_SECTIONS]
    assert all(i.mark in ("o", "n/a") or i.reason == "execution_incomplete" for i in on_run)
    lines = (tmp_path / "out" / "report.md").read_text(encoding="utf-8").splitlines()
    first = next(line for line in lines if line.strip() and not line.startswith("#"))
    assert "노트북 실행이 끝나지 않아 실행 결과로 채점하지 못했습니다" in first
    assert FAILURES[status].message_ko.rstrip(".") in first


def test_stored_fallback_is_graded_only_when_asked_and_said_first(tmp_path: Path):
    options = RunOptions(executor=FailingExecutor(), fallback="stored")
    graded = grade_path(trained_notebook(tmp_path / "nb.ipynb"), load_assignment(None),
                        tmp_path / "out", options)
    result = graded.result
    assert result.mode == "stored_outputs" and result.fallback == "stored"
    assert result.execution_status == "kernel_failed"
    assert result.item("completeness").mark == "o"
    lines = (tmp_path / "out" / "report.md").read_text(encoding="utf-8").splitlines()
    first = next(line for line in lines if line.strip() and not line.startswith("#"))
    assert "--fallback stored" in first and "저장된 출력으로 채점했습니다" in first


class InterruptingExecutor:
    sandbox = None

    def run(self, submission: Submission, limits: ExecLimits | None = None) -> Execution:
        raise Interrupted(signal.SIGTERM)


def test_an_interrupt_is_never_graded_and_leaves_no_work_folder(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(Interrupted):
        grade_path(trained_notebook(tmp_path / "nb.ipynb"), load_assignment(None),
                   tmp_path / "out", RunOptions(executor=InterruptingExecutor(), fallback="stored"))
    assert not list(tmp_path.glob("grader-work-*"))
    assert not (tmp_path / "out" / "result.json").exists()


def test_class_summary_says_which_runs_did_not_complete(tmp_path: Path):
    assignment = load_assignment(None)
    nb = trained_notebook(tmp_path / "nb.ipynb")
    failed = grade_path(nb, assignment, tmp_path / "a", RunOptions(executor=FailingExecutor()))
    stored = grade_path(nb, assignment, tmp_path / "b",
                        RunOptions(executor=FailingExecutor(), fallback="stored"))
    write_class_summary([failed.result, stored.result], tmp_path)
    csv_text = (tmp_path / "class_summary.csv").read_text(encoding="utf-8-sig")
    assert "not_completed: kernel_failed" in csv_text
    assert "stored_outputs (fallback: kernel_failed)" in csv_text


def test_rescore_of_a_failed_run_keeps_its_marks(tmp_path: Path):
    assignment = load_assignment(None)
    nb = trained_notebook(tmp_path / "nb.ipynb")
    graded = grade_path(nb, assignment, tmp_path / "out", RunOptions(executor=FailingExecutor()))
    again = rescore(tmp_path / "out", assignment, RunOptions())
    assert again.result.execution_status == "kernel_failed"
    assert [(i.id, i.mark) for i in again.result.items] == [
        (i.id, i.mark) for i in graded.result.items
    ]


def test_problem_messages_resolve_their_particles(tmp_path: Path):
    team = tmp_path / "team"
    team.mkdir()
    notebook(team / "a.ipynb")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (team / "data.txt").symlink_to(tmp_path / "notes.txt")
    graded = grade_path(team, load_assignment(None), tmp_path / "out", RunOptions())
    [problem] = [p for p in graded.result.problems if p.code == "symlink_skipped"]
    assert problem.message_ko.startswith("data.txt는 심볼릭 링크라서")


def test_the_submission_is_stored_and_rescore_reads_it(tmp_path: Path):
    team = tmp_path / "team"
    team.mkdir()
    notebook(team / "project_kim.ipynb")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (team / "data.txt").symlink_to(tmp_path / "notes.txt")
    out = tmp_path / "out"
    graded = grade_path(team, load_assignment(None), out, RunOptions())
    stored = Submission.load(out / "submission.json")
    assert stored == graded.submission and stored.notebooks[0].path == "project_kim.ipynb"
    (out / "result.json").unlink()  # rescore needs no earlier result for members and problems
    again = rescore(out, load_assignment(None), RunOptions())
    assert again.submission == stored
    assert again.result.members == graded.result.members
    assert again.result.problems == graded.result.problems
    assert again.result.submission == "team"


def test_rerender_writes_the_reports_from_the_stored_result(tmp_path: Path):
    out = tmp_path / "out"
    graded = grade_path(notebook(tmp_path / "nb.ipynb"), load_assignment(None), out, RunOptions())
    before = (out / "report.md").read_text(encoding="utf-8")
    (out / "report.md").unlink()
    again = rerender(out, load_assignment(None), RunOptions(formats=("md",)))
    assert (out / "report.md").read_text(encoding="utf-8") == before
    assert again.result == graded.result and again.submission == graded.submission
    with pytest.raises(ReportError) as caught:
        rerender(tmp_path / "nothing", load_assignment(None), RunOptions())
    assert "result.json" in caught.value.message_ko


def test_an_unknown_artifact_judge_fails_when_the_assignment_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grader.errors import AssignmentError
    from grader.paths import rubrics_dir
    from grader.pipeline import load_assignment

    common = (rubrics_dir() / "peer_review.yaml").read_text(encoding="utf-8")
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "peer_review.yaml").write_text(common, encoding="utf-8")
    (tmp_path / "assignments" / "t").mkdir(parents=True)
    (tmp_path / "assignments" / "t" / "assignment.yaml").write_text(
        "id: t\ntitle: x\ntopic: y\nframework: pytorch\nartifacts: {judge: mnist_cnn}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GRADER_HOME", str(tmp_path))
    with pytest.raises(AssignmentError) as caught:
        load_assignment("t")
    assert "'mnist_cnn'" in caught.value.message_ko and "sklearn_digits" in caught.value.message_ko


@pytest.mark.parametrize("with_data", [True, False])
def test_the_data_directory_reaches_the_judges(tmp_path: Path, with_data: bool) -> None:
    """A truth in the data directory is read when grading gets ``data_dir``; without it the
    criterion says the data directory is missing (△), never a crash."""
    import dataclasses
    import shutil

    import numpy as np

    from grader.assignments import AssignmentPack
    from grader.assignments.pack import SampleArtifacts
    from grader.judges.truth import load_truth
    from grader.paths import project_root

    data = tmp_path / "data"
    (data / "digits").mkdir(parents=True)
    np.save(data / "digits" / "test.npy", load_truth("sklearn.digits:test", None, "npy"))
    weak = tmp_path / "weak"
    shutil.copytree(project_root() / "examples/submissions/superres-digits/weak", weak)
    assignment = load_assignment("superres-digits", data if with_data else None)
    assert assignment.pack is not None
    names = SampleArtifacts(samples="restored.npy", labels=None, judge="image_psnr", truth="digits/test.npy")
    spec = assignment.pack.spec.model_copy(update={"artifacts": names})
    assignment = dataclasses.replace(assignment, pack=AssignmentPack(assignment.pack.root, spec))
    graded = grade_path(weak, assignment, tmp_path / "out", RunOptions(formats=("json",)))
    verdict = graded.result.item("project.test_psnr")
    if with_data:
        assert (verdict.mark, verdict.reason) == ("x", "artifact_metric_below")
        assert "14.11dB" in verdict.comment and "digits/test.npy" in verdict.comment
    else:
        assert (verdict.mark, verdict.reason) == ("△", "artifact_truth_no_data")
