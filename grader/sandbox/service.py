"""A long-running sandboxed process (an app under test) that the grader can talk to.

The process runs under :mod:`grader.sandbox.relay` inside the sandbox's own network
namespace (loopback only, never the host's). The relay finds the port the app listens on
and exposes it as the unix socket :attr:`Service.socket_path` in the run folder, which is
bound into the sandbox at the same path; the grader connects to that socket. Commands can
be run next to the app, in the same namespaces (:meth:`Service.exec`), e.g. Chromium.

Every file in the run folder is writable by the sandbox user, so the host reads them with
``O_NOFOLLOW`` and size caps, and creates request files with ``O_EXCL``.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from grader.safe_io import read_untrusted
from grader.sandbox.base import CommandResult

RELAY_SOURCE = Path(__file__).with_name("relay.py")
OUTPUT_CAP = 64 * 1024
POLL_S = 0.05


class Service:
    """Handle of one started service; :meth:`stop` (or ``with``) ends it and frees all."""

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        ipc: Path,
        on_close: Callable[[], None] = lambda: None,
    ) -> None:
        self.process = process
        self.ipc = ipc
        self.started_at = time.monotonic()
        self._on_close = on_close
        self._stopped = False

    @property
    def socket_path(self) -> Path:
        """Unix socket on the host; each connection reaches the app's port inside."""
        return self.ipc / "app.sock"

    def port(self) -> int | None:
        """The port the app listens on inside, once the relay has seen it bind."""
        text = read_untrusted(self.ipc / "port", 16).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() and 0 < int(text) < 65536 else None

    def exit_status(self) -> int | None:
        """The app's exit status once it has ended (``None`` while it runs)."""
        text = read_untrusted(self.ipc / "exit", 16).decode("ascii", "replace").strip()
        with contextlib.suppress(ValueError):
            return int(text)
        if self.process.poll() is not None:
            return self.process.returncode
        return None

    def wait_bound(self, timeout_s: float) -> bool:
        """Wait until the app listens (True), exits or ``timeout_s`` passes (False)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.port() is not None and self.socket_path.exists():
                return True
            if self.exit_status() is not None:
                return False
            time.sleep(POLL_S)
        return False

    def log_tail(self, limit: int = 4000) -> str:
        """The last ``limit`` bytes of the app's stdout and stderr."""
        return read_untrusted(self.ipc / "app.log", limit, tail=True).decode("utf-8", "replace")

    def exec(self, argv: list[str], *, timeout_s: float) -> CommandResult:
        """Run ``argv`` next to the app (same sandbox and network) and wait for it."""
        stem = f"req-{secrets.token_hex(8)}"
        request = json.dumps({"argv": argv, "timeout_s": timeout_s}).encode()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.ipc / f"{stem}.json.tmp", flags, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(request)
        os.rename(self.ipc / f"{stem}.json.tmp", self.ipc / f"{stem}.json")
        deadline = time.monotonic() + timeout_s + 5
        rc: int | None = None
        while time.monotonic() < deadline and self.exit_status() is None:
            text = read_untrusted(self.ipc / f"{stem}.rc", 16).decode("ascii", "replace")
            if text.strip().lstrip("-").isdigit():
                rc = int(text)
                break
            time.sleep(POLL_S)
        out = read_untrusted(self.ipc / f"{stem}.out", OUTPUT_CAP, tail=True)
        err = read_untrusted(self.ipc / f"{stem}.err", OUTPUT_CAP, tail=True)
        return CommandResult(
            rc, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), rc in (None, -9)
        )

    def stop(self) -> None:
        """Kill the app and everything it started, then free the slot (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        try:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
        finally:
            self._on_close()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def relay_command(python: str, ipc: Path, app_argv: list[str]) -> list[str]:
    """``python relay.py IPC -- APP...``; the relay is copied into ``ipc`` first."""
    target = ipc / "relay.py"
    target.write_bytes(RELAY_SOURCE.read_bytes())
    target.chmod(0o644)
    return [python, str(target), str(ipc), "--", *app_argv]


def popen(argv: list[str], kwargs: dict[str, Any]) -> subprocess.Popen[bytes]:
    """Start the service's process in its own process group."""
    kwargs = {**kwargs, "start_new_session": True}
    return subprocess.Popen(argv, **kwargs)
