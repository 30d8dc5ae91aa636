"""`grader ci`: exit status, JUnit file, summary, and options refused before any work."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from grader.cli.main import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "submissions" / "cnn-digits"


def _ci(tmp_path: Path, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["ci", *args, "-o", str(tmp_path / "reports")], env=env)


def test_weak_fails_the_gate_with_one_testcase_per_item(tmp_path: Path):
    junit, summary = tmp_path / "j.xml", tmp_path / "s.md"
    result = _ci(
        tmp_path, str(EXAMPLES / "weak.ipynb"), "-a", "cnn-digits", "--min-score", "0.8",
        "--junit", str(junit), "--summary", str(summary),
    )
    assert result.exit_code == 1, result.output
    assert "통과하지 못함" in result.output and "기준 80점보다 낮습니다" in result.output
    cases = list(ET.parse(junit).getroot().iter("testcase"))
    assert len(cases) == 17
    failures = [c for c in cases if c.find("failure") is not None]
    assert len(failures) == 13
    assert all(f.find("failure").get("message") for f in failures)
    text = summary.read_text(encoding="utf-8")
    assert "## 피어리뷰 자동 채점: 통과하지 못함" in text and "| weak | 13 |" in text
    assert (tmp_path / "reports" / "weak" / "result.json").is_file()


def test_strong_passes_and_the_step_summary_is_appended(tmp_path: Path):
    step = tmp_path / "step_summary.md"
    result = _ci(
        tmp_path, str(EXAMPLES / "strong.ipynb"), "-a", "cnn-digits", "--min-score", "0.8",
        "--require", "completeness,problem_solving.data_split",
        env={"GITHUB_STEP_SUMMARY": str(step)},
    )
    assert result.exit_code == 0, result.output
    assert "CI 결과: 통과" in result.output
    assert "## 피어리뷰 자동 채점: 통과" in step.read_text(encoding="utf-8")


def test_an_unreadable_file_exits_2_with_junit_errors(tmp_path: Path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text('{"cells": [', encoding="utf-8")
    junit = tmp_path / "out" / "j.xml"
    result = _ci(tmp_path, str(bad), str(EXAMPLES / "strong.ipynb"), "-a", "cnn-digits", "--junit", str(junit))
    assert result.exit_code == 2, result.output
    assert "채점하지 못함" in result.output
    suites = ET.parse(junit).getroot().findall("testsuite")
    assert [s.get("name") for s in suites] == ["bad", "strong"]
    assert suites[0].get("errors") == "17"


def test_wrong_calls_exit_2_before_any_work(tmp_path: Path):
    weak = str(EXAMPLES / "weak.ipynb")
    unknown = _ci(tmp_path, weak, "-a", "cnn-digits", "--require", "completeness,project.nope")
    assert unknown.exit_code == 2 and "채점하지 않는 항목이 있습니다: project.nope" in unknown.output
    no_pack = _ci(tmp_path, weak, "-a", "no-such")
    assert no_pack.exit_code == 2 and "no-such" in no_pack.output
    missing = _ci(tmp_path, str(tmp_path / "gone.ipynb"))
    assert missing.exit_code == 2 and "경로를 찾을 수 없습니다" in missing.output
    folder = _ci(tmp_path, weak, "--junit", str(tmp_path))
    assert folder.exit_code == 2 and "--junit" in folder.output
    assert not (tmp_path / "reports").exists()
