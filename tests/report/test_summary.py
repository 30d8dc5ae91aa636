from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from grader.records import Result
from grader.records.evidence import EvidenceRef, Finding
from grader.report.summary import pass_rates, write_class_summary


def test_class_summary_lists_scores_pass_rates_and_instructor_notes(
    make_result: Callable[..., Result], tmp_path: Path
):
    leak = Finding(kind="unscaled_test", facts={"train_max": 1.0, "other_max": 16.0, "ratio": 16.0, "data": "test"},
                   refs=(EvidenceRef(source="trace", cell=7),))
    clean = make_result(submission="kim")
    flagged = make_result(submission="park", findings=(leak,))
    md, csv_path = write_class_summary([clean, flagged], tmp_path)
    text = md.read_text(encoding="utf-8")
    assert "제출물 2개를 채점했습니다" in text
    assert "**park**" in text and "테스트 데이터의 값 범위(최댓값 16.0)" in text
    assert "**kim**" not in text.split("## 강사 참고")[1]
    with csv_path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["submission"] for r in rows] == ["kim", "park"]
    assert rows[0]["completeness"] in {"o", "x", "△", "n/a"}


def test_pass_rates_skip_not_applicable(make_result: Callable[..., Result]):
    rates = {item_id: (ok, n) for item_id, _, ok, n in pass_rates([make_result(), make_result()])}
    marks = {i.id: i.mark for i in make_result().items}
    for item_id, (ok, n) in rates.items():
        assert n == (0 if marks[item_id] == "n/a" else 2)
        assert ok == (2 if marks[item_id] == "o" else 0)


def test_the_score_rule_is_stated_in_the_result_and_the_class_summary(
    make_result: Callable[..., Result], tmp_path
):
    from grader.records.verdict import SCORE_RULE_KO

    result = make_result()
    assert result.to_contract()["score_rule"] == SCORE_RULE_KO and "0.5점" in SCORE_RULE_KO
    again = Result.model_validate(result.model_dump())
    assert again.score_rule == SCORE_RULE_KO
    md, _ = write_class_summary([result], tmp_path)
    assert SCORE_RULE_KO in md.read_text(encoding="utf-8")
