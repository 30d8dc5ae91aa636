"""A result as Gradescope's autograder ``results.json``, for tools that read that format.

One test per applicable checklist item (o = 1 point, △ = half, x = 0), so ``score /
max_score`` is the result's own score; the Korean comment is the test's output. A
submission that could not be opened scores 0 on every item.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from grader.records.verdict import Result, Verdict

__all__ = ["RESULTS_FILE", "gradescope_results", "write_gradescope_results"]

RESULTS_FILE = "results.json"
_POINTS = {"o": 1.0, "△": 0.5, "x": 0.0}
_MODE_KO = {
    "executed": "샌드박스에서 실행해 채점했습니다.",
    "stored_outputs": "노트북에 저장된 출력으로 채점했습니다 (실행하지 않음).",
}


def gradescope_results(result: Result, execution_time_s: float | None = None) -> dict[str, Any]:
    """The Gradescope document of ``result``."""
    rejected = result.mode is None
    tests = [_test(item, rejected) for item in result.items if item.mark != "n/a"]
    document: dict[str, Any] = {
        "score": round(sum(t["score"] for t in tests), 3),
        "max_score": float(len(tests)),
        "output": _output(result),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }
    if execution_time_s is not None:
        document["execution_time"] = max(0, round(execution_time_s))
    return document


def _test(item: Verdict, rejected: bool) -> dict[str, Any]:
    score = 0.0 if rejected else _POINTS[item.mark]
    return {
        "name": f"{item.label} ({item.id})",
        "score": score,
        "max_score": 1.0,
        "status": "passed" if item.mark == "o" and not rejected else "failed",
        "output": f"[{item.mark}] {item.comment}",
        "visibility": "visible",
        "tags": [item.section],
    }


def _output(result: Result) -> str:
    if result.mode is None:
        problems = " / ".join(p.message_ko for p in result.problems)
        return f"제출물을 열 수 없어 채점하지 못했습니다: {problems}"
    lines = [_MODE_KO[result.mode]]
    if result.execution_status != "completed":
        lines.append(f"노트북 실행이 끝나지 않았습니다: {result.execution_reason_ko}")
    return "\n".join(lines)


def write_gradescope_results(
    result: Result, out_dir: Path, execution_time_s: float | None = None
) -> Path:
    """Write ``out_dir/results.json``."""
    path = out_dir / RESULTS_FILE
    document = gradescope_results(result, execution_time_s)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
