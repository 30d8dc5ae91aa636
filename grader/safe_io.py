"""Reading files that untrusted code could have written: never through a link, always capped."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath


def read_capped_bytes(root: Path, relative: str, cap: int) -> bytes | None:
    """Bytes of ``root/relative`` if it is a regular file inside ``root`` reached without any
    symlink and not larger than ``cap``; ``None`` otherwise (never follows a link)."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts:
        return None
    path = root
    try:
        for part in parts:
            path = path / part
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read(cap + 1)
    except OSError:
        return None
    return data if len(data) <= cap else None


def read_regular(path: Path, limit: int, *, tail: bool = False) -> bytes | None:
    """At most ``limit`` bytes (the last ones with ``tail``) of the regular file ``path``;
    ``None`` when it is missing, a link, a FIFO or anything but a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        if tail and info.st_size > limit:
            handle.seek(info.st_size - limit)
        return handle.read(limit)


def read_untrusted(path: Path, limit: int, *, tail: bool = False) -> bytes:
    """Like :func:`read_regular`, with ``b""`` for a file that is missing or unsafe."""
    return read_regular(path, limit, tail=tail) or b""
