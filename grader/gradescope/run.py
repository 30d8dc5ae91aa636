"""What ``run_autograder`` does: grade ``/autograder/submission``, write ``results.json``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from grader import api
from grader.errors import GraderError
from grader.report.gradescope import gradescope_results

__all__ = ["grade_submission", "write_results"]


def write_results(document: dict[str, Any], results: Path) -> None:
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def grade_submission(
    submission: Path, assignment_id: str, results: Path, total: float = 100.0
) -> dict[str, Any]:
    """Grade the submission folder (all its notebooks, as a team folder) from stored outputs
    and write Gradescope's ``results.json``. A grader fault still writes a results file,
    with no score and the Korean reason, then re-raises."""
    try:
        with tempfile.TemporaryDirectory(prefix="grader-gradescope-") as tmp:
            graded = api.grade([submission], assignment_id, Path(tmp), formats=("json",))
    except GraderError as exc:
        write_results(
            {"score": 0.0, "output": f"채점기 오류: {exc.message_ko}", "tests": []}, results
        )
        raise
    document = gradescope_results(graded[0].result, total=total)
    write_results(document, results)
    return document
