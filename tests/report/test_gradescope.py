from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from grader.records import Result
from grader.report.gradescope import RESULTS_FILE, gradescope_results, write_gradescope_results
from grader.rubric.score import overall_score

SCHEMA_PATH = Path(__file__).with_name("gradescope_results.schema.json")


def validate(document: dict[str, Any]) -> None:
    """Raise when ``document`` is not a Gradescope ``results.json``."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


def test_results_json_validates_and_scores_like_the_result(
    make_result: Callable[..., Result], tmp_path: Path
):
    result = make_result()
    path = write_gradescope_results(result, tmp_path, execution_time_s=3.6)
    assert path.name == RESULTS_FILE
    document = json.loads(path.read_text(encoding="utf-8"))
    validate(document)
    applicable = [i for i in result.items if i.mark != "n/a"]
    assert len(document["tests"]) == len(result.items)
    assert len([t for t in document["tests"] if t["max_score"] > 0]) == len(applicable)
    expected = overall_score(result.sections)  # the factory's own score field is made up
    assert document["score"] / document["max_score"] == pytest.approx(expected, abs=0.01)
    assert document["execution_time"] == 4
    first = next(t for t in document["tests"] if t["number"] == applicable[0].id)
    marks_ko = {"o": "충족", "x": "미흡", "△": "확인 필요"}
    assert first["output"].startswith(f"{marks_ko[applicable[0].mark]}: ")
    assert result.mode == "executed" and document["output"].startswith("샌드박스에서 실행해")
    stored = gradescope_results(result.model_copy(update={"mode": "stored_outputs"}))
    assert "저장된 출력" in stored["output"]


def test_a_rejected_submission_scores_zero(rejected: Result):
    document = gradescope_results(rejected)
    validate(document)
    assert document["score"] == 0
    assert all(t["status"] == "failed" for t in document["tests"] if t["max_score"])
    assert "열 수 없어" in document["output"]


def test_the_schema_refuses_what_gradescope_would_not_read():
    with pytest.raises(jsonschema.ValidationError):
        validate({"score": 1, "tests": [{"name": "x", "status": "ok"}]})
    with pytest.raises(jsonschema.ValidationError):
        validate({"scores": 1})
