"""How words of the vocabulary are found in a text."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["matches_any"]


def matches_any(text: str, patterns: Iterable[str]) -> bool:
    """Case-insensitive substring match; short ASCII words must stand as whole words."""
    lowered = text.lower()
    return any(_contains(lowered, p) for p in patterns)


def _contains(lowered: str, pattern: str) -> bool:
    if pattern.isascii() and len(pattern) <= 3:
        return re.search(rf"(?<![a-z]){re.escape(pattern)}(?![a-z])", lowered) is not None
    return pattern in lowered
