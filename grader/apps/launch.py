"""Start an app inside the sandbox and wait until it listens (or fails to).

A notebook's gradio cell becomes a script: every code cell of that notebook up to and
including the app cell, IPython magics and shell lines blanked out, written next to the
notebook in the submission's work copy (documented limitation: training cells before the
app cell run again, within the start-up timeout).
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import httpx

from grader.apps import kinds
from grader.apps.detect import AppTarget
from grader.notebook.code import clean_source
from grader.records.submission import Submission
from grader.sandbox import Sandbox, Service

__all__ = ["Launched", "prepare_script", "sandbox_python", "start_app", "wait_ready"]

SCRIPT_PREFIX = "_grader_app_"
NOTEBOOK_NOTE = (
    "노트북 앱은 앱 셀까지의 코드 셀을 스크립트로 모아 다시 실행해 확인했습니다 "
    "(매직 명령과 셸 명령은 빼고 실행)."
)
APP_ENV = {"MPLBACKEND": "Agg", "PYTHONUNBUFFERED": "1"}


@dataclass
class Launched:
    """A started app: its service, the script it runs, how long binding took."""

    service: Service
    script: str
    bound: bool
    start_seconds: float


def sandbox_python(sandbox: Sandbox) -> str:
    """The Python the sandbox runs (the course kernel)."""
    return str(sandbox.python)


def prepare_script(target: AppTarget, submission: Submission) -> tuple[Path, str, list[str]]:
    """``(cwd, script relative to cwd, notes)`` for ``target`` in the work copy."""
    root = Path(submission.root)
    if target.file is not None:
        rel = PurePosixPath(target.file)
        return root.joinpath(*rel.parent.parts), rel.name, []
    notebook = next(n for n in submission.notebooks if n.path == target.notebook)
    rel = PurePosixPath(notebook.path)
    cwd = root.joinpath(*rel.parent.parts)
    name = f"{SCRIPT_PREFIX}{target.cell}.py"
    (cwd / name).write_text(notebook_script(notebook.content, target.cell or 0), encoding="utf-8")
    return cwd, name, [NOTEBOOK_NOTE]


def notebook_script(content: dict[str, Any], last_cell: int) -> str:
    """The code cells ``0..last_cell`` of a notebook, magics blanked, as one script."""
    parts = []
    for index, cell in enumerate(content.get("cells", [])[: last_cell + 1]):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        cleaned = clean_source("".join(source) if isinstance(source, list) else str(source))
        if cleaned is not None:
            parts.append(f"# --- cell {index + 1} ---\n{cleaned}\n")
    return "\n".join(parts)


def start_app(
    target: AppTarget, sandbox: Sandbox, cwd: Path, script: str, root: Path, timeout_s: float
) -> Launched:
    """Start ``target`` and wait up to ``timeout_s`` for it to listen on a port."""
    spec = kinds.get(target.kind)
    argv = spec.command(sandbox_python(sandbox), script, spec.port, target)
    started = time.monotonic()
    service = sandbox.start_service(argv, root, cwd, env={**APP_ENV, **spec.env})
    try:
        bound = service.wait_bound(timeout_s)
    except BaseException:
        service.stop()
        raise
    return Launched(service, script, bound, time.monotonic() - started)


def wait_ready(url: str, path: str, timeout_s: float) -> bool:
    """GET ``url + path`` until it answers below 500 (apps bind before they are ready)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url + path, timeout=5).status_code < 500:
                return True
        time.sleep(0.2)
    return False
