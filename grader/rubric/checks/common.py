"""Helpers shared by checks: iterating facts across notebooks, text substance, refs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Literal, TypeVar

from grader.records.evidence import Evidence, EvidenceRef, NotebookEvidence, Section, TextBlock
from grader.text.match import matches_any

__all__ = [
    "NAME_NOTEBOOKS",
    "NOT_EXECUTED",
    "CellState",
    "cell_no",
    "cell_state",
    "course_texts",
    "each",
    "figures_of",
    "matches_any",
    "short",
    "student_sections",
    "student_texts",
    "substance",
]

T = TypeVar("T")

NAME_NOTEBOOKS: ContextVar[bool] = ContextVar("name_notebooks", default=True)
"""Whether cell labels name their notebook (the scorer turns it off for one notebook)."""

_PLACEHOLDER = re.compile(
    r"^(todo|tbd|작성\s*예정|작성|내용|\.{2,}|…|-|없음|추후\s*작성|여기에.*작성.*)$", re.IGNORECASE
)
_MARKUP = re.compile(r"[#*_>`|\-\[\]()]+")


def each(evidence: Evidence, pick: Callable[[NotebookEvidence], Iterable[T]]) -> list[T]:
    """Collect one kind of fact from every notebook."""
    return [fact for notebook in evidence.notebooks for fact in pick(notebook)]


CellState = Literal["shown", "silent", "failed", "not_reached", "never_run"]
NOT_EXECUTED: frozenset[str] = frozenset({"failed", "not_reached", "never_run"})


def cell_state(notebook: NotebookEvidence, index: int | None) -> CellState:
    """What became of a code cell: showed output, ran silently, failed, or never ran."""
    if notebook.never_run:
        return "never_run"
    cell = next((c for c in notebook.code if c.index == index), None)
    if cell is None or not cell.executed:
        return "not_reached"
    if cell.error:
        return "failed"
    return "shown" if cell.has_output else "silent"


def figures_of(notebook: NotebookEvidence, cell: int | None) -> list[EvidenceRef]:
    """Refs of the images a code cell drew (so reports can embed them)."""
    return [f.ref for f in notebook.figures if f.ref.cell == cell]


def student_sections(evidence: Evidence) -> Iterator[Section]:
    """Sections written by the student (notebooks and README), course text excluded."""
    for notebook in evidence.notebooks:
        yield from (s for s in notebook.sections if not s.course_text)
    yield from (s for s in evidence.readme_sections if not s.course_text)


def student_texts(evidence: Evidence) -> Iterator[TextBlock]:
    """Prose written by the student (markdown, comments, docstrings, README)."""
    for notebook in evidence.notebooks:
        yield from (t for t in notebook.texts if not t.course_text)
    yield from (t for t in evidence.readme_texts if not t.course_text)


def course_texts(evidence: Evidence) -> Iterator[TextBlock]:
    for notebook in evidence.notebooks:
        yield from (t for t in notebook.texts if t.course_text)


def substance(text: str) -> int:
    """Characters of real content: markup, bullets, whitespace and placeholders removed."""
    kept = []
    for line in text.splitlines():
        line = _MARKUP.sub(" ", line).strip()
        if line and not _PLACEHOLDER.match(line):
            kept.append(re.sub(r"\s+", "", line))
    return sum(len(line) for line in kept)


def cell_no(ref: EvidenceRef) -> str:
    """Human cell label, 1-based, with the notebook when it is one of several."""
    if ref.source == "readme":
        return "README"
    where = f"셀 {ref.cell + 1}" if ref.cell is not None else "노트북"
    return f"{ref.notebook} {where}" if ref.notebook and NAME_NOTEBOOKS.get() else where


def short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
