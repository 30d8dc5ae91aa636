"""Rubric YAML -> validated rubric; every check name and its params are checked here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from grader.errors import RubricSchemaError
from grader.rubric.catalog import lookup_check
from grader.rubric.registry import CheckSpec
from grader.rubric.schema import ItemSpec, ProjectRubric, Rubric
from grader.schema_errors import describe

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class BoundItem:
    """An item with its check resolved and its params validated."""

    spec: ItemSpec
    check: CheckSpec
    params: BaseModel
    section: str


@dataclass(frozen=True)
class LoadedRubric:
    """The common rubric, optionally with an assignment's project rubric merged in."""

    rubric: Rubric
    project: ProjectRubric | None
    items: tuple[BoundItem, ...]
    """Project criteria first (completeness needs them), then the common items in order."""

    @property
    def project_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.project.criteria) if self.project else ()


def load_rubric(common_path: Path, project_path: Path | None = None) -> LoadedRubric:
    """Load and validate the common rubric and, when given, an assignment's project rubric."""
    rubric = _read_model(common_path, Rubric)
    project = _read_model(project_path, ProjectRubric) if project_path else None
    overrides = project.params if project else {}
    common_ids = {item.id for section in rubric.sections for item in section.items}
    if project:
        unknown = (set(overrides) | set(project.not_applicable)) - common_ids
        if unknown:
            raise RubricSchemaError(
                f"{project_path} 가 없는 항목을 가리킵니다: {', '.join(sorted(unknown))}",
                detail=str(sorted(unknown)),
            )
    items: list[BoundItem] = []
    if project:
        items += [_bind(spec, "completeness", {}, project_path) for spec in project.criteria]
    for section in rubric.sections:
        for spec in section.items:
            labelled = _with_label(spec, project)
            items.append(_bind(labelled, section.id, overrides.get(spec.id, {}), common_path))
    return LoadedRubric(rubric, project, tuple(items))


def _with_label(spec: ItemSpec, project: ProjectRubric | None) -> ItemSpec:
    """The item with its label's ``{total}`` / ``{required}`` filled from the project rubric."""
    if project is None:
        label = spec.label_without_project or spec.label
    else:
        total, required = len(project.criteria), project.required_criteria
        label = spec.label.replace("{total}", str(total)).replace("{required}", str(required))
    return spec if label == spec.label else spec.model_copy(update={"label": label})


def _bind(
    spec: ItemSpec, section: str, override: dict[str, object], path: Path | None
) -> BoundItem:
    check = lookup_check(spec.check)
    try:
        params = check.params_model.model_validate({**spec.params, **override})
    except ValidationError as exc:
        raise RubricSchemaError(
            f"{path}: 항목 '{spec.id}'의 검사 '{spec.check}' 매개변수가 잘못되었습니다: "
            f"{describe(exc, check.params_model, noun='매개변수')}",
            detail=str(exc),
        ) from exc
    return BoundItem(spec, check, params, section)


def _read_model(path: Path, model: type[M]) -> M:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RubricSchemaError(f"루브릭 파일 {path} 이(가) 없습니다.", detail=str(path)) from exc
    except yaml.YAMLError as exc:
        raise RubricSchemaError(
            f"루브릭 파일 {path}: YAML로 읽을 수 없습니다.", detail=str(exc)
        ) from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RubricSchemaError(
            f"루브릭 파일 {path} 의 형식이 잘못되었습니다: {describe(exc, model)}",
            detail=str(exc),
        ) from exc
