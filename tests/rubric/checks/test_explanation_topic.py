"""Topic by what each sentence is about; one sentence earns at most one topic."""

from __future__ import annotations

import pytest

from grader.rubric.checks.explanation import ExplanationParams, reasoned_text
from grader.rubric.checks.sentences import Sentence, topic_of
from tests.rubric.factories import evidence, notebook, text

MODEL = ExplanationParams(topic="model")
HP = ExplanationParams(topic="hyperparameters")
PREP = ExplanationParams(topic="preprocessing")
ALL = (MODEL, HP, PREP)
NEAR_ALL = ("preprocessing", "model", "hyperparameters")


def marks(body: str, topics: tuple[str, ...] = NEAR_ALL, **extra: str) -> dict[str, str]:
    ev = evidence(notebook(texts=(text(body, topics=topics, **extra),)))
    return {p.topic: reasoned_text(ev, p).mark for p in ALL}


def test_a_definition_of_an_imported_module_explains_nothing() -> None:
    body = "os: 운영체제의 여러 기능을 파이썬에서 쓸 수 있게 해 주는 모듈의 줄임말로, 경로를 다룰 때 쓴다."
    assert marks(body, kind="comment") == {"model": "x", "hyperparameters": "x", "preprocessing": "x"}


def test_a_reason_for_a_logging_setting_is_not_a_hyperparameter_reason() -> None:
    body = "배치 크기가 16으로 작아졌으므로, 200 스텝마다 손실을 출력하도록 주기를 바꿨습니다."
    assert marks(body)["hyperparameters"] == "x"


def test_a_reason_for_a_tool_that_is_not_the_model_is_not_a_model_reason() -> None:
    body = "모델이 어떤 특성을 보고 예측했는지 알 수 없어서, 이를 설명하기 위해 SHAP를 사용했습니다."
    assert marks(body, topics=("model",))["model"] == "x"


def test_dropout_that_says_regularisation_is_not_preprocessing() -> None:
    body = "검증 손실이 계속 올라가서 드롭아웃으로 정규화 효과를 주려고 비율을 0.4로 올렸다."
    assert marks(body) == {"model": "x", "hyperparameters": "o", "preprocessing": "x"}


def test_dropout_called_a_regularisation_technique_is_about_dropout() -> None:
    body = "데이터가 적어서 정규화 기법인 드롭아웃을 0.3으로 넣었다."
    assert marks(body, topics=("preprocessing", "hyperparameters"))["preprocessing"] == "x"


def test_batch_normalisation_is_a_layer_not_a_batch_size_or_scaling() -> None:
    body = "깊게 쌓으니 학습이 불안정해서 합성곱 층마다 배치 정규화를 넣었습니다."
    assert marks(body) == {"model": "o", "hyperparameters": "x", "preprocessing": "x"}


def test_one_sentence_earns_one_topic_and_each_topic_its_own_quote() -> None:
    body = (
        "픽셀 값이 0~255라서 255로 나누어 0~1로 맞췄다.\n"
        "학습률이 크면 손실이 튀었기 때문에 0.0005로 낮췄다.\n"
        "이미지가 작아서 합성곱 층을 두 개만 쌓았다."
    )
    ev = evidence(notebook(texts=(text(body, topics=NEAR_ALL),)))
    quotes = {p.topic: reasoned_text(ev, p).facts["quote"] for p in ALL}
    assert "255" in quotes["preprocessing"]
    assert "0.0005" in quotes["hyperparameters"]
    assert "합성곱" in quotes["model"]


def test_a_keyword_elsewhere_in_the_paragraph_earns_nothing() -> None:
    body = "입력은 0~1로 정규화했다.\n학습률은 작을수록 안정적이어서 0.001로 정했다."
    assert marks(body) == {"model": "x", "hyperparameters": "o", "preprocessing": "x"}


def test_not_using_something_without_a_reason_is_no_model_reason() -> None:
    assert marks("이번 과제에서 Transformer는 사용하지 않습니다.", topics=("model",))["model"] == "x"


def test_a_choice_against_something_with_a_reason_counts() -> None:
    body = "문장이 짧고 데이터가 적어서 Transformer 대신 LSTM을 골랐다."
    assert marks(body, topics=("model",))["model"] == "o"


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("입력이 작아서 은닉층 노드 수를 32로 줄였다.", "hyperparameters"),
        ("결측치가 많은 열은 정보가 적어 삭제했다.", "preprocessing"),
        ("사전학습된 ResNet50을 쓰면 적은 데이터로도 학습되기 때문에 골랐다.", "model"),
        ("train/test로 나눈 뒤 학습 곡선을 그래프로 그렸다.", None),
    ],
)
def test_topic_of_a_sentence(sentence: str, topic: str | None) -> None:
    block = text(sentence)
    assert topic_of(Sentence(block, sentence, ())) == topic


def test_a_line_without_topic_words_takes_the_line_it_hangs_under() -> None:
    body = "출력층 활성화 함수는 softmax가 아닌 sigmoid\n어차피 정상/비정상 두 가지뿐이므로 이진 분류 문제다."
    ev = evidence(notebook(texts=(text(body, heading="출력층"),)))
    outcome = reasoned_text(ev, MODEL)
    assert outcome.mark == "o" and "이진 분류" in outcome.facts["quote"]
