"""A few rows of the data passed to fit/evaluate/predict, kept for the app probe.

Without an assignment there are no sample inputs to send to an app, so the recorder keeps the
first :data:`MAX_ROWS` rows of the arrays the notebook itself fed its model (shape, dtype and
column names too), capped and JSON-safe: at most :data:`MAX_VALUES` values per row, every
dimension at most :data:`MAX_DIM`, strings cut by the sink, non-finite floats named. Each
source (``evaluate``, ``predict``, ``split_test``, ``validation``, ``fit``) is kept once.
"""

from __future__ import annotations

import math
from typing import Any

from . import sink
from .fingerprint import as_array
from .safety import guard

__all__ = ["keep_rows"]

MAX_ROWS = 3
MAX_VALUES = 1024
MAX_DIM = 200
MAX_COLUMNS = 64
_kept: set[str] = set()


def keep_rows(framework: str, source: str, value: Any) -> None:
    """Emit a ``rows`` event for ``value`` (once per source; nothing when it is not usable).

    Its own errors are reported, never raised: the caller's recording goes on."""
    guard(f"rows {source}", _keep, framework, source, value)


def _keep(framework: str, source: str, value: Any) -> None:
    if source in _kept:
        return
    array = as_array(value)
    if array is None or array.ndim == 0 or not array.shape[0]:
        return
    row_shape = tuple(int(n) for n in array.shape[1:])
    if any(n > MAX_DIM for n in row_shape) or math.prod(row_shape) > MAX_VALUES:
        return
    _kept.add(source)
    sink.emit(
        "rows",
        {
            "framework": framework,
            "source": source,
            "shape": [int(n) for n in array.shape],
            "dtype": str(array.dtype),
            "columns": _columns(value),
            "rows": [_plain(array[i].tolist()) for i in range(min(MAX_ROWS, array.shape[0]))],
        },
    )


def _columns(value: Any) -> list[str]:
    columns = getattr(value, "columns", None)
    if columns is None:
        return []
    return [str(c) for c in list(columns)[:MAX_COLUMNS]]


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return float(f"{value:.6g}") if math.isfinite(value) else str(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def forget() -> None:
    """Start over (tests; a new kernel starts empty anyway)."""
    _kept.clear()
