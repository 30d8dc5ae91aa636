"""A graded result in Gradescope's ``results.json`` shape (one test per checklist item)."""

from __future__ import annotations

from typing import Any

from grader.records.verdict import Result, Verdict

__all__ = ["MARK_POINTS", "gradescope_results"]

MARK_POINTS = {"o": 1.0, "△": 0.5, "x": 0.0}
"""Share of an item's points each mark earns (as in ``result.score``)."""

_MARK_KO = {"o": "충족", "x": "미흡", "△": "확인 필요", "n/a": "해당 없음"}


def _test(verdict: Verdict, points: float, rejected: bool) -> dict[str, Any]:
    applicable = verdict.mark != "n/a"
    earned = 0.0 if rejected else MARK_POINTS.get(verdict.mark, 0.0)
    return {
        "name": verdict.label,
        "number": verdict.id,
        "score": round(earned * points, 2) if applicable else 0.0,
        "max_score": round(points, 2) if applicable else 0.0,
        "status": "passed" if verdict.mark in ("o", "n/a") and not rejected else "failed",
        "output": f"{_MARK_KO[verdict.mark]}: {verdict.comment}",
        "visibility": "visible",
    }


def _overview(result: Result, total: float) -> str:
    if result.mode is None:
        problems = " ".join(p.message_ko for p in result.problems)
        return f"제출물을 열 수 없어 채점하지 못했습니다. {problems}".strip()
    counts = {mark: sum(1 for i in result.items if i.mark == mark) for mark in _MARK_KO}
    how = "저장된 출력으로" if result.mode == "stored_outputs" else "노트북을 실행해"
    return (
        f"{how} 채점했습니다. 점수는 {total:g}점 만점에 {result.score * total:.1f}점입니다 "
        f"(충족 {counts['o']}개, 미흡 {counts['x']}개, 확인 필요 {counts['△']}개, "
        f"해당 없음 {counts['n/a']}개; 확인 필요 항목은 절반으로 계산). "
        "항목별 설명을 참고하고, 확인 필요 항목은 조교가 직접 확인합니다."
    )


def gradescope_results(result: Result, total: float = 100.0) -> dict[str, Any]:
    """Gradescope's ``results.json`` document for ``result`` out of ``total`` points.

    Each applicable item is worth an equal share of ``total``; the top-level ``score`` is
    ``result.score * total``, so it equals the sum of the tests' scores up to rounding."""
    rejected = result.mode is None
    applicable = [item for item in result.items if item.mark != "n/a"]
    points = total / len(applicable) if applicable else 0.0
    return {
        "score": 0.0 if rejected else round(result.score * total, 2),
        "output": _overview(result, total),
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [_test(item, points, rejected) for item in result.items],
    }
