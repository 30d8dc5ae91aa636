"""What every app probe may use, whatever the transport or the task."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.apps.answers import matches
from grader.apps.detect import AppTarget
from grader.apps.samples import Sample, SampleSet
from grader.records.app_result import MAX_ERROR_CHARS, AppProbe
from grader.sandbox import Service

__all__ = [
    "FIRST_SESSION",
    "NOT_FED",
    "NOT_FITTED",
    "NO_WIDGET",
    "SCHEMA_SAMPLE",
    "ProbeContext",
    "ProbeOptions",
    "sample_probe",
]

FIRST_SESSION = "첫 세션 (입력 없이)"
"""Input name of streamlit's first session run (taken out of the probes by the judge)."""
SCHEMA_SAMPLE = "API 예시 입력"
"""Sample id of the input built from the app's declared schema (gradio's API info)."""
NOT_FITTED = "입력 형식을 맞출 수 없습니다"
NO_WIDGET = "입력 위젯(파일 업로드, 텍스트 입력)이 없습니다"
NOT_FED = frozenset({NOT_FITTED, NO_WIDGET})
"""Errors that say the probe could not feed the sample (not that the app failed)."""


@dataclass(frozen=True)
class ProbeOptions:
    """Time limits of one probe and whether to take a screenshot."""

    start_timeout_s: float = 90.0
    """Until the app listens on a port."""
    ready_timeout_s: float = 15.0
    """After binding, until its ready path answers."""
    request_timeout_s: float = 20.0
    """One request (one sample)."""
    screenshot: bool = True
    screenshot_timeout_s: float = 30.0
    chromium: str | None = None
    """Path of Chromium (default: :func:`find_chromium`)."""


@dataclass
class ProbeContext:
    """What a probe may use: the app's URL (through the bridge), its service, the samples."""

    url: str
    service: Service
    target: AppTarget
    samples: SampleSet
    script: str
    """The file the app runs, relative to its working folder (inside the sandbox)."""
    python: str
    timeout_s: float


def sample_probe(sample: Sample, how: str, **fields: Any) -> AppProbe:
    predicted = fields.pop("predicted", None)
    error = str(fields.pop("error", ""))[:MAX_ERROR_CHARS]
    return AppProbe(
        input=f"{sample.id} ({how})" if how else sample.id,
        expected=sample.label,
        predicted=predicted,
        plausible=matches(predicted, sample.label),
        error=error,
        **fields,
    )
