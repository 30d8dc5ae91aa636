"""Verdicts: the graded checklist (stage 4 output) and the stable ``result.json`` contract."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from grader.records.app_result import AppResult
from grader.records.base import Record, RootRecord
from grader.records.evidence import EvidenceRef, Finding
from grader.records.execution import EvidenceMode, ExecutionStatus, Fallback, LimitHit
from grader.records.review import MemberReview

Mark = Literal["o", "x", "△", "n/a"]


class Verdict(Record):
    """The judgement of one checklist item."""

    id: str
    """Stable item id (``problem_solving.data_split``)."""
    label: str
    """The course template's question for this item (Korean)."""
    section: str
    mark: Mark
    reason: str
    """Machine-readable reason code (``missing_validation_split``)."""
    comment: str
    """Korean comment: what was found or what is missing, and where."""
    evidence: tuple[EvidenceRef, ...] = ()
    facts: dict[str, Any] = Field(default_factory=dict)
    """Values behind the comment (counts, metric values), for reports and scripts."""


class SectionResult(Record):
    """A template section with its items and its own mark (o when every applicable item is)."""

    id: str
    title: str
    mark: Mark
    items: tuple[Verdict, ...]


class Problem(Record):
    """Something that went wrong with the submission, said in Korean."""

    code: str
    message_ko: str
    path: str | None = None


class SampleGrid(Record):
    """A picture of a samples file the notebook saved (first tiles, as a PNG grid)."""

    path: str
    """The samples file, relative to the submission root (as the evidence names it)."""
    png: str
    """Base64 PNG."""


SCORE_RULE_KO = (
    "해당 없음을 뺀 항목마다 충족(o) 1점, 확인 필요(△) 0.5점, 미흡(x) 0점을 주어 평균한 값입니다. "
    "확인 필요 항목은 사람이 확인하면 바뀔 수 있습니다."
)
"""The score rule stated in every report, ``result.json``, the class summary and the CSV."""


class Result(RootRecord):
    """Everything graded for one submission; written as ``result.json``."""

    submission: str
    assignment_id: str | None
    assignment_title: str | None = None
    mode: EvidenceMode | None
    """``None`` when the submission was rejected before any evidence was taken."""
    sandboxed: bool = False
    execution_status: ExecutionStatus = "completed"
    """``--run``: whether the notebooks were executed to the end (see :class:`Execution`)."""
    execution_reason_ko: str = ""
    """Why the execution did not complete, in Korean."""
    fallback: Fallback = "none"
    """``stored``: the stored outputs were graded because execution failed (``--fallback``)."""
    members: tuple[str, ...] = ()
    sections: tuple[SectionResult, ...] = ()
    limits_hit: tuple[LimitHit, ...] = ()
    problems: tuple[Problem, ...] = ()
    findings: tuple[Finding, ...] = ()
    """Silent bugs seen in the trace (leakage, unscaled test set ...), for the instructor."""
    apps: tuple[AppResult, ...] = ()
    """What the app probe saw (screenshots left out: they stay in ``execution.json``)."""
    reviews: tuple[MemberReview, ...] = ()
    """Per notebook (team member): models and their changes against the baseline."""
    sample_grids: tuple[SampleGrid, ...] = ()
    """Generated samples saved as arrays, drawn (the report shows them beside their item)."""
    score: float = 0.0
    """Share of applicable items marked o (△ counts half): see :data:`SCORE_RULE_KO`."""
    score_rule: str = ""
    """How ``score`` is computed, in words (filled with :data:`SCORE_RULE_KO`)."""
    grader_version: str = ""

    @property
    def items(self) -> tuple[Verdict, ...]:
        return tuple(item for section in self.sections for item in section.items)

    def item(self, item_id: str) -> Verdict:
        for verdict in self.items:
            if verdict.id == item_id:
                return verdict
        raise KeyError(item_id)

    @classmethod
    def from_contract(cls, data: dict[str, Any]) -> Result:
        """Read a ``result.json`` document back (the flat ``items`` list is derived)."""
        return cls.model_validate({k: v for k, v in data.items() if k != "items"})

    @model_validator(mode="after")
    def _with_rule(self) -> Result:
        if not self.score_rule:
            object.__setattr__(self, "score_rule", SCORE_RULE_KO)
        return self

    def to_contract(self) -> dict[str, Any]:
        """The stable JSON document (``result.json``): sections plus a flat ``items`` list."""
        data = self.model_dump(mode="json")
        data["items"] = [item.model_dump(mode="json") for item in self.items]
        return data
