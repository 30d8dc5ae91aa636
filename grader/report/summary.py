"""Class-level outputs of a grading run: a Korean summary for the instructor and a CSV.

``class_summary.md``: one row per submission (score, marks), the pass rate of every checklist
item, and an instructor note for each submission whose trace showed a silent bug (leakage,
an unscaled test set, overwritten training data ...). ``class_summary.csv``: the same rows for
an LMS (UTF-8 with BOM so spreadsheet programs read Hangul).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment

from grader.records import Result
from grader.records.similarity import SimilarPair
from grader.report.environment import make_environment

SUMMARY_MD = "class_summary.md"
SUMMARY_CSV = "class_summary.csv"


def write_class_summary(
    results: Sequence[Result],
    out_dir: Path,
    env: Environment | None = None,
    *,
    similar: Sequence[SimilarPair] = (),
    failed: Sequence[tuple[str, str]] = (),
) -> list[Path]:
    """Write the class summary (Markdown) and the gradebook CSV for ``results``.

    ``similar``: near-duplicate pairs to warn about; ``failed``: (submission, Korean reason)
    of submissions that could not be graded (``grader batch``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = env or make_environment()
    markdown = env.get_template("class_summary.md.j2").render(
        results=results, pass_rates=pass_rates(results), similar=similar, failed=failed
    )
    md_path = out_dir / SUMMARY_MD
    temp = _temp_name(md_path)
    temp.write_text(markdown, encoding="utf-8")
    os.replace(temp, md_path)
    csv_path = out_dir / SUMMARY_CSV
    temp = _temp_name(csv_path)
    _write_csv(results, temp)
    os.replace(temp, csv_path)
    return [md_path, csv_path]


def _temp_name(path: Path) -> Path:
    """Written first, then renamed over ``path``: a reader never sees half a file."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def pass_rates(results: Sequence[Result]) -> list[tuple[str, str, int, int]]:
    """Per item in template order: (id, label, submissions marked o, submissions it applied to)."""
    rows: dict[str, list[object]] = {}
    for result in results:
        for item in result.items:
            row = rows.setdefault(item.id, [item.label, 0, 0])
            if item.mark != "n/a":
                row[2] = int(str(row[2])) + 1
                row[1] = int(str(row[1])) + (item.mark == "o")
    return [(key, str(label), int(str(ok)), int(str(n))) for key, (label, ok, n) in rows.items()]


def mode_label(result: Result) -> str:
    """``executed``, ``stored_outputs`` or ``rejected``; an unfinished run says why."""
    mode = result.mode or "rejected"
    if result.execution_status == "completed":
        return mode
    if result.fallback == "stored":
        return f"{mode} (fallback: {result.execution_status})"
    return f"not_completed: {result.execution_status}"


def _write_csv(results: Sequence[Result], path: Path) -> None:
    item_ids = list(dict.fromkeys(item.id for result in results for item in result.items))
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submission", "members", "mode", "score", *item_ids, "problems"])
        for result in results:
            marks = {item.id: item.mark for item in result.items}
            writer.writerow(
                [
                    result.submission,
                    " ".join(result.members),
                    mode_label(result),
                    f"{result.score:.3f}",
                    *(marks.get(item_id, "") for item_id in item_ids),
                    " / ".join(p.message_ko for p in result.problems),
                ]
            )
