"""Where each section of a submission sits: the headings above it, its own text, its place.

A retrospective is read through this outline: whether a section is under a 회고-like heading,
after the notebook's last code cell (its closing part), or in the README, and which KPT
items stand beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grader.records.evidence import Evidence, NotebookEvidence, Section
from grader.rubric.checks.retrospective_words import (
    RETRO,
    Kpt,
    Part,
    contextual_part,
    has_word,
    kpt_kind,
    names_contextually,
    names_strongly,
    squash,
    strong_part,
)

_LEAD = re.compile(r"^[^\w(]+")


@dataclass(frozen=True)
class Node:
    """A section with its place: the headings above it, its own text, where it sits."""

    section: Section
    ancestors: tuple[Section, ...]
    siblings: tuple[Section, ...]
    own: str
    """Body up to its first sub-heading."""
    tail: bool
    """After the notebook's last code cell, or in the README."""

    @property
    def heading(self) -> str:
        return self.section.heading

    @property
    def chain(self) -> tuple[Section, ...]:
        return (*self.ancestors, self.section)

    def in_retro(self) -> bool:
        """Under (or itself) a heading that opens a retrospective."""
        return any(has_word(s.heading, RETRO) for s in self.chain)

    def in_context(self) -> bool:
        return self.tail or self.in_retro()

    def inside(self) -> bool:
        """Under a retrospective heading, or in the README."""
        return self.in_retro() or self.section.ref.source == "readme"

    def kpt(self) -> Kpt | None:
        """Keep / Problem / Try of a KPT: in a retrospective or beside its KPT siblings (a
        Keep also at the end of the notebook)."""
        kind = kpt_kind(self.heading)
        if kind is None or strong_part(self.heading) or contextual_part(self.heading):
            return None
        beside = any(kpt_kind(s.heading) not in (None, kind) for s in self.siblings)
        placed = self.inside() or (self.tail and kind != "problem")
        return kind if placed or beside else None

    def names(self, part: Part) -> bool:
        """Strong words anywhere; contextual ones in a retrospective or, for the Korean words
        about the student's own process, after the notebook's last code cell."""
        if names_strongly(self.heading, part):
            return True
        return self.in_context() and names_contextually(self.heading, part, inside=self.inside())


def outline(evidence: Evidence) -> list[Node]:
    """Every section of the notebooks and the README with its place."""
    nodes: list[Node] = []
    for notebook in evidence.notebooks:
        nodes += _nodes(notebook.sections, last_code(notebook))
    nodes += _nodes(evidence.readme_sections, -1)
    return nodes


def last_code(notebook: NotebookEvidence) -> int:
    written = [c.index for c in notebook.code if c.source.strip()]
    return max(written, default=-1)


def _nodes(sections: tuple[Section, ...], last_code: int) -> list[Node]:
    nodes: list[Node] = []
    stack: list[int] = []
    for i, section in enumerate(sections):
        while stack and sections[stack[-1]].level >= section.level:
            stack.pop()
        cell = section.ref.cell
        tail = section.ref.source == "readme" or (cell is not None and cell > last_code)
        ancestors = tuple(sections[j] for j in stack)
        siblings = _siblings(sections, stack[-1] if stack else -1, i)
        nodes.append(Node(section, ancestors, siblings, _own_text(sections, i), tail))
        stack.append(i)
    return nodes


def _siblings(sections: tuple[Section, ...], parent: int, index: int) -> tuple[Section, ...]:
    """Sections at the same level under the same parent."""
    floor = sections[parent].level if parent >= 0 else 0
    level = sections[index].level
    found: list[Section] = []
    for j in range(parent + 1, len(sections)):
        if sections[j].level <= floor:
            break
        if j != index and sections[j].level == level:
            found.append(sections[j])
    return tuple(found)


def _own_text(sections: tuple[Section, ...], index: int) -> str:
    """The body up to the first sub-heading (its line in the body starts with its title)."""
    body = sections[index].body
    child = sections[index + 1] if index + 1 < len(sections) else None
    if child is None or child.level <= sections[index].level:
        return body
    key = squash(_LEAD.sub("", child.heading))
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if key and squash(_LEAD.sub("", line)).startswith(key):
            return "\n".join(lines[:i])
    return body
