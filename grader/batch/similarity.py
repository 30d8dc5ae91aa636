"""Similarity across a class: which submissions share their own code and prose.

The text of each submission (code and markdown cells, README) loses every line that the
starter notebook, the reference solution or the pack's course text holds; what is left is cut
into token 5-grams. MinHash signatures and locality-sensitive hashing (datasketch) find the
candidate pairs, and their exact Jaccard similarity decides. Byte-identical submissions are
always flagged, whatever their text.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from grader.evidence.text.course import read_notebook_json
from grader.evidence.text.prose import normalise
from grader.paths import reference_dir
from grader.pipeline import Assignment
from grader.records.similarity import SimilarPair
from grader.records.submission import Submission

__all__ = ["SubmissionText", "boilerplate_lines", "find_similar", "submission_texts"]

log = logging.getLogger(__name__)

THRESHOLD = 0.6
"""Jaccard similarity from which two submissions are listed."""
SHINGLE = 5
NUM_PERM = 128
MIN_SHINGLES = 15
"""Submissions with less text of their own than this are too short to compare."""
MIN_LINE_CHARS = 12
MAX_EXCERPTS = 3
EXCERPT_CHARS = 160
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class SubmissionText:
    """What is compared of one submission."""

    name: str
    content_hash: str
    texts: tuple[str, ...]
    """Cell sources and the README, as submitted."""


def submission_texts(submission: Submission) -> tuple[str, ...]:
    """Cell sources of every notebook of ``submission`` and its README."""
    texts = [text for nb in submission.notebooks for text in notebook_sources(nb.content)]
    return (*texts, submission.readme) if submission.readme else tuple(texts)


def notebook_sources(notebook: dict[str, Any]) -> list[str]:
    """The source of every markdown and code cell of a notebook's JSON."""
    cells = notebook.get("cells", [])
    sources = []
    for cell in cells if isinstance(cells, list) else []:
        if isinstance(cell, dict) and cell.get("cell_type") in ("markdown", "code"):
            source = cell.get("source", "")
            sources.append("".join(source) if isinstance(source, list) else str(source))
    return sources


def boilerplate_lines(assignment: Assignment) -> frozenset[str]:
    """Normalised lines the course gave everyone: starter, reference solution, course text."""
    lines: set[str] = set(assignment.course.lines) if assignment.course else set()
    notebooks: list[Path] = []
    if assignment.pack is not None:
        notebooks.append(assignment.pack.starter_path)
        folder = reference_dir() / assignment.pack.id
        notebooks += sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
    for path in notebooks:
        for source in notebook_sources(read_notebook_json(path) or {}):
            lines.update(_normal_lines(source))
    return frozenset(lines)


def _normal_lines(text: str) -> list[str]:
    return [n for line in text.splitlines() if len(n := normalise(line)) >= MIN_LINE_CHARS]


@dataclass(frozen=True)
class _Own:
    lines: tuple[str, ...]
    shingles: frozenset[str]


def _own_text(texts: Iterable[str], boilerplate: frozenset[str]) -> _Own:
    lines = [
        line.strip()
        for text in texts
        for line in text.splitlines()
        if len(n := normalise(line)) >= MIN_LINE_CHARS and n not in boilerplate
    ]
    tokens = [t.lower() for line in lines for t in _TOKEN.findall(line)]
    shingles = {" ".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    return _Own(tuple(dict.fromkeys(lines)), frozenset(shingles))


def find_similar(
    submissions: Sequence[SubmissionText],
    boilerplate: frozenset[str],
    threshold: float = THRESHOLD,
) -> list[SimilarPair]:
    """Pairs of submissions that are identical or whose own text is at least ``threshold``
    similar, most similar first."""
    own = {s.name: _own_text(s.texts, boilerplate) for s in submissions}
    pairs = {key: pair for key, pair in _identical(submissions, own).items()}
    for first, second in _candidates(own, threshold):
        if (first, second) in pairs:
            continue
        score = _jaccard(own[first].shingles, own[second].shingles)
        if score >= threshold:
            pairs[(first, second)] = _pair(first, second, "similar", score, own)
    return sorted(pairs.values(), key=lambda p: (p.kind != "identical", -p.similarity, p.first))


def _identical(
    submissions: Sequence[SubmissionText], own: dict[str, _Own]
) -> dict[tuple[str, str], SimilarPair]:
    groups: dict[str, list[str]] = defaultdict(list)
    for submission in submissions:
        groups[submission.content_hash].append(submission.name)
    found = {}
    for names in groups.values():
        for first, second in combinations(sorted(names), 2):
            found[(first, second)] = _pair(first, second, "identical", 1.0, own)
    return found


def _candidates(own: dict[str, _Own], threshold: float) -> set[tuple[str, str]]:
    """Pairs whose MinHash signatures collide in the LSH index (every pair of long enough
    texts when datasketch, the ``batch`` extra, is not installed)."""
    comparable = sorted(name for name, text in own.items() if len(text.shingles) >= MIN_SHINGLES)
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        log.warning("datasketch is not installed: comparing every pair of submissions")
        return set(combinations(comparable, 2))
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM)
    signatures = {}
    for name in comparable:
        text = own[name]
        signature = MinHash(num_perm=NUM_PERM, seed=1)
        signature.update_batch([s.encode("utf-8") for s in text.shingles])
        signatures[name] = signature
        lsh.insert(name, signature)
    candidates = set()
    for name, signature in signatures.items():
        for other in lsh.query(signature):
            if other != name:
                candidates.add((min(name, other), max(name, other)))
    return candidates


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _pair(first: str, second: str, kind: str, score: float, own: dict[str, _Own]) -> SimilarPair:
    shared = set(own[second].lines)
    common = sorted((line for line in own[first].lines if line in shared), key=len, reverse=True)
    excerpts = tuple(
        line if len(line) <= EXCERPT_CHARS else line[: EXCERPT_CHARS - 1] + "…"
        for line in common[:MAX_EXCERPTS]
    )
    return SimilarPair(
        first=first,
        second=second,
        kind="identical" if kind == "identical" else "similar",
        similarity=round(score, 3),
        excerpts=excerpts,
    )
