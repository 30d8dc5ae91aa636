"""Course text (starter notebook, quest README, the pack's ``course_text/`` files, text a
class shares), to tell copied prose from the student's."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from grader.evidence.text.prose import code_prose, normalise
from grader.safe_io import read_regular

COURSE_SHARE = 0.7
"""A block is course text when at least this share of its characters is found in the course."""
MAX_COURSE_BYTES = 5_000_000
_SHINGLE = 3


class _Pack(Protocol):
    @property
    def starter_path(self) -> Path: ...

    @property
    def quest_text(self) -> str: ...

    @property
    def course_text_paths(self) -> tuple[Path, ...]: ...


class CourseText:
    """Normalised course corpus: lines and word 3-grams."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.lines: set[str] = set()
        self.shingles: set[tuple[str, ...]] = set()
        for text in texts:
            self._add(text)

    def _add(self, text: str) -> None:
        for line in text.splitlines():
            normal = normalise(line)
            if normal:
                self.lines.add(normal)
        words = normalise(text).split()
        self.shingles.update(_shingles(words))

    @classmethod
    def from_sources(cls, starter: dict[str, Any] | None, quest: str | None) -> CourseText:
        """From a starter notebook (nbformat v4 JSON) and the quest README text."""
        return cls([*starter_texts(starter or {}), quest or ""])

    @classmethod
    def from_pack(cls, pack: _Pack) -> CourseText:
        """From an assignment pack's starter notebook, quest README and the files of its
        ``course_text/`` folder (LMS pages as markdown, text or notebooks; missing: empty)."""
        texts = [*starter_texts(read_notebook_json(pack.starter_path) or {}), pack.quest_text]
        for path in pack.course_text_paths:
            texts.extend(_course_file_texts(path))
        return cls(texts)

    def merged(self, other: CourseText) -> CourseText:
        """A copy holding this course text and ``other`` (e.g. text shared across a class)."""
        both = CourseText(())
        both.lines = self.lines | other.lines
        both.shingles = self.shingles | other.shingles
        return both

    @classmethod
    def shared(
        cls, per_submission: Sequence[Iterable[str]], min_count: int, min_submissions: int
    ) -> CourseText:
        """Lines and word 3-grams found in at least ``min_count`` of the submissions (when
        there are at least ``min_submissions``): text a class pasted from the course."""
        found = cls(())
        if len(per_submission) < min_submissions:
            return found
        lines: Counter[str] = Counter()
        shingles: Counter[tuple[str, ...]] = Counter()
        for texts in per_submission:
            one = cls(texts)
            lines.update(one.lines)
            shingles.update(one.shingles)
        found.lines = {line for line, n in lines.items() if n >= min_count}
        found.shingles = {shingle for shingle, n in shingles.items() if n >= min_count}
        return found

    def __bool__(self) -> bool:
        return bool(self.lines)

    def is_course_text(self, text: str) -> bool:
        """Most of ``text`` (≥ 70 % of its characters) appears in the course corpus."""
        words = normalise(text).split()
        if not words:
            return False
        if len(words) < _SHINGLE:
            return " ".join(words) in self.lines
        covered = [False] * len(words)
        for i, shingle in enumerate(_shingles(words)):
            if shingle in self.shingles:
                covered[i : i + _SHINGLE] = [True] * _SHINGLE
        total = sum(len(w) for w in words)
        found = sum(len(w) for w, hit in zip(words, covered, strict=True) if hit)
        return found >= COURSE_SHARE * total


def _shingles(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)]


def starter_texts(notebook: dict[str, Any]) -> list[str]:
    """Markdown cells and code comments/docstrings of a notebook's JSON."""
    texts: list[str] = []
    cells = notebook.get("cells", [])
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if cell.get("cell_type") == "markdown":
            texts.append(source)
        elif cell.get("cell_type") == "code":
            texts.extend(p.text for p in code_prose(source))
    return texts


def _course_file_texts(path: Path) -> list[str]:
    """Texts of one course file: a notebook's markdown and comments, or the file's text."""
    if path.suffix.lower() == ".ipynb":
        return starter_texts(read_notebook_json(path) or {})
    text = read_text(path)
    return [] if text is None else [text]


def read_notebook_json(path: Path) -> dict[str, Any] | None:
    """A notebook's JSON if ``path`` is a regular file (not a link) of at most
    :data:`MAX_COURSE_BYTES` holding a JSON object; ``None`` otherwise."""
    text = read_text(path)
    try:
        data = json.loads(text) if text is not None else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def read_text(path: Path) -> str | None:
    """Text of a regular file (not a link) of at most :data:`MAX_COURSE_BYTES`."""
    data = read_regular(path, MAX_COURSE_BYTES + 1)
    if data is None or len(data) > MAX_COURSE_BYTES:
        return None
    return data.decode("utf-8", errors="replace")
