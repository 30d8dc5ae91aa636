"""Literal Evidence builders for rubric tests (no kernel, no notebooks)."""

from __future__ import annotations

from typing import Any

from grader.records.evidence import (
    CodeCellSummary,
    Evidence,
    EvidenceRef,
    NotebookEvidence,
    Section,
    TextBlock,
)


def ref(
    cell: int = 0, source: str = "code", excerpt: str = "", notebook: str = "a.ipynb"
) -> EvidenceRef:
    return EvidenceRef(source=source, notebook=notebook, cell=cell, excerpt=excerpt)  # type: ignore[arg-type]


def code(
    index: int, source: str = "", *, output: bool = True, image: bool = False, error: bool = False
) -> CodeCellSummary:
    return CodeCellSummary(
        index=index, source=source, executed=True, has_output=output, has_image=image, error=error
    )


def text(
    body: str,
    *,
    cell: int = 0,
    kind: str = "markdown",
    heading: str = "",
    topics: tuple[str, ...] = (),
    course: bool = False,
) -> TextBlock:
    return TextBlock(
        ref=ref(cell, "markdown"),
        kind=kind,
        text=body,
        heading=heading,  # type: ignore[arg-type]
        near_topics=topics,
        course_text=course,
    )


def section(
    heading: str, body: str, *, cell: int = 0, level: int = 3, course: bool = False
) -> Section:
    return Section(
        ref=ref(cell, "markdown"), heading=heading, level=level, body=body, course_text=course
    )


def notebook(**facts: Any) -> NotebookEvidence:
    facts.setdefault("path", "a.ipynb")
    facts.setdefault("ran_to_end", True)
    facts.setdefault("code", (code(0, "import numpy as np"),))
    return NotebookEvidence(**facts)


def evidence(*notebooks: NotebookEvidence, **extra: Any) -> Evidence:
    return Evidence(mode="stored_outputs", notebooks=notebooks or (notebook(),), **extra)
