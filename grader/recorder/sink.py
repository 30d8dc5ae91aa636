"""JSON-lines event stream of the recorder (schema ``v`` 1); never pickle.

Every line is one object::

    {"v": 1, "seq": 7, "exec": 3, "kind": "run", "t": 12.5, "data": {...}}

``seq`` counts events from 0, ``exec`` is IPython's execution count of the running cell
(``null`` outside IPython), ``t`` seconds since the recorder started, ``data`` the payload of
``kind`` (see docs/recorder.md). Payloads are capped (strings, list lengths, nesting); the file
stops growing at ``max_bytes`` or ``max_events``, after one final ``truncated`` event.
"""

from __future__ import annotations

import json
import math
import sys
import time
from typing import Any

__all__ = ["SCHEMA_VERSION", "Sink", "capped", "current", "emit", "exec_count"]

SCHEMA_VERSION = 1
MAX_STR = 300
MAX_ITEMS = 200
MAX_DEPTH = 6


def capped(value: Any, depth: int = 0) -> Any:
    """``value`` as plain JSON data: strings, lists and dicts cut, non-finite floats named."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return value[:MAX_STR]
    if depth >= MAX_DEPTH:
        return "…"
    if isinstance(value, dict):
        items = list(value.items())[:MAX_ITEMS]
        return {str(k)[:MAX_STR]: capped(v, depth + 1) for k, v in items}
    if isinstance(value, list | tuple):
        return [capped(v, depth + 1) for v in value[:MAX_ITEMS]]
    return str(value)[:MAX_STR]


cell_exec: list[int | None] = [None]
"""Execution count of the running cell, set at ``pre_run_cell`` (IPython increments its own
counter before ``post_run_cell``, so events from the end of a cell would name the next one)."""


def exec_count() -> int | None:
    if cell_exec[0] is not None:
        return cell_exec[0]
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None)
    shell = get() if get else None
    count = getattr(shell, "execution_count", None)
    return count if isinstance(count, int) else None


class Sink:
    """Appends events to ``path`` (opened once: a later ``chdir`` does not matter)."""

    def __init__(self, path: str, max_bytes: int = 20_000_000, max_events: int = 50_000) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.max_events = max_events
        self.seq = 0
        self.bytes = 0
        self.closed = False
        self.started = time.monotonic()
        self._file = open(path, "a", encoding="utf-8")  # kept open on purpose

    def emit(self, kind: str, data: dict[str, Any]) -> None:
        """Write one event (dropped silently once the caps are reached)."""
        if self.closed:
            return
        event = {
            "v": SCHEMA_VERSION,
            "seq": self.seq,
            "exec": exec_count(),
            "kind": kind,
            "t": round(time.monotonic() - self.started, 3),
            "data": capped(data),
        }
        line = json.dumps(event, ensure_ascii=False, allow_nan=False) + "\n"
        size = len(line.encode("utf-8"))
        if self.seq + 1 >= self.max_events or self.bytes + size > self.max_bytes - 200:
            self._truncate()
            return
        self._write(line, size)

    def _truncate(self) -> None:
        note = {"v": SCHEMA_VERSION, "seq": self.seq, "exec": exec_count(), "kind": "truncated"}
        self._write(json.dumps({**note, "t": 0.0, "data": {}}) + "\n", 0)
        self.close()

    def _write(self, line: str, size: int) -> None:
        self._file.write(line)
        self._file.flush()
        self.seq += 1
        self.bytes += size

    def close(self) -> None:
        self.closed = True
        try:
            self._file.close()
        except OSError:
            pass


_current: list[Sink] = []


def current() -> Sink | None:
    """The installed sink, if any."""
    return _current[0] if _current else None


def install(sink: Sink | None) -> None:
    """Make ``sink`` the one :func:`emit` writes to (``None`` uninstalls)."""
    _current[:] = [sink] if sink else []


def emit(kind: str, data: dict[str, Any]) -> None:
    """Write an event to the installed sink (no-op without one)."""
    if _current:
        _current[0].emit(kind, data)
