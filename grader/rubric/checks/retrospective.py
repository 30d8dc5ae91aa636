"""4. 회고: the four parts (배운 점, 아쉬운 점, 느낀 점, 어려웠던 점), each judged on its own.

A part is o when a heading or label names it and something of substance is written under
it, when a KPT Problem item is worded as that part, or when a sentence of a retrospective
region says it (``…가 아쉬웠다``). Retrospective regions are sections under 회고-like
headings, sections after the notebook's last code cell, and the README. A KPT Keep only
hints at 배운 점, and the half of a Problem that its wording does not take only hints at the
other part: both give △. Headings such as 문제점 or Troubleshooting name a part only inside
such a region; in the middle of the experiments they title an experiment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from grader.records.evidence import Evidence, EvidenceRef, TextBlock
from grader.records.verdict import Mark
from grader.rubric.checks.common import (
    cell_no,
    course_texts,
    short,
    student_texts,
    substance,
)
from grader.rubric.checks.retrospective_outline import Node, last_code, outline
from grader.rubric.checks.retrospective_words import (
    CLOSING,
    CONTEXTUAL,
    FUTURE,
    PARTS,
    PROBLEM_TROUBLE,
    REFERENCES,
    RETRO,
    STRONG,
    Part,
    contextual_part,
    has_word,
    hints,
    is_prompt,
    kpt_kind,
    names_strongly,
    opinion,
    own_sentence,
    says,
    squash,
    strong_part,
)
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check

PART_NAMES: dict[str, str] = {
    "learned": "배운 점",
    "regrets": "아쉬운 점",
    "felt": "느낀 점",
    "difficulties": "어려웠던 점",
}
_INLINE = re.compile(
    r"^\s*[-*>]*\s*\**\s*(?P<label>[^:：\n]{1,20}?)\s*\**\s*[:：]\s*(?P<body>.+)$", re.M
)
_SENTENCE = re.compile(r"(?<=[.!?。])\s+|(?<=[다요음함][.!?])(?=[^\s.!?~])|\n+")
_BULLET = re.compile(r"^\s*(?:[-*+>]\s*)+|^\s*\d+[.)]\s+")
_MIN_SENTENCE = 6
_SENTENCE_END = re.compile(r"(?:다|요|음|함)[.!~]*$")


class PartParams(BaseModel):
    """Which part to look for and how much counts as substance."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    part: Part
    min_chars: int = 8


@check("retrospective.part", params=PartParams)
def retrospective_part(evidence: Evidence, params: PartParams) -> Outcome:
    """o when the part is written; △ when only hinted (KPT Keep, the other half of a Problem)."""
    nodes = outline(evidence)
    finders: tuple[Callable[[Evidence, list[Node], PartParams], Outcome | None], ...] = (
        _headed,
        _inline,
        _problem_items,
        _prose,
        _keep,
        _other_half,
        _hinted,
        _empty,
    )
    for finder in finders:
        found = finder(evidence, nodes, params)
        if found is not None:
            return found
    return _missing(nodes, params)


def _student(nodes: list[Node]) -> Iterator[Node]:
    return (n for n in nodes if not n.section.course_text)


def _headed(evidence: Evidence, nodes: list[Node], params: PartParams) -> Outcome | None:
    named = [n for n in _student(nodes) if n.names(params.part) and n.kpt() is None]
    full = [n for n in named if _written(n.section.body) >= params.min_chars]
    if not full:
        return None
    best = max(full, key=lambda n: _written(n.section.body))
    ref = with_body(best.section.ref, best.section.heading, best.section.body)
    return _o("part_written", ref, params, short(best.section.body))


def _written(body: str) -> int:
    """Substance of the student's own sentences (template prompts left out)."""
    return substance("\n".join(s for s in _sentences(body) if own_sentence(s)))


def _inline(evidence: Evidence, nodes: list[Node], params: PartParams) -> Outcome | None:
    for block in student_texts(evidence):
        for match in _INLINE.finditer(block.text):
            if not names_strongly(match["label"], params.part):
                continue
            if _written(match["body"]) >= params.min_chars:
                ref = with_body(block.ref, match["label"], match["body"])
                return _o("part_written", ref, params, short(match["body"]))
    return None


