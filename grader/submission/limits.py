"""Size and count caps for loading untrusted submissions."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class LoadLimits:
    """Caps applied while a submission is copied, extracted and validated."""

    max_total_bytes: int = 200 * MB
    """All files of the submission together (uncompressed)."""
    max_files: int = 2000
    """Number of files in the submission (folder or archive members)."""
    max_file_bytes: int = 100 * MB
    """One file; bigger files are left out and reported."""
    max_notebook_bytes: int = 50 * MB
    """One notebook; a bigger notebook is refused."""
    max_cell_source_bytes: int = 1 * MB
    """Source of one cell (see :mod:`grader.submission.notebook` for what happens past it)."""
    max_readme_bytes: int = 1 * MB
    """README text kept for grading; the rest is cut."""
    max_app_scan_bytes: int = 256 * 1024
    """How much of a ``.py`` file is read to tell whether it is an app."""


DEFAULT_LIMITS = LoadLimits()


def human_size(size: int) -> str:
    """``12.3MB`` style size for Korean messages."""
    if size >= MB:
        return f"{size / MB:.1f}MB"
    if size >= 1024:
        return f"{size / 1024:.1f}KB"
    return f"{size}B"
