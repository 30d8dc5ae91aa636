"""``task: generation`` in the sandbox: real digit apps pass, noise apps fail, team GAN app."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from grader.apps import ProbeOptions, load_samples, probe_apps
from grader.paths import assignments_dir
from grader.records.app_result import AppResult
from grader.records.evidence import Evidence
from grader.rubric.checks.app import app_model_works, app_works
from grader.sandbox import BwrapSandbox
from grader.submission.load import load_submission
from tests.apps.gen_apps_src import gen_app_source
from tests.security.harness import no_sandbox_processes

pytestmark = [pytest.mark.slow, pytest.mark.sandbox]

PACK = assignments_dir() / "gan-digits"
TEAM_SEED = Path(__file__).parents[2] / "examples" / "submissions" / "gan-digits" / "team-seed"
NOTEBOOK = {
    "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# 생성 앱"}],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}
TEAM_START_TIMEOUT_S = 90.0


def _probe(
    tmp_path: Path, sandbox: BwrapSandbox, kind: str, noise: bool
) -> tuple[AppResult, float]:
    folder = tmp_path / f"{kind}-{'noise' if noise else 'real'}"
    folder.mkdir()
    (folder / "project.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    (folder / "app.py").write_text(gen_app_source(kind, noise), encoding="utf-8")
    submission = load_submission(folder, work_dir=tmp_path / "work")
    options = ProbeOptions(
        start_timeout_s=40, ready_timeout_s=10, request_timeout_s=8, screenshot=False
    )
    started = time.monotonic()
    results = probe_apps(submission, sandbox, pack_root=PACK, options=options)
    wall = time.monotonic() - started
    assert len(results) == 1
    return results[0], wall


@pytest.mark.parametrize("noise", [False, True], ids=["real", "noise"])
@pytest.mark.parametrize("kind", ["gradio", "flask"])
def test_generation_verdict(tmp_path: Path, sandbox: BwrapSandbox, kind: str, noise: bool) -> None:
    result, wall = _probe(tmp_path, sandbox, kind, noise)
    dump = result.model_dump_json(indent=1)
    assert result.task == "generation"
    assert result.diagnosis == "none", dump
    assert result.answered == 10, dump
    assert [p.expected for p in result.probes] == [str(i) for i in range(10)]
    evidence = Evidence(mode="executed", notebooks=(), app_results=(result,))
    assert app_works(evidence).mark == "o"
    model = app_model_works(evidence)
    if noise:
        assert result.model_ok is False and result.correct == 0, dump
        assert (model.mark, model.reason) == ("x", "app_generation_implausible")
    else:
        assert result.model_ok is True and result.correct == 10, dump
        assert [p.predicted for p in result.probes] == [str(i) for i in range(10)]
        assert (model.mark, model.reason) == ("o", "app_generation_plausible")
    assert wall < 60
    assert no_sandbox_processes()


def test_team_seed_gan_app(tmp_path: Path, sandbox: BwrapSandbox, chromium: str) -> None:
    """The team example's gradio app (conditional GAN, TensorFlow in the course kernel)."""
    folder = tmp_path / "team-seed"
    shutil.copytree(TEAM_SEED, folder)
    submission = load_submission(folder, work_dir=tmp_path / "work")
    options = ProbeOptions(start_timeout_s=TEAM_START_TIMEOUT_S, request_timeout_s=20)
    started = time.monotonic()
    (result,) = probe_apps(submission, sandbox, pack_root=PACK, options=options)
    wall = time.monotonic() - started
    if result.diagnosis == "never_bound":
        pytest.skip(f"the TensorFlow app did not bind within {TEAM_START_TIMEOUT_S:g}s here")
    dump = result.model_dump(exclude={"screenshot_png"})
    assert result.diagnosis == "none", dump
    assert result.answered == 10, dump
    samples = load_samples(PACK)
    assert samples is not None
    assert result.model_ok is True, dump  # the trained generator draws the requested digits
    assert result.correct / result.labelled >= samples.min_correct
    assert result.screenshot_png, result.screenshot_note
    evidence = Evidence(mode="executed", notebooks=(), app_results=(result,))
    assert app_works(evidence).mark == "o"
    assert app_model_works(evidence).mark == "o"
    assert wall < 120
    assert no_sandbox_processes()
