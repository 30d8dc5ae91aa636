"""Files a quest asks the notebook to save (generated samples), read safely and judged.

The gan-digits quest asks every notebook to save the digits its generator drew as
``generated_samples.npy`` (``(N, 8, 8)`` floats) beside the notebook, and a conditional GAN
also the requested classes as ``generated_labels.npy`` (``(N,)`` ints 0-9). In a folder with
several notebooks (a team) each saves ``<notebook stem>_generated_samples.npy``.

Reading: only a regular file inside the submission reached without any symlink, at most
:data:`MAX_ARTIFACT_BYTES`, loaded with ``np.load(allow_pickle=False)`` (never unpickled),
with its shape and dtype checked. A file that is present but unusable becomes a judgement with
``problem`` set (the check says why); an absent file gives no judgement at all.

Judging: :mod:`grader.judges.digits`.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from grader.assignments.pack import SampleArtifacts
from grader.evidence.outputs.sample_grid import sample_grid_png
from grader.judges.digits import (
    N_CLASSES,
    ArtifactProblem,
    as_images,
    as_labels,
    value_range,
)
from grader.judges.registry import get_judge
from grader.records.evidence import EvidenceRef, NotebookEvidence, SampleJudgement
from grader.safe_io import read_capped_bytes

MAX_ARTIFACT_BYTES = 8 * 1024 * 1024


def _exists_at_all(root: Path, relative: str) -> bool:
    try:
        os.lstat(root / relative)
    except OSError:
        return False
    return True


def load_array(root: Path, relative: str) -> np.ndarray[Any, Any]:
    """The ``.npy`` array at ``relative``; :class:`ArtifactProblem` when it is unusable."""
    if stat.S_ISLNK(_lstat_mode(root / relative)):
        raise ArtifactProblem("artifact_symlink")
    data = read_capped_bytes(root, relative, MAX_ARTIFACT_BYTES)
    if data is None:
        raise ArtifactProblem("artifact_unreadable", f"최대 {MAX_ARTIFACT_BYTES // 1024 // 1024}MB")
    try:
        array = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError, TypeError) as exc:
        raise ArtifactProblem("artifact_not_npy", type(exc).__name__) from None
    if not isinstance(array, np.ndarray):  # an .npz archive
        raise ArtifactProblem("artifact_not_npy", "npz")
    if array.dtype.kind not in "biuf":
        raise ArtifactProblem("artifact_bad_dtype", str(array.dtype))
    return array


def _lstat_mode(path: Path) -> int:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0


# ------------------------------------------------------------------ evidence


def judge_file(
    root: Path,
    relative: str,
    labels_relative: str | None,
    notebook: str | None,
    judge: str = "sklearn_digits",
) -> SampleJudgement:
    """Judge the samples file at ``relative`` (with its labels file, when there is one)."""
    ref = EvidenceRef(source="file", notebook=notebook, excerpt=relative[:200])
    base: dict[str, Any] = {"ref": ref, "path": relative, "notebook": notebook}
    try:
        raw = load_array(root, relative)
        pixels = as_images(raw)
    except ArtifactProblem as problem:
        return SampleJudgement(**base, problem=problem.code, problem_detail=problem.detail)
    result = get_judge(judge).build().judge(pixels)
    recognised = result["confident"] & result["near"]
    counts = np.bincount(result["pred"][recognised], minlength=N_CLASSES)
    facts: dict[str, Any] = {
        **base,
        "count": int(pixels.shape[0]),
        "value_range": value_range(raw),
        "non_finite": int((~result["finite"]).sum()),
        "mean_confidence": round(float(result["confidence"].mean()), 4),
        "confident_share": round(float(result["confident"].mean()), 4),
        "near_share": round(float(result["near"].mean()), 4),
        "recognised_share": round(float(recognised.mean()), 4),
        "classes_covered": int((counts > 0).sum()),
        "class_counts": tuple(int(c) for c in counts),
        "grid_png": sample_grid_png(pixels),
    }
    if labels_relative is not None:
        facts.update(_label_facts(root, labels_relative, result["pred"], recognised))
    return SampleJudgement(**facts)


def _label_facts(
    root: Path, relative: str, pred: np.ndarray[Any, Any], recognised: np.ndarray[Any, Any]
) -> dict[str, Any]:
    facts: dict[str, Any] = {"labels_path": relative}
    try:
        labels = as_labels(load_array(root, relative), pred.shape[0])
    except ArtifactProblem as problem:
        facts["labels_problem"] = problem.code
        return facts
    facts["label_match_share"] = round(float((recognised & (pred == labels)).mean()), 4)
    facts["labels_requested"] = int(np.unique(labels).size)
    return facts


def sample_judgements(
    root: Path, notebooks: Sequence[NotebookEvidence], names: SampleArtifacts | None
) -> list[SampleJudgement]:
    """One judgement per samples file found for the notebooks (see the module docstring).

    ``<stem>_<samples>`` beside a notebook belongs to that notebook; a plain ``<samples>``
    belongs to the only notebook of its folder, or to the notebooks whose code names it
    (``notebook`` is ``None`` when several do or none does).
    """
    if names is None:
        return []
    judgements: list[SampleJudgement] = []
    by_folder: dict[str, list[NotebookEvidence]] = {}
    for notebook in notebooks:
        by_folder.setdefault(str(PurePosixPath(notebook.path).parent), []).append(notebook)
    for folder, members in by_folder.items():
        for notebook in members:
            stem = PurePosixPath(notebook.path).stem
            own = _join(folder, f"{stem}_{names.samples}")
            if _exists_at_all(root, own):
                labels = _labels_file(root, folder, names, stem)
                judgements.append(judge_file(root, own, labels, notebook.path, names.judge))
        plain = _join(folder, names.samples)
        if not _exists_at_all(root, plain):
            continue
        claimants = [n.path for n in members if len(members) == 1 or _mentions(n, names.samples)]
        owner = claimants[0] if len(claimants) == 1 else None
        labels = _labels_file(root, folder, names, None)
        judgements.append(judge_file(root, plain, labels, owner, names.judge))
    return judgements


def _labels_file(root: Path, folder: str, names: SampleArtifacts, stem: str | None) -> str | None:
    if names.labels is None:
        return None
    relative = _join(folder, f"{stem}_{names.labels}" if stem else names.labels)
    return relative if _exists_at_all(root, relative) else None


def _join(folder: str, name: str) -> str:
    return name if folder in ("", ".") else f"{folder}/{name}"


def _mentions(notebook: NotebookEvidence, name: str) -> bool:
    stem = name.rsplit(".", 1)[0]
    return any(stem in cell.source for cell in notebook.code)
