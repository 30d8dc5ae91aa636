"""SIGINT and SIGTERM stop a grading run: they raise :class:`Interrupted`, never a fallback."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, TypeVar, TypeVarTuple, Unpack

__all__ = ["Interrupted", "raise_if_interrupted", "run_async", "stop_on_signals"]

T = TypeVar("T")
Ts = TypeVarTuple("Ts")

SIGNALS = (signal.SIGINT, signal.SIGTERM)

_received: list[int] = []
"""Signals seen inside :func:`stop_on_signals` (the first one decides the exit status)."""
_owned: list[bool] = []
"""Non-empty while :func:`stop_on_signals` holds SIGINT and SIGTERM."""


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
    _owned.append(True)
    try:
        yield
    finally:
        _owned.pop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` on a loop that leaves SIGINT/SIGTERM to :func:`stop_on_signals` while
    it holds them (nbclient would otherwise swap in handlers that turn them into errors)."""
    with asyncio.Runner(loop_factory=_SignalKeepingLoop) as runner:
        return runner.run(coro)


class _SignalKeepingLoop(asyncio.SelectorEventLoop):
    """Ignores loop signal handlers for SIGINT/SIGTERM while the grader holds them."""

    def add_signal_handler(
        self, sig: int, callback: Callable[[Unpack[Ts]], Any], *args: *Ts
    ) -> None:
        if sig in SIGNALS and _owned:
            return
        super().add_signal_handler(sig, callback, *args)

    def remove_signal_handler(self, sig: int) -> bool:
        if sig in SIGNALS and _owned:
            return False
        return super().remove_signal_handler(sig)


def raise_if_interrupted() -> None:
    """Raise :class:`Interrupted` when a signal arrived (a library may have swallowed it)."""
    if _received:
        raise Interrupted(_received[0])


def _on_signal(signum: int, frame: FrameType | None) -> None:
    first = not _received
    _received.append(signum)
    if first:
        raise Interrupted(signum)
