"""2. 설명: the student's own text gives reasons for the model, hyperparameters, preprocessing.

Judged sentence by sentence. A sentence is about the one topic it names (see
:mod:`sentences`); it explains the choice when it gives a reason and says what was chosen
(itself, the line it hangs under or its heading). Marks:

- o: such a sentence in the student's own text;
- △: a reason that only the course text or a scaffold cell (text addressed to the reader as a
  learner: LMS, tutorial, assistant) gives, or a reason that rests on trials never run;
- x: only descriptions (what was done, what a layer does), a reason about something else, or
  nothing on the topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from grader.evidence.derived.trials import claims_trials, count_trials
from grader.records.evidence import Evidence, TextBlock
from grader.rubric.checks.common import short, substance
from grader.rubric.checks.reasons import (
    general_statement,
    gives_reason,
    might_give_reason,
    speculation,
    states_choice,
    unrealised,
)
from grader.rubric.checks.retrospective import is_retrospective_heading
from grader.rubric.checks.sentences import Sentence, names, sentences, topic_of
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check
from grader.text.vocabulary import Topic

TOPIC_KO = {
    "model": "모델 선정 이유",
    "hyperparameters": "하이퍼파라미터 선정 이유",
    "preprocessing": "데이터 전처리 이유",
}

Kind = Literal["own", "template", "undecided", "description"]
_CITES_OUTCOME = re.compile(
    r"봤|보았|했더니|해\s?보니|결과|가장\s?(?:좋|높|낮|안정)|좋았|나았|best|worked|tried", re.I
)
"""A reason that cites what the trials gave (해 봤는데 0.001이 가장 좋았다), not a plan."""
_TIPS = re.compile(r"방법|방안|전략|팁|\btips?\b|strateg|best practice", re.I)
"""Headings of a list of general tips (성능 향상 방법): what follows is advice, not choices."""
_PAST = re.compile(r"[했였었았웠꿨췄렸뒀]")
_TABLE_ROW = re.compile(r"^\s*\|")
_OBSERVED = re.compile(
    r"관찰(?:되|됐|할\s?수)|보였|보인다|보이는|보입니다|나타났|나타난다|나타납니다|확인되었|확인됐|"
    r"볼\s?수\s?있|경향|\b(?:we|i) (?:observed|saw|noticed)\b|\bshows?\b|\bshowed\b",
    re.IGNORECASE,
)
"""What the results showed (과적합 경향이 관찰되었다): a finding, not the choice it led to."""
_DECIDED = re.compile(
    r"선택|결정|정했|골랐|채택|하기로|사용했|사용하였|적용했|적용하였|설정했|설정하였|추가했|"
    r"추가하였|바꿨|바꾸었|늘렸|줄였|낮췄|높였|넣었|\b(?:chose|decided|switched|picked)\b",
    re.IGNORECASE,
)

_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s")
_JUSTIFIES_BEFORE = re.compile(
    r"^\s*(?:왜냐하면|왜냐면|(?:그\s?)?이유는|because\b|since\b|this is because\b)"
    r"|(?:때문|위해서|위함|위해)(?:이다|입니다|이에요|임|이었다|였다|이었습니다|였습니다)?\s*[.!)]*\s*$",
    re.IGNORECASE,
)
"""A sentence that justifies the line before it (``…로 정했다. 데이터가 적기 때문이다``)."""
_WHY_HEADING = re.compile(r"이유|선택|선정|왜|\bwhy\b|\breasons?\b|rationale", re.IGNORECASE)
_REFERS_BACK = re.compile(
    r"^\s*(?:그래서|따라서|그러므로|그 결과|이에|so\b|therefore\b|thus\b)", re.I
)


class ExplanationParams(BaseModel):
    """Which topic to look for and how much text counts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: Topic
    min_chars: int = 6
    """Shortest sentence (characters of content) that can explain anything."""


