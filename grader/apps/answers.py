"""Read a prediction out of an app's answer (untrusted JSON-like data) and summarise it."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["matches", "read_label", "summarize"]

_LABEL_KEYS = (
    "label",
    "prediction",
    "predicted",
    "pred",
    "predicted_label",
    "class",
    "class_name",
    "digit",
    "result",
    "output",
    "answer",
    "data",
)
MAX_DEPTH = 4
MAX_SUMMARY = 200


def read_label(answer: Any, depth: int = 0) -> str | None:
    """The predicted label in ``answer``, or ``None`` when none can be read.

    Understands a scalar, ``{"label": ...}`` (gradio ``Label``) and the usual key names,
    a one-element list, and a list of class scores (its argmax).
    """
    if depth > MAX_DEPTH or answer is None or isinstance(answer, bool):
        return None
    if isinstance(answer, int | float):
        return _number(answer)
    if isinstance(answer, str):
        text = answer.strip()
        return text[:MAX_SUMMARY] or None
    if isinstance(answer, dict):
        lowered = {str(k).lower(): v for k, v in answer.items()}
        for key in _LABEL_KEYS:
            if key in lowered:
                return read_label(lowered[key], depth + 1)
        return None
    if isinstance(answer, list | tuple):
        return _from_sequence(list(answer), depth)
    return None


def _from_sequence(items: list[Any], depth: int) -> str | None:
    if len(items) == 1:
        return read_label(items[0], depth + 1)
    if 2 <= len(items) <= 1000 and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in items
    ):
        return str(max(range(len(items)), key=lambda i: items[i]))
    return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def matches(predicted: str | None, expected: str | None) -> bool | None:
    """``predicted`` names ``expected`` (as the whole answer or one word of it)."""
    if predicted is None or expected is None:
        return None
    want = expected.strip().lower()
    got = predicted.strip().lower()
    if got == want:
        return True
    return re.search(rf"(?<![\w.]){re.escape(want)}(?![\w.])", got) is not None


def summarize(answer: Any) -> str:
    """Type and shape of ``answer`` (``dict(label, confidences)``, ``list[10] of float``)."""
    if isinstance(answer, dict):
        keys = ", ".join(str(k)[:30] for k in list(answer)[:6])
        return f"dict({keys})"[:MAX_SUMMARY]
    if isinstance(answer, list | tuple):
        kinds = sorted({type(v).__name__ for v in answer[:100]})
        return f"list[{len(answer)}] of {'/'.join(kinds) or '-'}"[:MAX_SUMMARY]
    if isinstance(answer, str):
        return f"str: {answer.strip()[:80]!r}"
    return type(answer).__name__
