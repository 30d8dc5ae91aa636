"""Reading the files judges measure: never unpickled, never through a symlink, size-capped.

Both the notebook's saved file (inside the submission) and the truth (inside the data
directory) are read with :func:`grader.safe_io.read_capped_bytes`: a regular file below the
root, reached without any symlink, at most ``cap`` bytes. ``.npy`` files load with
``np.load(allow_pickle=False)``; text is UTF-8 (a BOM is dropped).
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.judges.base import ArtifactProblem, FileKind
from grader.safe_io import read_capped_bytes

if TYPE_CHECKING:
    import numpy as np

__all__ = ["MAX_ARTIFACT_BYTES", "MAX_TEXT_BYTES", "load_array", "load_file", "load_text"]

MAX_ARTIFACT_BYTES = 8 * 1024 * 1024
MAX_TEXT_BYTES = 2 * 1024 * 1024


def load_file(root: Path, relative: str, kind: FileKind, cap: int | None = None) -> Any:
    """The array or text at ``root/relative``; :class:`ArtifactProblem` when unusable."""
    if kind == "npy":
        return load_array(root, relative, cap or MAX_ARTIFACT_BYTES)
    return load_text(root, relative, cap or MAX_TEXT_BYTES)


def load_array(root: Path, relative: str, cap: int = MAX_ARTIFACT_BYTES) -> np.ndarray[Any, Any]:
    """The numeric ``.npy`` array at ``relative`` (bool, int, uint or float)."""
    import numpy as np

    data = _read(root, relative, cap)
    try:
        array = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError, TypeError) as exc:
        raise ArtifactProblem("artifact_not_npy", type(exc).__name__) from None
    if not isinstance(array, np.ndarray):  # an .npz archive
        raise ArtifactProblem("artifact_not_npy", "npz")
    if array.dtype.kind not in "biuf":
        raise ArtifactProblem("artifact_bad_dtype", str(array.dtype))
    return array


def load_text(root: Path, relative: str, cap: int = MAX_TEXT_BYTES) -> str:
    """The UTF-8 text at ``relative`` (BOM dropped, newlines normalised)."""
    data = _read(root, relative, cap)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArtifactProblem("artifact_not_utf8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read(root: Path, relative: str, cap: int) -> bytes:
    if stat.S_ISLNK(_lstat_mode(root / relative)):
        raise ArtifactProblem("artifact_symlink")
    data = read_capped_bytes(root, relative, cap)
    if data is None:
        raise ArtifactProblem("artifact_unreadable", f"최대 {cap // 1024 // 1024}MB")
    return data


def _lstat_mode(path: Path) -> int:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0
