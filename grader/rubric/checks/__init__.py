"""Built-in checks; importing this package registers them."""

from grader.rubric.checks import (
    app,
    completeness,
    explanation,
    gain,
    generation,
    measured,
    problem_solving,
    project,
    retrospective,
    split,
)

__all__ = [
    "app",
    "completeness",
    "explanation",
    "gain",
    "generation",
    "measured",
    "problem_solving",
    "project",
    "retrospective",
    "split",
]
