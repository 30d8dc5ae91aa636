"""Warm kernels: the next submission's kernel, started while the current one is graded.

A :class:`KernelPrefetcher` (one per batch worker) owns a background event loop. There it
prepares the kernel of the *next* submission: an empty work folder, the sandbox session (slot,
cgroups, GPU share), the kernel started and ready, the recorder injected and — when the
assignment names its framework — ``import tensorflow`` / ``import torch`` already done. The
next submission is then loaded into that very folder (:meth:`KernelPrefetcher.reserve_root`)
and its first notebook runs in that kernel. A kernel is never reused: each is claimed once,
or shut down.

The kernel's zmq sockets move from the prefetch loop to the grading loop, one loop at a time
(pyzmq re-arms a socket in the loop that uses it); the disk watchdog keeps running in the
prefetch loop, whose thread also stays the sandbox's parent (``--die-with-parent``).
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nbclient import NotebookClient
from nbformat import v4

from grader.execute.inject import Recording
from grader.sandbox.base import Sandbox

__all__ = ["FRAMEWORK_IMPORTS", "KernelPrefetcher", "WarmKernel"]

log = logging.getLogger(__name__)

FRAMEWORK_IMPORTS = {"tensorflow": "tensorflow", "pytorch": "torch"}
"""The module a pack's ``framework`` imports ahead of the notebook (others: nothing)."""
READY_TIMEOUT_S = 120


@dataclass
class WarmKernel:
    """A started kernel in its own empty work folder, the recorder already in it."""

    root: Path
    km: Any
    recording: Recording


def warm_code(module: str | None) -> str:
    """Kernel code importing ``module`` quietly (missing or broken: the notebook says so)."""
    if not module:
        return ""
    return f"try:\n    import {module}\nexcept Exception:\n    pass\n"


class KernelPrefetcher:
    """Keeps one kernel of ``sandbox`` prepared for the next submission."""

    def __init__(self, sandbox: Sandbox, framework: str | None = None) -> None:
        self.sandbox = sandbox
        self.code = warm_code(FRAMEWORK_IMPORTS.get(framework or ""))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._root: Path | None = None
        self._next: Future[WarmKernel] | None = None
        self._done: list[Path] = []
        """Folders of claimed kernels (removed once their submission is surely graded)."""

    def reserve_root(self) -> Path:
        """The (empty) folder the next submission is loaded into; its kernel is starting."""
        if self._root is None or not self._root.is_dir():
            self.discard()
            self._start()
        assert self._root is not None
        return self._root

    def claim(self, root: Path, cwd: Path) -> WarmKernel | None:
        """The prepared kernel when ``root`` is its folder and the notebook runs at the top
        of it (``cwd``); else ``None`` (the kernel is shut down). The next one starts now."""
        pending, reserved = self._next, self._root
        self._next, self._root = None, None
        self._clean_done()
        self._start()
        if pending is None or reserved is None:
            return None
        try:
            warm = pending.result()
        except Exception:  # the prefetch failed: this notebook starts its kernel itself
            log.warning("warm kernel could not start", exc_info=True)
            return None
        self._done.append(warm.root.parent)  # the submission's files: removed after grading
        here = reserved.resolve() == root.resolve() == cwd.resolve()
        if not here or not self._alive(warm):
            self._stop_kernel(warm)
            return None
        _give_files_to_sandbox(warm.km)
        return warm

    def discard(self) -> None:
        """Shut the prepared kernel down (no submission will use it)."""
        pending, root = self._next, self._root
        self._next, self._root = None, None
        if pending is not None:
            try:
                self._stop_kernel(pending.result())
            except Exception:
                log.warning("warm kernel could not start", exc_info=True)
        if root is not None:
            shutil.rmtree(root.parent, ignore_errors=True)

    def close(self) -> None:
        """Discard the prepared kernel and stop the background loop."""
        self.discard()
        self._clean_done()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        if not self._thread.is_alive():
            self._loop.close()

    def _clean_done(self) -> None:
        for folder in self._done:
            shutil.rmtree(folder, ignore_errors=True)
        self._done.clear()

    def _start(self) -> None:
        self._root = Path(tempfile.mkdtemp(prefix="grader-warm-")) / "submission"
        self._root.mkdir()
        self._next = asyncio.run_coroutine_threadsafe(self._prepare(self._root), self._loop)

    async def _prepare(self, root: Path) -> WarmKernel:
        km = self.sandbox.kernel_manager(root, root)
        client = NotebookClient(
            v4.new_notebook(),  # type: ignore[no-untyped-call]
            km=km,
            kernel_name="python3",
            startup_timeout=READY_TIMEOUT_S,
            timeout=READY_TIMEOUT_S,
            resources={"metadata": {"path": str(root)}},
        )
        recording = Recording(root)
        try:
            async with client.async_setup_kernel(cleanup_kc=False):
                await recording.install(client)
                if self.code and client.kc is not None:
                    msg_id = client.kc.execute(self.code, silent=True, store_history=False)
                    await client.async_wait_for_reply(msg_id)
        except BaseException:
            await _stop(km)
            raise
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
        return WarmKernel(root, km, recording)

    def _alive(self, warm: WarmKernel) -> bool:
        """The kernel still runs (a limit may have killed it while it waited)."""
        alive = asyncio.run_coroutine_threadsafe(warm.km.is_alive(), self._loop)
        try:
            return bool(alive.result(timeout=30))
        except Exception:
            return False

    def _stop_kernel(self, warm: WarmKernel) -> None:
        asyncio.run_coroutine_threadsafe(_stop(warm.km), self._loop).result(timeout=60)


async def _stop(km: Any) -> None:
    """Kill the kernel and free its sandbox (never raises)."""
    try:
        if km.has_kernel:
            await km.shutdown_kernel(now=True)
    except Exception:
        log.warning("could not shut down warm kernel", exc_info=True)
    dispose = getattr(km, "dispose", None)
    if dispose is not None:
        dispose()


def _give_files_to_sandbox(km: Any) -> None:
    """The submission was copied in after the kernel started: hand it to the slot's user."""
    session = getattr(km, "sandbox", None)
    refresh = getattr(session, "own_root", None)
    if refresh is not None:
        refresh()
