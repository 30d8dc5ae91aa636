"""Shared by the test folders that need a working bubblewrap: skip them cleanly where it can't run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.errors import KernelEnvError, SandboxError
from grader.sandbox import BwrapSandbox, SandboxLimits


def bwrap_unusable(limits: SandboxLimits) -> str | None:
    """Why bubblewrap cannot run sandboxes here, or ``None`` when it can."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    try:
        BwrapSandbox(limits).probe()
    except KernelEnvError as exc:  # only where `make setup` was not run
        return f"the course kernel is not built: {exc.message_ko}"
    except SandboxError as exc:
        return f"bwrap is not usable here: {exc.detail or exc}"
    return None


def skip_sandbox_tests(items: list[pytest.Item], folder: Path, reason: str | None) -> None:
    """Mark the ``sandbox`` tests of ``folder`` skipped with ``reason`` (when there is one)."""
    if reason is None:
        return
    for item in items:
        if Path(str(item.fspath)).parent == folder and item.get_closest_marker("sandbox"):
            item.add_marker(pytest.mark.skip(reason=reason))
