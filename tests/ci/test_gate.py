from __future__ import annotations

import pytest

from grader.ci.gate import Gate, exit_status, judge, rubric_item_ids, unknown_items
from grader.errors import AssignmentError

from .conftest import make_result, rejected_result


def test_score_below_the_minimum_fails_with_the_reason(mixed):
    outcome = judge(mixed, Gate(min_score=0.8))
    assert not outcome.passed and outcome.status == 1
    assert outcome.reasons_ko == ("점수 50점이 기준 80점보다 낮습니다.",)
    assert judge(mixed, Gate(min_score=0.5)).passed


def test_required_items_must_be_o_but_n_a_does_not_block(mixed):
    failed = judge(mixed, Gate(required=("problem_solving.hparam_trials", "problem_solving.data_split")))
    assert failed.status == 1
    assert failed.reasons_ko == ("꼭 충족해야 하는 항목을 충족하지 못했습니다: problem_solving.hparam_trials 항목(x)",)
    assert judge(mixed, Gate(required=("app.model_works", "problem_solving.data_split"))).passed


def test_a_submission_that_cannot_be_opened_is_status_2():
    outcome = judge(rejected_result(), Gate())
    assert not outcome.graded and outcome.status == 2
    assert outcome.reasons_ko == ("JSON이 깨졌습니다.",)


def test_exit_status_is_the_worst_outcome(mixed):
    passed = judge(make_result(("a", "o", "ok"), score=1.0), Gate(min_score=0.9))
    failed = judge(mixed, Gate(min_score=0.9))
    ungraded = judge(rejected_result(), Gate())
    assert exit_status([passed]) == 0
    assert exit_status([passed, failed]) == 1
    assert exit_status([failed, ungraded, passed]) == 2


def test_rubric_item_ids_include_the_project_criteria():
    ids = rubric_item_ids("cnn-digits")
    assert "project.test_accuracy" in ids and "app.works" in ids
    assert "project.test_accuracy" not in rubric_item_ids(None)
    assert unknown_items(["completeness", "nope"], ids) == ["nope"]
    with pytest.raises(AssignmentError):
        rubric_item_ids("no-such-pack")
