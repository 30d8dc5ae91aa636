"""Files a quest asks the notebook to save (generated samples), read safely and judged.

The gan-digits quest asks every notebook to save the digits its generator drew as
``generated_samples.npy`` (``(N, 8, 8)`` floats) beside the notebook, and a conditional GAN
also the requested classes as ``generated_labels.npy`` (``(N,)`` ints 0-9). In a folder with
several notebooks (a team) each saves ``<notebook stem>_generated_samples.npy``.

Reading: only a regular file inside the submission reached without any symlink, at most
:data:`MAX_ARTIFACT_BYTES`, loaded with ``np.load(allow_pickle=False)`` (never unpickled),
with its shape and dtype checked. A file that is present but unusable becomes a judgement with
``problem`` set (the check says why); an absent file gives no judgement at all.

Judging: :mod:`grader.judges.digits` (samples); files of the other judges are measured by
:mod:`grader.evidence.outputs.measured`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from grader.assignments.pack import SampleArtifacts
from grader.evidence.outputs.sample_grid import sample_grid_png
from grader.evidence.outputs.saved_files import exists_at_all, join, sample_files
from grader.judges.digits import (
    N_CLASSES,
    ArtifactProblem,
    as_images,
    as_labels,
    value_range,
)
from grader.judges.files import MAX_ARTIFACT_BYTES, load_array
from grader.judges.registry import get_judge
from grader.records.evidence import EvidenceRef, NotebookEvidence, SampleJudgement

__all__ = ["MAX_ARTIFACT_BYTES", "judge_file", "load_array", "sample_judgements"]


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
    """One judgement per samples file found for the notebooks (see :func:`sample_files`)."""
    if names is None:
        return []
    judgements: list[SampleJudgement] = []
    for relative, owner, stem in sample_files(root, notebooks, names.samples):
        folder = str(PurePosixPath(relative).parent)
        labels = _labels_file(root, folder, names, stem)
        judgements.append(judge_file(root, relative, labels, owner, names.judge))
    return judgements


def _labels_file(root: Path, folder: str, names: SampleArtifacts, stem: str | None) -> str | None:
    if names.labels is None:
        return None
    relative = join(folder, f"{stem}_{names.labels}" if stem else names.labels)
    return relative if exists_at_all(root, relative) else None
