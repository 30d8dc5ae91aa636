"""Helpers shared by checks: iterating facts across notebooks, text substance, refs."""

from __future__ import annotations

import re
from contextvars import ContextVar

from grader.evidence.derived.query import (
    NOT_EXECUTED,
    CellState,
    cell_state,
    course_texts,
    each,
    figures_of,
    student_sections,
    student_texts,
)
from grader.records.evidence import EvidenceRef
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

NAME_NOTEBOOKS: ContextVar[bool] = ContextVar("name_notebooks", default=True)
"""Whether cell labels name their notebook (the scorer turns it off for one notebook)."""

_PLACEHOLDER = re.compile(
    r"^(todo|tbd|작성\s*예정|작성|내용|\.{2,}|…|-|없음|추후\s*작성|여기에.*작성.*)$", re.IGNORECASE
)
_MARKUP = re.compile(r"[#*_>`|\-\[\]()]+")


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
