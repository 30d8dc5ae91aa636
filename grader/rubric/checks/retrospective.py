"""4. 회고: the four parts (배운 점, 아쉬운 점, 느낀 점, 어려웠던 점), KPT mapped onto them.

A part counts when a heading, bold line or inline label names it (or its usual synonyms)
and something of substance is written under it, in a notebook or the submission's README.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from grader.records.evidence import Evidence, Section, TextBlock
from grader.rubric.checks.common import cell_no, short, student_sections, student_texts, substance
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check

Part = Literal["learned", "regrets", "felt", "difficulties"]

PART_NAMES: dict[str, str] = {
    "learned": "배운 점",
    "regrets": "아쉬운 점",
    "felt": "느낀 점",
    "difficulties": "어려웠던 점",
}

# Synonyms, whitespace-insensitive. KPT: Keep -> 배운 점, Problem -> 어려웠던 점, Try -> 아쉬운 점.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "learned": (
        "배운점",
        "배운것",
        "알게된점",
        "알게된것",
        "새로알게",
        "학습한점",
        "얻은점",
        "keep",
        "lessonslearned",
        "learned",
        "배움",
    ),
    "regrets": (
        "아쉬운점",
        "아쉬웠던점",
        "아쉬움",
        "아쉬운것",
        "개선할점",
        "개선점",
        "보완할점",
        "보완점",
        "한계",
        "다음에는",
        "향후",
        "try",
        "improvement",
    ),
    "felt": ("느낀점", "느낀것", "소감", "느낌", "후기", "총평", "감상", "felt", "impression"),
    "difficulties": (
        "어려웠던점",
        "어려운점",
        "어려웠던것",
        "어려움",
        "힘들었던점",
        "힘든점",
        "막혔던",
        "문제점",
        "트러블슈팅",
        "troubleshooting",
        "problem",
        "difficult",
        "challenge",
    ),
}
RETRO_WORDS = ("회고", "retrospective", "kpt", "마무리")
_INLINE = re.compile(
    r"^\s*[-*>]*\s*\**\s*(?P<label>[^:：\n]{1,20}?)\s*\**\s*[:：]\s*(?P<body>.+)$", re.M
)


class PartParams(BaseModel):
    """Which part to look for and how much counts as substance."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    part: Part
    min_chars: int = 20


@check("retrospective.part", params=PartParams)
def retrospective_part(evidence: Evidence, params: PartParams) -> Outcome:
    """o when the part is written with substance; an empty heading is x."""
    name = PART_NAMES[params.part]
    sections = [s for s in student_sections(evidence) if names_part(s.heading, params.part)]
    full = [s for s in sections if substance(s.body) >= params.min_chars]
    if full:
        best = max(full, key=lambda s: substance(s.body))
        return Outcome.of(
            "o",
            "part_written",
            [s.ref for s in full],
            part=name,
            where=cell_no(best.ref),
            quote=short(best.body),
        )
    inline = [t for t in student_texts(evidence) if _inline_part(t, params)]
    if inline:
        return Outcome.of(
            "o",
            "part_written",
            [inline[0].ref],
            part=name,
            where=cell_no(inline[0].ref),
            quote=short(inline[0].text),
        )
    if sections:
        return Outcome.of(
            "x", "part_empty", [sections[0].ref], part=name, where=cell_no(sections[0].ref)
        )
    retro = [s for s in student_sections(evidence) if _is_retro(s)]
    prose = [(s, sentence) for s in retro for sentence in _sentences(s.body)]
    said = [(s, t) for s, t in prose if _says_part(t, params)]
    if said:
        section, sentence = said[0]
        return Outcome.of(
            "o",
            "part_in_prose",
            [section.ref],
            part=name,
            where=cell_no(section.ref),
            quote=short(sentence),
        )
    if retro:
        return Outcome.of(
            "x", "part_missing_in_retro", [retro[0].ref], part=name, where=cell_no(retro[0].ref)
        )
    return Outcome.of("x", "no_retrospective", part=name)


def names_part(heading: str, part: str) -> bool:
    """The heading names the part (synonyms, spacing ignored; short English words whole)."""
    squashed = re.sub(r"\s+", "", heading.lower())
    words = set(re.findall(r"[a-z]+", heading.lower()))
    for synonym in SYNONYMS[part]:
        if synonym.isascii() and len(synonym) <= 8:
            if synonym in words:
                return True
        elif synonym in squashed:
            return True
    return False


# What each part sounds like in running prose (stems; "~를 배웠다", "~가 아쉬웠다" ...).
PROSE_STEMS: dict[str, tuple[str, ...]] = {
    "learned": ("배웠", "배울 수 있", "배우게", "알게 되", "알게 됐", "깨달", "익혔", "이해하게"),
    "regrets": (
        "아쉬웠",
        "아쉽",
        "못해서",
        "못한 점",
        "했더라면",
        "했으면 좋았",
        "부족했",
    ),
    "felt": ("느꼈", "느낀", "느끼", "생각이 들", "뿌듯", "재미있", "재밌"),
    "difficulties": ("어려웠", "힘들었", "헤맸", "막혔", "오래 걸렸", "고생", "애를 먹"),
}
_SENTENCE = re.compile(r"(?<=[.!?。])\s+|\n+")


def _sentences(body: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(body) if part.strip()]


def _says_part(sentence: str, params: PartParams) -> bool:
    # One sentence is dense in Korean: half the section minimum is enough substance.
    return substance(sentence) >= max(10, params.min_chars // 2) and any(
        stem in sentence for stem in PROSE_STEMS[params.part]
    )


def is_retrospective_heading(heading: str) -> bool:
    """The heading opens a retrospective or one of its parts."""
    lowered = heading.lower()
    return any(word in lowered for word in RETRO_WORDS) or any(
        names_part(heading, part) for part in SYNONYMS
    )


def _inline_part(block: TextBlock, params: PartParams) -> bool:
    for match in _INLINE.finditer(block.text):
        if names_part(match["label"], params.part) and substance(match["body"]) >= params.min_chars:
            return True
    return False


def _is_retro(section: Section) -> bool:
    heading = section.heading.lower()
    return any(word in heading for word in RETRO_WORDS)
