"""Registry of artifact judges: a pack names one (``artifacts.judge``), looked up here.

Two kinds share the registry. The digits judge (``sklearn_digits``) is a pixel classifier
built lazily by its factory: evidence rates saved GAN samples with it and the app probe the
images an app returns. *Metric judges* (:class:`~grader.judges.base.MetricJudge`: ``mask_iou``,
``image_psnr``, ``korean_text``, ``translation_overlap``) measure a saved file against a truth
with validated params. Built-in judges register when first looked up (their modules import no
numpy until they measure). Unknown names raise :class:`~grader.errors.UnknownJudgeError`, a
misspelled param an :class:`~grader.errors.AssignmentError` naming it, both in Korean.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

from grader.errors import AssignmentError, UnknownJudgeError
from grader.judges.base import JudgeParams, MetricJudge
from grader.schema_errors import describe

if TYPE_CHECKING:  # numpy is imported only by a judge that is used (grader check needs none)
    import numpy as np

__all__ = [
    "ArtifactJudge",
    "JudgeEntry",
    "get_judge",
    "judge_names",
    "judge_params",
    "register_judge",
]


class ArtifactJudge(Protocol):
    """What evidence and the app probe ask of a pixel-classifier judge (digits)."""

    def judge(self, pixels: np.ndarray[Any, Any]) -> dict[str, Any]:
        """Per-sample ``pred``, ``confidence``, ``confident``, ``near`` and ``finite``."""
        ...


@dataclass(frozen=True)
class JudgeEntry:
    """A registered judge: its name, a factory (pixel classifiers) or a metric judge, and one
    Korean line on what it judges."""

    name: str
    factory: Callable[[], ArtifactJudge] | None
    description_ko: str
    metric: MetricJudge | None = None

    def build(self) -> ArtifactJudge:
        if self.factory is None:
            raise TypeError(f"judge {self.name!r} measures files; it is not a pixel classifier")
        return self.factory()

    @property
    def params(self) -> type[JudgeParams]:
        """The model of its ``artifacts.params`` (no params at all for a pixel classifier)."""
        return self.metric.params if self.metric is not None else JudgeParams


_JUDGES: dict[str, JudgeEntry] = {}
_BUILTIN = {
    "sklearn_digits": "grader.judges.digits",
    "mask_iou": "grader.judges.masks",
    "image_psnr": "grader.judges.images",
    "korean_text": "grader.judges.text",
    "translation_overlap": "grader.judges.translation",
}
"""Built-in judges and the module that registers each, imported when first asked for."""


def register_judge(
    name: str,
    factory: Callable[[], ArtifactJudge] | None,
    description_ko: str,
    *,
    metric: MetricJudge | None = None,
) -> None:
    """Register the judge ``name`` (a second, different one is refused)."""
    known = _JUDGES.get(name)
    if known is not None and (known.factory is not factory or known.metric is not metric):
        raise ValueError(f"judge {name!r} is already registered")
    _JUDGES[name] = JudgeEntry(name, factory, description_ko, metric)


def get_judge(name: str) -> JudgeEntry:
    """The judge registered as ``name``; :class:`UnknownJudgeError` lists the known ones."""
    if name not in _JUDGES and name in _BUILTIN:
        importlib.import_module(_BUILTIN[name])
    try:
        return _JUDGES[name]
    except KeyError:
        known = ", ".join(judge_names()) or "없음"
        raise UnknownJudgeError(
            f"알 수 없는 판정기(artifacts.judge): '{name}'. 사용할 수 있는 판정기: {known}",
            detail=name,
        ) from None


def judge_params(name: str, params: Mapping[str, Any], pack_id: str = "") -> JudgeParams:
    """``params`` validated by the judge's model; the Korean error names each bad key."""
    model = get_judge(name).params
    try:
        return model.model_validate(dict(params))
    except ValidationError as exc:
        where = f"과제 '{pack_id}'의 " if pack_id else ""
        raise AssignmentError(
            f"{where}assignment.yaml의 artifacts.params(판정기 {name})에 잘못된 값이 있습니다: "
            f"{describe(exc, model, noun='매개변수')}",
            code="assignment_schema",
            detail=str(exc),
        ) from exc


def judge_names() -> list[str]:
    """Names of the registered judges (built-in ones included), sorted."""
    return sorted(set(_JUDGES) | set(_BUILTIN))
