"""Registry of artifact judges: a pack names one (``artifacts.judge``), looked up here.

A judge is built lazily by its factory (the digits judge reads scikit-learn's bundled file
once per process). Unknown names raise :class:`~grader.errors.UnknownJudgeError`, which
names the judge asked for and the known ones, in Korean.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from grader.errors import UnknownJudgeError

__all__ = ["ArtifactJudge", "JudgeEntry", "get_judge", "judge_names", "register_judge"]


class ArtifactJudge(Protocol):
    """What evidence and the app probe ask of a judge."""

    def judge(self, pixels: np.ndarray[Any, Any]) -> dict[str, Any]:
        """Per-sample ``pred``, ``confidence``, ``confident``, ``near`` and ``finite``."""
        ...


@dataclass(frozen=True)
class JudgeEntry:
    """A registered judge: its name, a factory and one Korean line on what it judges."""

    name: str
    factory: Callable[[], ArtifactJudge]
    description_ko: str

    def build(self) -> ArtifactJudge:
        return self.factory()


_JUDGES: dict[str, JudgeEntry] = {}


def register_judge(name: str, factory: Callable[[], ArtifactJudge], description_ko: str) -> None:
    """Register ``factory`` as the judge ``name`` (a second, different one is refused)."""
    known = _JUDGES.get(name)
    if known is not None and known.factory is not factory:
        raise ValueError(f"judge {name!r} is already registered")
    _JUDGES[name] = JudgeEntry(name, factory, description_ko)


def get_judge(name: str) -> JudgeEntry:
    """The judge registered as ``name``; :class:`UnknownJudgeError` lists the known ones."""
    try:
        return _JUDGES[name]
    except KeyError:
        known = ", ".join(judge_names()) or "없음"
        raise UnknownJudgeError(
            f"알 수 없는 판정기(artifacts.judge): '{name}'. 사용할 수 있는 판정기: {known}",
            detail=name,
        ) from None


def judge_names() -> list[str]:
    """Names of the registered judges, sorted."""
    return sorted(_JUDGES)
