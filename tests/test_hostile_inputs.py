"""Odd and hostile notebooks in stored-outputs mode: always a report, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from grader.api import grade
from grader.records import Result

BASE: dict[str, Any] = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}


def notebook(cells: Any) -> str:
    return json.dumps({**BASE, "cells": cells}, ensure_ascii=False)


def code(source: str, *outputs: dict[str, Any]) -> dict[str, Any]:
    return {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": source,
            "outputs": list(outputs)}


CASES: dict[str, str | bytes] = {
    "empty": "",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\xff",
    "not-a-notebook": json.dumps({"hello": "world"}),
    "cells-not-a-list": notebook("oops"),
    "nbformat-3": json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {},
                              "worksheets": [{"cells": [{"cell_type": "code", "input": "1",
                                                         "outputs": [], "language": "python"}]}]}),
    "bad-image": notebook([code("plt.show()", {"output_type": "display_data", "metadata": {},
                                               "data": {"image/png": "!!!not base64", "text/plain": "<Figure>"}})]),
    "error-without-traceback": notebook([code("x", {"output_type": "error", "ename": "KeyboardInterrupt",
                                                    "evalue": "", "traceback": []})]),
    "template-and-script": notebook([{"cell_type": "markdown", "metadata": {},
                                      "source": "## 배운 점\n{{ result }} {% raw %} <script>alert(1)</script> "
                                                "```` 배운 점을 길게 적었습니다 정말 많이 배웠습니다"}]),
    "huge-markdown": notebook([{"cell_type": "markdown", "metadata": {}, "source": "가" * 2_000_000}]),
    "deep-nesting": notebook([code("x = " + "[" * 3000 + "]" * 3000)]),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Result]]:
    folder = tmp_path_factory.mktemp("hostile")
    paths = []
    for name, content in CASES.items():
        path = folder / f"{name}.ipynb"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        paths.append(path)
    out = tmp_path_factory.mktemp("out")
    return {g.result.submission: (g.out_dir, g.result) for g in grade(paths, "cnn-digits", out)}


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_odd_notebook_gets_a_korean_report(name: str, graded: dict[str, tuple[Path, Result]]) -> None:
    out_dir, result = graded[name]
    report = (out_dir / "report.md").read_text(encoding="utf-8")
    html = (out_dir / "report.html").read_text(encoding="utf-8")
    assert "Traceback" not in report and "Traceback" not in html
    assert "<script>alert" not in html
    contract = json.loads((out_dir / "result.json").read_text(encoding="utf-8"))
    assert len(contract["items"]) == 17
    if result.mode is None:  # refused: said in Korean, every item "확인 필요"
        assert result.problems and re.search("[가-힣]{4}", result.problems[0].message_ko)
        assert "채점하지 못했습니다" in report
        assert {i["mark"] for i in contract["items"]} == {"△"}


def test_refused_and_graded_are_told_apart(graded: dict[str, tuple[Path, Result]]) -> None:
    refused = {name for name, (_, result) in graded.items() if result.mode is None}
    assert {"empty", "binary", "not-a-notebook", "cells-not-a-list"} <= refused
    assert "template-and-script" not in refused and "bad-image" not in refused
