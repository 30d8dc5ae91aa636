"""Small hand-made results for the CI tests."""

from __future__ import annotations

import pytest

from grader.records import Problem, Result, SectionResult, Verdict


def make_result(*marks: tuple[str, str, str], name: str = "hw", score: float = 0.5) -> Result:
    """A result with one section holding ``(id, mark, reason)`` items."""
    items = tuple(
        Verdict(id=i, label=f"{i} 항목", section="problem_solving", mark=m, reason=r, comment=f"{i}: {r} 설명")
        for i, m, r in marks
    )
    section = SectionResult(id="problem_solving", title="3. 문제 해결", mark="x", items=items)
    return Result(
        submission=name, assignment_id="cnn-digits", mode="stored_outputs", sections=(section,), score=score
    )


def rejected_result(name: str = "bad") -> Result:
    base = make_result(("a", "△", "submission_rejected"), ("b", "△", "submission_rejected"), name=name, score=0.0)
    return base.model_copy(
        update={"mode": None, "problems": (Problem(code="notebook_json", message_ko="JSON이 깨졌습니다."),)}
    )


@pytest.fixture
def mixed() -> Result:
    return make_result(
        ("problem_solving.data_split", "o", "ok"),
        ("problem_solving.hparam_trials", "x", "no_trials"),
        ("problem_solving.visual_comparison", "△", "plot_unclear"),
        ("app.works", "△", "app_not_probed"),
        ("app.model_works", "n/a", "not_required"),
        score=0.5,
    )
