"""Near-duplicate submissions of one class (``grader batch``), for the class report."""

from __future__ import annotations

from typing import Literal

from grader.records.base import Record

SimilarityKind = Literal["identical", "similar"]


class SimilarPair(Record):
    """Two submissions whose own text (course text removed) is largely the same."""

    first: str
    second: str
    """Submission names, ``first < second``."""
    kind: SimilarityKind
    """``identical``: byte for byte the same files; ``similar``: above the threshold."""
    similarity: float
    """Jaccard similarity of the two submissions' token shingles (0–1)."""
    excerpts: tuple[str, ...] = ()
    """Lines both hold that the course did not give them (longest first, capped)."""
