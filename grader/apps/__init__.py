"""App probe (part of stage 2): start the student's app in the sandbox and ask it things.

``probe_apps(submission, sandbox, pack_root=..., predict_function=...)`` detects the apps
(:mod:`grader.apps.detect`), starts each inside the sandbox with loopback-only networking
(:meth:`grader.sandbox.Sandbox.start_service`), sends the assignment's sample inputs through
the kind's client (:mod:`grader.apps.kinds`), takes a Chromium screenshot and returns one
:class:`~grader.records.app_result.AppResult` per app; the assignment's predict function is
called directly, once per sample (:mod:`grader.apps.fn_probe`). See docs/apps.md.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from grader.apps.context import ProbeOptions
from grader.apps.detect import AppTarget, detect_apps, with_written_apps
from grader.apps.notebook_inputs import notebook_samples
from grader.apps.samples import Sample, SampleSet, load_samples
from grader.assignments import AssignmentPack
from grader.extras import require
from grader.records.execution import Execution
from grader.records.submission import Submission
from grader.sandbox import Sandbox

if TYPE_CHECKING:
    from grader.apps.probe import find_chromium, probe_app, probe_apps

__all__ = [
    "AppTarget",
    "ProbeOptions",
    "Sample",
    "SampleSet",
    "detect_apps",
    "find_chromium",
    "load_samples",
    "probe_app",
    "probe_apps",
    "with_app_results",
]

log = logging.getLogger(__name__)

_PROBE_NAMES = ("find_chromium", "probe_app", "probe_apps")


def __getattr__(name: str) -> Any:
    """The probe's names, imported on first use: probing needs the ``[apps]`` extra (httpx,
    gradio_client), grading stored outputs does not."""
    if name in _PROBE_NAMES:
        return getattr(importlib.import_module("grader.apps.probe"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SCHEMA_ONLY = SampleSet(samples=(), origin="schema", note="앱이 밝힌 입력 형식")


def with_app_results(
    execution: Execution,
    submission: Submission,
    sandbox: Sandbox | None,
    pack: AssignmentPack | None,
) -> Execution:
    """``execution`` plus the probe of the submission's apps, started in ``sandbox`` (the
    backend the notebooks ran in, ``none`` included); unchanged in stored-outputs mode
    (``sandbox`` is ``None`` and nothing is started)."""
    if execution.mode != "executed" or sandbox is None:
        return execution
    require(["apps"])
    from grader.apps.probe import probe_apps  # needs the apps extra (httpx, gradio_client)

    spec = pack.spec if pack else None
    apps = probe_apps(
        with_written_apps(submission),
        sandbox,
        pack_root=pack.root if pack else None,
        predict_function=spec.app_predict_function if spec else None,
        fallback=notebook_samples(execution) or SCHEMA_ONLY,
    )
    return execution.model_copy(update={"apps": apps}) if apps else execution
