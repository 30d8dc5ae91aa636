"""Rules for member paths: which are ignored, which are unsafe, how names are normalised."""

from __future__ import annotations

import re
import unicodedata

IGNORED_NAMES = frozenset({"__MACOSX", "__pycache__"})
"""Folder or file names left out of every submission (besides hidden ones)."""

_DRIVE = re.compile(r"^[A-Za-z]:")


def nfc(text: str) -> str:
    """NFC-normalise a name (macOS writes Hangul file names decomposed)."""
    return unicodedata.normalize("NFC", text)


def is_ignored(parts: tuple[str, ...]) -> bool:
    """True for hidden entries (``.git``, ``.ipynb_checkpoints``, ``._x``) and OS litter."""
    return any(part.startswith(".") or part in IGNORED_NAMES for part in parts)


def archive_parts(name: str) -> tuple[str, ...] | None:
    """Split an archive member name into safe path parts; ``None`` when it is unsafe.

    Unsafe: absolute paths (``/x``, ``C:x``), ``..`` components and NUL characters.
    Backslashes (written by some Windows tools) count as separators.
    """
    name = name.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name) or "\x00" in name:
        return None
    parts = tuple(part for part in name.split("/") if part not in ("", "."))
    if ".." in parts:
        return None
    return tuple(nfc(part) for part in parts)
