"""Executed mode without an assignment: the free-topic examples' apps get o / x from a real probe.

Each example trains a small scikit-learn model on bundled data and saves it; ``--run`` (no
``-a``) executes the notebook in the sandbox, the recorder keeps a few test rows, and the app
is started and asked with them (gradio through its API info, flask through its route); the
streamlit app is run in a real session, where it raises on its first run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.api import grade
from grader.paths import project_root
from tests.security.harness import no_sandbox_processes

pytestmark = [pytest.mark.slow, pytest.mark.sandbox]

EXAMPLES = project_root() / "examples" / "submissions" / "free-apps"
EXPECTED = {
    "gradio-iris": ("o", "app_answered_notebook_rows"),
    "flask-wine": ("o", "app_answered_notebook_rows"),
    "streamlit-broken": ("x", "app_first_session_error"),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_free_topic_app_is_probed_with_the_notebooks_own_rows(name: str, tmp_path: Path) -> None:
    folder = tmp_path / name
    shutil.copytree(EXAMPLES / name, folder)
    [graded] = grade([folder], None, tmp_path / "out", run=True, formats=("json",))
    works = graded.result.item("app.works")
    assert (works.mark, works.reason) == EXPECTED[name], works.comment
    assert "app.py" in works.comment
    model = graded.result.item("app.model_works")
    if works.mark == "o":
        assert "train_test_split의 테스트 부분" in works.comment  # what was sent
        assert model.mark == "△" and model.reason == "app_model_no_labels"
    else:
        assert "ValueError" in works.comment and "features" in works.comment
        assert model.mark == "x"
    assert no_sandbox_processes()
