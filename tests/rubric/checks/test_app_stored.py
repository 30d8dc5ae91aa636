"""5. 앱 from stored outputs: what counts as an app, and what a notebook predict() is."""

from __future__ import annotations

import json
from pathlib import Path

from grader.evidence.build import build_evidence
from grader.execute import stored_execution
from grader.records.evidence import Evidence
from grader.rubric.checks.app import AppParams, app_model_works, app_works
from grader.rubric.messages import render_comment
from grader.submission.load import load_submission

PREDICT_CELL = "def predict_label(model, rows):\n    return model.predict(rows).argmax(-1)\n"
FLASK_SERVER = (
    "from flask import Flask, request, jsonify\nimport joblib\n"
    "app = Flask(__name__)\nmodel = joblib.load('model.joblib')\n"
    "@app.route('/predict', methods=['POST'])\ndef predict():\n"
    "    return jsonify(label=int(model.predict([request.json['features']])[0]))\n"
)
PAGE = (
    "<html><body><form id='f'><input name='x'></form><script>\n"
    "async function send(v) {\n"
    "  const r = await fetch('/predict', {method: 'POST', body: JSON.stringify({features: v})});\n"
    "  document.body.innerText = await r.text();\n}\n</script></body></html>\n"
)


def _cell(source: str) -> dict[str, object]:
    return {
        "cell_type": "code",
        "metadata": {},
        "outputs": [],
        "execution_count": 1,
        "source": source,
    }


def _evidence(tmp_path: Path, cells: list[str], files: dict[str, str] | None = None) -> Evidence:
    folder = tmp_path / "sub"
    folder.mkdir()
    notebook = {
        "cells": [_cell(c) for c in cells],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (folder / "project.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    for name, text in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    submission = load_submission(folder, work_dir=tmp_path / "work")
    return build_evidence(submission, stored_execution(submission), None)


def test_a_notebook_predict_function_is_no_app(tmp_path: Path) -> None:
    evidence = _evidence(tmp_path, ["import numpy as np", PREDICT_CELL])
    works, model = app_works(evidence), app_model_works(evidence)
    assert (works.mark, works.reason) == ("x", "app_predict_function_only")
    assert works.facts["function"] == "predict_label" and str(works.facts["where"]).endswith("셀 2")
    assert (model.mark, model.reason) == ("x", "no_app_model_predict_only")
    assert "앱으로 보지 않습니다" in render_comment(works.reason, works.facts)


def test_the_predict_function_the_assignment_names_is_its_app(tmp_path: Path) -> None:
    evidence = _evidence(tmp_path, [PREDICT_CELL])
    named = AppParams(predict_function="predict_label")
    assert app_works(evidence, named).mark == "△"
    assert app_model_works(evidence, named).mark == "△"
    assert app_works(evidence, AppParams(predict_function="other")).mark == "x"


def test_a_web_page_posting_to_an_endpoint_with_its_server_is_one_app(tmp_path: Path) -> None:
    files = {"server/app.py": FLASK_SERVER, "web/index.html": PAGE}
    evidence = _evidence(tmp_path, [PREDICT_CELL], files)
    outcome = app_works(evidence)
    assert (outcome.mark, outcome.reason) == ("△", "app_not_probed_client")
    assert outcome.facts["where"] == "server/app.py" and outcome.facts["client"] == "web/index.html"
    comment = render_comment(outcome.reason, outcome.facts)
    assert (
        comment.startswith("저장된 출력만으로는 앱을 실행해 볼 수 없어") and "/predict" in comment
    )


def test_a_client_alone_is_undecided_and_says_the_server_is_missing(tmp_path: Path) -> None:
    dart = (
        "import 'package:http/http.dart' as http;\n"
        "Future<void> go() async {\n"
        "  final r = await http.post(Uri.parse('http://10.0.2.2:8000/digits'), body: '1');\n}\n"
    )
    evidence = _evidence(tmp_path, ["x = 1"], {"lib/main.dart": dart})
    outcome = app_works(evidence)
    assert (outcome.mark, outcome.reason) == ("△", "app_client_without_server")
    assert outcome.facts["endpoint"] == "http://10.0.2.2:8000/digits"
    assert "서버 코드" in render_comment(outcome.reason, outcome.facts)
    assert app_model_works(evidence).reason == "app_model_client_without_server"


def test_a_page_that_sends_nothing_is_no_app(tmp_path: Path) -> None:
    evidence = _evidence(tmp_path, ["x = 1"], {"index.html": "<html><h1>결과</h1></html>"})
    assert app_works(evidence).reason == "no_app"


def test_an_app_written_by_writefile_counts_and_is_named(tmp_path: Path) -> None:
    cell = "%%writefile serve/app_digits.py\n" + FLASK_SERVER
    evidence = _evidence(tmp_path, ["import numpy as np", cell])
    outcome = app_works(evidence)
    assert (outcome.mark, outcome.reason) == ("△", "app_not_probed")
    assert str(outcome.facts["where"]).endswith("셀 2의 %%writefile serve/app_digits.py")
    assert outcome.facts["kind"] == "Flask 앱"


def test_the_file_that_builds_the_app_is_named_before_its_helpers(tmp_path: Path) -> None:
    helper = "from fastapi import HTTPException\n\ndef bad():\n    raise HTTPException(400)\n"
    server = "from fastapi import FastAPI\napp = FastAPI()\n"
    evidence = _evidence(tmp_path, ["x = 1"], {"api/errors.py": helper, "api/main.py": server})
    assert app_works(evidence).facts["where"] == "api/main.py"


def test_exported_notebooks_and_vendored_scripts_are_no_clients(tmp_path: Path) -> None:
    export = "<html><body class='jp-Notebook'><script>fetch('/api/contents')</script></body></html>"
    vendor = "function ajax(u){var x=new XMLHttpRequest();x.open('GET',u);x.send()}"
    files = {"project.html": export, "static/jquery-3.7.1.js": vendor, "static/app.min.js": vendor}
    evidence = _evidence(tmp_path, ["x = 1"], files)
    assert app_works(evidence).reason == "no_app"
