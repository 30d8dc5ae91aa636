"""Stored-outputs mode: judge the outputs saved in the notebooks, without running anything."""

from __future__ import annotations

from grader.execute.convert import convert_notebook
from grader.records.execution import Execution
from grader.records.submission import Submission


def stored_execution(submission: Submission) -> Execution:
    """An :class:`Execution` in ``stored_outputs`` mode from the notebooks as submitted."""
    notebooks = tuple(
        convert_notebook(nb.content, path=nb.path, member=nb.member) for nb in submission.notebooks
    )
    return Execution(mode="stored_outputs", notebooks=notebooks)
