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
        "schema_version: 1\nassignment: t\ncriteria: []\nnot_applicable: {app.flies: nope}\n",
        encoding="utf-8",
    )
    with pytest.raises(RubricSchemaError):
        load_rubric(COMMON, project)
