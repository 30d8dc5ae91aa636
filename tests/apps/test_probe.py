"""Real apps of each kind in the sandbox: the verdict, bounded time, nothing left behind."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from grader.apps import ProbeOptions, detect_apps, load_samples, probe_apps
from grader.paths import assignments_dir
from grader.records.app_result import AppResult
from grader.records.evidence import Evidence
from grader.rubric.checks.app import app_model_works, app_works
from grader.sandbox import BwrapSandbox
from grader.submission.load import load_submission
from tests.apps.apps_src import FILES, app_source
from tests.security.harness import no_sandbox_processes

pytestmark = [pytest.mark.slow, pytest.mark.sandbox]

KINDS = ("gradio", "streamlit", "flask", "fastapi")
PACK = assignments_dir() / "cnn-digits"
NOTEBOOK = {
    "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# 앱 과제"}],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}
# scenario -> (app.works, app.model_works, diagnoses accepted)
EXPECTED = {
    "ok": ("o", "o", {"none"}),
    "wrong_model_path": ("x", "x", {"wrong_model_path"}),
    "crash": ("x", "x", {"exception_per_request"}),
    "hang": ("x", "x", {"never_bound"}),
}


def _submission(tmp_path: Path, kind: str, scenario: str, model: bytes) -> Path:
    folder = tmp_path / f"{kind}-{scenario}"
    folder.mkdir()
    (folder / "project.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    (folder / FILES[kind]).write_text(app_source(kind, scenario), encoding="utf-8")
    (folder / "model.joblib").write_bytes(model)
    return folder


def _probe(
    tmp_path: Path, sandbox: BwrapSandbox, kind: str, scenario: str, model: bytes, shot: bool
) -> tuple[AppResult, float]:
    folder = _submission(tmp_path, kind, scenario, model)
    submission = load_submission(folder, work_dir=tmp_path / "work")
    options = ProbeOptions(
        start_timeout_s=6 if scenario == "hang" else 40,
        ready_timeout_s=10,
        request_timeout_s=8,
        screenshot=shot,
    )
    started = time.monotonic()
    results = probe_apps(submission, sandbox, pack_root=PACK, options=options)
    wall = time.monotonic() - started
    assert len(results) == 1
    return results[0], wall


@pytest.mark.parametrize("scenario", list(EXPECTED))
@pytest.mark.parametrize("kind", KINDS)
def test_app_verdict(
    tmp_path: Path, sandbox: BwrapSandbox, model_bytes: bytes, kind: str, scenario: str
) -> None:
    result, wall = _probe(tmp_path, sandbox, kind, scenario, model_bytes, shot=False)
    works, model_works, diagnoses = EXPECTED[scenario]
    if kind == "streamlit" and scenario == "hang":
        # streamlit binds before it runs the script: the hang shows as its first real session
        # (AppTest) timing out
        diagnoses = {"first_session_error"}
    assert result.diagnosis in diagnoses, result.model_dump_json(indent=1)
    evidence = Evidence(mode="executed", notebooks=(), app_results=(result,))
    assert app_works(evidence).mark == works
    assert app_model_works(evidence).mark == model_works
    assert wall < 60
    assert no_sandbox_processes(), "an app process outlived the probe"
    if scenario == "ok":
        assert result.started and result.answered == len(result.probes) > 0
        assert result.model_ok is True
    if scenario == "wrong_model_path":
        assert result.model_file and "digits_model.joblib" in result.model_file
    assert "\x1b[" not in result.log_tail


@pytest.mark.parametrize("kind", ["gradio", "streamlit"])
def test_screenshot(
    tmp_path: Path, sandbox: BwrapSandbox, model_bytes: bytes, chromium: str, kind: str
) -> None:
    result, wall = _probe(tmp_path, sandbox, kind, "ok", model_bytes, shot=True)
    assert result.screenshot_png, result.screenshot_note
    assert result.screenshot_note == ""
    assert wall < 60
    assert no_sandbox_processes()


def test_missing_package(tmp_path: Path, sandbox: BwrapSandbox, model_bytes: bytes) -> None:
    folder = _submission(tmp_path, "flask", "ok", model_bytes)
    source = (folder / "app.py").read_text(encoding="utf-8")
    (folder / "app.py").write_text("import no_such_pkg_xyz\n" + source, encoding="utf-8")
    submission = load_submission(folder, work_dir=tmp_path / "work")
    options = ProbeOptions(start_timeout_s=30, screenshot=False)
    (result,) = probe_apps(submission, sandbox, pack_root=PACK, options=options)
    assert result.diagnosis == "missing_package"
    assert result.missing_module == "no_such_pkg_xyz"
    evidence = Evidence(mode="executed", notebooks=(), app_results=(result,))
    assert app_works(evidence).reason == "app_missing_package"
    assert no_sandbox_processes()


def test_notebook_gradio_cell(tmp_path: Path, sandbox: BwrapSandbox, model_bytes: bytes) -> None:
    folder = tmp_path / "nb-gradio"
    folder.mkdir()
    (folder / "model.joblib").write_bytes(model_bytes)
    source = app_source("gradio", "ok")
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": "%matplotlib inline\n!pip list\n",
        },
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": source,
        },
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": "raise SystemExit('never reached')",
        },
    ]
    notebook = {**NOTEBOOK, "cells": cells}
    (folder / "project.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    submission = load_submission(folder, work_dir=tmp_path / "work")
    targets = detect_apps(submission)
    assert [(t.kind, t.cell) for t in targets] == [("gradio", 1)]
    options = ProbeOptions(start_timeout_s=40, screenshot=False)
    (result,) = probe_apps(submission, sandbox, pack_root=PACK, options=options)
    assert result.diagnosis == "none" and result.model_ok is True
    assert result.notes_ko  # the re-run-as-script limitation is stated
    assert not list(Path(submission.root).glob("_grader_app_*.py"))
    assert no_sandbox_processes()


def test_samples_of_the_pack_load() -> None:
    samples = load_samples(PACK)
    assert samples is not None and len(samples.samples) >= 5
    assert all(samples.image_path(s) and s.values and s.label for s in samples.samples)
