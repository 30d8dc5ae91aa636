"""Per-member review: what each notebook changed against the reference solution's models."""

from __future__ import annotations

from typing import Literal

from grader.records.base import Record
from grader.records.evidence import EvidenceRef


class LayerEdit(Record):
    """One difference between a model's layer sequence and the baseline's."""

    kind: Literal["added", "removed", "replaced"]
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()


class ModelChange(Record):
    """A model of the notebook set against the baseline model it corresponds to."""

    name: str
    baseline: str | None = None
    """Name of the matched reference model; ``None`` when there is no baseline."""
    layers: tuple[str, ...]
    baseline_layers: tuple[str, ...] = ()
    edits: tuple[LayerEdit, ...] = ()
    params: int | None = None
    baseline_params: int | None = None
    excerpt: EvidenceRef | None = None
    """The code where the model is built (a builder function, a class, a Sequential)."""

    @property
    def params_change(self) -> float | None:
        """Relative change of the parameter count, when both counts are known."""
        if not self.params or not self.baseline_params:
            return None
        return (self.params - self.baseline_params) / self.baseline_params


class MemberReview(Record):
    """What one notebook (one team member) built and how far it got."""

    notebook: str
    member: str | None = None
    models: tuple[ModelChange, ...] = ()
    custom_layers: tuple[ModelChange, ...] = ()
    """Layer classes the student wrote (no baseline: their inner layers and code)."""
    runs: int = 0
    seconds_per_epoch: float | None = None
    """Median wall time of an epoch over the notebook's logged runs."""
    baseline_seconds_per_epoch: float | None = None
    best_metric: str | None = None
    """e.g. ``테스트 정확도 97.2%`` (the best test reading), when one was printed."""
    ran_to_end: bool = True

    @property
    def changed(self) -> tuple[ModelChange, ...]:
        """Models that differ from their baseline, or have none to compare with."""
        return tuple(m for m in self.models if m.edits or m.baseline is None)

    @property
    def unchanged(self) -> tuple[ModelChange, ...]:
        return tuple(m for m in self.models if m.baseline is not None and not m.edits)
