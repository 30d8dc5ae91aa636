"""A batch worker under ``--run``: every submission in a fresh kernel that was prepared ahead."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

PROBE = (
    "import os, sys, json\n"
    "print(json.dumps({'reused': 'MARK' in globals(), 'tf': 'tensorflow' in sys.modules,"
    " 'files': sorted(os.listdir('.'))}))\n"
    "MARK = 1"
)


@pytest.mark.slow
@pytest.mark.sandbox
@pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")
def test_run_workers_grade_each_submission_in_a_warm_kernel_of_its_own(tmp_path: Path):
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    for i in range(3):
        nb = v4.new_notebook(cells=[v4.new_code_cell(PROBE), v4.new_code_cell("open('out.txt', 'w')")])
        nbformat.write(nb, class_dir / f"s{i}.ipynb")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "grader", "batch", str(class_dir), "-a", "cnn-digits",
               "-o", str(out), "--run", "--jobs", "1"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    if "bubblewrap" in done.stderr:
        pytest.skip("bwrap not usable here")
    assert done.returncode == 0, done.stderr[-2000:]
    seen = []
    for i in range(3):
        execution = json.loads((out / f"s{i}" / "execution.json").read_text(encoding="utf-8"))
        [notebook] = execution["notebooks"]
        assert notebook["ran_to_end"] and execution["sandboxed"]
        seen.append(json.loads(notebook["cells"][0]["outputs"][0]["text"]))
    assert all(s["tf"] for s in seen)  # the pack's framework was imported ahead
    assert [[f for f in s["files"] if f.endswith(".ipynb")] for s in seen] == [
        ["s0.ipynb"], ["s1.ipynb"], ["s2.ipynb"]
    ]
    assert not any(s["reused"] for s in seen)  # a kernel is never reused
