"""Files a quest asks the notebook to save (generated samples), read safely and judged.

The gan-digits quest asks every notebook to save the digits its generator drew as
``generated_samples.npy`` (``(N, 8, 8)`` floats) beside the notebook, and a conditional GAN
also the requested classes as ``generated_labels.npy`` (``(N,)`` ints 0-9). In a folder with
several notebooks (a team) each saves ``<notebook stem>_generated_samples.npy``.

Reading: only a regular file inside the submission reached without any symlink, at most
:data:`MAX_ARTIFACT_BYTES`, loaded with ``np.load(allow_pickle=False)`` (never unpickled),
with its shape and dtype checked. A file that is present but unusable becomes a judgement with
``problem`` set (the check says why); an absent file gives no judgement at all.

Judging (the "recognisable" criterion): the real scikit-learn digits, read from the package's
bundled file with numpy (no ``sklearn`` import: it alone costs a second), vote: the 10 nearest
give each sample a class and a confidence (their share); the distance to the nearest tells
whether the sample looks like a digit at all (uniform noise can make any classifier
confident, but it lies far from every real digit). A sample counts as *recognised* when it is
both confident and close to the real digits. See docs in ``rubrics/gan-digits.yaml`` for the
thresholds and their calibration.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import numpy as np

from grader.assignments.pack import SampleArtifacts
from grader.records.evidence import EvidenceRef, NotebookEvidence, SampleJudgement
from grader.safe_io import read_capped_bytes

MAX_ARTIFACT_BYTES = 8 * 1024 * 1024
MAX_SAMPLES = 10_000
CONFIDENT = 0.7
"""A sample is confidently classified when the judge's top probability reaches this."""
MANIFOLD_FACTOR = 1.25
"""A sample is close to the real digits when its nearest real digit is no farther than this
times the 99th percentile of the real digits' own leave-one-out nearest-neighbour distance."""
IMAGE_SIDE = 8
N_CLASSES = 10


def _exists_at_all(root: Path, relative: str) -> bool:
    try:
        os.lstat(root / relative)
    except OSError:
        return False
    return True


class ArtifactProblem(Exception):
    """A present file that cannot be used; ``code`` names why (see messages_ko)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


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


def as_images(array: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``(N, 64)`` pixel values on load_digits' 0-16 scale; accepts (N,8,8), (N,8,8,1), (N,64)
    in [0, 1], [-1, 1] (tanh) or [0, 16]. Non-finite pixels stay NaN."""
    shape = array.shape
    side = IMAGE_SIDE
    if len(shape) == 4 and shape[1:] in ((side, side, 1), (1, side, side)):
        array = array.reshape(shape[0], side * side)
    elif len(shape) == 3 and shape[1:] == (side, side):
        array = array.reshape(shape[0], side * side)
    elif len(shape) == 2 and shape[1] == side * side:
        pass
    else:
        raise ArtifactProblem("artifact_bad_shape", "x".join(str(n) for n in shape))
    if array.shape[0] == 0:
        raise ArtifactProblem("artifact_empty")
    array = array[:MAX_SAMPLES].astype(np.float64)
    finite = array[np.isfinite(array)]
    if finite.size == 0:
        raise ArtifactProblem("artifact_not_finite")
    low, high = float(finite.min()), float(finite.max())
    if high > 1.5:
        scaled = array  # already 0-16 like load_digits
    elif low < -0.1:
        scaled = (array + 1.0) * 8.0  # tanh output in [-1, 1]
    else:
        scaled = array * 16.0
    clipped: np.ndarray[Any, Any] = np.clip(scaled, 0.0, 16.0)
    return clipped


def value_range(array: np.ndarray[Any, Any]) -> str:
    finite = array[np.isfinite(array)]
    return f"{float(finite.min()):.3g}~{float(finite.max()):.3g}" if finite.size else "-"


def as_labels(array: np.ndarray[Any, Any], count: int) -> np.ndarray[Any, Any]:
    """``(N,)`` class ids from ``(N,)``, ``(N, 1)`` ids or ``(N, 10)`` one-hot rows."""
    if array.ndim == 2 and array.shape[1] == N_CLASSES:
        array = array.argmax(axis=1)
    elif array.ndim == 2 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim != 1 or array.shape[0] < count:
        raise ArtifactProblem("labels_mismatch", "x".join(str(n) for n in array.shape))
    labels = array[:count]
    if not np.all(np.isfinite(labels)) or np.any((labels < 0) | (labels >= N_CLASSES)):
        raise ArtifactProblem("labels_mismatch", "0~9 밖의 값")
    return labels.astype(np.int64)


