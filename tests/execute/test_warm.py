"""Warm kernels: the next submission's kernel is prepared ahead, and never reused."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from grader.execute.sandboxed import SandboxedExecutor
from grader.execute.warm import FRAMEWORK_IMPORTS, KernelPrefetcher, warm_code
from grader.pipeline import RunOptions, grade_path, load_assignment
from grader.sandbox.none import NoSandbox, NoSandboxWarning

PROBE = (
    "import os\n"
    "print(json.dumps({'pid': os.getpid(), 'warmed': globals().get('WARMED'),"
    " 'cwd': os.getcwd(), 'files': sorted(f for f in os.listdir('.') if f.endswith('.ipynb'))}))"
)


def test_the_framework_is_imported_quietly():
    assert FRAMEWORK_IMPORTS == {"tensorflow": "tensorflow", "pytorch": "torch"}
    code = warm_code("torch")
    assert "import torch" in code and "except Exception" in code
    compile(code, "<warm>", "exec")
    assert warm_code(None) == ""


def _notebook(path: Path, *sources: str) -> Path:
    nb = v4.new_notebook(cells=[v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, path)
    return path


def _probe(out: Path) -> dict[str, object]:
    execution = json.loads((out / "execution.json").read_text(encoding="utf-8"))
    [notebook] = execution["notebooks"]
    outputs = [o for cell in notebook["cells"] for o in cell.get("outputs", [])]
    return json.loads(outputs[-1]["text"])


@pytest.mark.slow
def test_each_submission_runs_in_its_own_kernel_prepared_ahead(tmp_path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoSandboxWarning)
        sandbox = NoSandbox()
    prefetch = KernelPrefetcher(sandbox)
    prefetch.code = "WARMED = 'yes'"  # stands in for `import tensorflow`
    executor = SandboxedExecutor(sandbox, prefetch=prefetch)
    options = RunOptions(executor=executor, formats=("json",))
    assignment = load_assignment(None)
    seen = []
    try:
        for i in range(2):
            path = _notebook(tmp_path / f"s{i}.ipynb", "import json", PROBE)
            grade_path(path, assignment, tmp_path / f"out{i}", options)
            seen.append(_probe(tmp_path / f"out{i}"))
            bad = tmp_path / f"bad{i}.txt"  # rejected at load: its warm folder is gone
            bad.write_text("not a notebook", encoding="utf-8")
            rejected = grade_path(bad, assignment, tmp_path / f"bad{i}", options)
            assert rejected.result.mode is None
        team = tmp_path / "team"
        (team / "sub").mkdir(parents=True)
        _notebook(team / "sub" / "nb.ipynb", "import json", PROBE)
        grade_path(team, assignment, tmp_path / "out-team", options)
        seen.append(_probe(tmp_path / "out-team"))
    finally:
        prefetch.close()
    first, second, team_run = seen
    assert first["warmed"] == second["warmed"] == "yes"
    assert first["files"] == ["s0.ipynb"] and second["files"] == ["s1.ipynb"]
    assert len({first["pid"], second["pid"], team_run["pid"]}) == 3  # never reused
    assert team_run["warmed"] is None and team_run["files"] == ["nb.ipynb"]  # a subfolder: cold
    assert not list(Path(str(first["cwd"])).parent.glob("*"))  # its folder is gone
