"""Install the recorder in a running kernel: the sink, the error channel, post-import hooks
and IPython cell events. Called once, by the bootstrap code sent before the first cell."""

from __future__ import annotations

import hashlib
import platform
import sys
from typing import Any

from . import hooks, keras, matplotlib, safety, sink, sklearn, torch

__all__ = ["VERSION", "install", "uninstall"]

VERSION = "1.0"
SUPPORTED = {"keras": ">=3.0", "torch": ">=2.0", "sklearn": ">=1.2", "matplotlib": ">=3.5"}
"""Framework versions the patches are written and tested for (docs/recorder.md)."""

_callbacks: list[tuple[str, Any]] = []


def install(path: str, frameworks: tuple[str, ...] = ("keras", "torch", "sklearn", "mpl")) -> None:
    """Start recording to ``path``; safe to call once per kernel."""
    if sink.current() is not None:
        return
    sink.install(sink.Sink(path))
    safety.set_error_handler(_report)
    sink.emit(
        "hello",
        {
            "recorder": VERSION,
            "python": platform.python_version(),
            "supported": SUPPORTED,
            "testing": safety.testing(),
        },
    )
    _register_ipython()
    patchers = {
        "keras": ("keras", keras.patch),
        "torch": ("torch", torch.patch),
        "sklearn": ("sklearn.model_selection", sklearn.patch),
        "mpl": ("matplotlib.pyplot", matplotlib.patch),
    }
    for key in frameworks:
        if key in patchers:
            module, patch = patchers[key]
            hooks.when_imported(module, patch)


def _report(where: str, exc: BaseException) -> None:
    sink.emit("recorder_error", {"where": where, "type": type(exc).__name__, "message": str(exc)})


def _pre_run_cell(info: Any) -> None:
    source = getattr(info, "raw_cell", None) or ""
    sink.cell_exec[0] = None
    sink.cell_exec[0] = sink.exec_count()
    digest = hashlib.sha1(source.encode("utf-8", "replace")).hexdigest()[:12]
    safety.guard("cell event", sink.emit, "cell", {"hash": digest})
    hooks.run_cell_hooks(hooks.cell_start)


def _post_execute() -> None:
    hooks.run_cell_hooks(hooks.before_display)


def _post_run_cell(result: Any) -> None:
    hooks.run_cell_hooks(hooks.cell_end)


def _register_ipython() -> None:
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return
    for name, fn in (
        ("pre_run_cell", _pre_run_cell),
        ("post_execute", _post_execute),
        ("post_run_cell", _post_run_cell),
    ):
        shell.events.register(name, fn)
        _callbacks.append((name, fn))


def uninstall() -> None:
    """Stop recording: flush open runs, revert every patch, close the sink."""
    hooks.run_cell_hooks(hooks.cell_end)
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    for name, fn in _callbacks:
        if shell is not None:
            try:
                shell.events.unregister(name, fn)
            except ValueError:
                pass
    _callbacks.clear()
    hooks.clear()
    safety.revert_all()
    current = sink.current()
    if current is not None:
        current.close()
    sink.install(None)
    safety.set_error_handler(None)
