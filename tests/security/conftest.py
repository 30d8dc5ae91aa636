"""Security session: every test here is one attack on the sandbox.

The session ends with the line ``attacks: N tried, N contained`` (a passed test is a
contained attack). Tests skip cleanly when bubblewrap cannot run here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.errors import SandboxError
from grader.sandbox import BwrapSandbox
from tests.security.harness import LIMITS, Arena

_tally = {"tried": 0, "contained": 0}


def _usable() -> str | None:
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    try:
        BwrapSandbox(LIMITS).probe()
    except SandboxError as exc:
        return f"bwrap is not usable here: {exc.detail or exc}"
    return None


_SKIP = _usable()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        in_here = Path(str(item.fspath)).parent == here
        if in_here and _SKIP and item.get_closest_marker("sandbox"):
            item.add_marker(pytest.mark.skip(reason=_SKIP))


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
