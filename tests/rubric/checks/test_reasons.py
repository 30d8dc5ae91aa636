from __future__ import annotations

import pytest

from grader.rubric.checks.explanation import ExplanationParams, reasoned_text
from grader.rubric.checks.reasons import gives_reason
from tests.rubric.factories import evidence, notebook, text


@pytest.mark.parametrize(
    "sentence",
    [
        "과적합을 막으려고 Dropout을 넣었다.",
        "학습률이 크면 loss가 튀기 때문에 0.001로 정했다.",
        "이미지가 8x8로 작아서 합성곱 층을 두 개만 쌓았다.",  # adjective + 아서: because
        "데이터가 적은 편이라 모델을 작게 만들었다.",  # copula + 라: because
        "클래스가 10개여서 출력층은 softmax 10개로 했다.",
    ],
)
def test_reasons_are_found(sentence: str):
    assert gives_reason(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "데이터를 불러와서 16으로 나눴다.",  # action verb + 어서: and then
        "모델은 Conv2D 32, MaxPooling, Dense 64로 구성했다.",
        "에폭 수를 10에서 30으로 늘려서 다시 돌렸다.",
        "모델이 잘 학습되었다면 노이즈가 아니라 숫자 모양이 보일 것입니다.",  # 아니라: not A but B
        "좋은 성능을 위해서는 충분히 큰 데이터가 필요합니다.",  # a requirement, not a reason
        "이미지 분류를 위해 CNN 모델을 사용합니다.",  # the task itself as the purpose
        "모델과 함께 무엇을 저장해야 합니까?",  # a question, not 니까
        "두 모델을 비교하려고 배치 크기는 앞 실험과 같게 두었다.",  # the experiment as purpose
    ],
)
def test_descriptions_are_not_reasons(sentence: str):
    assert not gives_reason(sentence)


def test_a_retrospective_regret_is_not_an_explanation():
    regret = text("시간이 부족해서 Dropout이나 배치 크기는 바꿔 보지 못했습니다.", heading="아쉬운 점",
                  topics=("hyperparameters",))
    outcome = reasoned_text(evidence(notebook(texts=(regret,))), ExplanationParams(topic="hyperparameters"))
    assert outcome.mark == "x"
