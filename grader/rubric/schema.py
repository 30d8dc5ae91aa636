"""Rubric files (YAML) as pydantic models: extra keys are refused, every key documented."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemSpec(_Strict):
    """One checklist item and the check that judges it."""

    id: str = Field(description="Stable item id, e.g. problem_solving.data_split.")
    label: str = Field(
        description="The course template's question, shown in the report. In the completeness "
        "item, {total} and {required} are filled from the assignment's project rubric."
    )
    label_without_project: str | None = Field(
        None, description="Label used instead when the assignment has no project rubric."
    )
    check: str = Field(description="Name of a registered check.")
    params: dict[str, Any] = Field(
        default_factory=dict, description="Parameters validated by the check's own model."
    )


class SectionSpec(_Strict):
    """A template section (완성도, 설명 ...)."""

    id: str = Field(description="Section id, e.g. explanation.")
    title: str = Field(description="The section's question as written in the template.")
    items: tuple[ItemSpec, ...] = Field(description="Sub-items in template order.")


class Rubric(_Strict):
    """The common peer-review rubric (``rubrics/peer_review.yaml``)."""

    schema_version: Literal[1] = Field(1, description="Rubric file format version.")
    id: str = Field(description="Rubric id.")
    title: str = Field(description="Title shown on reports.")
    sections: tuple[SectionSpec, ...] = Field(description="Sections in template order.")


class ProjectRubric(_Strict):
    """An assignment's own rubric (``rubrics/<assignment-id>.yaml``)."""

    schema_version: Literal[1] = Field(1, description="Rubric file format version.")
    assignment: str = Field(description="Assignment id this rubric belongs to.")
    criteria: tuple[ItemSpec, ...] = Field(
        description="The project criteria (ids start with 'project.'); required_criteria of "
        "them make 완성도."
    )
    required_criteria: int = Field(2, description="How many criteria completeness needs.")
    not_applicable: dict[str, str] = Field(
        default_factory=dict,
        description="Common item id -> Korean reason it does not apply to this assignment.",
    )
    params: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Common item id -> parameter overrides (e.g. min_trials).",
    )

    @model_validator(mode="after")
    def _required_fits(self) -> ProjectRubric:
        count = len(self.criteria)
        if not 1 <= self.required_criteria <= count:
            raise ValueError(
                f"required_criteria({self.required_criteria})는 1 이상, criteria 개수({count}) "
                "이하여야 합니다"
            )
        return self
