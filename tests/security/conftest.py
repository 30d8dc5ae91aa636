"""Security session: every test here is one attack on the sandbox.

The session ends with the line ``attacks: N tried, N contained`` (a passed test is a
contained attack). Tests skip cleanly when bubblewrap cannot run here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.sandbox import BwrapSandbox
from tests.sandbox_support import bwrap_unusable, skip_sandbox_tests
from tests.security.harness import LIMITS, Arena

_tally = {"tried": 0, "contained": 0}


_SKIP = bwrap_unusable(LIMITS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    skip_sandbox_tests(items, Path(__file__).parent, _SKIP)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "tests/security/" not in report.nodeid.replace("\\", "/"):
        return
    if report.when == "call":
        _tally["tried"] += 1
        _tally["contained"] += report.passed
    elif report.when == "setup" and report.failed:
        _tally["tried"] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _tally["tried"]:
        terminalreporter.write_line(
            f"attacks: {_tally['tried']} tried, {_tally['contained']} contained"
        )


@pytest.fixture(scope="session")
def sandbox() -> BwrapSandbox:
    return BwrapSandbox(LIMITS, slots=4)


@pytest.fixture
def arena(tmp_path: Path, sandbox: BwrapSandbox) -> Arena:
    return Arena(tmp_path, sandbox)
