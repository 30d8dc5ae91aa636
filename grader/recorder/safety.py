"""The safe-patch contract: the student's call always behaves as if no recorder were there.

``safe_patch(owner, name, patch_fn)`` replaces ``owner.name`` by a wrapper that calls
``patch_fn(call_original, *args, **kwargs)``, where:

- errors raised by the original pass through unchanged (same object, same traceback; the
  recorder's own frames are spliced out of it, only the wrapper's entry frame remains);
- errors raised by the recorder never reach student code: they are reported through
  :func:`set_error_handler` (the event stream) and the call goes on without the recorder;
- the original runs exactly once, even when the recorder fails before calling it;
- the wrapper keeps ``__wrapped__``, the name, the docstring and so the signature;
- :func:`revert_all` undoes every patch, in reverse order.

``GRADER_RECORDER_TESTING=1`` makes recorder errors raise (our tests), instead of swallowing.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

__all__ = [
    "guard",
    "is_patched",
    "report_error",
    "revert_all",
    "safe_patch",
    "set_error_handler",
    "testing",
]

PACKAGE_PREFIXES = ("grader.recorder", "_grader_recorder")
"""Module names of the recorder (host package, or the copy injected into the kernel)."""

ErrorHandler = Callable[[str, BaseException], None]
PatchFn = Callable[..., Any]


@dataclass
class _Patch:
    owner: Any
    name: str
    raw: Any
    """What ``owner.__dict__[name]`` held before (``_MISSING`` when inherited)."""
    wrapper: Any


_MISSING = object()
_patches: list[_Patch] = []
_handler: list[ErrorHandler] = []
_depth = [0]
"""How deep we are in recorder code; patched calls made by the recorder itself pass through."""


def testing() -> bool:
    """Recorder errors raise instead of being swallowed (``GRADER_RECORDER_TESTING=1``)."""
    return os.environ.get("GRADER_RECORDER_TESTING") == "1"


def set_error_handler(handler: ErrorHandler | None) -> None:
    """Where recorder errors go (the sink); ``None`` drops them."""
    _handler[:] = [handler] if handler else []


def report_error(where: str, exc: BaseException) -> None:
    """Send a recorder error to the handler; raise it in testing mode."""
    if testing():
        raise exc
    for handler in _handler:
        try:
            handler(where, exc)
        except Exception:  # the error channel itself failed: nothing more to do
            pass


def guard(where: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run recorder code ``fn``; its errors are reported and ``None`` returned."""
    _depth[0] += 1
    try:
        return fn(*args, **kwargs)
    except Exception as exc:
        report_error(where, exc)
        return None
    finally:
        _depth[0] -= 1


class _Call:
    """State of one patched call: did the original run, and how did it end."""

    __slots__ = ("called", "error", "result")

    def __init__(self) -> None:
        self.called = False
        self.result: Any = None
        self.error: BaseException | None = None


def safe_patch(owner: Any, name: str, patch_fn: PatchFn) -> Any:
    """Replace ``owner.name`` by a safe wrapper around ``patch_fn``; returns the wrapper."""
    raw = vars(owner).get(name, _MISSING) if hasattr(owner, "__dict__") else _MISSING
    original = getattr(owner, name)
    where = f"{getattr(owner, '__name__', type(owner).__name__)}.{name}"

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _depth[0]:
            return original(*args, **kwargs)
        call = _Call()

        def call_original(*a: Any, **k: Any) -> Any:
            if call.called:  # the recorder asked twice: never run the student's call again
                if call.error is not None:
                    raise call.error
                return call.result
            call.called = True
            _depth[0] -= 1
            try:
                call.result = original(*a, **k)
            except BaseException as exc:
                call.error = exc
                raise
            finally:
                _depth[0] += 1
            return call.result

        _depth[0] += 1
        try:
            return patch_fn(call_original, *args, **kwargs)
        except BaseException as exc:
            if exc is call.error:
                _splice_recorder_frames(exc.__traceback__)
                raise
            if call.error is None and (testing() or not isinstance(exc, Exception)):
                raise
            report_error(where, exc)
        finally:
            _depth[0] -= 1
        if call.error is not None:  # the recorder swallowed the student's error: raise it
            raise call.error.with_traceback(_without_recorder(call.error.__traceback__))
        if call.called:
            return call.result
        return original(*args, **kwargs)

    wrapper.__grader_recorder_patch__ = True  # type: ignore[attr-defined]
    wrapper.autograph_info__ = frozenset()  # type: ignore[attr-defined]  # tf.function: call as is
    setattr(owner, name, wrapper)
    _patches.append(_Patch(owner, name, raw, wrapper))
    return wrapper


def is_patched(owner: Any, name: str) -> bool:
    """True when ``owner.name`` is (still) one of our wrappers."""
    return bool(getattr(getattr(owner, name, None), "__grader_recorder_patch__", False))


def revert_all() -> None:
    """Undo every patch, newest first (an inherited attribute is deleted again)."""
    while _patches:
        patch = _patches.pop()
        try:
            if patch.raw is _MISSING:
                delattr(patch.owner, patch.name)
            else:
                setattr(patch.owner, patch.name, patch.raw)
        except (AttributeError, TypeError):
            pass


def _splice_recorder_frames(tb: TracebackType | None) -> None:
    """Drop the recorder's frames after the first one (the wrapper the student called)."""
    if tb is None:
        return
    previous = tb
    current = tb.tb_next
    while current is not None:
        module = str(current.tb_frame.f_globals.get("__name__", ""))
        if module.startswith(PACKAGE_PREFIXES):
            previous.tb_next = current.tb_next
        else:
            previous = current
        current = current.tb_next


def _without_recorder(tb: TracebackType | None) -> TracebackType | None:
    """The traceback with every recorder frame removed."""
    while tb is not None and str(tb.tb_frame.f_globals.get("__name__", "")).startswith(
        PACKAGE_PREFIXES
    ):
        tb = tb.tb_next
    _splice_recorder_frames(tb)
    return tb
