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
from grader.rubric.checks.reasons import gives_reason
from grader.rubric.checks.retrospective import is_retrospective_heading
from grader.rubric.checks.trials import claims_trials, count_trials
from grader.rubric.checks.vocabulary import GENERIC_WORDS, TOPIC_WORDS
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check

Topic = Literal["model", "hyperparameters", "preprocessing"]

TOPIC_KO = {
    "model": "모델 선정 이유",
    "hyperparameters": "하이퍼파라미터 선정 이유",
    "preprocessing": "데이터 전처리 이유나 방법",
}


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
    reasoned = [t for t in on_topic if gives_reason(t.text)]
    grounded = [t for t in reasoned if not _rests_on_unrun_trials(t, evidence, params)]
    if reasoned and not grounded:
        best = max(reasoned, key=lambda t: substance(t.text))
        return Outcome.of(
            "△", "reason_rests_on_unrun_trials", [best.ref], quote=short(best.text), topic=topic
        )
    if grounded:
        reasoned = _rank(grounded, params.topic)
        best = reasoned[0]
        return Outcome.of(
            "o",
            "reason_found",
            [t.ref for t in reasoned],
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


def _rests_on_unrun_trials(block: TextBlock, evidence: Evidence, params: ExplanationParams) -> bool:
    """A hyperparameter reason that cites trials the notebook never ran (claims only)."""
    if params.topic != "hyperparameters" or not claims_trials(block.text):
        return False
    return count_trials(evidence).runs < 2


def _on_topic(block: TextBlock, params: ExplanationParams) -> bool:
    if substance(block.text) < _min_chars(block, params) or is_retrospective_heading(block.heading):
        return False  # a retrospective looks back; it does not explain the choices made
    others = [t for t in TOPIC_WORDS if t != params.topic]
    about_other = any(_mentions(block, t) for t in others)
    if _names_topic(block.text, params.topic, about_other):
        return True
    if matches_any(block.heading, TOPIC_WORDS[params.topic]):
        return True
    # Next to such code, it counts unless it is plainly about another topic.
    return params.topic in block.near_topics and not about_other


def _names_topic(text: str, topic: str, about_other: bool) -> bool:
    """Specific words always count; generic ones (모델, 생성자) only without another topic."""
    generic = GENERIC_WORDS.get(topic, ())
    specific = tuple(w for w in TOPIC_WORDS[topic] if w not in generic)
    return matches_any(text, specific) or (not about_other and matches_any(text, generic))


def _min_chars(block: TextBlock, params: ExplanationParams) -> int:
    """A code comment may be short and still say how (``# -1 ~ 1로 정규화``)."""
    short_ok = params.accept_method and block.kind in ("comment", "docstring")
    return min(params.min_chars, 6) if short_ok else params.min_chars


def _mentions(block: TextBlock, topic: str) -> bool:
    return matches_any(block.text, TOPIC_WORDS[topic])


def _rank(blocks: list[TextBlock], topic: str) -> list[TextBlock]:
    """Most on-topic first (next to such code, naming it, under such a heading), then longest."""

    def relevance(block: TextBlock) -> int:
        return (
            (topic in block.near_topics)
            + _mentions(block, topic)
            + matches_any(block.heading, TOPIC_WORDS[topic])
        )

    return sorted(blocks, key=lambda t: (-relevance(t), -substance(t.text)))
