"""``api``: the executor picked from the backend registry, limits from their sources, and the
app probe with the backend the notebooks ran in (``--no-sandbox`` included)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grader import api
from grader.apps import with_app_results
from grader.execute.limits import LimitOverrides
from grader.pipeline import load_assignment
from grader.records.execution import Execution
from grader.sandbox import NoSandbox
from grader.submission.load import load_submission

GENERATOR = """import numpy as np
from sklearn.datasets import load_digits

DIGITS = load_digits()


def generate_image(label):
    return DIGITS.images[DIGITS.target == int(label)][:4] / 16.0
"""


def _generator_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "team"
    folder.mkdir()
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# 생성 함수"), nbformat.v4.new_code_cell(GENERATOR)]
    )
    nbformat.write(nb, folder / "project.ipynb")
    return folder


def test_no_sandbox_warns_once_and_keeps_its_backend_for_the_probe():
    with pytest.warns(api.UnsandboxedExecutionWarning) as caught:
        executor = api.make_executor(
            run=True, sandbox=False, assignment=load_assignment("cnn-digits")
        )
    assert len(caught) == 1 and "--no-sandbox" in str(caught[0].message)
    assert isinstance(executor.sandbox, NoSandbox) and executor.sandbox.sandboxed is False


def test_the_probe_starts_apps_in_the_none_backend(tmp_path: Path, monkeypatch):
    with pytest.warns(api.UnsandboxedExecutionWarning):
        backend = NoSandbox()
    seen: list[object] = []
    monkeypatch.setattr(
        "grader.apps.probe.probe_apps", lambda submission, sandbox, **kw: seen.append(sandbox) or ()
    )
    submission = load_submission(_generator_folder(tmp_path), work_dir=tmp_path / "work")
    executed = Execution(mode="executed", notebooks=())
    with_app_results(executed, submission, backend, load_assignment("gan-digits").pack)
    assert seen == [backend]
    stored = Execution(mode="stored_outputs", notebooks=())
    with_app_results(stored, submission, None, load_assignment("gan-digits").pack)
    assert seen == [backend], "stored outputs start nothing"


def test_pack_limits_then_cli_overrides():
    assignment = load_assignment("cnn-digits")
    assert assignment.pack is not None
    pack = assignment.pack.spec.limits
    with pytest.warns(api.UnsandboxedExecutionWarning):
        executor = api.make_executor(
            run=True,
            sandbox=False,
            assignment=assignment,
            overrides=LimitOverrides(total_timeout_s=90, memory_mib=512),
        )
    assert executor.limits.cell_timeout_s == pack.cell_timeout_s
    assert executor.limits.total_timeout_s == 90
    assert executor.sandbox.limits.memory_mib == 512


@pytest.mark.slow
def test_no_sandbox_run_probes_the_predict_function(tmp_path: Path):
    """``grade --run --no-sandbox`` probes apps too (it used to skip them silently)."""
    with pytest.warns(api.UnsandboxedExecutionWarning):
        [graded] = api.grade(
            [_generator_folder(tmp_path)], "gan-digits", tmp_path / "out", run=True, sandbox=False
        )
    assert graded.result.sandboxed is False
    [app] = graded.result.apps
    assert (app.kind, app.started, app.diagnosis) == ("predict_function", True, "none")
    assert app.answered == 10 and app.correct == 10


_CHECK_LOADS = """
import sys
from pathlib import Path
import tempfile
from grader import api
with tempfile.TemporaryDirectory() as out:
    api.check(Path(sys.argv[1]), "cnn-digits", Path(out))
heavy = ("nbclient", "jupyter_client", "zmq", "numpy", "kiwipiepy", "grader.batch.runner")
print(" ".join(name for name in heavy if name in sys.modules))
"""


@pytest.mark.parametrize(
    ("example", "loaded"), [("weak.ipynb", ""), ("team-alpha", "kiwipiepy")]
)
def test_check_loads_only_what_the_check_needs(example: str, loaded: str):
    """No kernel client, numpy or batch code for a stored-output check; the analyser only
    when a sentence needs it (team-alpha has one, weak has none)."""
    path = Path(__file__).resolve().parents[1] / "examples/submissions/cnn-digits" / example
    done = subprocess.run(
        [sys.executable, "-c", _CHECK_LOADS, str(path)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == loaded.split()
