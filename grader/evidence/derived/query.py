"""Small questions about a notebook's evidence: what became of a cell, whose text it is."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Literal, TypeVar

from grader.records.evidence import Evidence, EvidenceRef, NotebookEvidence, Section, TextBlock

__all__ = [
    "NOT_EXECUTED",
    "CellState",
    "cell_state",
    "course_texts",
    "each",
    "figures_of",
    "student_sections",
    "student_texts",
]

T = TypeVar("T")


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
