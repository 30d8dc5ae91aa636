"""Registry of artifact judges: a pack names one (``artifacts.judge``), looked up here.

Built-in judges register when first looked up (their modules import numpy), and a judge is
built lazily by its factory (the digits judge reads scikit-learn's bundled file
once per process). Unknown names raise :class:`~grader.errors.UnknownJudgeError`, which
names the judge asked for and the known ones, in Korean.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from grader.errors import UnknownJudgeError

if TYPE_CHECKING:  # numpy is imported only by a judge that is used (grader check needs none)
    import numpy as np

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
_BUILTIN = {"sklearn_digits": "grader.judges.digits"}
"""Built-in judges and the module that registers each, imported when first asked for."""


def register_judge(name: str, factory: Callable[[], ArtifactJudge], description_ko: str) -> None:
    """Register ``factory`` as the judge ``name`` (a second, different one is refused)."""
    known = _JUDGES.get(name)
    if known is not None and known.factory is not factory:
        raise ValueError(f"judge {name!r} is already registered")
    _JUDGES[name] = JudgeEntry(name, factory, description_ko)


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


def judge_names() -> list[str]:
    """Names of the registered judges (built-in ones included), sorted."""
    return sorted(set(_JUDGES) | set(_BUILTIN))
