from __future__ import annotations

from grader.rubric.checks.explanation import ExplanationParams, reasoned_text
from tests.rubric.factories import evidence, notebook, text

MODEL = ExplanationParams(topic="model")
PREP = ExplanationParams(topic="preprocessing")


def test_own_reason_next_to_model_code_is_o():
    ev = evidence(
        notebook(
            texts=(
                text(
                    "이미지가 8x8로 작아서 합성곱 층 두 개면 충분하다고 판단했기 때문에 작은 CNN을 골랐다.",
                    topics=("model",),
                ),
            )
        )
    )
    outcome = reasoned_text(ev, MODEL)
    assert outcome.mark == "o"
    assert "CNN" in outcome.facts["quote"]


def test_description_without_reason_is_x():
    ev = evidence(
        notebook(
            texts=(
                text("Conv2D 32개, MaxPooling, Dense 64개로 모델을 구성했다.", topics=("model",)),
            )
        )
    )
    outcome = reasoned_text(ev, MODEL)
    assert (outcome.mark, outcome.reason) == ("x", "description_without_reason")


def test_copied_course_text_is_x():
    ev = evidence(
        notebook(
            texts=(
                text("모델 구조를 설계하고, 왜 이 구조를 선택했는지 설명해 보세요.", course=True),
            )
        )
    )
    outcome = reasoned_text(ev, MODEL)
    assert (outcome.mark, outcome.reason) == ("x", "only_course_text")


def test_nothing_is_x():
    assert reasoned_text(evidence(), MODEL).reason == "explanation_missing"


def test_preprocessing_method_description_without_reason_is_x():
    ev = evidence(
        notebook(
            texts=(
                text(
                    "픽셀 값을 16으로 나누어 0~1 범위로 정규화하고 (8, 8, 1) 형태로 reshape 했다.",
                    topics=("preprocessing",),
                ),
            )
        )
    )
    assert reasoned_text(ev, PREP).mark == "x"


def test_unrelated_reason_does_not_count_for_model():
    ev = evidence(
        notebook(
            texts=(
                text(
                    "시간이 부족했기 때문에 회고를 짧게 썼습니다. 다음에는 더 길게 쓰겠습니다.",
                    topics=(),
                ),
            )
        )
    )
    assert reasoned_text(ev, MODEL).mark == "x"
