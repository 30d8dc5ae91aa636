"""Files measured by a metric judge: masks, restored images, generated text, translations.

For every file named ``artifacts.samples`` the notebooks saved (see
:func:`~grader.evidence.outputs.saved_files.sample_files`), the pack's judge loads it, loads
the truth once (a file of the data directory or a bundled source; never the submission's) and
measures it. Nothing here raises on student content: a file that cannot be measured, or a
truth that is not at hand (stored-mode grading without ``--data``), becomes a judgement with
``problem`` set; no file at all becomes one ``artifact_missing`` judgement that says whether
some notebook's code names the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.assignments.pack import SampleArtifacts
from grader.evidence.outputs.saved_files import names_file, sample_files
from grader.judges.base import ArtifactProblem, MetricJudge
from grader.judges.files import load_file
from grader.judges.registry import get_judge, judge_params
from grader.judges.truth import load_truth
from grader.records.evidence import ArtifactJudgement, EvidenceRef, NotebookEvidence

__all__ = ["measured_artifacts"]


def measured_artifacts(
    root: Path,
    notebooks: Sequence[NotebookEvidence],
    names: SampleArtifacts,
    data_dir: Path | None = None,
) -> list[ArtifactJudgement]:
    """One judgement per saved file (or one ``artifact_missing`` when none was saved)."""
    entry = get_judge(names.judge)
    judge = entry.metric
    if judge is None:
        return []
    found = sample_files(root, notebooks, names.samples)
    if not found:
        named = any(names_file(n, names.samples) for n in notebooks)
        missing = ("artifact_missing", "")
        return [_judgement(names, names.samples, None, missing, mentioned=named)]
    params = judge_params(names.judge, names.params)
    truth = _truth(judge, names, data_dir)
    judgements = []
    for relative, owner, _ in found:
        if isinstance(truth, ArtifactProblem):
            judgements.append(_judgement(names, relative, owner, (truth.code, truth.detail)))
            continue
        judgements.append(_measure(root, relative, owner, names, judge, truth, params))
    return judgements


def _truth(judge: MetricJudge, names: SampleArtifacts, data_dir: Path | None) -> Any:
    """The loaded truth, ``None`` when the pack names none (and the judge needs none), or
    the problem that stops measuring."""
    if names.truth is None:
        return ArtifactProblem("truth_required") if judge.truth_required else None
    if judge.truth is None:
        return ArtifactProblem("truth_not_used", names.judge)
    try:
        return load_truth(names.truth, data_dir, judge.truth)
    except ArtifactProblem as problem:
        return problem


def _measure(
    root: Path,
    relative: str,
    owner: str | None,
    names: SampleArtifacts,
    judge: MetricJudge,
    truth: Any,
    params: Any,
) -> ArtifactJudgement:
    try:
        artifact = load_file(root, relative, judge.artifact)
        if judge.artifact == "npy" and truth is not None and _same_array(artifact, truth):
            raise ArtifactProblem("artifact_equals_truth")
        measurement = judge.measure(artifact, truth, params)
    except ArtifactProblem as problem:
        return _judgement(names, relative, owner, (problem.code, problem.detail))
    except (ValueError, TypeError, MemoryError) as exc:  # numbers the judge cannot work with
        return _judgement(names, relative, owner, ("artifact_unmeasurable", type(exc).__name__))
    return _judgement(names, relative, owner, measurement=measurement)


def _same_array(artifact: Any, truth: Any) -> bool:
    """The saved array is the truth itself, bit for bit (a copy of the answer, not a model's
    output: no trained model reproduces noisy masks or images exactly)."""
    import numpy as np

    return (
        isinstance(artifact, np.ndarray)
        and isinstance(truth, np.ndarray)
        and artifact.shape == truth.shape
        and artifact.size > 0
        and bool(np.array_equal(artifact, truth))
    )


def _judgement(
    names: SampleArtifacts,
    relative: str,
    owner: str | None,
    problem: tuple[str, str] | None = None,
    *,
    mentioned: bool = False,
    measurement: Any = None,
) -> ArtifactJudgement:
    ref = EvidenceRef(source="file", notebook=owner, excerpt=relative[:200])
    code, detail = problem if problem is not None else (None, "")
    return ArtifactJudgement(
        ref=ref,
        path=relative,
        notebook=owner,
        judge=names.judge,
        truth=names.truth,
        problem=code,
        problem_detail=detail[:300],
        mentioned=mentioned,
        measurement=measurement,
    )
