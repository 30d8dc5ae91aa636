"""Executed mode without an assignment: the free-topic examples' apps get o / x from a real probe.

Each example trains a small scikit-learn model on bundled data and saves it; ``--run`` (no
``-a``) executes the notebook in the sandbox, the recorder keeps a few test rows, and the app
is started and asked with them (gradio through its API info, flask through its route); the
streamlit app is run in a real session, where it raises on its first run.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from grader.api import grade
from grader.apps import ProbeOptions, Sample, SampleSet, probe_apps
from grader.paths import project_root
from grader.sandbox import BwrapSandbox
from grader.submission.load import load_submission
from tests.security.harness import no_sandbox_processes

pytestmark = [pytest.mark.slow, pytest.mark.sandbox]

EXAMPLES = project_root() / "examples" / "submissions" / "free-apps"
NOTEBOOK = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
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


FASTAPI_APP = """
import joblib
from fastapi import FastAPI
from pydantic import BaseModel

api = FastAPI()
model = joblib.load("model.joblib")


class Flower(BaseModel):
    sepal_length: float
    sepal_width: float
    petal_length: float
    petal_width: float


@api.post("/predict")
def predict(flower: Flower) -> dict[str, int]:
    row = [[flower.sepal_length, flower.sepal_width, flower.petal_length, flower.petal_width]]
    return {"label": int(model.predict(row)[0])}
"""


def test_fastapi_fields_come_from_its_openapi_schema(tmp_path: Path, sandbox: BwrapSandbox) -> None:
    joblib = pytest.importorskip("joblib")
    datasets = pytest.importorskip("sklearn.datasets")
    linear = pytest.importorskip("sklearn.linear_model")
    folder = tmp_path / "fastapi-iris"
    folder.mkdir()
    iris = datasets.load_iris()
    joblib.dump(
        linear.LogisticRegression(max_iter=500).fit(iris.data, iris.target), folder / "model.joblib"
    )
    (folder / "main.py").write_text(FASTAPI_APP, encoding="utf-8")
    (folder / "nb.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    submission = load_submission(folder, work_dir=tmp_path / "work")
    rows = SampleSet(
        samples=(Sample(id="행 1", values=(5.9, 3.0, 5.1, 1.8)),),
        origin="notebook",
        note="테스트 행",
    )
    options = ProbeOptions(start_timeout_s=40, screenshot=False)
    (result,) = probe_apps(submission, sandbox, options=options, fallback=rows)
    assert result.diagnosis == "none", result.model_dump_json(indent=1)
    assert result.probes[0].input == "행 1 (json fields)" and result.probes[0].predicted == "2"
    assert result.inputs_from == "notebook" and result.model_ok is None
