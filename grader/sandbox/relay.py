"""Service supervisor copied *into* a sandbox: stdlib only, never imports ``grader``.

Run as ``python relay.py IPC_DIR -- APP_ARGV...`` inside the sandbox's network namespace
(loopback only). It

* starts the app (stdout and stderr to ``IPC_DIR/app.log``);
* finds the TCP port the app's process tree listens on (``/proc/net/tcp*``, matched by
  socket inode, so a hard-coded port works too) and writes it to ``IPC_DIR/port``;
* serves the unix socket ``IPC_DIR/app.sock``: each connection is piped to
  ``127.0.0.1:<port>`` inside, so the grader outside reaches the app without any shared
  network;
* runs commands the grader drops as ``IPC_DIR/req-N.json`` (``{"argv": [...],
  "timeout_s": s}``) in the same namespaces, e.g. headless Chromium for a screenshot;
  output goes to ``req-N.out`` / ``req-N.err``, the exit status to ``req-N.rc``;
* exits with the app (``IPC_DIR/exit`` holds its status).

Everything it writes is as untrusted as the app itself (same uid).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time

POLL_S = 0.1
LISTEN = "0A"


def _pump(src: socket.socket, dst: socket.socket) -> None:
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (src, dst):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _tree(root: int) -> set[int]:
    """``root`` and its descendants, from /proc/*/stat."""
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8") as f:
                stat = f.read()
            parents[int(name)] = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found = {root}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in found and pid not in found:
                found.add(pid)
                grew = True
    return found


def _socket_inodes(pids: set[int]) -> set[str]:
    inodes: set[str] = set()
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    return inodes


def _listening_port(app_pid: int) -> int | None:
    """The lowest TCP port a process of the app's tree listens on."""
    inodes = _socket_inodes(_tree(app_pid))
    ports = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="utf-8") as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            if len(cols) > 9 and cols[3] == LISTEN and cols[9] in inodes:
                ports.append(int(cols[1].rsplit(":", 1)[1], 16))
    return min(ports) if ports else None


def _connect(port: int) -> socket.socket:
    for host in ("127.0.0.1", "::1"):
        try:
            return socket.create_connection((host, port), timeout=10)
        except OSError:
            continue
    raise OSError("app port not reachable")


def _serve(ipc: str, port_box: list[int]) -> None:
    path = os.path.join(ipc, "app.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    os.chmod(path, 0o600)
    server.listen(64)
    while True:
        client, _ = server.accept()
        if not port_box:
            client.close()
            continue
        try:
            upstream = _connect(port_box[0])
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        threading.Thread(target=_pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()


def _run_request(ipc: str, name: str) -> None:
    stem = os.path.join(ipc, name[: -len(".json")])
    try:
        with open(os.path.join(ipc, name), encoding="utf-8") as f:
            request = json.load(f)
        argv = [str(a) for a in request["argv"]]
        timeout = float(request.get("timeout_s", 60))
        with open(stem + ".out", "wb") as out, open(stem + ".err", "wb") as err:
            process = subprocess.Popen(argv, stdout=out, stderr=err, start_new_session=True)
            try:
                rc = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
                rc = -9
    except Exception as exc:  # report, never die: the app keeps being served
        rc = -1
        with open(stem + ".err", "a", encoding="utf-8") as err:
            err.write(f"relay: {exc!r}\n")
    with open(stem + ".rc.tmp", "w", encoding="utf-8") as f:
        f.write(str(rc))
    os.replace(stem + ".rc.tmp", stem + ".rc")


def _watch_requests(ipc: str) -> None:
    seen: set[str] = set()
    while True:
        for name in sorted(os.listdir(ipc)):
            if name.startswith("req-") and name.endswith(".json") and name not in seen:
                seen.add(name)
                threading.Thread(target=_run_request, args=(ipc, name), daemon=True).start()
        time.sleep(POLL_S)


def main(argv: list[str]) -> int:
    ipc, app = argv[1], argv[3:]
    with open(os.path.join(ipc, "app.log"), "wb") as log:
        process = subprocess.Popen(app, stdout=log, stderr=subprocess.STDOUT)
    port_box: list[int] = []
    threading.Thread(target=_serve, args=(ipc, port_box), daemon=True).start()
    threading.Thread(target=_watch_requests, args=(ipc,), daemon=True).start()
    while process.poll() is None:
        if not port_box:
            port = _listening_port(process.pid)
            if port is not None:
                port_box.append(port)
                with open(os.path.join(ipc, "port.tmp"), "w", encoding="utf-8") as f:
                    f.write(str(port))
                os.replace(os.path.join(ipc, "port.tmp"), os.path.join(ipc, "port"))
        time.sleep(POLL_S)
    with open(os.path.join(ipc, "exit"), "w", encoding="utf-8") as f:
        f.write(str(process.returncode))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
