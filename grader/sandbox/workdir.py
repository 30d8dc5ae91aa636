"""Host-side folders of one sandboxed run: the work folder's owner and size, the run folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

PASSWD = "root:x:0:0::/root:/usr/sbin/nologin\nstudent:x:{uid}:{uid}::/home/student:/bin/sh\n"
GROUP = "root:x:0:\nstudent:x:{uid}:\n"
HOSTS = "127.0.0.1 localhost sandbox\n::1 localhost\n"


def chown_tree(root: Path, uid: int, gid: int) -> None:
    """Give ``root`` and everything under it to ``uid``, never following symlinks."""
    os.chown(root, uid, gid, follow_symlinks=False)
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in (*dirs, *files):
            os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)


def tree_size(root: Path, max_entries: int = 200_000) -> tuple[int, int]:
    """``(bytes, entries)`` under ``root`` (symlinks not followed); stops at ``max_entries``."""
    total = entries = 0
    stack = [str(root)]
    while stack and entries < max_entries:
        try:
            with os.scandir(stack.pop()) as found:
                for entry in found:
                    entries += 1
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        else:
                            total += entry.stat(follow_symlinks=False).st_blocks * 512
                    except OSError:
                        continue
        except OSError:
            continue
    return total, entries


class RunDir:
    """``/tmp/grader-run-*``: the ipc socket folder and the sandbox's passwd/group/hosts."""

    def __init__(self, uid: int | None) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="grader-run-"))
        self.ipc = self.path / "ipc"
        self.etc = self.path / "etc"
        self.ipc.mkdir(mode=0o700)
        self.etc.mkdir()
        shown_uid = uid if uid is not None else os.getuid()
        (self.etc / "passwd").write_text(PASSWD.format(uid=shown_uid))
        (self.etc / "group").write_text(GROUP.format(uid=shown_uid))
        (self.etc / "hosts").write_text(HOSTS)
        (self.path / "stderr.log").touch()
        self.empty.write_bytes(b"")
        self.empty.chmod(0o444)
        if uid is not None:
            os.chown(self.ipc, uid, uid)

    @property
    def empty(self) -> Path:
        """An empty file laid over what the sandbox must not read (``/proc/1/cmdline`` ...)."""
        return self.etc / "empty"

    @property
    def stderr_log(self) -> Path:
        """Where bwrap's and the kernel's stderr go (never to the grader's terminal)."""
        return self.path / "stderr.log"

    def stderr_tail(self, limit: int = 2000) -> str:
        """The last ``limit`` bytes of that log, for error messages."""
        try:
            with self.stderr_log.open("rb") as f:
                f.seek(max(0, self.stderr_log.stat().st_size - limit))
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def remove(self) -> None:
        """Delete the folder (sockets and logs)."""
        shutil.rmtree(self.path, ignore_errors=True)
