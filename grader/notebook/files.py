"""A submission's files read as untrusted text: capped, regular files only, no links."""

from __future__ import annotations

from pathlib import Path

from grader.safe_io import read_capped_bytes

__all__ = ["MAX_APP_FILE_BYTES", "read_capped"]

MAX_APP_FILE_BYTES = 1_000_000


def read_capped(root: Path, relative: str) -> str | None:
    """Text of ``root/relative`` if it is a regular file inside ``root`` reached without any
    symlink and not larger than :data:`MAX_APP_FILE_BYTES`; ``None`` otherwise."""
    data = read_capped_bytes(root, relative, MAX_APP_FILE_BYTES)
    return None if data is None else data.decode("utf-8", errors="replace")
