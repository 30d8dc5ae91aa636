"""The truth a judge compares with: a file of the data directory or a bundled source.

``artifacts.truth`` is either the name of a bundled source (:data:`BUNDLED`, computed by the
grader from data it ships with, e.g. ``sklearn.digits:test``) or a path relative to the data
directory (``--data``), read-only and capped like every artifact. It never comes from the
submission: a notebook cannot hand in its own answer key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from grader.judges.base import ArtifactProblem, FileKind
from grader.judges.bundled import digits_test_images
from grader.judges.files import load_file

__all__ = ["BUNDLED", "MAX_TRUTH_BYTES", "is_bundled", "load_truth"]

MAX_TRUTH_BYTES = 64 * 1024 * 1024

BUNDLED: dict[str, tuple[Callable[[], Any], str]] = {
    "sklearn.digits:test": (
        digits_test_images,
        "scikit-learn 내장 digits의 test 분할: train_test_split(np.arange(1797), test_size=0.2, "
        "random_state=0)의 test 360장을 그 순서대로, 픽셀 / 16 (0~1), 모양 (360, 8, 8)",
    ),
}
"""Bundled truth name -> (loader, Korean description of exactly what it is)."""


def is_bundled(name: str) -> bool:
    return name in BUNDLED


def load_truth(name: str, data_dir: Path | None, kind: FileKind) -> Any:
    """The truth ``name`` as ``kind`` (an array or a text); :class:`ArtifactProblem` with
    ``truth_no_data_dir`` / ``truth_missing`` / ``truth_unreadable`` when it is not at hand."""
    if name in BUNDLED:
        return BUNDLED[name][0]()
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise ArtifactProblem("truth_outside", name)
    if data_dir is None:
        raise ArtifactProblem("truth_no_data_dir", name)
    if not (data_dir / name).exists():
        raise ArtifactProblem("truth_missing", name)
    try:
        return load_file(data_dir, name, kind, MAX_TRUTH_BYTES)
    except ArtifactProblem as problem:
        raise ArtifactProblem("truth_unreadable", f"{name}: {problem.code}") from None
