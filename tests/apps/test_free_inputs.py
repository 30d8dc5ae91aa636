"""Probe inputs without an assignment (quick: nothing is started here).

Rows the recorder kept become unlabelled samples; the service judgement then asks only "did it
answer", the model is △ unless every answer is plainly broken, and the comments say what was
sent and where it came from.
"""

from __future__ import annotations

import json
from pathlib import Path

from grader.apps.detect import Route, with_written_apps
from grader.apps.notebook_inputs import notebook_samples
from grader.apps.samples import Sample, SampleSet
from grader.apps.transports.gradio import _gradio_args
from grader.apps.transports.http import _json_body, _payload_forms, declared_body_keys
from grader.apps.verdict import model_ok, service_diagnosis
from grader.records.app_result import AppProbe, AppResult
from grader.records.evidence import Evidence
from grader.records.execution import ExecutedNotebook, Execution
from grader.records.trace import Trace, TraceRows
from grader.rubric.checks.app import app_model_works, app_works
from grader.rubric.messages import render_comment
from grader.submission.load import load_submission

ROWS = SampleSet(
    samples=(Sample(id="행 1", values=(5.0, 3.0, 1.5, 0.2)),), origin="notebook", note="테스트 행"
)


def _execution(*rows: TraceRows) -> Execution:
    notebook = ExecutedNotebook(path="a.ipynb", cells=(), ran_to_end=True, trace=Trace(rows=rows))
    return Execution(mode="executed", notebooks=(notebook,))


def test_the_test_part_is_preferred_to_training_rows_and_is_described() -> None:
    train = TraceRows(framework="sklearn", source="split_train", shape=(90, 2), rows=([9, 9],))
    test = TraceRows(
        cell=2,
        framework="sklearn",
        source="split_test",
        shape=(30, 2),
        dtype="float64",
        rows=([1.5, 2.0], [3.0, 4.0]),
    )
    samples = notebook_samples(_execution(train, test))
    assert samples is not None and samples.origin == "notebook"
    assert [s.values for s in samples.samples] == [(1.5, 2.0), (3.0, 4.0)]
    assert samples.note == "train_test_split의 테스트 부분 (셀 3, shape 30×2, float64)"
    assert notebook_samples(_execution()) is None


def test_image_rows_are_flattened_and_text_rows_become_text() -> None:
    image = TraceRows(framework="keras", source="evaluate", rows=([[0, 1], [2, 3]],))
    [sample] = notebook_samples(_execution(image)).samples  # type: ignore[union-attr]
    assert sample.values == (0.0, 1.0, 2.0, 3.0)
    text = TraceRows(framework="keras", source="predict", rows=(["정말 재미있는 영화"],))
    [sample] = notebook_samples(_execution(text)).samples  # type: ignore[union-attr]
    assert sample.text == "정말 재미있는 영화"


def _answer(predicted: str | None, output: str = "dict(score)") -> AppProbe:
    return AppProbe(input="행 1 (json 'x')", ok=True, output=output, predicted=predicted)


def test_unlabelled_answers_are_answers_and_the_model_stays_undecided() -> None:
    probes = [_answer(None, "dict(probabilities)")]
    assert service_diagnosis(probes, ROWS, "none") == "none"  # no label key is not a failure
    assert model_ok(probes, ROWS) is None
    assert model_ok([_answer("nan", "float")], ROWS) is False
    failed = [AppProbe(input="행 1", ok=False, error="HTTP 500")]
    assert service_diagnosis(failed, ROWS, "none") == "exception_per_request"


def test_a_first_session_that_raised_is_the_diagnosis() -> None:
    first = AppProbe(input="첫 세션 (입력 없이)", ok=False, error="KeyError: 'x'")
    assert service_diagnosis([], ROWS, "none", first) == "first_session_error"
    fine = first.model_copy(update={"ok": True, "error": ""})
    empty = SampleSet(samples=(), origin="schema")
    assert service_diagnosis([], empty, "none", fine) == "none"


def _result(**fields: object) -> Evidence:
    base: dict[str, object] = {"kind": "flask", "entry": "serve.py", "started": True}
    result = AppResult.model_validate({**base, **fields})
    return Evidence(mode="executed", notebooks=(), app_results=(result,))


