"""Stored-outputs mode: judge the outputs saved in the notebooks, without running anything."""

from __future__ import annotations

from grader.execute.convert import convert_notebook
from grader.execute.run_state import stored_run
from grader.records.execution import ExecutedNotebook, Execution
from grader.records.submission import NotebookFile, Submission


def stored_execution(submission: Submission) -> Execution:
    """An :class:`Execution` in ``stored_outputs`` mode from the notebooks as submitted."""
    notebooks = tuple(stored_notebook(nb) for nb in submission.notebooks)
    return Execution(mode="stored_outputs", notebooks=notebooks)


def stored_notebook(notebook: NotebookFile) -> ExecutedNotebook:
    """One notebook as saved, with how far its outputs show it was run.

    ``ran_to_end``: nothing stopped it (an error that later cells ran past is no stop), no
    cell with work is left without a sign of a run, and every cell's code parses or ran.
    """
    converted = convert_notebook(notebook.content, path=notebook.path, member=notebook.member)
    run = stored_run(converted.cells)
    clean = run.stop_cell is None and not run.unrun_cells and not run.broken_cells
    ran_to_end = clean and not converted.never_run
    return converted.model_copy(update={"stored_run": run, "ran_to_end": ran_to_end})
