"""A result as Gradescope's autograder ``results.json`` (``grader batch`` writes one per
submission, the ``run_autograder`` of ``grader gradescope build`` writes it for Gradescope).

One test per checklist item, each applicable item worth an equal share of ``total`` points
(default: 1 point each; o = all, △ = half, x = none, as in ``result.score``); n/a items are
listed with no points. The Korean comment is the test's output. A submission that could not
be opened scores 0 on every item.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from grader.records.verdict import Result, Verdict

__all__ = ["MARK_POINTS", "RESULTS_FILE", "gradescope_results", "write_gradescope_results"]

RESULTS_FILE = "results.json"
MARK_POINTS = {"o": 1.0, "△": 0.5, "x": 0.0}
"""Share of an item's points each mark earns (as in ``result.score``)."""
_MARK_KO = {"o": "충족", "x": "미흡", "△": "확인 필요", "n/a": "해당 없음"}
_MODE_KO = {
    "executed": "샌드박스에서 실행해 채점했습니다.",
    "stored_outputs": "노트북에 저장된 출력으로 채점했습니다 (실행하지 않음).",
}


def gradescope_results(
    result: Result, total: float | None = None, execution_time_s: float | None = None
) -> dict[str, Any]:
    """The Gradescope document of ``result``, out of ``total`` points (default: one per item)."""
    rejected = result.mode is None
    applicable = [item for item in result.items if item.mark != "n/a"]
    total = float(len(applicable)) if total is None else total
    points = total / len(applicable) if applicable else 0.0
    tests = [_test(item, points, rejected) for item in result.items]
    score = 0.0 if rejected else round(sum(t["score"] for t in tests), 2)
    document: dict[str, Any] = {
        "score": score,
        "max_score": round(total, 2),
        "output": _output(result, score, total),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }
    if execution_time_s is not None:
        document["execution_time"] = max(0, round(execution_time_s))
    return document


def _test(item: Verdict, points: float, rejected: bool) -> dict[str, Any]:
    applicable = item.mark != "n/a"
    earned = 0.0 if rejected or not applicable else MARK_POINTS[item.mark]
    return {
        "name": item.label,
        "number": item.id,
        "score": round(earned * points, 2),
        "max_score": round(points, 2) if applicable else 0.0,
        "status": "passed" if item.mark in ("o", "n/a") and not rejected else "failed",
        "output": f"{_MARK_KO[item.mark]}: {item.comment}",
        "visibility": "visible",
        "tags": [item.section],
    }


def _output(result: Result, score: float, total: float) -> str:
    if result.mode is None:
        problems = " / ".join(p.message_ko for p in result.problems)
        return f"제출물을 열 수 없어 채점하지 못했습니다: {problems}"
    lines = [_MODE_KO[result.mode]]
    if result.execution_status != "completed":
        lines.append(f"노트북 실행이 끝나지 않았습니다: {result.execution_reason_ko}")
    counts = {mark: sum(1 for i in result.items if i.mark == mark) for mark in _MARK_KO}
    lines.append(
        f"점수는 {total:g}점 만점에 {score:.1f}점입니다 "
        f"(충족 {counts['o']}개, 미흡 {counts['x']}개, 확인 필요 {counts['△']}개, "
        f"해당 없음 {counts['n/a']}개; 확인 필요 항목은 절반으로 계산). "
        "확인 필요 항목은 조교가 직접 확인합니다."
    )
    return "\n".join(lines)


def write_gradescope_results(
    result: Result, out_dir: Path, execution_time_s: float | None = None
) -> Path:
    """Write ``out_dir/results.json``."""
    path = out_dir / RESULTS_FILE
    document = gradescope_results(result, execution_time_s=execution_time_s)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