def _problem_items(evidence: Evidence, nodes: list[Node], params: PartParams) -> Outcome | None:
    """A KPT Problem item worded as this part (아쉬운 점 or 어려웠던 점)."""
    if params.part not in ("regrets", "difficulties"):
        return None
    for loose in (False, True):  # plain wordings first, "did not work" items after
        for node in _problems(nodes):
            for sentence in _sentences(node.section.body):
                if problem_part(sentence, loose=loose) == params.part:
                    quote = _quote(sentence)
                    return _o("part_in_kpt", node.section.ref, params, quote, kpt=node.heading)
    return None


def problem_part(sentence: str, *, loose: bool = True) -> Part | None:
    """Where a Problem item goes by its wording: difficulty first, then regret; ``loose``:
    an item about something that did not work is a difficulty too."""
    order: tuple[Part, ...] = ("difficulties", "regrets")
    found = next((part for part in order if says(sentence, part, soft=True)), None)
    trouble = loose and PROBLEM_TROUBLE.search(sentence) is not None
    return found or ("difficulties" if trouble else None)


def _problems(nodes: list[Node]) -> list[Node]:
    return [n for n in _student(nodes) if n.kpt() == "problem" and substance(n.section.body)]


@dataclass(frozen=True)
class _Unit:
    """Text of a retrospective region that is read sentence by sentence."""

    ref: EvidenceRef
    text: str
    soft: bool
    """Plain wordings (``이해했다``, ``어렵다``) count: it is a retrospective or a part."""
    free: bool
    """Free retrospective prose (under 회고 itself): an opinion there is a 느낀 점."""
    owners: tuple[Part, ...] = ()
    """Parts its heading names: a sentence worded as one of them stays with it."""

    def claims(self, sentence: str, part: Part) -> bool:
        """The sentence belongs to another part this unit is titled with."""
        return any(says(sentence, p, soft=True) for p in self.owners if p != part)


def _prose(evidence: Evidence, nodes: list[Node], params: PartParams) -> Outcome | None:
    """A sentence of the part in a retrospective region; an opinion only for 느낀 점, last."""
    units = list(_units(evidence, nodes, params.part))
    tests: tuple[Callable[[str, _Unit], bool], ...] = (
        lambda sentence, unit: says(sentence, params.part, soft=unit.soft)
        and not unit.claims(sentence, params.part),
        lambda sentence, unit: _opinion(sentence, unit, params),
    )
    for test in tests:
        for unit in units:
            for sentence in _own_sentences(unit.text):
                if test(sentence, unit):
                    ref = _locate(evidence, unit.ref, sentence)
                    return _o("part_in_prose", ref, params, _quote(sentence))
    return None


def _locate(evidence: Evidence, ref: EvidenceRef, sentence: str) -> EvidenceRef:
    """The paragraph's own cell (a section's ref is its heading's cell)."""
    key = squash(sentence)
    for block in student_texts(evidence):
        same = block.ref.source == ref.source and block.ref.notebook == ref.notebook
        if same and key in squash(block.text):
            return block.ref
    return ref


def _quote(sentence: str) -> str:
    return short(_BULLET.sub("", sentence))


def _opinion(sentence: str, unit: _Unit, params: PartParams) -> bool:
    """``…인 것 같다`` in free retrospective prose that no other part claims."""
    if params.part != "felt" or not unit.free or not opinion(sentence):
        return False
    return not any(says(sentence, p, soft=True) for p in PARTS if p != "felt")


def _units(evidence: Evidence, nodes: list[Node], part: Part) -> Iterator[_Unit]:
    course = [squash(block.text) for block in course_texts(evidence)]
    for node in _student(nodes):
        if _reads(node, part):
            owners = tuple(p for p in PARTS if node.names(p))
            soft = node.in_retro() or part in owners or (bool(owners) and node.in_context())
            free = has_word(node.heading, RETRO) and not owners
            text = _drop_course(_with_sentence_heading(node), course)
            yield _Unit(node.section.ref, text, soft, free, owners)
    for block in _tail_blocks(evidence, nodes, part):
        owners = tuple(p for p in PARTS if names_strongly(block.heading, p))
        yield _Unit(block.ref, block.text, False, False, owners)


