"""Where the project's data folders live (assignments, rubrics, report templates).

Looked up in this order:

1. ``GRADER_HOME``: a folder holding ``assignments/``, ``rubrics/``, ``report_templates/``
   (and optionally ``reference_solutions/``), e.g. a course's own packs;
2. the source checkout this package lives in (``pip install -e .``, running from the repo);
3. the copies an installed wheel ships inside the package (``grader/_data/``, see setup.py;
   reference solutions are not shipped: they are the answers).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "DATA_FOLDERS",
    "assignments_dir",
    "builtin_root",
    "cache_dir",
    "grader_home",
    "packaged_data_dir",
    "project_root",
    "reference_dir",
    "rubrics_dir",
    "templates_dir",
]

DATA_FOLDERS = ("assignments", "rubrics", "report_templates")
"""The folders a wheel carries inside the package."""

_PACKAGE = Path(__file__).resolve().parent


def packaged_data_dir() -> Path:
    """Where an installed wheel keeps its copies of :data:`DATA_FOLDERS`."""
    return _PACKAGE / "_data"


def project_root() -> Path:
    """The folder holding ``assignments/``, ``rubrics/`` and ``report_templates/``."""
    override = os.environ.get("GRADER_HOME")
    if override:
        return Path(override)
    return builtin_root()


def builtin_root() -> Path:
    """The grader's own data folders, whatever ``GRADER_HOME`` says (checkout or wheel)."""
    checkout = _PACKAGE.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "rubrics").is_dir():
        return checkout
    return packaged_data_dir()


def assignments_dir() -> Path:
    return project_root() / "assignments"


def rubrics_dir() -> Path:
    return project_root() / "rubrics"


def templates_dir() -> Path:
    return project_root() / "report_templates"


def reference_dir() -> Path:
    return project_root() / "reference_solutions"


def cache_dir() -> Path:
    """The grader's cache (``$XDG_CACHE_HOME/grader`` or ``~/.cache/grader``): stand-in data."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "grader"


@contextmanager
def grader_home(folder: Path | None) -> Iterator[None]:
    """Use ``folder`` as ``GRADER_HOME`` inside the block (``None``: leave it as it is)."""
    if folder is None:
        yield
        return
    before = os.environ.get("GRADER_HOME")
    os.environ["GRADER_HOME"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            del os.environ["GRADER_HOME"]
        else:
            os.environ["GRADER_HOME"] = before
