from __future__ import annotations

from pathlib import Path

import yaml

import grader.rubric
from grader.records.verdict import Result, SectionResult, Verdict
from grader.report.triage import RUN_ONLY_REASONS, triage


def _verdict(item_id: str, mark: str, reason: str) -> Verdict:
    return Verdict(id=item_id, label=item_id, section="s", mark=mark, reason=reason, comment="…")


def _result(*verdicts: Verdict) -> Result:
    section = SectionResult(id="s", title="s", mark="x", items=verdicts)
    return Result(submission="a", assignment_id=None, mode="stored_outputs", sections=(section,))


def test_app_items_that_need_a_run_are_neither_to_fix_nor_to_confirm():
    result = _result(
        _verdict("a", "o", "ok"),
        _verdict("b", "x", "explanation_missing"),
        _verdict("c", "△", "no_validation_split"),
        _verdict("app.works", "△", "app_not_probed"),
        _verdict("app.model_works", "△", "app_model_not_probed"),
        _verdict("d", "n/a", "not_required"),
    )
    todo = triage(result)
    assert [v.id for v in todo.to_fix] == ["b"]
    assert [v.id for v in todo.to_confirm] == ["c"]
    assert [v.id for v in todo.needs_run] == ["app.works", "app.model_works"]
    assert not todo.clean


def test_only_run_items_left_is_clean():
    todo = triage(_result(_verdict("a", "o", "ok"), _verdict("app.works", "△", "app_not_probed")))
    assert todo.clean and len(todo.needs_run) == 1


def test_an_x_app_item_is_still_to_fix():
    todo = triage(_result(_verdict("app.works", "x", "app_not_probed")))
    assert todo.to_fix and not todo.needs_run


def test_run_only_reasons_are_known_message_codes():
    """A renamed reason code would silently make app items count as to fix again."""
    catalogue = Path(grader.rubric.__file__).parent / "messages_ko.yaml"
    codes = set(yaml.safe_load(catalogue.read_text(encoding="utf-8")))
    assert RUN_ONLY_REASONS <= codes
