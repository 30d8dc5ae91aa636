from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from grader import api
from grader.cli.main import app
from grader.errors import ExecutionError, SandboxError
from grader.execute.limits import NO_OVERRIDES
from grader.sandbox import BwrapSandbox

runner = CliRunner()


def write_notebook(path: Path, *cells: nbformat.NotebookNode) -> Path:
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nbformat.write(nb, path)
    return path


def test_assignments_list_and_show():
    listed = runner.invoke(app, ["assignments", "list"])
    assert listed.exit_code == 0 and "cnn-digits" in listed.output
    shown = runner.invoke(app, ["assignments", "show", "cnn-digits"])
    assert shown.exit_code == 0 and "제한" in shown.output


def test_unknown_assignment_is_a_korean_error_not_a_traceback(tmp_path: Path):
    nb = write_notebook(tmp_path / "a.ipynb", nbformat.v4.new_markdown_cell("# 제목"))
    result = runner.invoke(app, ["grade", str(nb), "-a", "no-such", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "과제 'no-such'를 찾을 수 없습니다" in result.output
    assert "Traceback" not in result.output


def test_grade_writes_reports_and_result_contract(tmp_path: Path):
    nb = write_notebook(
        tmp_path / "hw.ipynb",
        nbformat.v4.new_markdown_cell("## 배운 점\n검증 세트를 따로 두어야 과적합을 알아챌 수 있다는 것을 배웠다."),
    )
    result = runner.invoke(app, ["grade", str(nb), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "hw"
    assert {p.name for p in folder.iterdir()} >= {"report.md", "report.html", "result.json"}
    contract = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    assert contract["schema_version"] == 1 and contract["mode"] == "stored_outputs"
    marks = {item["id"]: item["mark"] for item in contract["items"]}
    assert marks["retrospective.learned"] == "o"
    assert len(marks) == 14


def test_broken_json_submission_gets_a_report_with_the_reason(tmp_path: Path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text('{"cells": [', encoding="utf-8")
    result = runner.invoke(app, ["grade", str(bad), "-a", "cnn-digits", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "채점하지 못한 제출물 1개" in result.output
    report = (tmp_path / "out" / "bad" / "report.md").read_text(encoding="utf-8")
    assert "JSON" in report and "Traceback" not in report
    contract = json.loads((tmp_path / "out" / "bad" / "result.json").read_text(encoding="utf-8"))
    assert contract["mode"] is None
    assert {item["mark"] for item in contract["items"]} == {"△"}


def test_check_prints_a_korean_checklist(tmp_path: Path):
    nb = write_notebook(tmp_path / "me.ipynb", nbformat.v4.new_code_cell("x = 1"))
    result = runner.invoke(app, ["check", str(nb), "-a", "cnn-digits"])
    assert result.exit_code == 1, result.output
    assert "점검 결과" in result.output and "보완이 필요한 항목" in result.output


def test_run_needs_the_sandbox_or_an_explicit_opt_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from grader import api
    from grader.errors import SandboxError

    def unavailable(**_: object) -> None:
        raise SandboxError("샌드박스를 쓸 수 없습니다.", code="sandbox_missing")

    monkeypatch.setattr(api, "make_executor", unavailable)
    nb = write_notebook(tmp_path / "me.ipynb", nbformat.v4.new_code_cell("x = 1"))
    result = runner.invoke(app, ["grade", str(nb), "--run", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "샌드박스" in result.output
    assert not (tmp_path / "out" / "me").exists()


@pytest.mark.slow
def test_no_sandbox_run_executes_and_warns(tmp_path: Path):
    nb = write_notebook(tmp_path / "ref.ipynb", nbformat.v4.new_code_cell("print(6 * 7)"))
    result = runner.invoke(app, ["grade", str(nb), "--run", "--no-sandbox", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "--no-sandbox" in result.output
    contract = json.loads((tmp_path / "out" / "ref" / "result.json").read_text(encoding="utf-8"))
    assert contract["mode"] == "executed" and contract["sandboxed"] is False


def _ran_notebook(path: Path) -> Path:
    """A notebook whose stored outputs show it ran to the end."""
    return write_notebook(
        path,
        nbformat.v4.new_markdown_cell("## 느낀 점\n검증 곡선을 보니 몇 번째 에폭부터 과적합인지 보였다."),
        nbformat.v4.new_code_cell(
            "print('test accuracy', 0.93)",
            execution_count=1,
            outputs=[nbformat.v4.new_output("stream", text="test accuracy 0.93\n")],
        ),
    )


class _KernelWontStart:
    sandbox = None

    def run(self, submission, limits=None):
        raise ExecutionError("커널을 시작하지 못했습니다.", code="kernel_start")


@pytest.fixture
def failing_run(monkeypatch):
    """``--run`` whose kernel never starts; records the executor make_executor built."""
    built: list[object] = []
    real = api.make_executor

    def fake(*, run, sandbox, assignment, limits=None, overrides=NO_OVERRIDES):
        monkeypatch.setattr(BwrapSandbox, "probe", lambda self: None)
        built.append(real(run=run, sandbox=sandbox, assignment=assignment, overrides=overrides))
        return _KernelWontStart()

    monkeypatch.setattr(api, "make_executor", fake)
    return built


def _contract(folder: Path) -> dict:
    return json.loads((folder / "result.json").read_text(encoding="utf-8"))


def test_failed_run_is_open_by_default_and_stored_only_with_fallback(tmp_path: Path, failing_run):
    nb = _ran_notebook(tmp_path / "hw.ipynb")
    plain = runner.invoke(app, ["grade", str(nb), "--run", "-o", str(tmp_path / "a")])
    assert plain.exit_code == 0, plain.output
    marks = {i["id"]: i for i in _contract(tmp_path / "a" / "hw")["items"]}
    assert marks["completeness"]["mark"] == "△"
    assert marks["completeness"]["reason"] == "execution_incomplete"
    assert "노트북 실행이 끝나지 않았습니다" in plain.output
    stored = runner.invoke(
        app, ["grade", str(nb), "--run", "--fallback", "stored", "-o", str(tmp_path / "b")]
    )
    assert stored.exit_code == 0, stored.output
    contract = _contract(tmp_path / "b" / "hw")
    assert contract["fallback"] == "stored" and contract["execution_status"] == "kernel_failed"
    assert {i["id"]: i["mark"] for i in contract["items"]}["completeness"] == "o"
    report = (tmp_path / "b" / "hw" / "report.md").read_text(encoding="utf-8").splitlines()
    first = next(line for line in report if line.strip() and not line.startswith("#"))
    assert "--fallback stored" in first and "커널을 시작하지 못했습니다" in first


def test_limit_options_override_the_pack(tmp_path: Path, failing_run):
    nb = _ran_notebook(tmp_path / "hw.ipynb")
    args = ["grade", str(nb), "-a", "cnn-digits", "--run", "-o", str(tmp_path / "out")]
    limits = ["--cell-timeout", "20", "--timeout", "60", "--memory", "512"]
    result = runner.invoke(app, [*args, *limits])
    assert result.exit_code == 0, result.output
    (executor,) = failing_run
    assert executor.limits.cell_timeout_s == 20 and executor.limits.total_timeout_s == 60
    assert executor.sandbox.config.limits.memory_mib == 512
    unsandboxed = runner.invoke(app, [*args, "--no-sandbox", "--timeout", "90"])
    assert unsandboxed.exit_code == 0, unsandboxed.output
    assert failing_run[-1].limits.total_timeout_s == 90
    assert failing_run[-1].limits.cell_timeout_s == 300  # the pack's own value


@pytest.mark.parametrize(
    "option, value",
    [("--cell-timeout", "0"), ("--timeout", "-5"), ("--memory", "0"), ("--fallback", "maybe")],
)
def test_bad_limit_or_fallback_is_a_korean_usage_error(tmp_path: Path, option: str, value: str):
    nb = _ran_notebook(tmp_path / "hw.ipynb")
    result = runner.invoke(app, ["grade", str(nb), "--run", option, value, "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "사용법 오류" in result.output and option in result.output
    assert "Traceback" not in result.output


def test_unusable_sandbox_stops_unless_stored_fallback_is_asked(tmp_path: Path, monkeypatch):
    def refuse(self):
        raise SandboxError("bubblewrap(bwrap)를 쓸 수 없습니다.", code="sandbox_missing")

    monkeypatch.setattr(BwrapSandbox, "probe", refuse)
    nb = _ran_notebook(tmp_path / "hw.ipynb")
    stopped = runner.invoke(app, ["grade", str(nb), "--run", "-o", str(tmp_path / "a")])
    assert stopped.exit_code == 2 and "bwrap" in stopped.output
    assert not (tmp_path / "a" / "hw" / "result.json").exists()
    args = ["grade", str(nb), "--run", "--fallback", "stored", "-o", str(tmp_path / "b")]
    stored = runner.invoke(app, args)
    assert stored.exit_code == 0, stored.output
    contract = _contract(tmp_path / "b" / "hw")
    assert contract["execution_status"] == "sandbox_unavailable"
    assert contract["fallback"] == "stored" and contract["mode"] == "stored_outputs"
    report = (tmp_path / "b" / "hw" / "report.md").read_text(encoding="utf-8").splitlines()
    first = next(line for line in report if line.strip() and not line.startswith("#"))
    assert "샌드박스를 준비하지 못해" in first and "--fallback stored" in first


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "submissions"


def test_check_a_missing_path_is_a_korean_usage_error():
    result = runner.invoke(app, ["check", "nonexistent.ipynb", "-a", "cnn-digits"])
    assert result.exit_code == 2
    assert "경로를 찾을 수 없습니다: nonexistent.ipynb" in result.output
    assert "점검 결과" not in result.output


def test_check_exit_status_follows_the_checklist():
    weak = runner.invoke(app, ["check", str(EXAMPLES / "cnn-digits" / "weak.ipynb"), "-a", "cnn-digits"])
    assert weak.exit_code == 1 and "보완이 필요한 항목 13개" in weak.output
    strong = runner.invoke(app, ["check", str(EXAMPLES / "cnn-digits" / "strong.ipynb"), "-a", "cnn-digits"])
    assert strong.exit_code == 0 and "보완할 항목이 없습니다" in strong.output


def test_check_lists_app_items_apart_and_does_not_count_them(tmp_path: Path):
    team = EXAMPLES / "gan-digits" / "team-seed"
    result = runner.invoke(app, ["check", str(team), "-a", "gan-digits"])
    assert result.exit_code == 0, result.output
    assert "실행해야 판단할 수 있는 항목 2개" in result.output
    assert "보완이 필요한 항목" not in result.output


def test_check_an_unreadable_notebook_exits_2(tmp_path: Path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text('{"cells": [', encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 2 and "점검할 수 없습니다" in result.output and "JSON" in result.output


def test_grade_rejects_unknown_formats_and_missing_paths_before_any_work(tmp_path: Path):
    nb = write_notebook(tmp_path / "a.ipynb", nbformat.v4.new_markdown_cell("# 제목"))
    out = tmp_path / "out"
    bad_format = runner.invoke(app, ["grade", str(nb), "--format", "md,docx", "-o", str(out)])
    assert bad_format.exit_code == 2 and "알 수 없는 형식이 있습니다: docx" in bad_format.output
    missing = runner.invoke(app, ["grade", str(nb), str(tmp_path / "gone.ipynb"), "-o", str(out)])
    assert missing.exit_code == 2 and "gone.ipynb" in missing.output
    no_templates = runner.invoke(app, ["grade", str(nb), "--templates", str(tmp_path / "t"), "-o", str(out)])
    assert no_templates.exit_code == 2 and "--templates" in no_templates.output
    assert not out.exists()


def test_run_without_the_extras_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from grader import extras

    monkeypatch.setitem(extras.EXTRAS, "run", ("no_such_seccomp_binding",))
    nb = write_notebook(tmp_path / "me.ipynb", nbformat.v4.new_code_cell("x = 1"))
    result = runner.invoke(app, ["grade", str(nb), "--run", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "pip install 'grader[run]'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_grader_errors_reach_the_console_with_their_particles_chosen(capsys):
    from grader.cli.common import fail
    from grader.errors import ReportError

    fail(ReportError("보고서 템플릿 'report.md.j2'을(를) 만들지 못했습니다."))
    said = capsys.readouterr().err
    assert "'report.md.j2'를 만들지" in said and "을(를)" not in said
