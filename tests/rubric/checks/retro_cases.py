"""Build a small notebook (markdown and code cells) and grade its four retrospective parts."""

from __future__ import annotations

from grader.evidence.build import build_evidence
from grader.records.execution import Cell, ExecutedNotebook, Execution
from grader.records.submission import Submission
from grader.rubric.checks.retrospective import PartParams, retrospective_part
from grader.rubric.outcome import Outcome

PARTS = ("learned", "regrets", "felt", "difficulties")
TRAIN = "history = model.fit(x_train, y_train, epochs=5, validation_split=0.2)"


def md(source: str) -> tuple[str, str]:
    return ("markdown", source)


def code(source: str = TRAIN) -> tuple[str, str]:
    return ("code", source)


def grade(*cells: tuple[str, str], readme: str | None = None) -> dict[str, Outcome]:
    """The four parts' outcomes for a notebook made of ``cells`` (and a README)."""
    built = tuple(
        Cell(index=i, cell_type=kind, source=source, execution_count=i + 1 if kind == "code" else None)  # type: ignore[arg-type]
        for i, (kind, source) in enumerate(cells)
    )
    notebook = ExecutedNotebook(path="a.ipynb", cells=built, ran_to_end=True)
    submission = Submission(
        name="s", kind="folder", root="/nonexistent", content_hash="h", notebooks=(), readme=readme
    )
    evidence = build_evidence(submission, Execution(mode="stored_outputs", notebooks=(notebook,)), None)
    return {part: retrospective_part(evidence, PartParams(part=part)) for part in PARTS}  # type: ignore[arg-type]


def marks(outcomes: dict[str, Outcome]) -> dict[str, str]:
    return {part: outcome.mark for part, outcome in outcomes.items()}
