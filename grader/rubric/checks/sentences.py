"""Sentences of the student's prose, each with the one topic it is about and its context.

An explanation is judged sentence by sentence: a sentence is about the topic its own words
name (the clause that states the choice first, then the reason clause), and only when it
names none about the topic of the line it hangs under, its heading or the code beside it.
So one quote earns one topic, and a keyword elsewhere in the paragraph earns nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from grader.records.evidence import TextBlock
from grader.rubric.checks.common import matches_any
from grader.text.vocabulary import (
    COMPOUND_TERMS,
    GENERIC_WORDS,
    OFF_TOPIC,
    TOPIC_WORDS,
    Topic,
)

TOPICS: tuple[Topic, ...] = ("model", "hyperparameters", "preprocessing")

_SPLIT = re.compile(r"(?<=[.!?。])\s+|\n+")
_CAUSE_AFTER = re.compile(
    r"(때문에|때문이|위해서?|위하여|므로|니까|으니|아서|어서|여서|라서|해서|려고|고자|도록|"
    r"\bbecause\b|\bsince\b|\bso that\b|\bin order to\b|\bto avoid\b)",
    re.IGNORECASE,
)
_PICKED = re.compile(
    r"([\w\-]+)\s?(?:을|를)\s?(?:사용|적용|선택|이용|활용|도입|채택)(?:했|하였|합니다|한다|함)"
)
_IDENTIFIER = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z][A-Za-z0-9_]{2,}(?![A-Za-z0-9_])")
_CAUSE_BEFORE = re.compile(r"(이유는|이유로|왜냐하면|왜냐면|because|since|so that|to avoid)", re.I)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a block, with the lines before it in the block."""

    block: TextBlock
    text: str
    before: tuple[str, ...]
    """Earlier sentences of the same block, nearest last (the line it hangs under)."""


def sentences(blocks: Iterable[TextBlock]) -> Iterator[Sentence]:
    """Every sentence of ``blocks`` in order."""
    for block in blocks:
        parts = [p.strip() for p in _SPLIT.split(block.text) if p and p.strip()]
        for i, part in enumerate(parts):
            yield Sentence(block, part, tuple(parts[max(0, i - 3) : i]))


def topic_of(sentence: Sentence) -> Topic | None:
    """The one topic ``sentence`` is about, or ``None`` (another subject, or undecidable).

    Specific words decide first (the choice clause, then the whole sentence); a sentence
    that names nothing specific takes the topic of the line it hangs under or its heading,
    and loose words (모델, 구조) count only when the code beside agrees."""
    choice = choice_clause(sentence.text)
    if matches_any(choice, OFF_TOPIC) or _chooses_other(choice):
        return None
    for text in (choice, sentence.text):
        found = _best(text, sentence.block, specific=True)
        if found is not None:
            return found
    if _named(sentence.text, specific=True):
        return None  # names several topics equally: undecidable
    for line in [*reversed(sentence.before[-2:]), sentence.block.heading]:
        found = _best(line, sentence.block, specific=True)
        if found is not None:
            return found
    found = _best(sentence.text, sentence.block, specific=False)
    if found is not None or _named(sentence.text, specific=False):
        return found
    near = [t for t in TOPICS if t in sentence.block.near_topics]
    return near[0] if len(near) == 1 else None


def choice_clause(text: str) -> str:
    """The clause that states what was done: after a Korean reason clause (``A라서 B``),
    before a reason that follows (``B. 이유는 A``, ``B because A``)."""
    before = _CAUSE_BEFORE.search(text)
    if before is not None and before.start() > 3:
        return text[: before.start()]
    for match in _CAUSE_AFTER.finditer(text):
        rest = text[match.end() :]
        if len(rest.split()) >= 2:
            return rest
    return text


def topic_hits(text: str) -> dict[Topic, int]:
    """How strongly ``text`` names each topic (compound terms first, generic words weakly)."""
    return dict(zip(TOPICS, _topic_hits(text), strict=True))


@lru_cache(maxsize=65_536)
def _topic_hits(text: str) -> tuple[int, ...]:
    """:func:`topic_hits` as a tuple in :data:`TOPICS` order, cached: every sentence is asked
    about for each item and as the context of its neighbours."""
    lowered = text.lower()
    hits: dict[Topic, int] = dict.fromkeys(TOPICS, 0)
    for pattern, topic in COMPOUND_TERMS:
        lowered, count = re.subn(pattern, " ", lowered)
        hits[topic] += 3 * count
    for topic in TOPICS:
        generic = GENERIC_WORDS.get(topic, ())
        for word in TOPIC_WORDS[topic]:
            if matches_any(lowered, (word,)):
                hits[topic] += 1 if word in generic else 3
    return tuple(hits[topic] for topic in TOPICS)


def names(text: str, topic: Topic) -> bool:
    """``text`` names ``topic`` with a specific word (드롭아웃, 학습률, 정규화 ...)."""
    return topic_hits(text)[topic] >= 3


def _chooses_other(choice: str) -> bool:
    """The clause picks something no topic names (``SHAP를 사용합니다``, ``EarlyStopping도
    걸었다``): it is about that thing."""
    match = _PICKED.search(choice)
    if match is not None and not _named(match.group(1)):
        return True
    return _IDENTIFIER.search(choice) is not None and not _named(choice)


def _named(text: str, specific: bool = False) -> bool:
    return max(topic_hits(text).values()) >= (3 if specific else 1)


def _best(text: str, block: TextBlock, specific: bool) -> Topic | None:
    hits = topic_hits(text)
    top = max(hits.values())
    if top == 0 or (specific and top < 3):
        return None
    if top < 3:  # only loose words (모델, 구조): the code beside must agree
        near = [t for t in TOPICS if hits[t] == top and t in block.near_topics]
        return near[0] if len(near) == 1 else None
    leaders = [t for t in TOPICS if hits[t] == top]
    if len(leaders) == 1:
        return leaders[0]
    near = [t for t in leaders if t in block.near_topics]
    return near[0] if len(near) == 1 else None
