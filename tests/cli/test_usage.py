"""Usage errors are Korean, name the problem, show the usage line and exit 2."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from grader.cli.main import app

runner = CliRunner()

HANGUL = re.compile(r"[가-힣]")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["chek", "x.ipynb"], "알 수 없는 명령입니다: chek. 비슷한 이름: check"),
        (["grade", "x.ipynb", "--formt", "md"], "알 수 없는 옵션입니다: --formt."),
        (["grade"], "필수 인자가 빠졌습니다: PATHS"),
        (["grade", "x.ipynb", "--memory"], "--memory 옵션에 값을 주어야 합니다."),
        (["grade", "x.ipynb", "--memory", "abc"], "--memory 값은 정수여야 합니다 (받은 값: abc)."),
        (["assignments", "show", "a", "b"], "필요 없는 인자가 더 있습니다: b"),
    ],
)
def test_click_usage_errors_are_korean(argv: list[str], expected: str):
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert "사용법 오류:" in result.output and expected in result.output
    assert "Traceback" not in result.output
    assert "Usage:" not in result.output and "Error" not in result.output
    assert "자세한 도움말:" in result.output and "--help" in result.output


def test_help_still_exits_0():
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0 and "점검" in result.output


def test_no_arguments_shows_help_with_status_2():
    result = runner.invoke(app, [])
    assert result.exit_code == 2 and HANGUL.search(result.output)
def test_range_errors_say_the_bound():
    result = runner.invoke(app, ["ci", "x.ipynb", "--min-score", "1.5"])
    assert result.exit_code == 2
    assert "--min-score 값은 1 이하여야 합니다 (받은 값: 1.5)." in result.output


