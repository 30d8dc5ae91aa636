"""Comments that gloss their line, guesses about results and plans are not reasons."""

from __future__ import annotations

import pytest

from grader.rubric.checks.explanation import ExplanationParams, reasoned_text
from grader.rubric.checks.reasons import speculation, states_choice, unrealised
from tests.rubric.factories import evidence, notebook, text

MODEL = ExplanationParams(topic="model")
HP = ExplanationParams(topic="hyperparameters")


def judge(params: ExplanationParams, *blocks: object):  # type: ignore[no-untyped-def]
    return reasoned_text(evidence(notebook(texts=blocks)), params)


@pytest.mark.parametrize(
    "body",
    [
        "드롭아웃 비율을 0.4로 설정하여 과적합을 방지함",
        "배치 정규화를 적용하여 학습을 안정화하고 수렴을 빠르게 할 수 있도록 함",
    ],
)
def test_a_comment_glossing_its_line_with_a_benefit_is_no_reason(body: str) -> None:
    outcome = judge(HP, text(body, kind="comment", topics=("hyperparameters",)))
    assert outcome.mark == "x"


def test_the_same_benefit_told_as_the_students_decision_is_a_reason() -> None:
    body = "검증 손실이 다시 오르는 것을 보고 드롭아웃 비율을 0.4로 높여 과적합을 방지했다."
    assert judge(HP, text(body, topics=("hyperparameters",))).mark == "o"


def test_a_causal_marker_in_a_comment_still_counts() -> None:
    body = "샘플이 적기 때문에 배치 크기를 16으로 줄였다"
    assert judge(HP, text(body, kind="comment", topics=("hyperparameters",))).mark == "o"


def test_what_a_layer_is_needed_for_is_a_description() -> None:
    body = "Flatten 층을 추가함\n이는 Dense 층에 1차원 입력을 넘기기 위해 필요함."
    assert judge(MODEL, text(body, kind="comment", topics=("model",))).mark == "x"


@pytest.mark.parametrize(
    "body",
    ["학습률이 너무 커서 손실이 요동쳤을 가능성.", "배치가 작아서 결과가 흔들린 것 같다."],
)
def test_a_guess_about_a_result_is_no_reason(body: str) -> None:
    assert speculation(body)
    outcome = judge(HP, text(body, heading="문제 분석", topics=("hyperparameters",)))
    assert outcome.mark == "x"


def test_a_needed_change_is_a_plan() -> None:
    assert unrealised("검증 손실이 오름 → Dropout 추가 필요")
    assert not unrealised("검증 손실이 올라 Dropout을 추가했다.")


def test_caring_about_something_is_no_choice() -> None:
    assert not states_choice("트리는 값의 순서만 보고 크기는 신경 안 쓴다.")
    assert states_choice("옵티마이저는 Adam을 썼다.")


def test_an_observed_result_is_a_finding_not_a_reason() -> None:
    body = "증강을 쓰지 않은 모델은 검증 정확도가 정체되는 과적합 경향이 관찰되었습니다."
    assert judge(HP, text(body, heading="실험 결과", topics=("preprocessing",))).mark == "x"
    prep = ExplanationParams(topic="preprocessing")
    assert judge(prep, text(body, heading="실험 결과", topics=("preprocessing",))).mark == "x"


def test_a_table_row_is_no_sentence_of_reasons() -> None:
    body = "| 설정 | 값 | 이유 |\n| 학습률 | 0.001 | 논문 값이라 그대로 |"
    assert judge(HP, text(body, topics=("hyperparameters",))).mark == "x"


def test_a_reason_borrows_only_a_choice_of_its_own_topic() -> None:
    body = "그래프는 seaborn으로 그렸다.\n학습률 곡선이 더 잘 보이기 때문이다."
    assert judge(HP, text(body, topics=("hyperparameters",))).mark == "x"
    body = "배치 크기는 64로 정했다.\n메모리가 부족하기 때문이다."
    assert judge(HP, text(body, topics=("hyperparameters",))).mark == "o"


def test_checking_is_no_cause() -> None:
    """확인해 holds 인해 ("due to") only as letters: checking something gives no reason."""
    from grader.rubric.checks.reasons import gives_reason

    assert not gives_reason("검증 세트의 인덱스를 확인해 봤지만 라벨과 달랐음", morphology=False)
    assert gives_reason("메모리 부족으로 인해 배치 크기를 8로 줄였다", morphology=False)


def test_naming_a_paper_is_no_reason_following_it_is() -> None:
    from grader.rubric.checks.reasons import gives_reason

    assert not gives_reason("원래 트랜스포머 논문에서는 인코더를 6층 쌓는다", morphology=False)
    assert gives_reason("층 수는 논문에 언급된 값대로 6으로 정했다", morphology=False)
    assert gives_reason("We keep the warm-up steps from the original paper.", morphology=False)


def test_what_a_state_is_needed_for_is_a_description() -> None:
    body = "디코더는 다음 단어를 위해 필요한 은닉 상태를 넘겨받는다"
    assert judge(MODEL, text(body, kind="comment", topics=("model",))).mark == "x"
