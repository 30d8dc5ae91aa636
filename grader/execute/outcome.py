"""The execute stage's outcome when the notebooks could not be run (or not to the end)."""

from __future__ import annotations

from grader.errors import ExecutionError, SandboxError
from grader.execute.convert import convert_notebook
from grader.execute.stored import stored_execution
from grader.records.execution import ExecutedNotebook, Execution, ExecutionStatus, Fallback
from grader.records.submission import NotebookFile, Submission

__all__ = ["failed_execution", "failure_status"]

KERNEL_FAILED_KO = "노트북을 실행할 Jupyter 커널을 준비하지 못했습니다."
"""What the kernel runner says when the kernel would not start or answer."""
LIMIT_CODE = "execution_limit"
INTERRUPTED_CODE = "execution_interrupted"

_STATUS_KO: dict[ExecutionStatus, str] = {
    "interrupted": "실행이 중간에 중단되었습니다",
    "kernel_failed": "노트북을 실행할 Jupyter 커널을 시작하지 못했습니다",
    "limit_killed": "실행 제한에 걸려 실행이 강제로 종료되었습니다",
    "sandbox_unavailable": "샌드박스를 준비하지 못해 노트북을 실행할 수 없었습니다",
}


def failure_status(exc: ExecutionError) -> ExecutionStatus:
    """Which way the execution failed, from the executor's error."""
    if isinstance(exc, SandboxError):
        return "sandbox_unavailable"
    if exc.code == LIMIT_CODE:
        return "limit_killed"
    if exc.code == INTERRUPTED_CODE:
        return "interrupted"
    return "kernel_failed"


def failed_execution(submission: Submission, exc: ExecutionError, fallback: Fallback) -> Execution:
    """The record of a failed execution: no outputs at all, or (``stored``, when asked) the
    stored outputs, marked as a fallback."""
    status = failure_status(exc)
    reason = failure_reason_ko(status, exc)
    if fallback == "stored":
        stored = stored_execution(submission)
        update = {"status": status, "status_reason_ko": reason, "fallback": "stored"}
        return stored.model_copy(update=update)
    notebooks = tuple(unexecuted_notebook(nb) for nb in submission.notebooks)
    return Execution(mode="executed", notebooks=notebooks, status=status, status_reason_ko=reason)


def failure_reason_ko(status: ExecutionStatus, exc: ExecutionError) -> str:
    """The status in Korean, with the error's own message when it says more."""
    said = _STATUS_KO[status]
    message = exc.message_ko.strip().rstrip(".")
    if not message or message == said or message == KERNEL_FAILED_KO.rstrip("."):
        return f"{said}."
    return f"{said} ({message})."


def unexecuted_notebook(notebook: NotebookFile) -> ExecutedNotebook:
    """The notebook's cells with every stored output dropped: nothing ran."""
    converted = convert_notebook(notebook.content, path=notebook.path, member=notebook.member)
    cells = tuple(
        cell.model_copy(update={"outputs": (), "execution_count": None}) for cell in converted.cells
    )
    return converted.model_copy(update={"cells": cells, "ran_to_end": False, "error": None})
