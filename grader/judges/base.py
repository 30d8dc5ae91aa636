"""What every artifact judge shares: its params model, its metrics and the problem it raises.

A *metric judge* measures a file the notebook saved (``.npy`` loaded with
``allow_pickle=False``, or UTF-8 text) against an optional truth the grader trusts (a file of
the data directory or a bundled source, never the notebook's), with validated ``params``, and
returns a :class:`~grader.records.evidence.Measurement`: metrics by name, per-sample details
and a Korean summary. Judge modules import numpy only inside their functions, so looking a
judge up (or validating its params) costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict

from grader.records.evidence import Measurement

__all__ = ["ArtifactProblem", "FileKind", "JudgeParams", "MetricInfo", "MetricJudge"]

FileKind = Literal["npy", "text"]


class ArtifactProblem(Exception):
    """A present file (or its truth) that cannot be used; ``code`` names why (see messages_ko)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


class JudgeParams(BaseModel):
    """Base of every judge's params (``artifacts.params``): unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class MetricInfo:
    """One metric a judge reports: Korean label, how it is shown, what it means."""

    label_ko: str
    description_ko: str
    percent: bool = False
    unit: str = ""

    def show(self, value: float) -> str:
        """``value`` as the report writes it (``81.2%``, ``18.44dB``, ``0.913``)."""
        if self.percent:
            return f"{value * 100:.1f}%"
        if float(value).is_integer() and abs(value) >= 1:
            return f"{int(value)}{self.unit}"
        return f"{value:.4g}{self.unit}" if abs(value) < 1 else f"{value:.2f}{self.unit}"


class MetricJudge(Protocol):
    """A judge that measures a saved file: how it loads its inputs and what it reports."""

    artifact: FileKind
    """How the saved file is loaded: ``npy`` (an array) or ``text`` (a UTF-8 string)."""
    truth: FileKind | None
    """How a truth file of the data directory is loaded; ``None``: the judge takes none."""
    truth_required: bool
    """Whether it measures nothing without a truth (``korean_text`` measures without one)."""
    params: type[JudgeParams]
    metrics: Mapping[str, MetricInfo]
    """The metrics it reports; a name ending in ``.`` is a family (``iou.`` -> ``iou.1``)."""

    def measure(self, artifact: Any, truth: Any | None, params: Any) -> Measurement:
        """Measure ``artifact`` against ``truth`` (never ``None`` when ``truth_required``: the
        caller says that problem); :class:`ArtifactProblem` when
        the file cannot be measured (wrong shape, empty, no text)."""
        ...


def metric_info(judge: MetricJudge, name: str) -> MetricInfo | None:
    """The :class:`MetricInfo` of ``name`` (a family member such as ``iou.1`` included)."""
    if name in judge.metrics:
        return judge.metrics[name]
    family = name.rsplit(".", 1)[0] + "." if "." in name else None
    return judge.metrics.get(family) if family else None