def test_comments_say_what_was_sent_and_where_it_came_from() -> None:
    probe = _answer("1", "dict(label)")
    evidence = _result(
        answered=1, probes=(probe,), inputs_from="notebook", inputs_note="검증 데이터 (shape 20×4)"
    )
    works, model = app_works(evidence), app_model_works(evidence)
    assert (works.mark, model.mark) == ("o", "△")
    comment = render_comment(works.reason, works.facts)
    assert "검증 데이터 (shape 20×4)" in comment and "행 1 (json 'x')" in comment
    assert "dict(label)" in comment and "serve.py" in comment
    assert model.reason == "app_model_no_labels"


def test_a_streamlit_script_raising_on_its_first_session_is_x() -> None:
    first = AppProbe(input="첫 세션 (입력 없이)", ok=False, error="ValueError: bad shape")
    evidence = _result(
        kind="streamlit",
        diagnosis="first_session_error",
        error="ValueError: bad shape",
        first_session=first,
        inputs_from="none",
    )
    works = app_works(evidence)
    assert (works.mark, works.reason) == ("x", "app_first_session_error")
    assert "ValueError: bad shape" in render_comment(works.reason, works.facts)
    assert app_model_works(evidence).mark == "x"


def test_flask_fields_are_sent_by_column_or_by_the_keys_the_handler_reads() -> None:
    route = Route("/predict", ("POST",), "predict", keys=("length", "width"))
    columns = ROWS.model_copy(update={"columns": ("length", "width", "a", "b")})
    assert _payload_forms(route, columns)[:2] == [("columns", ""), ("fields", "")]
    body = _json_body(route, ROWS.samples[0], "fields", "", ROWS)
    assert body == {"length": 5.0, "width": 3.0}


def test_fastapi_body_fields_come_from_its_openapi_schema() -> None:
    openapi = {
        "paths": {
            "/predict": {
                "post": {
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Flower"}}
                        }
                    }
                }
            }
        },
        "components": {"schemas": {"Flower": {"properties": {"length": {}, "width": {}}}}},
    }
    assert declared_body_keys(openapi, "/predict") == ("length", "width")
    assert declared_body_keys({"paths": "oops"}, "/predict") == ()


def test_gradio_number_inputs_take_one_value_each_and_fall_back_to_api_examples() -> None:
    params = [{"component": "Number"}, {"component": "Number"}, {"component": "Textbox"}]
    args, how = _gradio_args(params[:2], ROWS.samples[0], ROWS, str)
    assert args == [5.0, 3.0] and how == "숫자"
    schema = SampleSet(samples=(), origin="schema")
    with_examples = [{"component": "Textbox", "example_input": "hello"}]
    assert _gradio_args(with_examples, Sample(id="API 예시 입력"), schema, str)[0] == ["hello"]


def test_apps_written_by_writefile_are_probed_after_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "sub"
    folder.mkdir()
    cell = {
        "cell_type": "code",
        "metadata": {},
        "outputs": [],
        "execution_count": 1,
        "source": "%%writefile serve/api.py\nfrom flask import Flask\napp = Flask(__name__)\n",
    }
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "nb.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    submission = load_submission(folder, work_dir=tmp_path / "work")
    assert with_written_apps(submission).app_files == ()  # not written yet
    written = Path(submission.root, "serve", "api.py")
    written.parent.mkdir()
    written.write_text(str(cell["source"]).split("\n", 1)[1], encoding="utf-8")
    assert with_written_apps(submission).app_files == ("serve/api.py",)


def test_inputs_the_app_refuses_as_malformed_leave_it_undecided() -> None:
    refused = [AppProbe(input="행 1 (json 'x')", ok=False, error="HTTP 422: field required")]
    assert service_diagnosis(refused, ROWS, "none") == "inputs_refused"
    crashed = [AppProbe(input="행 1 (json 'x')", ok=False, error="HTTP 500: boom")]
    assert service_diagnosis(crashed, ROWS, "none") == "exception_per_request"
    evidence = _result(diagnosis="inputs_refused", probes=tuple(refused), error="HTTP 422")
    works = app_works(evidence)
    assert (works.mark, works.reason) == ("△", "app_inputs_refused")
    assert "HTTP 422" in render_comment(works.reason, works.facts)
