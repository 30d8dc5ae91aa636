"""The folders of a batch in ``OUT``: one run at a time, reports renamed into place whole.

A submission is graded into ``OUT/.work/<name>.<random>/`` and renamed to ``OUT/<name>/``
when it is complete, so a killed run never leaves a half-written report folder. The temp
copies of student work go to a folder of this batch's own under the system temp dir; both
are removed when the next run starts (a dead run could not remove them itself).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from grader.errors import BatchError

__all__ = ["WORK_DIR", "batch_lock", "clean_leftovers", "publish", "staging_dir", "temp_root"]

WORK_DIR = ".work"
LOCK_FILE = ".batch.lock"


def temp_root(out_dir: Path) -> Path:
    """The system-temp folder of the batch writing to ``out_dir`` (student work copies)."""
    digest = hashlib.sha256(str(out_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"grader-batch-{digest}"


def staging_dir(out_dir: Path, name: str) -> Path:
    """A fresh folder under ``OUT/.work`` to grade ``name`` into."""
    folder = out_dir / WORK_DIR / f"{name}.{uuid.uuid4().hex[:12]}"
    folder.mkdir(parents=True)
    return folder


def publish(staging: Path, final: Path) -> None:
    """Move a complete report folder to ``final``, replacing an older one (rename, so a
    reader sees the old folder or the new one, never a mix)."""
    old = None
    if final.exists():
        old = staging.with_name(staging.name + ".old")
        os.replace(final, old)
    os.replace(staging, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def clean_leftovers(out_dir: Path) -> list[Path]:
    """Remove ``OUT/.work`` and the batch's temp folder left by a run that died."""
    removed = []
    for folder in (out_dir / WORK_DIR, temp_root(out_dir)):
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextmanager
def batch_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``OUT``: a second batch writing to the same folder stops with a Korean error."""
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BatchError(
                f"다른 grader batch가 이미 {out_dir}에 쓰고 있습니다. 그 실행이 끝난 뒤 다시 "
                "시작하거나 다른 출력 폴더(-o)를 쓰세요.",
                code="batch_busy",
            ) from exc
        yield
    finally:
        os.close(fd)
