"""A host loopback port that forwards to a :class:`~grader.sandbox.Service`'s unix socket.

HTTP clients that cannot speak over a unix socket (gradio_client) get a plain
``http://127.0.0.1:<port>`` URL; each connection is piped to the app inside the sandbox.
The port lives only while the probe runs and only on the host's loopback.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

__all__ = ["Bridge"]

CHUNK = 65536


class Bridge:
    """``with Bridge(sock) as bridge: bridge.url`` reaches the app behind ``sock``."""

    def __init__(self, unix_socket: Path) -> None:
        self.unix_socket = unix_socket
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.2)
        self._closed = threading.Event()
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """Base URL without a trailing slash."""
        return f"http://127.0.0.1:{self._server.getsockname()[1]}"

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                upstream.connect(str(self.unix_socket))
            except OSError:
                client.close()
                upstream.close()
                continue
            with self._lock:
                self._open |= {client, upstream}
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(CHUNK):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        """Stop accepting and cut every open connection."""
        self._closed.set()
        self._server.close()
        self._thread.join(timeout=2)
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.close()
            self._open.clear()

    def __enter__(self) -> Bridge:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
