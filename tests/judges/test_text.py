"""korean_text: counts, Hangul ratio, distinct-n, repetition and copied-line detection."""

from __future__ import annotations

import pytest

from grader.judges import get_judge
from grader.judges.base import ArtifactProblem
from grader.judges.text import TextParams, hangul_ratio

JUDGE = get_judge("korean_text").metric

CORPUS = "고양이가 밥을 먹는다\n강아지가 공을 쫓는다\n"
GENERATED = "고양이가 밥을 먹는다\n\n고양이가 공을 먹는다\n  고양이가   밥을 먹는다 \n"


def test_copied_lines_are_detected_against_the_training_corpus():
    result = JUDGE.measure(GENERATED, CORPUS, TextParams())
    assert result.count == 3  # the blank line is not counted, spaces are collapsed
    assert result.metrics["copied_share"] == pytest.approx(2 / 3, abs=1e-4)
    assert result.metrics["repeated_lines"] == pytest.approx(1 / 3, abs=1e-4)
    assert [d.values["copied"] for d in result.details] == [1.0, 0.0, 1.0]
    assert "학습 말뭉치와 똑같은 줄 66.7%" in result.summary_ko


def test_without_a_corpus_there_is_no_copied_share():
    result = JUDGE.measure(GENERATED, None, TextParams())
    assert "copied_share" not in result.metrics and result.metrics["lines"] == 3


def test_distinct_n_and_repetition():
    result = JUDGE.measure("가 가 가 가\n나 다\n", None, TextParams())
    assert result.metrics["distinct_1"] == pytest.approx(3 / 6, abs=1e-4)
    assert result.metrics["distinct_2"] == pytest.approx(2 / 4, abs=1e-4)
    assert result.metrics["repetition"] == pytest.approx((0.75 + 0) / 2, abs=1e-4)
    chars = JUDGE.measure("가나가나\n", None, TextParams(unit="char"))
    assert chars.metrics["distinct_1"] == 0.5


def test_hangul_ratio_counts_letters_not_spaces():
    assert hangul_ratio("한글 ab") == pytest.approx(0.5)
    assert JUDGE.measure("hello world\n", None, TextParams()).metrics["hangul_ratio"] == 0.0


def test_an_empty_file_is_a_problem():
    with pytest.raises(ArtifactProblem) as caught:
        JUDGE.measure("\n \n", None, TextParams())
    assert caught.value.code == "artifact_empty"
