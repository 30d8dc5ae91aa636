"""The ``predict_function`` kind in the sandbox: a notebook's function called per sample."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from grader.apps import ProbeOptions, probe_apps
from grader.paths import assignments_dir
from grader.records.app_result import AppResult
from grader.records.evidence import Evidence
from grader.rubric.checks.app import app_model_works, app_works
from grader.sandbox import BwrapSandbox
from grader.submission.load import load_submission
from tests.security.harness import no_sandbox_processes

pytestmark = [pytest.mark.slow, pytest.mark.sandbox]

TRAIN = """%matplotlib inline
import numpy as np
from sklearn.datasets import load_digits
from sklearn.svm import SVC

DIGITS = load_digits()
model = SVC(gamma=0.001).fit(DIGITS.data, DIGITS.target)
"""
BODIES = {
    "ok": "def predict(x):\n    return model.predict(np.asarray(x).reshape(1, -1))[0]\n",
    "raises": "def predict(x):\n    raise ValueError('입력 형식이 다릅니다')\n",
    "wrong_shape": "def predict(x):\n    return np.zeros((2, 3))\n",
    "hangs": "def predict(x):\n    while True:\n        pass\n",
    "deleted": "def predict(x):\n    return 0\n\ndel predict\n",
    "no_package": "import not_a_course_package_xyz\n\ndef predict(x):\n    return 0\n",
    "generate": (
        "def generate_image(label):\n"
        "    return DIGITS.images[DIGITS.target == int(label)][:4] / 16.0\n"
    ),
}
# a cell after the function's must not run: it would end the script
AFTER = "raise SystemExit('이 셀은 실행되면 안 됩니다')\n!pip install nothing\n"
# scenario -> (diagnosis, app.works, app.model_works)
EXPECTED = {
    "ok": ("none", "o", "o"),
    "raises": ("exception_per_request", "x", "x"),
    "wrong_shape": ("wrong_output_shape", "o", "x"),
    "hangs": ("exception_per_request", "x", "x"),
    "deleted": ("function_missing", "x", "x"),
    "no_package": ("missing_package", "x", "x"),
}


def _code(source: str) -> dict[str, object]:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": source,
    }


def _probe(tmp_path: Path, sandbox: BwrapSandbox, scenario: str) -> tuple[AppResult, float]:
    folder = tmp_path / scenario
    folder.mkdir()
    notebook = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# 예측 함수"},
            _code(TRAIN),
            _code(BODIES[scenario]),
            _code(AFTER),
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (folder / "project.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    submission = load_submission(folder, work_dir=tmp_path / "work")
    generation = scenario == "generate"
    pack = assignments_dir() / ("gan-digits" if generation else "cnn-digits")
    options = ProbeOptions(start_timeout_s=60, request_timeout_s=3, screenshot=False)
    started = time.monotonic()
    results = probe_apps(
        submission,
        sandbox,
        pack_root=pack,
        predict_function="generate_image" if generation else "predict",
        options=options,
    )
    wall = time.monotonic() - started
    assert len(results) == 1
    assert not list((tmp_path / "work").rglob("_grader_fn_*")), "probe files left behind"
    return results[0], wall


@pytest.mark.parametrize("scenario", list(EXPECTED))
def test_predict_function_verdict(tmp_path: Path, sandbox: BwrapSandbox, scenario: str) -> None:
    result, wall = _probe(tmp_path, sandbox, scenario)
    dump = result.model_dump_json(indent=1)
    diagnosis, works, model_works = EXPECTED[scenario]
    assert result.kind == "predict_function"
    assert result.diagnosis == diagnosis, dump
    assert result.started is (scenario not in ("deleted", "no_package")), dump
    assert result.screenshot_png is None and "함수" in result.screenshot_note
    evidence = Evidence(mode="executed", notebooks=(), app_results=(result,))
    assert app_works(evidence).mark == works, dump
    assert app_model_works(evidence).mark == model_works, dump
    if scenario == "ok":
        assert result.answered == 6 and result.correct >= 5 and result.model_ok, dump
        assert [p.predicted for p in result.probes][:5] == [str(i) for i in range(5)]
        assert result.probes[0].output.startswith("int64"), dump
    if scenario == "raises":
        assert "ValueError" in result.probes[0].error, dump
    if scenario == "deleted":
        assert "predict" in result.error, dump
        assert app_works(evidence).reason == "app_function_missing"
    if scenario == "no_package":
        assert result.missing_module == "not_a_course_package_xyz", dump
    assert wall < 60
    assert no_sandbox_processes(), "a process outlived the function probe"


def test_generation_function(tmp_path: Path, sandbox: BwrapSandbox) -> None:
    result, wall = _probe(tmp_path, sandbox, "generate")
    dump = result.model_dump_json(indent=1)
    assert result.task == "generation"
    assert result.diagnosis == "none", dump
    assert result.answered == 10 and result.correct == 10, dump
    assert [p.predicted for p in result.probes] == [str(i) for i in range(10)]
    evidence = Evidence(mode="executed", notebooks=(), app_results=(result,))
    assert (app_works(evidence).mark, app_model_works(evidence).reason) == (
        "o",
        "app_generation_plausible",
    )
    assert wall < 60
    assert no_sandbox_processes()
