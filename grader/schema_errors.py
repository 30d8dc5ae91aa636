"""Pydantic validation errors of files people write, said in Korean with the field named.

``describe(exc, model)`` turns each error into one line that names the field (``limits.
cell_timeout_s``), what is wrong with it and, for an unknown key, the keys that model accepts
(and the closest one, for a misspelling). Used for ``assignment.yaml`` and rubric files.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

__all__ = ["describe", "describe_lines", "field_names"]

_MAX_LINES = 5


def describe(exc: ValidationError, model: type[BaseModel], *, noun: str = "필드") -> str:
    """The errors of ``exc`` as Korean sentences joined by ``"; "`` (at most five)."""
    lines = describe_lines(exc, model, noun=noun)
    more = len(lines) - _MAX_LINES
    shown = lines[:_MAX_LINES] + ([f"그 밖에 {more}개"] if more > 0 else [])
    return "; ".join(shown)


def describe_lines(
    exc: ValidationError, model: type[BaseModel], *, noun: str = "필드"
) -> list[str]:
    """One Korean line per error of ``exc`` (``noun`` is 필드 or 매개변수)."""
    return [_line(error, model, noun) for error in exc.errors()]


def field_names(model: type[BaseModel]) -> list[str]:
    """The keys ``model`` accepts, in declaration order."""
    return list(model.model_fields)


def _line(error: Any, model: type[BaseModel], noun: str) -> str:
    loc = tuple(str(part) for part in error["loc"])
    where = ".".join(loc) or "(최상위)"
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_key(loc, model, noun)
    if kind == "missing":
        return f"필수 {noun}가 빠졌습니다: '{where}'"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        got = _short(error["input"])
        return f"{noun} '{where}': 쓸 수 없는 값 {got} (쓸 수 있는 값: {expected})"
    if kind == "value_error":
        return f"{noun} '{where}': {error.get('ctx', {}).get('error', error['msg'])}"
    want = next((ko for prefix, ko in _EXPECTED_KO if kind.startswith(prefix)), _BAD_VALUE)
    return f"{noun} '{where}': {want} (받은 값: {_short(error['input'])})"


_BAD_VALUE = "값이 잘못되었습니다"
_EXPECTED_KO = (
    ("int_", "정수여야 합니다"),
    ("float_", "숫자여야 합니다"),
    ("bool_", "true 또는 false여야 합니다"),
    ("string_", "문자열이어야 합니다"),
    ("list_", "목록이어야 합니다"),
    ("tuple_", "목록이어야 합니다"),
    ("dict_", "키: 값 형태여야 합니다"),
    ("model_", "키: 값 형태여야 합니다"),
    ("greater_than", "더 큰 값이어야 합니다"),
    ("less_than", "더 작은 값이어야 합니다"),
)
"""Pydantic error type prefix -> what the value should have been, in Korean."""


def _unknown_key(loc: Sequence[str], model: type[BaseModel], noun: str) -> str:
    *parent, key = loc
    owner = _model_at(model, parent)
    where = ".".join(loc)
    if owner is None:
        return f"알 수 없는 {noun}: '{where}'"
    known = field_names(owner)
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" '{close[0]}'의 오타인가요?" if close else ""
    return f"알 수 없는 {noun}: '{where}'.{hint} 쓸 수 있는 {noun}: {', '.join(known)}"


def _model_at(model: type[BaseModel], path: Sequence[str]) -> type[BaseModel] | None:
    """The nested model a location points into (``limits`` -> PackLimits), if one."""
    current: type[BaseModel] | None = model
    for part in path:
        if part.isdigit():
            continue  # an index into a list of models
        if current is None or part not in current.model_fields:
            return None
        current = _model_of(current.model_fields[part].annotation)
    return current


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, tuple, list):
        for arg in typing.get_args(annotation):
            found = _model_of(arg)
            if found is not None:
                return found
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"
