"""Registry of rubric checks: ``@check("name", params=Model)``.

A check is a pure function. It declares the inputs it needs by parameter name and the
scorer passes only those (pluggy's ``argnames`` idea):

- ``evidence``: the submission's :class:`~grader.records.evidence.Evidence`
- ``params``: an instance of the check's own pydantic params model
- ``prior``: verdicts already decided (mapping item id -> Verdict)
- ``context``: the :class:`~grader.rubric.outcome.ScoringContext`
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from grader.errors import UnknownCheckError
from grader.rubric.outcome import Outcome

AVAILABLE_INPUTS = frozenset({"evidence", "params", "prior", "context"})


class NoParams(BaseModel):
    """Parameters of a check that takes none."""

    model_config = ConfigDict(extra="forbid", frozen=True)


CheckFunc = Callable[..., Outcome]
F = TypeVar("F", bound=CheckFunc)


@dataclass(frozen=True)
class CheckSpec:
    """A registered check."""

    name: str
    func: CheckFunc
    params_model: type[BaseModel]
    argnames: tuple[str, ...]

    def __call__(self, inputs: dict[str, Any]) -> Outcome:
        return self.func(**{name: inputs[name] for name in self.argnames})


_CHECKS: dict[str, CheckSpec] = {}


def check(name: str, *, params: type[BaseModel] = NoParams) -> Callable[[F], F]:
    """Register a check function under ``name``."""

    def decorator(func: F) -> F:
        argnames = tuple(inspect.signature(func).parameters)
        unknown = set(argnames) - AVAILABLE_INPUTS
        if unknown:
            raise TypeError(f"check {name!r} asks for unknown inputs {sorted(unknown)}")
        if name in _CHECKS and _CHECKS[name].func is not func:
            raise ValueError(f"check {name!r} is already registered")
        _CHECKS[name] = CheckSpec(name, func, params, argnames)
        return func

    return decorator


def get_check(name: str) -> CheckSpec:
    """The check registered as ``name``; :class:`UnknownCheckError` lists the known ones.

    Only checks already imported are known: :mod:`grader.rubric.catalog` imports the built-in
    ones first."""
    try:
        return _CHECKS[name]
    except KeyError:
        known = ", ".join(sorted(_CHECKS))
        raise UnknownCheckError(
            f"루브릭이 등록되지 않은 검사 '{name}'를 사용합니다. 사용할 수 있는 검사: {known}",
            detail=name,
        ) from None


def registered_checks() -> list[str]:
    """Names of the checks registered so far, sorted."""
    return sorted(_CHECKS)
