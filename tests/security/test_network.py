"""Network attacks: only the sandbox's own loopback exists."""

from __future__ import annotations

import socket
import threading

import pytest

from tests.security.harness import exec_limits

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


def test_socket_to_external_ip_fails(arena):
    run = arena.run(
        "import socket\n"
        "s = socket.socket(); s.settimeout(2)\n"
        "try:\n    s.connect(('1.1.1.1', 80)); print('CONNECTED')\n"
        "except OSError as e:\n    print('blocked', e)"
    )
    assert "blocked" in run.text and "CONNECTED" not in run.text


def test_host_loopback_service_is_unreachable(arena):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    threading.Thread(target=_serve_once, args=(server, arena.token), daemon=True).start()
    run = arena.run(
        "import socket\n"
        f"try:\n    print(socket.create_connection(('127.0.0.1', {port}), timeout=2).recv(100))\n"
        "except OSError as e:\n    print('blocked', e)"
    )
    server.close()
    assert "blocked" in run.text and arena.token not in run.text


def _serve_once(server: socket.socket, token: str) -> None:
    try:
        conn, _ = server.accept()
        conn.sendall(token.encode())
        conn.close()
    except OSError:
        pass


def test_dns_lookup_fails(arena):
    run = arena.run(
        "import socket\n"
        "try:\n    print('RESOLVED', socket.getaddrinfo('example.com', 80))\n"
        "except OSError as e:\n    print('blocked', e)"
    )
    assert "blocked" in run.text and "RESOLVED" not in run.text


def test_http_download_fails(arena):
    run = arena.run(
        "import urllib.request\n"
        "try:\n    print('GOT', urllib.request.urlopen('http://example.com', timeout=2).status)\n"
        "except Exception as e:\n    print('blocked', type(e).__name__)"
    )
    assert "blocked" in run.text and "GOT" not in run.text


def test_pip_install_fails_and_changes_nothing(arena):
    run = arena.run(
        "import subprocess, sys\n"
        "r = subprocess.run([sys.executable, '-m', 'pip', 'install', '--retries', '0',\n"
        "    '--timeout', '2', '--no-cache-dir', 'six-attack-pkg'], capture_output=True, text=True)\n"
        "print('rc', r.returncode)\n"
        "print(r.stdout[-300:], r.stderr[-300:])",
        limits=exec_limits(15),
    )
    assert "rc 0" not in run.text and "Successfully installed" not in run.text


def test_host_unix_sockets_are_not_visible(arena):
    run = arena.run(
        "import glob\n"
        "print('SOCKETS', glob.glob('/run/**/*.sock', recursive=True)"
        " + glob.glob('/var/run/**/*.sock', recursive=True))"
    )
    assert "SOCKETS []" in run.text
