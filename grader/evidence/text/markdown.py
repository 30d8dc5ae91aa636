"""Prose evidence: sections and text blocks from markdown cells, code comments and the README."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from grader.evidence.text.course import CourseText
from grader.evidence.text.prose import cap, code_prose, strip_markdown
from grader.evidence.text.register import runs as register_runs
from grader.records.evidence import EvidenceRef, EvidenceSource, Section, TextBlock
from grader.records.execution import Cell

BOLD_LEVEL = 7
"""Level of a bold-only line (``**배운 점**``): below every ATX heading."""
LABEL_LEVEL = 7
"""Level of an inline label (``배운 점: ...``, ``Keep: ...``): siblings of bold lines."""
MAX_HEADINGS = 400
MAX_LINES = 20_000
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|(?=[가-힣]))(.*?)\s*#*\s*$")
"""An ATX heading; ``##회고`` without the space counts too (Korean notebooks often omit it)."""
_BOLD = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)([^*_\n]{1,60}?)(?:\*\*|__)\s*[:：]?\s*$")
_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?([^:：*_\n#|]{1,24}?)\s*(?:\*\*|__)?\s*[:：]"
    r"(?:\*\*|__)?(?!//)\s*(.*)$"
)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIBRARY_DOC = re.compile(
    r"^\s*(?:Args|Arguments|Returns?|Parameters|Raises|Yields|Examples?)\s*:?\s*$|^\s*:param\b|^\s*>>>",
    re.MULTILINE,
)
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]|&nbsp;")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_MARKED_ZERO_WIDTH = re.compile(r"^(\s{0,3}#{1,6})[\u200b-\u200d\u2060\ufeff]", re.M)
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+")
_BOXED = re.compile(r"^\s*[\[<【「〈]\s*([^\]>】」〉]{1,24}?)\s*[\]>】」〉]\s*$")
_EMPHASIS = re.compile(r"^(?:\*\*|__)|(?:\*\*|__)$")
_LEADING_SYMBOLS = re.compile(r"^[^\w(]+")
_NOT_LABEL = re.compile(r"[:：.!?。|#*_`>\[\]=]|^\d")


@dataclass(frozen=True)
class _Line:
    cell: int | None
    text: str


@dataclass(frozen=True)
class _Heading:
    position: int
    level: int
    title: str
    rest: str


def parse_heading(text: str) -> tuple[int, str, str] | None:
    """``(level, title, inline rest)`` when ``text`` is a heading or pseudo-heading line."""
    match = _ATX.match(text)
    if match:
        return len(match.group(1)), strip_markdown(match.group(2)).strip(), ""
    match = _BOLD.match(text)
    if match:
        return BOLD_LEVEL, match.group(1).strip().rstrip(":："), ""
    match = _LABEL.match(text)
    if match and _is_label(match.group(1)):
        return LABEL_LEVEL, match.group(1).strip(), match.group(2).strip()
    return None


def _is_label(label: str) -> bool:
    """At most four words, not a number, not inside a link (``[실험 1 : 배치](url)``)."""
    words = label.split()
    return len(words) <= 4 and not label.strip().isdigit() and label.count("[") <= label.count("]")


def normalise_spaces(text: str) -> str:
    """No-break, ideographic and other odd spaces (and ``&nbsp;``) as plain spaces; zero-width
    ones dropped, except right after a heading's ``#`` marks, where they stood for a space."""
    text = _MARKED_ZERO_WIDTH.sub(r"\1 ", _ODD_SPACE.sub(" ", text))
    return _ZERO_WIDTH.sub("", text)


def _lines(texts: Sequence[tuple[int | None, str]]) -> list[_Line]:
    """Lines of markdown texts, fenced code blocks replaced by blank lines."""
    lines: list[_Line] = []
    for cell, text in texts:
        fenced = False
        for raw in normalise_spaces(text).splitlines()[:MAX_LINES]:
            if _FENCE.match(raw):
                fenced = not fenced
                lines.append(_Line(cell, ""))
                continue
            lines.append(_Line(cell, "" if fenced else raw))
        lines.append(_Line(cell, ""))
    return lines


def label_line(text: str, following: Sequence[str]) -> str | None:
    """Title of a bare label line (``배운 점`` or ``- 아쉬운 점``) that heads what follows.

    A short line (at most four words, no sentence punctuation) counts when the next lines
    belong to it: a plain label followed by a list (a bracketed one, ``[배운 점]``, by any
    line), or a bullet label followed by deeper-indented lines or directly by unbulleted
    lines that continue it.
    """
    bullet = _BULLET.match(text)
    content = text[bullet.end() :] if bullet else text
    boxed = _BOXED.match(content)
    title = _short_label(boxed.group(1) if boxed else content)
    nxt = next((line for line in following[:2] if line.strip()), None)
    if title is None or nxt is None:
        return None
    below = _BULLET.match(nxt)
    if bullet is None:
        return title if below or (boxed and following[0].strip()) else None
    deeper = _indent(nxt) > _indent(text)
    continues = following[0].strip() != "" and not below and parse_heading(nxt) is None
    return title if deeper or continues else None


def _short_label(text: str) -> str | None:
    core = _EMPHASIS.sub("", text).strip()
    core = _LEADING_SYMBOLS.sub("", core).strip()
    if not core or len(core) > 24 or len(core.split()) > 4 or _NOT_LABEL.search(core):
        return None
    return core


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _headings(lines: list[_Line]) -> list[_Heading]:
    found: list[_Heading] = []
    for position, line in enumerate(lines):
        parsed = parse_heading(line.text) if line.text.strip() else None
        if parsed is None and line.text.strip():
            following = [n.text for n in lines[position + 1 : position + 3]]
            title = label_line(line.text, following)
            parsed = (LABEL_LEVEL, title, "") if title else None
        if parsed is not None and parsed[1]:
            found.append(_Heading(position, *parsed))
            if len(found) >= MAX_HEADINGS:
                break
    return found


def sections(
    texts: Sequence[tuple[int | None, str]],
    source: EvidenceSource,
    notebook: str | None,
    course: CourseText | None,
) -> list[Section]:
    """Sections of markdown texts given as ``(cell index, text)`` in notebook order."""
    lines = _lines(texts)
    headings = _headings(lines)
    found: list[Section] = []
    for i, heading in enumerate(headings):
        end = next((h.position for h in headings[i + 1 :] if h.level <= heading.level), len(lines))
        body_lines = [heading.rest] + [line.text for line in lines[heading.position + 1 : end]]
        body = cap(strip_markdown("\n".join(body_lines)).strip())
        ref = EvidenceRef(
            source=source,
            notebook=notebook,
            cell=lines[heading.position].cell,
            excerpt=cap(lines[heading.position].text.strip(), 200),
        )
        copied = (
            bool(course) and course is not None and course.is_course_text(body or heading.title)
        )
        found.append(
            Section(
                ref=ref, heading=heading.title, level=heading.level, body=body, course_text=copied
            )
        )
    return found


@dataclass(frozen=True)
class _Paragraph:
    cell: int | None
    heading: str
    text: str


def _paragraphs(
    texts: Sequence[tuple[int | None, str]], start_heading: str = ""
) -> list[_Paragraph]:
    """Paragraphs (blank-line separated, headings excluded) with the heading above each."""
    found: list[_Paragraph] = []
    heading = start_heading
    current: list[str] = []
    cell: int | None = None
    for line in _lines(texts):
        parsed = parse_heading(line.text) if line.text.strip() else None
        if (not line.text.strip() or parsed) and current:
            found.append(_Paragraph(cell, heading, "\n".join(current)))
            current = []
        if parsed is not None:
            heading = parsed[1]
            if parsed[2]:
                current.append(parsed[2])
                cell = line.cell
        elif line.text.strip():
            current.append(line.text)
            cell = line.cell
    return [p for p in found if re.search(r"\w", strip_markdown(p.text))]


def markdown_texts(
    cells: Sequence[Cell],
    notebook: str,
    course: CourseText | None,
    topics: dict[int, tuple[str, ...]],
) -> list[TextBlock]:
    """One block per markdown paragraph, then comment/docstring blocks of code cells.

    A paragraph that mixes the student's sentences with sentences addressed to the reader
    (the instruction register) is cut into runs; every block of a cell holding unmatched
    instruction text is marked ``scaffold``."""
    blocks: list[TextBlock] = []
    code_order = [c.index for c in cells if c.cell_type == "code"]
    for cell in cells:
        if cell.cell_type == "markdown":
            near = _near_topics(cell.index, code_order, topics)
            heading = _heading_before(cells, cell)
            found = [
                block
                for para in _paragraphs([(cell.index, cell.source)], heading)
                for block in _block(
                    _Origin("markdown", "markdown", notebook, cell.index, para.heading, near),
                    para.text,
                    course,
                )
            ]
        elif cell.cell_type == "code":
            heading = _heading_before(cells, cell)
            near = topics.get(cell.index, ())
            found = [
                block
                for prose in code_prose(cell.source)
                for block in _block(
                    _Origin(prose.kind, "code", notebook, cell.index, heading, near),
                    prose.text,
                    course,
                )
            ]
        else:
            found = []
        blocks.extend(_mark_scaffold(found, course))
    return blocks


def readme_texts(readme: str, course: CourseText | None) -> list[TextBlock]:
    """One ``readme`` block per paragraph of the submission README (instruction runs apart)."""
    return [
        block
        for p in _paragraphs([(None, readme)])
        for block in _block(_Origin("readme", "readme", None, None, p.heading), p.text, course)
    ]


@dataclass(frozen=True)
class _Origin:
    """Where a text block comes from: every block of one paragraph shares it."""

    kind: Literal["markdown", "comment", "docstring", "readme"]
    source: EvidenceSource
    notebook: str | None
    cell: int | None
    heading: str
    near: tuple[str, ...] = ()


def _block(origin: _Origin, text: str, course: CourseText | None) -> list[TextBlock]:
    """The paragraph as one block, or one block per run of own / instruction sentences."""
    plain = cap(strip_markdown(text).strip())
    copied = _is_course(plain, course) or _provided_docstring(origin.kind, plain)
    pieces = [] if copied else register_runs(plain)
    if not any(flag for _, flag in pieces):
        pieces = []
    if len(pieces) <= 1:
        block = _text_block(origin, plain, copied or bool(pieces))
        return [_as_prompt(block) if block.course_text and _instructs(plain) else block]
    return [
        _as_prompt(_text_block(origin, piece, True))
        if flag
        else _text_block(origin, piece, _is_course(piece, course))
        for piece, flag in pieces
    ]


def _instructs(text: str) -> bool:
    return any(flag for _, flag in register_runs(text))


def _as_prompt(block: TextBlock) -> TextBlock:
    """Text that instructs the reader: course text and scaffold (both flags mark a prompt)."""
    return block.model_copy(update={"course_text": True, "scaffold": True})


def _text_block(origin: _Origin, text: str, copied: bool) -> TextBlock:
    ref = EvidenceRef(
        source=origin.source, notebook=origin.notebook, cell=origin.cell, excerpt=cap(text, 200)
    )
    return TextBlock(
        ref=ref,
        kind=origin.kind,
        text=text,
        heading=origin.heading,
        course_text=copied,
        near_topics=origin.near,
    )


def _is_course(text: str, course: CourseText | None) -> bool:
    return course.is_course_text(text) if course else False


def _provided_docstring(kind: str, text: str) -> bool:
    """A library-style docstring (Args/Returns sections, doctests): provided code's text."""
    return kind == "docstring" and _LIBRARY_DOC.search(text) is not None


def _mark_scaffold(blocks: list[TextBlock], course: CourseText | None) -> list[TextBlock]:
    """Every block of a cell with instruction text that the course material does not hold
    (a starter prompt the student answered below is not scaffold; a pasted LMS page is)."""
    if not any(_unknown_instruction(b, course) for b in blocks):
        return blocks
    return [b.model_copy(update={"scaffold": True}) for b in blocks]


def _unknown_instruction(block: TextBlock, course: CourseText | None) -> bool:
    return block.course_text and block.scaffold and not _is_course(block.text, course)


def _heading_before(cells: Sequence[Cell], cell: Cell) -> str:
    """Nearest heading in markdown cells above ``cell``."""
    for earlier in reversed([c for c in cells if c.index < cell.index]):
        if earlier.cell_type != "markdown":
            continue
        for line in reversed(earlier.source.splitlines()[:MAX_LINES]):
            parsed = parse_heading(line) if line.strip() else None
            if parsed is not None and parsed[1]:
                return parsed[1]
    return ""


def _near_topics(
    index: int, code_order: list[int], topics: dict[int, tuple[str, ...]]
) -> tuple[str, ...]:
    before = [i for i in code_order if i < index]
    after = [i for i in code_order if i > index]
    near = topics.get(after[0], ()) if after else ()
    near += topics.get(before[-1], ()) if before else ()
    return tuple(dict.fromkeys(near))