@dataclass(frozen=True)
class Judged:
    """A sentence on the topic and what it does for the explanation."""

    sentence: Sentence
    kind: Kind
    paired: bool = False
    """The reason is the sentence before (``A 때문에 … 부족했다. 그래서 B로 늘렸다``)."""

    @property
    def quote(self) -> str:
        if self.paired and self.sentence.before:
            return f"{self.sentence.before[-1]} {self.sentence.text}"
        return self.sentence.text

    @property
    def block(self) -> TextBlock:
        return self.sentence.block


@check("explanation.reasoned_text", params=ExplanationParams)
def reasoned_text(evidence: Evidence, params: ExplanationParams) -> Outcome:
    """o for an own reason for this choice; △ for a reason only in scaffold text; else x."""
    topic = TOPIC_KO[params.topic]
    judged = list(_judge(_on_topic(evidence, params), params.topic))
    own, grounded = _own_reasons(judged, evidence, params)
    if grounded:
        return _outcome("o", "reason_found", grounded, topic)
    if own:
        return _outcome("△", "reason_rests_on_unrun_trials", own, topic)
    template = [j for j in judged if j.kind == "template"]
    if template:
        return _outcome("△", "reason_only_in_course_text", template, topic)
    described = [j for j in judged if j.kind in ("description", "undecided")]
    described = [j for j in described if not _copied(j.block)]
    if described:
        return _outcome("x", "description_without_reason", described, topic)
    if judged:
        return _outcome("x", "only_course_text", judged, topic)
    return Outcome.of("x", "explanation_missing", topic=topic)


def _own_reasons(
    judged: list[Judged], evidence: Evidence, params: ExplanationParams
) -> tuple[list[Judged], list[Judged]]:
    """Own reasons, and those not resting on unrun trials; the analyser reads connective
    endings only when the keywords found no grounded reason."""
    own = [j for j in judged if j.kind == "own"]
    grounded = [j for j in own if not _rests_on_unrun_trials(j, evidence, params)]
    if not grounded:
        found = _read_endings(j for j in judged if j.kind == "undecided")
        own += found
        grounded = [j for j in found if not _rests_on_unrun_trials(j, evidence, params)]
    return own, grounded


def _on_topic(evidence: Evidence, params: ExplanationParams) -> Iterator[Sentence]:
    for sentence in sentences(_all_texts(evidence)):
        if substance(sentence.text) >= params.min_chars and topic_of(sentence) == params.topic:
            yield sentence


def _all_texts(evidence: Evidence) -> Iterator[TextBlock]:
    for notebook in evidence.notebooks:
        yield from notebook.texts
    yield from evidence.readme_texts


def _judge(found: Iterable[Sentence], topic: Topic) -> Iterator[Judged]:
    """Each sentence's kind; an instruction to the reader explains nothing, not even as a
    template, so prompts are left out."""
    for sentence in found:
        if not _is_prompt(sentence.block):
            yield _judge_one(sentence, topic)


def _judge_one(sentence: Sentence, topic: Topic) -> Judged:
    """Own / template reason, undecided (a connective ending for the analyser) or description."""
    text = sentence.text
    if _TABLE_ROW.match(text):
        return Judged(sentence, "description")  # a table cell is no sentence of the student's
    general = general_statement(text)
    if _TIPS.search(sentence.block.heading) or (general and not _PAST.search(text)):
        return Judged(sentence, "description")  # general tips or a textbook statement
    if speculation(text) or (_OBSERVED.search(text) and not _DECIDED.search(text)):
        return Judged(sentence, "description")  # a guess or an observed result, not a choice
    copied = _copied(sentence.block)
    itself = not unrealised(text) and states_choice(text)
    if not (itself or copied or (not general and _context_choice(sentence, topic))):
        return Judged(sentence, "description")
    nearest = itself or (not general and _context_choice(sentence, topic, nearest_only=True))
    kind: Kind = "template" if copied else "own"
    # A comment glossing its line (드롭아웃 0.5로 설정하여 과적합을 방지함) says what the
    # component does; only a causal marker (때문, 위해, 므로) makes it a reason there.
    benefits = nearest and not general and sentence.block.kind in ("markdown", "readme")
    if gives_reason(text, benefits=benefits, morphology=False):
        return Judged(sentence, kind)
    if itself and _reason_before(sentence, topic):
        return Judged(sentence, kind, paired=True)
    if not copied and might_give_reason(text):
        return Judged(sentence, "undecided")
    return Judged(sentence, "description")


