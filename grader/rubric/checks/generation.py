"""Project criteria of generative assignments (gan-digits): samples, GAN losses, baseline.

- ``project.samples_recognisable``: the samples file the quest asks for, judged by a classifier
  trained on the real data (:mod:`grader.judges.digits`).
- ``project.gan_losses_tracked``: generator and discriminator losses recorded per epoch and
  drawn in a figure that was shown.
- ``project.improves_baseline``: a trained model differs from the reference solution's baseline
  models (layers added, removed or replaced; a custom layer; a label input).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from grader.evidence.derived.models import compare_models
from grader.records.evidence import (
    Evidence,
    EvidenceRef,
    NotebookEvidence,
    SampleJudgement,
    TrainingRun,
)
from grader.records.review import ModelChange
from grader.rubric.checks.common import cell_no, cell_state, figures_of
from grader.rubric.outcome import Outcome, ScoringContext
from grader.rubric.registry import check

# ------------------------------------------------------------------ samples


class SamplesParams(BaseModel):
    """Thresholds of the recognisable-samples criterion (calibrated in rubrics/gan-digits.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_recognised: float = Field(0.6, ge=0, le=1)
    """Share of samples the judge recognises (confident and close to real digits)."""
    min_classes: int = Field(8, ge=1, le=10)
    """Distinct classes among the recognised samples (mode collapse gives few)."""
    min_label_match: float = Field(0.5, ge=0, le=1)
    """Conditional GAN: share of samples recognised as the class that was requested."""
    min_count: int = Field(50, ge=1)


@check("project.samples_recognisable", params=SamplesParams)
def samples_recognisable(evidence: Evidence, params: SamplesParams) -> Outcome:
    """o when some notebook's saved samples are recognisable digits (the requested ones for a
    conditional GAN); x when they are not or nothing was saved; △ when too few to judge."""
    usable = [s for s in evidence.samples if s.problem is None]
    if not usable:
        broken = [s for s in evidence.samples if s.problem is not None]
        if broken:
            first = broken[0]
            return Outcome.of(
                "x",
                "samples_unusable",
                [first.ref],
                file=first.path,
                problem=_PROBLEM_KO.get(first.problem or "", first.problem),
                detail=first.problem_detail or "-",
            )
        return _missing(evidence)
    judged = sorted(usable, key=lambda s: _passes(s, params), reverse=True)
    best = judged[0]
    summary = [_summary(s) for s in usable]
    refs = [s.ref for s in judged]
    if best.count < params.min_count:
        return Outcome.of(
            "△", "samples_too_few", refs, file=best.path, count=best.count, needed=params.min_count
        )
    facts = {
        "file": best.path,
        "count": best.count,
        "recognised": _pct(best.recognised_share),
        "classes": best.classes_covered,
        "summary": summary,
        "min_recognised": _pct(params.min_recognised),
        "min_classes": params.min_classes,
        "min_label_match": _pct(params.min_label_match),
    }
    if best.label_match_share is not None:
        facts["label_match"] = _pct(best.label_match_share)
        if best.label_match_share >= params.min_label_match:
            return Outcome.of("o", "samples_match_labels", refs, **facts)
        if _unconditional_ok(best, params):
            return Outcome.of("x", "samples_ignore_labels", refs, **facts)
        return Outcome.of("x", "samples_not_recognised", refs, **facts)
    if _unconditional_ok(best, params):
        return Outcome.of("o", "samples_recognised", refs, **facts)
    if best.recognised_share >= params.min_recognised:
        return Outcome.of("x", "samples_collapsed", refs, **facts)
    return Outcome.of("x", "samples_not_recognised", refs, **facts)


def _unconditional_ok(sample: SampleJudgement, params: SamplesParams) -> bool:
    return (
        sample.recognised_share >= params.min_recognised
        and sample.classes_covered >= params.min_classes
    )


def _passes(sample: SampleJudgement, params: SamplesParams) -> tuple[bool, float]:
    if sample.label_match_share is not None:
        return sample.label_match_share >= params.min_label_match, sample.label_match_share
    return _unconditional_ok(sample, params), sample.recognised_share


def _summary(sample: SampleJudgement) -> str:
    text = f"{sample.path}: {sample.count}장 중 {_pct(sample.recognised_share)} 인식"
    text += f", 클래스 {sample.classes_covered}개"
    if sample.label_match_share is not None:
        text += f", 요청한 라벨과 일치 {_pct(sample.label_match_share)}"
    return text


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


_PROBLEM_KO = {
    "artifact_symlink": "심볼릭 링크라서 읽지 않았습니다",
    "artifact_unreadable": "일반 파일이 아니거나 너무 커서 읽지 않았습니다",
    "artifact_not_npy": "np.save로 저장한 .npy 파일이 아닙니다 (pickle은 읽지 않습니다)",
    "artifact_bad_dtype": "숫자 배열이 아닙니다",
    "artifact_bad_shape": "모양이 (N, 8, 8)이 아닙니다",
    "artifact_empty": "샘플이 0개입니다",
    "artifact_not_finite": "모든 값이 NaN/inf입니다",
}

_SAMPLE_CODE = re.compile(r"generator|생성자|\bgen\b|\bG\(")


def _missing(evidence: Evidence) -> Outcome:
    """No samples file: △ when sample grids were at least shown, x otherwise."""
    shown: list[EvidenceRef] = []
    for notebook in evidence.notebooks:
        for cell in notebook.code:
            if cell.has_image and _SAMPLE_CODE.search(cell.source) and "imshow" in cell.source:
                shown += figures_of(notebook, cell.index)[:1] or [_code_ref(notebook, cell.index)]
    if shown:
        return Outcome.of("△", "samples_only_shown", shown, where=cell_no(shown[0]))
    return Outcome.of("x", "samples_missing")


# ------------------------------------------------------------------ losses

_GEN = re.compile(
    r"(?i)(?<![a-z])(gen(erator)?[ _]?loss|g_?loss|loss_?g(en)?(?![a-z])|err_?g(?![a-z])|"
    r"생성자\s*(의\s*)?(손실|loss))"
)
_DISC = re.compile(
    r"(?i)(?<![a-z])(disc(riminator)?[ _]?loss|d_?loss|loss_?d(isc)?(?![a-z])|err_?d(?![a-z])|"
    r"판별자\s*(의\s*)?(손실|loss))"
)


def _names_both(text: str) -> bool:
    return bool(_GEN.search(text)) and bool(_DISC.search(text))


@check("project.gan_losses_tracked")
def gan_losses_tracked(evidence: Evidence) -> Outcome:
    """o when generator and discriminator losses are drawn in a figure that was shown;
    x when they are only printed (or not recorded at all); △ when the plot was not shown."""
    plotted: list[EvidenceRef] = []
    unshown: list[EvidenceRef] = []
    recorded: list[EvidenceRef] = []
    for notebook in evidence.notebooks:
        plot_cells = {p.ref.cell for p in notebook.plots}
        for cell in notebook.code:
            if not _names_both(cell.source):
                continue
            if cell.index in plot_cells or "plot(" in cell.source:
                state = cell_state(notebook, cell.index)
                if state == "shown" and cell.has_image:
                    plotted += figures_of(notebook, cell.index)[:1] or [
                        _code_ref(notebook, cell.index)
                    ]
                    plotted.append(_code_ref(notebook, cell.index))
                else:
                    unshown.append(_code_ref(notebook, cell.index))
            elif cell.has_output:
                recorded.append(_code_ref(notebook, cell.index))
        recorded += [r.ref for r in notebook.runs if _gan_run(r)]
    if plotted:
        return Outcome.of("o", "gan_losses_plotted", plotted, where=cell_no(plotted[-1]))
    if unshown:
        return Outcome.of("△", "gan_loss_plot_not_shown", unshown, where=cell_no(unshown[0]))
    if recorded:
        return Outcome.of("x", "gan_losses_only_printed", recorded, where=cell_no(recorded[0]))
    return Outcome.of("x", "gan_losses_missing")


def _gan_run(run: TrainingRun) -> bool:
    """A run whose epochs name both losses, or a recorded custom GAN training loop."""
    names = " ".join(name for epoch in run.epochs for name in epoch.metrics)
    return _names_both(names) or (run.source == "trace" and "custom_loop" in run.ref.excerpt)


# ------------------------------------------------------------------ baseline


class BaselineParams(BaseModel):
    """Which of the reference solution's models are the baseline to improve on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    baseline_models: tuple[str, ...] = ()
    """Names of the reference's baseline builders; empty: all of the reference's models."""


@check("project.improves_baseline", params=BaselineParams)
def improves_baseline(
    evidence: Evidence, context: ScoringContext, params: BaselineParams
) -> Outcome:
    """o when a model that was trained differs in its layers from the baseline's (or a custom
    layer is used in a model); x when every model equals the baseline; △ without a baseline."""
    baseline = context.baseline
    if baseline is None:
        return Outcome.of("△", "baseline_unavailable")
    if params.baseline_models:
        kept = tuple(m for m in baseline.models if m.name in params.baseline_models)
        baseline = baseline.model_copy(update={"models": kept})
    changed: list[tuple[NotebookEvidence, ModelChange]] = []
    unrun: list[tuple[NotebookEvidence, ModelChange]] = []
    seen_models = 0
    for notebook in evidence.notebooks:
        for change in compare_models(notebook, baseline):
            seen_models += 1
            if not _is_change(change, notebook):
                continue
            state = cell_state(notebook, change.excerpt.cell if change.excerpt else None)
            target = changed if state in ("shown", "silent") else unrun
            target.append((notebook, change))
    if changed:
        described = [_describe(notebook, change) for notebook, change in changed[:4]]
        refs = [c.excerpt for _, c in changed if c.excerpt is not None]
        return Outcome.of("o", "baseline_improved", refs, changes=described, where=cell_no(refs[0]))
    if unrun:
        refs = [c.excerpt for _, c in unrun if c.excerpt is not None]
        return Outcome.of(
            "△",
            "baseline_change_not_run",
            refs,
            changes=[_describe(n, c) for n, c in unrun[:4]],
            where=cell_no(refs[0]),
        )
    if seen_models == 0:
        return Outcome.of("x", "baseline_no_models")
    return Outcome.of("x", "baseline_unchanged")


def _is_change(change: ModelChange, notebook: NotebookEvidence) -> bool:
    """Layer edits against the matched baseline model (a custom layer counts when used)."""
    if change.baseline is None:
        return False
    if change.edits:
        custom = {m.name for m in notebook.models if m.style == "custom_layer"}
        # A custom Layer class compared with a whole baseline model is only a change when some
        # cell builds a model with it.
        if change.name in custom:
            return bool(notebook.call_sites.get(change.name))
        return True
    return False


def _describe(notebook: NotebookEvidence, change: ModelChange) -> str:
    who = f"{notebook.member}: " if notebook.member else ""
    if change.name in {m.name for m in notebook.models if m.style == "custom_layer"}:
        inside = ", ".join(dict.fromkeys(change.layers))
        return f"{who}커스텀 층 {change.name}({inside}) 추가"
    parts = []
    for edit in change.edits[:3]:
        if edit.kind == "added":
            parts.append(f"{'+'.join(edit.new)} 추가")
        elif edit.kind == "removed":
            parts.append(f"{'+'.join(edit.old)} 제거")
        else:
            parts.append(f"{'+'.join(edit.old)} → {'+'.join(edit.new)}")
    return f"{who}{change.name}({', '.join(parts)}; 기준 {change.baseline})"


def _code_ref(notebook: NotebookEvidence, cell: int) -> EvidenceRef:
    source = next((c.source for c in notebook.code if c.index == cell), "")
    return EvidenceRef(source="code", notebook=notebook.path, cell=cell, excerpt=source[:400])