def _with_sentence_heading(node: Node) -> str:
    """A heading written as a sentence (``##### 1. 기록하면서 했습니다.``) is read too."""
    heading = node.heading
    if len(heading) > 24 or _SENTENCE_END.search(heading):
        return heading + "\n" + node.own
    return node.own


def _drop_course(text: str, course: list[str]) -> str:
    """Lines of a section that are course text (found in a course paragraph) are not read."""
    if not course:
        return text
    lines = text.splitlines()
    return "\n".join(line for line in lines if not _in_course(squash(line), course))


def _in_course(key: str, course: list[str]) -> bool:
    return len(key) >= _MIN_SENTENCE and any(key in block for block in course)


def _reads(node: Node, part: Part) -> bool:
    """Whether the node's own text is read for ``part``: in a retrospective region or under
    a part's heading, and not set aside (see ``_set_aside``)."""
    placed = node.in_context() or any(strong_part(s.heading) for s in node.chain)
    return placed and not _set_aside(node, part)


def _set_aside(node: Node, part: Part) -> bool:
    """Under Try, future work or references; KPT parts are judged as KPT (Keep for 배운 점,
    Problem for 아쉬운/어려웠던 점)."""
    for section in node.chain:
        kind = kpt_kind(section.heading) if section is not node.section else node.kpt()
        if kind == "try" or has_word(section.heading, FUTURE + REFERENCES):
            return True
        if kind == "keep" and part == "learned":
            return True
        if kind == "problem" and part in ("regrets", "difficulties"):
            return True
    return False


def _tail_blocks(evidence: Evidence, nodes: list[Node], part: Part) -> Iterator[TextBlock]:
    """Paragraphs after the last code cell and of the README, outside KPT, future work and
    reference lists (judged by the section each paragraph sits in)."""
    last = {nb.path: last_code(nb) for nb in evidence.notebooks}
    for block in student_texts(evidence):
        if block.kind not in ("markdown", "readme") or kpt_kind(block.heading):
            continue
        node = _node_of(block, nodes)
        if has_word(block.heading, FUTURE + REFERENCES) or (node and _set_aside(node, part)):
            continue
        cell, path = block.ref.cell, block.ref.notebook
        if block.kind == "readme" or (cell is not None and path and cell > last.get(path, -1)):
            yield block


def _node_of(block: TextBlock, nodes: list[Node]) -> Node | None:
    """The last section above the paragraph with the paragraph's heading."""
    found = None
    for node in nodes:
        ref = node.section.ref
        same = ref.notebook == block.ref.notebook and ref.source == block.ref.source
        if same and node.heading == block.heading and (ref.cell or 0) <= (block.ref.cell or 0):
            found = node
    return found


def _own_sentences(text: str) -> Iterator[str]:
    for sentence in _sentences(text):
        if sentence.startswith("|") or _label(sentence):
            continue
        if substance(sentence) >= _MIN_SENTENCE and own_sentence(sentence):
            yield sentence


def _sentences(body: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(body) if part.strip()]


def _label(sentence: str) -> bool:
    """A bare part label (``아쉬운 점``, ``✅ 배운 점 (What I Learned)``) is not a sentence."""
    core = re.sub(r"[\W_]+", "", sentence.lower())
    if strong_part(sentence) is None:
        return False
    for part in PARTS:
        for word in STRONG[part]:
            core = core.replace(word, "")
    return len(core) <= 2


def _keep(evidence: Evidence, nodes: list[Node], params: PartParams) -> Outcome | None:
    if params.part != "learned":
        return None
    keeps = [n for n in _student(nodes) if n.kpt() == "keep" and substance(n.section.body)]
    if not keeps:
        return None
    return _at("kpt_keep_only", keeps[0], params, quote=short(keeps[0].section.body))


def _other_half(evidence: Evidence, nodes: list[Node], params: PartParams) -> Outcome | None:
    if params.part not in ("regrets", "difficulties"):
        return None
    problems = _problems(nodes)
    if not problems:
        return None
    sentences = [s for n in problems for s in _sentences(n.section.body)]
    taken = [s for s in sentences if problem_part(s)]
    if taken:
        other = PART_NAMES[problem_part(taken[0]) or params.part]
        quote = _quote(taken[0])
        return _at("kpt_problem_other", problems[0], params, quote=quote, other=other)
    return _at("kpt_problem_unclear", problems[0], params, quote=short(problems[0].section.body))