# ------------------------------------------------------------------ the judge


@dataclass(frozen=True)
class DigitsJudge:
    """The real scikit-learn digits as a k-nearest-neighbour judge (numpy only)."""

    data: np.ndarray[Any, Any]
    """``(1797, 64)`` real digits, 0-16 pixels."""
    targets: np.ndarray[Any, Any]
    radius: float

    def judge(self, pixels: np.ndarray[Any, Any]) -> dict[str, Any]:
        """Per-sample prediction, confidence and closeness for ``(N, 64)`` 0-16 pixels."""
        finite = np.all(np.isfinite(pixels), axis=1)
        count = pixels.shape[0]
        prob = np.zeros((count, N_CLASSES))
        near = np.zeros(count, dtype=bool)
        rows = np.flatnonzero(finite)
        for start in range(0, rows.size, CHUNK_ROWS):  # bounded memory for many tiles
            chunk = rows[start : start + CHUNK_ROWS]
            dist = _distances(pixels[chunk], self.data)
            nearest = np.argpartition(dist, NEIGHBOURS, axis=1)[:, :NEIGHBOURS]
            votes = self.targets[nearest]
            prob[chunk] = np.stack([(votes == k).mean(axis=1) for k in range(N_CLASSES)], axis=1)
            near[chunk] = dist.min(axis=1) <= self.radius
        confidence = prob.max(axis=1)
        return {
            "pred": prob.argmax(axis=1),
            "confidence": confidence,
            "confident": confidence >= CONFIDENT,
            "near": near,
            "finite": finite,
        }


NEIGHBOURS = 10
"""Votes of the 10 nearest real digits give a sample its class and confidence."""
CHUNK_ROWS = 1024
"""Samples compared with the real digits at once (a 1024 x 1797 distance matrix, 15 MB)."""


def _distances(rows: np.ndarray[Any, Any], data: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    squared = (rows**2).sum(axis=1)[:, None] + (data**2).sum(axis=1)[None, :] - 2 * rows @ data.T
    distances: np.ndarray[Any, Any] = np.sqrt(np.maximum(squared, 0.0))
    return distances


@lru_cache(maxsize=1)
def digits_judge() -> DigitsJudge:
    """Built once per process from scikit-learn's bundled digits file, read directly (the
    ``sklearn`` import alone costs about a second, more than a student check may take)."""
    x, y = _bundled_digits()
    dist = _distances(x, x)
    np.fill_diagonal(dist, np.inf)
    radius = float(np.percentile(dist.min(axis=1), 99)) * MANIFOLD_FACTOR
    return DigitsJudge(x, y, radius)


def _bundled_digits() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    import gzip
    import importlib.util

    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise ArtifactProblem("artifact_no_judge", "scikit-learn is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "data" / "digits.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        table = np.loadtxt(handle, delimiter=",")
    return table[:, :-1].astype(np.float64), table[:, -1].astype(np.int64)


# ------------------------------------------------------------------ evidence


def judge_file(
    root: Path, relative: str, labels_relative: str | None, notebook: str | None
) -> SampleJudgement:
    """Judge the samples file at ``relative`` (with its labels file, when there is one)."""
    ref = EvidenceRef(source="file", notebook=notebook, excerpt=relative[:200])
    base: dict[str, Any] = {"ref": ref, "path": relative, "notebook": notebook}
    try:
        raw = load_array(root, relative)
        pixels = as_images(raw)
    except ArtifactProblem as problem:
        return SampleJudgement(**base, problem=problem.code, problem_detail=problem.detail)
    result = digits_judge().judge(pixels)
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
                judgements.append(judge_file(root, own, labels, notebook.path))
        plain = _join(folder, names.samples)
        if not _exists_at_all(root, plain):
            continue
        claimants = [n.path for n in members if len(members) == 1 or _mentions(n, names.samples)]
        owner = claimants[0] if len(claimants) == 1 else None
        labels = _labels_file(root, folder, names, None)
        judgements.append(judge_file(root, plain, labels, owner))
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
