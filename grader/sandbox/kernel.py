"""A Jupyter kernel manager whose ipykernel starts inside the sandbox (ipc transport).

nbclient stays outside and talks to the kernel over unix sockets in a folder bound into
the sandbox at the same path; the connection file there is readable by the sandbox user.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

from grader.records.execution import LimitHit
from grader.sandbox.session import SandboxSession

DISK_CHECK_S = 1.0


class SandboxKernelManager(AsyncKernelManager):
    """Starts ``python -m ipykernel_launcher`` through bubblewrap; one kernel, one session."""

    def __init__(self, session: SandboxSession, **kwargs: Any) -> None:
        super().__init__(transport="ipc", **kwargs)
        self.sandbox = session
        self.connection_file = str(session.run_dir.ipc / "kernel.json")
        self.ip = str(session.run_dir.ipc / "k")
        self._sandbox_spec: KernelSpec | None = None
        self._watchdog: asyncio.Task[None] | None = None

    @property
    def kernel_spec(self) -> KernelSpec:
        """A spec for this sandbox only: interrupts go as messages (SIGINT would kill bwrap)."""
        if self._sandbox_spec is None:
            python = str(self.sandbox.config.python)
            command = [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
            self._sandbox_spec = KernelSpec(
                argv=self.sandbox.argv(command),
                display_name="Python 3 (grader sandbox)",
                language="python",
                interrupt_mode="message",
                env={},
            )
        return self._sandbox_spec

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        self.sandbox.share_file(Path(self.connection_file))
        kw.update(self.sandbox.popen_kwargs(), independent=True)
        await super()._async_launch_kernel(kernel_cmd, **kw)
        self._watchdog = asyncio.ensure_future(self._watch_disk())

    async def _watch_disk(self) -> None:
        """Kill the kernel once the work folder outgrows its quota."""
        while True:
            await asyncio.sleep(DISK_CHECK_S)
            if await asyncio.to_thread(self.sandbox.disk_over_quota):
                with contextlib.suppress(Exception):
                    await self._async_kill_kernel()
                return

    async def sandbox_death_cause(self) -> tuple[LimitHit, str] | None:
        """The limit that killed the kernel (memory, CPU, disk), once it has exited."""
        returncode = None
        process = getattr(self.provisioner, "process", None)
        for _ in range(40):
            returncode = process.poll() if process is not None else None
            if returncode is not None:
                break
            await asyncio.sleep(0.05)
        return self.sandbox.death_cause(returncode)

    def sandbox_limit_hits(self) -> list[LimitHit]:
        """Limits reached without killing the kernel (refused forks), known after close."""
        return list(self.sandbox.final_hits)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self.dispose()

    def dispose(self) -> None:
        """Stop watching, kill what is left, free the slot (idempotent)."""
        if self._watchdog is not None:  # a warm kernel's watchdog runs in another thread's loop
            self._watchdog.get_loop().call_soon_threadsafe(self._watchdog.cancel)
            self._watchdog = None
        self.sandbox.close()