def _hinted(evidence: Evidence, nodes: list[Node], params: PartParams) -> Outcome | None:
    for unit in _units(evidence, nodes, params.part):
        for sentence in _own_sentences(unit.text):
            if unit.soft and hints(sentence, params.part):
                return Outcome.of(
                    "△", "part_hinted", [unit.ref], part=PART_NAMES[params.part],
                    where=cell_no(unit.ref), quote=_quote(sentence),
                )
    if params.part == "regrets":
        future = [n for n in _student(nodes) if has_word(n.heading, FUTURE) and n.in_context()]
        future = [n for n in future if substance(n.section.body) and n.kpt() is None]
        if future:
            return _at("future_work_only", future[0], params, quote=short(future[0].section.body))
    return None


def _empty(evidence: Evidence, nodes: list[Node], params: PartParams) -> Outcome | None:
    named = [n for n in _student(nodes) if n.names(params.part) and n.kpt() is None]
    return _at("part_empty", named[0], params, mark="x") if named else None


def _missing(nodes: list[Node], params: PartParams) -> Outcome:
    students = list(_student(nodes))
    opened = [n for n in students if has_word(n.heading, RETRO)]
    retro = opened or [n for n in students if n.kpt() or any(n.names(p) for p in PARTS)]
    if retro:
        return _at("part_missing_in_retro", retro[0], params, mark="x")
    closing = sorted(
        (n for n in students if n.tail and has_word(n.heading, CLOSING)),
        key=lambda n: n.section.level,
    )
    if closing:
        return _at("summary_not_retro", closing[0], params, mark="x", heading=closing[0].heading)
    outside = [n for n in students if _mid_notebook_part(n)]
    if outside:
        return _at("part_outside_retro", outside[0], params, mark="x", heading=outside[0].heading)
    return Outcome.of("x", "no_retrospective", part=PART_NAMES[params.part])


def _mid_notebook_part(node: Node) -> bool:
    """A 문제점 / Troubleshooting / Try … heading among the experiments."""
    heading = node.heading
    return not node.in_context() and not is_prompt(heading) and (
        contextual_part(heading) is not None or kpt_kind(heading) is not None
    )


BODY_LINES = 4
"""Lines of what was written under a retrospective heading that its evidence quotes."""


def with_body(ref: EvidenceRef, heading: str, body: str) -> EvidenceRef:
    """``ref`` quoting the heading and the first lines written under it (``…`` when more)."""
    lines = [line for line in body.strip().splitlines() if line.strip()]
    shown = lines[:BODY_LINES] + (["…"] if len(lines) > BODY_LINES else [])
    title = heading.strip()
    excerpt = "\n".join([title, *shown] if title else shown)
    return ref.model_copy(update={"excerpt": excerpt[:MAX_QUOTED_CHARS]})


MAX_QUOTED_CHARS = 600


def _o(reason: str, ref: EvidenceRef, params: PartParams, quote: str, **facts: str) -> Outcome:
    return Outcome.of(
        "o", reason, [ref], part=PART_NAMES[params.part], where=cell_no(ref), quote=quote, **facts
    )


def _at(reason: str, node: Node, params: PartParams, mark: Mark = "△", **facts: str) -> Outcome:
    ref = node.section.ref
    return Outcome.of(
        mark,
        reason,
        [ref],
        part=PART_NAMES[params.part],
        where=cell_no(ref),
        **facts,
    )


def names_part(heading: str, part: str) -> bool:
    """The heading names the part wherever it stands (strong words only)."""
    return part in PARTS and names_strongly(heading, part)


def is_retrospective_heading(heading: str) -> bool:
    """The heading opens a retrospective, names one of its parts or a KPT item."""
    parts = tuple(w for p in PARTS for w in STRONG[p] + CONTEXTUAL[p])
    vocabulary = RETRO + FUTURE + _KPT_WORDS + parts
    return has_word(heading, vocabulary) or kpt_kind(heading) is not None


_KPT_WORDS = ("keep", "try", "problem")
