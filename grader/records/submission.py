"""What a submission is after loading and validation (stage 1 output)."""

from __future__ import annotations

from typing import Any, Literal

from grader.records.base import Record, RootRecord

SubmissionKind = Literal["notebook", "folder", "zip"]


class NotebookFile(Record):
    """One validated notebook of a submission."""

    path: str
    """Path relative to the submission root, with forward slashes."""
    member: str | None = None
    """Team member this notebook belongs to (from the file name or a metadata cell)."""
    content: dict[str, Any]
    """The notebook as nbformat v4 JSON (validated, upgraded to v4)."""


class SubmissionProblem(Record):
    """A part of the submission that was refused, while the rest is still graded."""

    code: str
    path: str
    message_ko: str


class Submission(RootRecord):
    """A loaded submission: notebooks, README text and app files, never executed yet."""

    name: str
    kind: SubmissionKind
    root: str
    """Directory holding the (extracted) submission files."""
    content_hash: str
    notebooks: tuple[NotebookFile, ...]
    readme: str | None = None
    """Text of the submission's README.md, if any (team retrospectives live there)."""
    app_files: tuple[str, ...] = ()
    problems: tuple[SubmissionProblem, ...] = ()