def _read_endings(undecided: Iterable[Judged]) -> list[Judged]:
    """The first own sentence whose connective ending the analyser reads as "because"
    (loaded only now: most notebooks are decided by the keywords)."""
    for judged in undecided:
        if gives_reason(judged.sentence.text, benefits=False):
            return [Judged(judged.sentence, "own")]
    return []


def _reason_before(sentence: Sentence, topic: Topic) -> bool:
    """The sentence right before is about the same topic, gives a causal reason (not a
    benefit) and chooses nothing itself."""
    if not sentence.before or states_choice(sentence.before[-1]):
        return False
    before = sentence.before[-1]
    if _TABLE_ROW.match(before):
        return False
    return names(before, topic) and gives_reason(before, benefits=False, morphology=False)


def _copied(block: TextBlock) -> bool:
    return block.course_text or block.scaffold


def _is_prompt(block: TextBlock) -> bool:
    """Instruction text cut out of a scaffold cell (both flags: see evidence.markdown)."""
    return block.course_text and block.scaffold


def _context_choice(sentence: Sentence, topic: Topic, nearest_only: bool = False) -> bool:
    """The line the sentence hangs under (about the same topic) or its heading says what was
    chosen; not in a retrospective (it looks back on many things) nor for a regret or a plan.
    ``nearest_only``: only the line right above counts."""
    if unrealised(sentence.text) or is_retrospective_heading(sentence.block.heading):
        return False
    lines = sentence.before[-1:] if nearest_only else sentence.before[-2:]
    # Only a sentence that justifies what precedes it, or a bullet among the bullets that
    # state the choice, borrows that choice; a narration beside it does not.
    borrows = (
        _JUSTIFIES_BEFORE.search(sentence.text)
        or _BULLET.match(sentence.text)
        or gives_reason(sentence.text, benefits=False, morphology=False)
        or might_give_reason(sentence.text)
    )
    about = names(sentence.block.heading, topic)
    if borrows and any(states_choice(line) and (about or names(line, topic)) for line in lines):
        return True
    heading = sentence.block.heading
    if nearest_only:
        return False
    return _WHY_HEADING.search(heading) is not None or (
        states_choice(heading) and names(heading, topic)
    )


def _rests_on_unrun_trials(judged: Judged, evidence: Evidence, params: ExplanationParams) -> bool:
    """A hyperparameter reason that cites trials the notebook never ran (claims only)."""
    told = judged.sentence.text
    if _REFERS_BACK.match(told) and judged.sentence.before:
        told = f"{judged.sentence.before[-1]} {told}"
    if params.topic != "hyperparameters" or not claims_trials(told):
        return False
    if not _CITES_OUTCOME.search(told):
        return False
    return count_trials(evidence).runs < 2


def _outcome(mark: Literal["o", "△", "x"], reason: str, found: list[Judged], topic: str) -> Outcome:
    best = max(found, key=lambda j: (substance(j.quote) >= 20, -_rank(j)))
    refs = list(dict.fromkeys([best.block.ref, *(j.block.ref for j in found)]))[:5]
    return Outcome.of(mark, reason, refs, quote=short(best.quote), topic=topic)


def _rank(judged: Judged) -> int:
    """Position in notebook order (the first good sentence is quoted)."""
    return judged.block.ref.cell if judged.block.ref.cell is not None else 10_000
