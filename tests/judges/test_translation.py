"""translation_overlap: chrF/BLEU from sacrebleu, source alignment and line counts."""

from __future__ import annotations

import pytest

from grader.judges import get_judge
from grader.judges.base import ArtifactProblem
from grader.judges.translation import TranslationParams, pairs_of

JUDGE = get_judge("translation_overlap").metric

REFERENCES = "a cat sleeps\t고양이가 잔다\nthe dog runs\t개가 달린다\n"


def test_a_perfect_translation_scores_100_and_a_wrong_one_less():
    params = TranslationParams(bleu_tokenize="char")  # two-word lines have no word 4-grams
    perfect = JUDGE.measure(REFERENCES, REFERENCES, params)
    assert perfect.metrics["chrf"] == pytest.approx(100.0)
    assert perfect.metrics["bleu"] == pytest.approx(100.0)
    assert perfect.metrics["source_match"] == 1.0
    wrong = "a cat sleeps\t개가 잔다\nthe dog runs\t고양이\n"
    measured = JUDGE.measure(wrong, REFERENCES, TranslationParams(bleu_tokenize="char"))
    assert measured.metrics["chrf"] < 60
    assert [d.index for d in measured.details] == [0, 1]


def test_references_without_sources_and_misaligned_sources():
    plain = "고양이가 잔다\n개가 달린다\n"
    result = JUDGE.measure(REFERENCES, plain, TranslationParams())
    assert result.metrics["chrf"] == pytest.approx(100.0) and "source_match" not in result.metrics
    swapped = "the dog runs\t고양이가 잔다\na cat sleeps\t개가 달린다\n"
    assert JUDGE.measure(swapped, REFERENCES, TranslationParams()).metrics["source_match"] == 0.0


def test_a_line_count_mismatch_is_a_problem():
    with pytest.raises(ArtifactProblem) as caught:
        JUDGE.measure("a\tb\n", REFERENCES, TranslationParams())
    assert caught.value.code == "artifact_count_mismatch" and "1줄" in caught.value.detail


def test_pairs_split_at_the_last_tab():
    assert pairs_of("x\ty\tz\n\nonly\n") == [("x y", "z"), ("", "only")]  # whitespace collapsed


KOR_TXT = "A cat sleeps.\t고양이가 잔다.\tCC-BY #1\nThe dog runs.\t개가 달린다.\tCC-BY #2\n"


def test_a_corpus_file_names_its_reference_and_source_columns():
    params = TranslationParams(reference_column=0, source_column=1)
    saved = "고양이가 잔다.\tA cat sleeps.\n개가 달린다.\tThe dog runs.\n"
    result = JUDGE.measure(saved, KOR_TXT, params)
    assert result.metrics["chrf"] == pytest.approx(100.0) and result.metrics["source_match"] == 1.0
    other = "그는 책을 읽는다.\tA cat sleeps.\n그녀는 사과를 먹는다.\tThe dog runs.\n"
    assert JUDGE.measure(other, KOR_TXT, params).metrics["source_match"] == 0.0
    # Without the columns the last one (the attribution) would be taken for the reference.
    assert JUDGE.measure(saved, KOR_TXT, TranslationParams()).metrics["chrf"] < 20


def test_a_reference_column_alone_checks_no_source():
    result = JUDGE.measure("x\tA cat sleeps.\ny\tThe dog runs.\n", KOR_TXT, TranslationParams(reference_column=0))
    assert result.metrics["bleu"] == pytest.approx(100.0) and "source_match" not in result.metrics
