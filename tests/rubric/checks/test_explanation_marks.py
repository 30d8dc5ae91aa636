"""Marks: own reason o, description only x, a reason only in course/scaffold text △."""

from __future__ import annotations

import pytest

from grader.rubric.checks import reasons
from grader.rubric.checks.explanation import ExplanationParams, reasoned_text
from tests.rubric.factories import code, evidence, notebook, text

MODEL = ExplanationParams(topic="model")
HP = ExplanationParams(topic="hyperparameters")
PREP = ExplanationParams(topic="preprocessing")


def judge(params: ExplanationParams, *blocks: object, **facts: object):  # type: ignore[no-untyped-def]
    return reasoned_text(evidence(notebook(texts=blocks, **facts)), params)


def test_description_only_is_x_and_says_what_is_missing() -> None:
    outcome = judge(
        MODEL, text("Conv2D 16개, MaxPooling, Dense 10개로 모델을 구성했다.", topics=("model",))
    )
    assert (outcome.mark, outcome.reason) == ("x", "description_without_reason")
    assert "Conv2D" in outcome.facts["quote"]


def test_steps_listed_without_reasons_are_x() -> None:
    body = "결측치를 평균으로 채웠다.\n범주형 변수는 원-핫 인코딩했다.\n수치형 변수는 표준화했다."
    assert judge(PREP, text(body, topics=("preprocessing",))).mark == "x"


def test_own_reason_is_o() -> None:
    body = "픽셀 값이 0~255라서 학습이 불안정할까 봐 255로 나누어 0~1로 맞췄다."
    outcome = judge(PREP, text(body, topics=("preprocessing",)))
    assert (outcome.mark, outcome.reason) == ("o", "reason_found")


@pytest.mark.parametrize(
    "body",
    [
        "숫자 이미지는 주변 픽셀과의 관계가 중요해서 CNN이 더 적합하다고 생각했다.",
        "The digits are tiny, so a small CNN was chosen over a deep ResNet.",
    ],
)
def test_a_judgement_of_fit_is_a_choice(body: str) -> None:
    assert judge(MODEL, text(body, topics=("model",))).mark == "o"


def test_reason_only_in_copied_course_text_is_triangle() -> None:
    body = "학습률을 0.001로 둔 이유는 Adam의 기본값이 대부분의 문제에서 안정적이기 때문입니다."
    outcome = judge(HP, text(body, topics=("hyperparameters",), course=True))
    assert (outcome.mark, outcome.reason) == ("△", "reason_only_in_course_text")


def test_a_textbook_statement_is_not_the_students_reason() -> None:
    body = "Adam은 일반적으로 학습률을 따로 조정하지 않아도 잘 수렴하기 때문에 많이 쓰인다."
    assert judge(HP, text(body, topics=("hyperparameters",))).mark == "x"


def test_a_reason_for_something_not_done_is_x() -> None:
    body = "시간이 부족해서 드롭아웃 비율은 바꿔 보지 못했다."
    assert judge(HP, text(body, topics=("hyperparameters",))).mark == "x"


def test_a_list_of_general_tips_is_not_a_choice() -> None:
    body = "과적합을 막기 위해 드롭아웃 비율을 높입니다."
    outcome = judge(HP, text(body, heading="성능을 높이는 방법", topics=("hyperparameters",)))
    assert outcome.mark == "x"


def test_the_reason_may_be_the_sentence_before_the_choice() -> None:
    body = "드롭아웃을 쓰면 학습이 느려지는데 이로 인해 에폭이 모자랐던 것 같다.\n에폭을 30으로 늘려 다시 학습했다."
    outcome = judge(HP, text(body, topics=("hyperparameters",)))
    assert outcome.mark == "o" and "30" in outcome.facts["quote"]


def test_what_a_component_is_used_for_is_no_choice() -> None:
    body = "디코더가 앞으로 올 단어를 미리 보지 못하게 가리기 위해서 사용합니다."
    assert judge(MODEL, text(body, heading="디코더 마스크", topics=("model",))).mark == "x"


def test_a_reason_before_about_something_else_is_not_paired() -> None:
    body = "시드마다 결과가 달라지니까 두 값이 꼭 같을 필요는 없다.\n배치 크기는 앞 실험과 같은 32로 맞췄다."
    assert judge(HP, text(body, topics=("hyperparameters",))).mark == "x"


def test_a_reason_citing_trials_that_never_ran_is_triangle() -> None:
    body = "학습률 0.1, 0.01, 0.001을 모두 시도해 봤는데 0.001이 가장 좋아서 최종 값으로 정했다."
    outcome = judge(HP, text(body, topics=("hyperparameters",)), code=(code(0, "import numpy"),))
    assert (outcome.mark, outcome.reason) == ("△", "reason_rests_on_unrun_trials")


def test_a_planned_comparison_with_a_reason_is_not_resting_on_trials() -> None:
    body = "학습 데이터가 적어서 과적합을 막으려고 Dropout을 넣고, 비율을 0.2 / 0.4로 바꿔 가며 비교한다."
    assert judge(HP, text(body, topics=("hyperparameters",))).mark == "o"


def test_keywords_decide_without_loading_the_analyser(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_analyser() -> None:
        raise AssertionError("the analyser was loaded")

    monkeypatch.setattr(reasons, "_kiwi", no_analyser)
    reasons.gives_reason.cache_clear()
    own = text("과적합을 막기 위해 드롭아웃을 0.3으로 넣었다.", topics=("hyperparameters",))
    other = text("입력이 작아서 층을 두 개만 쌓았다.", topics=("hyperparameters",))
    assert judge(HP, other, own).mark == "o"


def test_a_copula_reason_needs_no_analyser(monkeypatch: pytest.MonkeyPatch) -> None:
    """~이라서 after a noun always means "because": the keywords decide it."""

    def no_analyser() -> None:
        raise AssertionError("the analyser was loaded")

    monkeypatch.setattr(reasons, "_kiwi", no_analyser)
    reasons.gives_reason.cache_clear()
    body = "입력 값의 범위가 0~255라서가 아니라 0~16이라서 16으로 나눠 0~1로 맞췄다."
    assert judge(PREP, text(body, topics=("preprocessing",))).mark == "o"
