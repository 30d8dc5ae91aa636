"""Text shared by many submissions of one class: course text nobody declared.

When a class is graded together, a paragraph that several students' notebooks hold word for
word (an LMS page, a course notebook's prompts, a tutorial's comments) was pasted from the
course, even when the assignment pack does not ship it. A small pre-pass reads the prose of
every submission and keeps the lines and word 3-grams found in at least ``MIN_SHARED`` of at
least ``MIN_SUBMISSIONS`` submissions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from grader.evidence.text.course import CourseText, read_notebook_json, read_text, starter_texts

MIN_SHARED = 3
"""Submissions that must hold a piece of text for it to count as the class's course text."""
MIN_SUBMISSIONS = 4
"""Fewer submissions than this are too few to tell pasted text from chance."""
MAX_NOTEBOOKS = 20
"""Notebooks read per submission folder (a team's notebooks, never a whole drive)."""


def class_course_text(paths: Sequence[Path]) -> CourseText:
    """Course text shared across the submissions at ``paths`` (empty below the thresholds)."""
    if len(paths) < MIN_SUBMISSIONS:
        return CourseText([])  # too few to tell pasted text from chance: nothing read
    per_submission = [submission_prose(path) for path in paths]
    return CourseText.shared(per_submission, MIN_SHARED, MIN_SUBMISSIONS)


def submission_prose(path: Path) -> list[str]:
    """Markdown cells and code comments of a submission's notebooks (file or folder; an
    archive is not opened here) and its README."""
    if path.is_file():
        notebooks = [path] if path.suffix.lower() == ".ipynb" else []
        readme = None
    elif path.is_dir():
        notebooks = sorted(path.rglob("*.ipynb"))[:MAX_NOTEBOOKS]
        readme = next((p for p in path.iterdir() if p.name.lower() == "readme.md"), None)
    else:
        return []
    texts = [
        text for notebook in notebooks for text in starter_texts(read_notebook_json(notebook) or {})
    ]
    readme_text = read_text(readme) if readme is not None else None
    return [*texts, readme_text] if readme_text is not None else texts
