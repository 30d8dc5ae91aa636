from __future__ import annotations

from pathlib import Path

import pytest

from grader.errors import RubricSchemaError, UnknownCheckError
from grader.paths import rubrics_dir
from grader.rubric.load import load_rubric

COMMON = rubrics_dir() / "peer_review.yaml"

FIXED_IDS = [
    "completeness",
    "explanation.model",
    "explanation.hyperparameters",
    "explanation.preprocessing",
    "problem_solving.data_split",
    "problem_solving.hparam_trials",
    "problem_solving.visual_comparison",
    "problem_solving.results_recorded",
    "retrospective.learned",
    "retrospective.regrets",
    "retrospective.felt",
    "retrospective.difficulties",
    "app.works",
    "app.model_works",
]


def test_common_rubric_has_the_fixed_item_ids_in_template_order():
    rubric = load_rubric(COMMON)
    assert [item.spec.id for item in rubric.items] == FIXED_IDS
    assert [s.id for s in rubric.rubric.sections] == [
        "completeness",
        "explanation",
        "problem_solving",
        "retrospective",
        "app",
    ]


def test_project_rubric_puts_criteria_first_and_applies_overrides():
    rubric = load_rubric(COMMON, rubrics_dir() / "cnn-digits.yaml")
    ids = [item.spec.id for item in rubric.items]
    assert ids[:3] == ["project.test_accuracy", "project.regularization", "project.error_analysis"]
    assert rubric.project_ids == tuple(ids[:3])
    assert all(i.section == "completeness" for i in rubric.items[:3])


def test_unknown_key_is_refused(tmp_path: Path):
    bad = tmp_path / "r.yaml"
    bad.write_text(COMMON.read_text(encoding="utf-8") + "\nextra_key: 1\n", encoding="utf-8")
    with pytest.raises(RubricSchemaError):
        load_rubric(bad)


def test_unknown_check_is_refused_at_load_time(tmp_path: Path):
    bad = tmp_path / "r.yaml"
    bad.write_text(
        COMMON.read_text(encoding="utf-8").replace("check: app.works", "check: app.flies"),
        encoding="utf-8",
    )
    with pytest.raises(UnknownCheckError):
        load_rubric(bad)


def test_bad_params_are_refused_at_load_time(tmp_path: Path):
    project = tmp_path / "p.yaml"
    project.write_text(
        "schema_version: 1\nassignment: t\ncriteria:\n"
        "  - {id: project.acc, label: x, check: project.metric_threshold, params: {metric: accuracy}}\n",
        encoding="utf-8",
    )
    with pytest.raises(RubricSchemaError):
        load_rubric(COMMON, project)


def test_not_applicable_must_name_a_common_item(tmp_path: Path):
    project = tmp_path / "p.yaml"
    project.write_text(
        "schema_version: 1\nassignment: t\nrequired_criteria: 1\ncriteria:\n"
        "  - {id: project.e, label: x, check: project.error_analysis}\n"
        "not_applicable: {app.flies: nope}\n",
        encoding="utf-8",
    )
    with pytest.raises(RubricSchemaError):
        load_rubric(COMMON, project)


def _project(tmp_path: Path, criteria: str, required: int = 2) -> Path:
    project = tmp_path / "p.yaml"
    project.write_text(
        f"schema_version: 1\nassignment: t\nrequired_criteria: {required}\ncriteria:\n{criteria}",
        encoding="utf-8",
    )
    return project


THREE = "".join(
    f"  - {{id: project.e{i}, label: x, check: project.error_analysis}}\n" for i in range(4)
)


def test_a_misspelled_parameter_is_named_with_the_ones_the_check_takes(tmp_path: Path):
    project = _project(
        tmp_path,
        "  - {id: project.acc, label: x, check: project.metric_threshold,\n"
        "     params: {metric: accuracy, at_leest: 0.9}}\n",
        required=1,
    )
    with pytest.raises(RubricSchemaError) as caught:
        load_rubric(COMMON, project)
    message = caught.value.message_ko
    assert "'project.acc'" in message and "'at_leest'" in message
    assert "'at_least'의 오타인가요?" in message
    assert "매개변수가 잘못되었습니다:" in message


def test_a_misspelled_rubric_key_is_named(tmp_path: Path):
    project = _project(
        tmp_path, "  - {id: project.e, label: x, chek: project.error_analysis}\n", required=1
    )
    with pytest.raises(RubricSchemaError) as caught:
        load_rubric(COMMON, project)
    assert "'criteria.0.chek'" in caught.value.message_ko
    assert "'check'의 오타인가요?" in caught.value.message_ko


def test_required_criteria_cannot_exceed_the_criteria(tmp_path: Path):
    project = _project(tmp_path, "  - {id: project.e, label: x, check: project.error_analysis}\n")
    with pytest.raises(RubricSchemaError) as caught:
        load_rubric(COMMON, project)
    assert "required_criteria(2)" in caught.value.message_ko


def test_completeness_label_uses_the_packs_own_numbers(tmp_path: Path):
    rubric = load_rubric(COMMON, _project(tmp_path, THREE, required=3))
    [completeness] = [i for i in rubric.items if i.spec.id == "completeness"]
    assert "프로젝트 루브릭 4개 중 3개" in completeness.spec.label


def test_completeness_label_without_a_project_names_no_numbers():
    [completeness] = [i for i in load_rubric(COMMON).items if i.spec.id == "completeness"]
    assert "{" not in completeness.spec.label and "개 중" not in completeness.spec.label
