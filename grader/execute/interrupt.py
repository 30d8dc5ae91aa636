"""SIGINT and SIGTERM stop a grading run: they raise :class:`Interrupted`, never a fallback."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["Interrupted", "raise_if_interrupted", "stop_on_signals"]

SIGNALS = (signal.SIGINT, signal.SIGTERM)

_received: list[int] = []
"""Signals seen inside :func:`stop_on_signals` (the first one decides the exit status)."""


class Interrupted(KeyboardInterrupt):
    """The grader got SIGINT or SIGTERM; the run stops after its clean-up (exit 128 + signal)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Inside, the first SIGINT/SIGTERM raises :class:`Interrupted`; later ones are only noted,
    so the clean-up (kernel, sandbox, temp folders) is not cut short. Main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _received.clear()
    previous = {sig: signal.signal(sig, _on_signal) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def raise_if_interrupted() -> None:
    """Raise :class:`Interrupted` when a signal arrived (a library may have swallowed it)."""
    if _received:
        raise Interrupted(_received[0])


def _on_signal(signum: int, frame: FrameType | None) -> None:
    first = not _received
    _received.append(signum)
    if first:
        raise Interrupted(signum)
