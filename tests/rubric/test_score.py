from __future__ import annotations

from grader.paths import rubrics_dir
from grader.rubric.load import load_rubric
from grader.rubric.score import overall_score, score, section_mark
from tests.rubric.factories import evidence, notebook, section


def test_section_mark_rules():
    assert section_mark(["o", "o", "n/a"]) == "o"
    assert section_mark(["o", "△"]) == "△"
    assert section_mark(["o", "x", "△"]) == "x"
    assert section_mark(["n/a"]) == "n/a"


def test_cnn_digits_app_items_are_not_applicable_and_sections_keep_template_order():
    rubric = load_rubric(rubrics_dir() / "peer_review.yaml", rubrics_dir() / "cnn-digits.yaml")
    sections = score(evidence(notebook()), rubric, "cnn-digits")
    assert [s.id for s in sections] == [
        "completeness",
        "explanation",
        "problem_solving",
        "retrospective",
        "app",
    ]
    app = sections[-1]
    assert app.mark == "n/a" and {i.mark for i in app.items} == {"n/a"}
    assert "앱 구현을 요구하지 않습니다" in app.items[0].comment
    completeness = sections[0]
    assert completeness.items[0].id == "completeness"
    assert [i.id for i in completeness.items[1:]] == [
        "project.test_accuracy",
        "project.regularization",
        "project.error_analysis",
    ]
    assert completeness.mark == completeness.items[0].mark


def test_every_item_gets_a_korean_comment_and_score_counts_triangle_half():
    rubric = load_rubric(rubrics_dir() / "peer_review.yaml")
    ev = evidence(
        notebook(
            sections=(section("배운 점", "검증 세트를 따로 두어야 하는 이유를 실험으로 확인했다."),)
        )
    )
    sections = score(ev, rubric, None)
    items = [i for s in sections for i in s.items]
    assert len(items) == 14 and all(i.comment for i in items)
    learned = next(i for i in items if i.id == "retrospective.learned")
    assert learned.mark == "o"
    marks = [i.mark for i in items]
    expected = (marks.count("o") + 0.5 * marks.count("△")) / len(marks)
    assert overall_score(sections) == round(expected, 3)
