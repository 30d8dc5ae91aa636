"""Where the project's data folders live (assignments, rubrics, report templates)."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The folder holding ``assignments/``, ``rubrics/`` and ``report_templates/``.

    ``GRADER_HOME`` overrides it; otherwise it is the checkout this package lives in.
    """
    override = os.environ.get("GRADER_HOME")
    return Path(override) if override else Path(__file__).resolve().parents[1]


def assignments_dir() -> Path:
    return project_root() / "assignments"


def rubrics_dir() -> Path:
    return project_root() / "rubrics"


def templates_dir() -> Path:
    return project_root() / "report_templates"


def reference_dir() -> Path:
    return project_root() / "reference_solutions"
