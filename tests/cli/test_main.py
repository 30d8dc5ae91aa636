from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from grader.cli.main import app

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
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "bad" / "report.md").read_text(encoding="utf-8")
    assert "JSON" in report and "Traceback" not in report
    contract = json.loads((tmp_path / "out" / "bad" / "result.json").read_text(encoding="utf-8"))
    assert contract["mode"] is None
    assert {item["mark"] for item in contract["items"]} == {"△"}


def test_check_prints_a_korean_checklist(tmp_path: Path):
    nb = write_notebook(tmp_path / "me.ipynb", nbformat.v4.new_code_cell("x = 1"))
    result = runner.invoke(app, ["check", str(nb), "-a", "cnn-digits"])
    assert result.exit_code == 0, result.output
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
