"""2. 설명: the student's own text gives reasons for the model, hyperparameters, preprocessing.

A block counts when it is the student's (never copied course text), is about the topic
(it sits next to such code, sits under such a heading, or names the topic) and gives a
reason, not only a description. Preprocessing also accepts a clear description of the
method ("이유 또는 방법 설명").
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from grader.records.evidence import Evidence, TextBlock
from grader.rubric.checks.common import course_texts, matches_any, short, student_texts, substance
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check

Topic = Literal["model", "hyperparameters", "preprocessing"]

TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "model": (
        "모델",
        "구조",
        "레이어",
        "층",
        "아키텍처",
        "네트워크",
        "신경망",
        "합성곱",
        "cnn",
        "conv",
        "dense",
        "lstm",
        "rnn",
        "gru",
        "resnet",
        "vgg",
        "transformer",
        "전이학습",
        "전이 학습",
        "architecture",
        "layer",
        "model",
        "생성자",
        "판별자",
        "generator",
        "discriminator",
    ),
    "hyperparameters": (
        "하이퍼",
        "학습률",
        "learning rate",
        "learning_rate",
        "lr",
        "배치",
        "batch",
        "에폭",
        "에포크",
        "epoch",
        "드롭아웃",
        "dropout",
        "옵티마이저",
        "optimizer",
        "adam",
        "sgd",
        "유닛",
        "units",
        "노드",
        "뉴런",
        "필터 수",
        "커널",
        "patience",
        "hyperparameter",
    ),
    "preprocessing": (
        "전처리",
        "정규화",
        "normaliz",
        "스케일",
        "scal",
        "표준화",
        "standard",
        "reshape",
        "형태",
        "차원",
        "원-핫",
        "원핫",
        "one-hot",
        "one_hot",
        "to_categorical",
        "증강",
        "augment",
        "255",
        "/16",
        "16으로",
        "나누",
        "0~1",
        "0과 1",
        "토큰",
        "패딩",
        "resize",
        "크기 조정",
        "인코딩",
        "preprocess",
    ),
}

TOPIC_KO = {
    "model": "모델 선정 이유",
    "hyperparameters": "하이퍼파라미터 선정 이유",
    "preprocessing": "데이터 전처리 이유나 방법",
}

REASON_WORDS: tuple[str, ...] = (
    "때문",
    "위해",
    "위하여",
    "이유",
    "므로",
    "니까",
    "그래서",
    "따라서",
    "고자",
    "려고",
    "효과",
    "방지",
    "덕분",
    "적합",
    "적절",
    "유리",
    "판단",
    "선택했",
    "선택한",
    "선정",
    "왜냐",
    "충분",
    "도움",
    "줄이",
    "막기",
    "피하",
    "빠르게",
    "안정",
    "과적합",
    "수렴",
    "because",
    "since",
    "so that",
    "in order to",
    "to avoid",
    "prevent",
    "reason",
    "to reduce",
)

METHOD_WORDS: tuple[str, ...] = (
    "나누",
    "변환",
    "바꾸",
    "reshape",
    "정규화",
    "스케일",
    "원-핫",
    "원핫",
    "인코딩",
    "분할",
    "맞추",
    "크기",
    "형태",
    "범위",
    "scale",
    "normaliz",
    "convert",
    "encode",
)


class ExplanationParams(BaseModel):
    """Which topic to look for and how much text counts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: Topic
    accept_method: bool = False
    """A clear description of the method counts even without a reason (preprocessing)."""
    min_chars: int = 15


@check("explanation.reasoned_text", params=ExplanationParams)
def reasoned_text(evidence: Evidence, params: ExplanationParams) -> Outcome:
    """o for an own, on-topic reason; △ for description only; x for nothing or course text."""
    topic = TOPIC_KO[params.topic]
    on_topic = [t for t in student_texts(evidence) if _on_topic(t, params)]
    reasoned = [t for t in on_topic if matches_any(t.text, REASON_WORDS)]
    if reasoned:
        best = max(reasoned, key=lambda t: substance(t.text))
        return Outcome.of(
            "o",
            "reason_found",
            [t.ref for t in _rank(reasoned)],
            quote=short(best.text),
            topic=topic,
        )
    described = [t for t in on_topic if matches_any(t.text, METHOD_WORDS)]
    if params.accept_method and described:
        best = max(described, key=lambda t: substance(t.text))
        return Outcome.of("o", "method_described", [best.ref], quote=short(best.text), topic=topic)
    if on_topic:
        best = max(on_topic, key=lambda t: substance(t.text))
        return Outcome.of(
            "△", "description_without_reason", [best.ref], quote=short(best.text), topic=topic
        )
    copied = [t for t in course_texts(evidence) if _mentions(t, params.topic)]
    if copied:
        return Outcome.of(
            "x", "only_course_text", [copied[0].ref], quote=short(copied[0].text), topic=topic
        )
    return Outcome.of("x", "explanation_missing", topic=topic)


def _on_topic(block: TextBlock, params: ExplanationParams) -> bool:
    if substance(block.text) < params.min_chars:
        return False
    return (
        params.topic in block.near_topics
        or _mentions(block, params.topic)
        or matches_any(block.heading, TOPIC_WORDS[params.topic])
    )


def _mentions(block: TextBlock, topic: str) -> bool:
    return matches_any(block.text, TOPIC_WORDS[topic])


def _rank(blocks: list[TextBlock]) -> list[TextBlock]:
    return sorted(blocks, key=lambda t: -substance(t.text))
