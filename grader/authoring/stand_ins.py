"""The stand-in data a pack's own notebooks are graded with when no data folder is given.

A judge that compares a saved file with a truth in the data directory (masks against the
pack's true masks) needs that directory even for stored outputs. The bundled examples and
the reference solution were built on the stand-ins the pack's ``prepare.py`` writes, so
``pack validate`` and the key tests grade them with the same stand-ins: written once into the
cache, in a folder named by the digest of their recipe, and reused until the recipe changes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from grader.assignments import AssignmentPack
from grader.assignments.data import check_data, data_digest, fake_data, missing_data_message
from grader.kernels import kernel_python
from grader.paths import cache_dir

__all__ = ["examples_need_data", "fake_dir", "has_stand_ins", "stand_in_dir"]


def examples_need_data(pack: AssignmentPack) -> bool:
    """Whether grading the pack's stored examples reads its data: it mounts datasets and
    names a judge of saved files (which may compare them with a truth in the data)."""
    return bool(pack.mounted_datasets) and pack.spec.artifacts is not None


def fake_dir(pack: AssignmentPack) -> Path:
    """Where the stand-ins of ``pack``'s datasets are cached (by the digest of their recipe)."""
    return cache_dir() / "data" / f"{pack.id}-{data_digest(pack)}"


def has_stand_ins(pack: AssignmentPack) -> bool:
    """Whether the cached stand-ins of ``pack`` are complete."""
    return missing_data_message(pack, check_data(pack, fake_dir(pack))) is None


def stand_in_dir(pack: AssignmentPack) -> Path | None:
    """The cached stand-ins of ``pack`` (made first when absent); ``None`` when the pack mounts
    no dataset. :class:`~grader.errors.DataError` or ``KernelEnvError`` say why they cannot be
    made. A half-written folder never counts: they are written beside it, then renamed."""
    if not pack.mounted_datasets:
        return None
    folder = fake_dir(pack)
    if has_stand_ins(pack):
        return folder
    partial = folder.with_name(f"{folder.name}.part-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        fake_data(pack, partial, kernel_python(pack.spec))
        shutil.rmtree(folder, ignore_errors=True)
        partial.rename(folder)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return folder
