"""Team member names for the notebooks of a team submission."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from grader.submission.paths import nfc

_SEPARATOR = re.compile(r"[_\-\s]")
_MAX_NAME = 100


def member_name(rel: str, content: dict[str, Any]) -> str:
    """``metadata.grader.member``, else ``metadata.authors[0].name``, else the file stem.

    From the stem, the part before the first ``_``, ``-`` or space is taken
    (``김민지_cnn.ipynb`` → ``김민지``), or the whole stem when it has none.
    """
    named = _from_metadata(content.get("metadata"))
    if named:
        return named
    stem = nfc(PurePosixPath(rel).stem)
    head = _SEPARATOR.split(stem, maxsplit=1)[0]
    return head or stem


def _from_metadata(metadata: Any) -> str | None:
    if not isinstance(metadata, dict):
        return None
    grader = metadata.get("grader")
    candidates = [grader.get("member") if isinstance(grader, dict) else None]
    authors = metadata.get("authors")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        candidates.append(authors[0].get("name"))
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            return nfc(candidate.strip())[:_MAX_NAME]
    return None
