"""Notebooks run in the course kernel: its packages (seaborn...), not the grader's."""

from __future__ import annotations

import nbformat
import pytest

from grader.execute.sandboxed import SandboxedExecutor
from grader.records.submission import NotebookFile, Submission
from grader.sandbox import BwrapSandbox
from tests.security.harness import EXEC_LIMITS, LIMITS

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


def test_a_seaborn_notebook_runs_and_its_figure_is_recorded(tmp_path):
    cells = [
        "import seaborn as sns, matplotlib.pyplot as plt\n"
        "ax = sns.histplot([1, 2, 2, 3, 3, 3])\nax.set_title('hist')\nplt.show()",
        "print(sns.__version__)",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    root = tmp_path / "sub"
    root.mkdir()
    submission = Submission(
        name="s", kind="notebook", root=str(root), content_hash="x",
        notebooks=(NotebookFile(path="nb.ipynb", content=nb),),
    )
    limits = EXEC_LIMITS.__class__(**{**EXEC_LIMITS.__dict__, "cell_timeout_s": 60, "total_timeout_s": 120})
    sandbox = BwrapSandbox(LIMITS.__class__(**{**LIMITS.__dict__, "memory_mib": 2048}))
    [notebook] = SandboxedExecutor(sandbox, limits).run(submission).notebooks
    assert notebook.ran_to_end, notebook.error
    assert any(o.output_type == "display_data" and o.image_png for o in notebook.cells[0].outputs)
    assert notebook.trace is not None and notebook.trace.figures
