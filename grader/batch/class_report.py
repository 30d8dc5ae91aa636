"""The class report of a batch, from gradebook rows alone: HTML, Markdown and grades.csv.

``class_summary.html`` is self-contained (inline SVG score histogram and per-item pass-rate
chart, the submissions table linking each report, instructor notes, similarity warnings);
``class_summary.md`` and ``class_summary.csv`` come from :func:`write_class_summary`;
``grades.csv`` (UTF-8 with BOM) has one row per student for the LMS.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from grader import __version__
from grader.batch.gradebook import GradebookRow
from grader.records.similarity import SimilarPair
from grader.records.verdict import Result
from grader.report.charts import histogram, pass_rate_bars
from grader.report.environment import make_environment
from grader.report.summary import mode_label, pass_rates, write_class_summary
from grader.submission.discover import Student

__all__ = ["GRADES_CSV", "SUMMARY_HTML", "ClassContext", "write_class_report"]

SUMMARY_HTML = "class_summary.html"
GRADES_CSV = "grades.csv"


@dataclass(frozen=True)
class ClassContext:
    """What the report says besides the rows: similarity, roster gaps, skipped files."""

    similar: Sequence[SimilarPair] = ()
    unmatched: Sequence[str] = ()
    missing: Sequence[Student] = ()
    skipped: Sequence[str] = ()
    title: str | None = None


def write_class_report(
    rows: Sequence[GradebookRow],
    out_dir: Path,
    context: ClassContext,
    env: Environment | None = None,
) -> list[Path]:
    """Write the class summary files for ``rows`` into ``out_dir`` (each renamed into place)."""
    env = env or make_environment()
    graded = [(row, _named(row)) for row in rows if row.result is not None]
    results = [result for _, result in graded]
    failed = [(row.name, row.error_ko) for row in rows if row.status == "failed"]
    paths = write_class_summary(results, out_dir, env, similar=context.similar, failed=failed)
    html = env.get_template("class_summary.html.j2").render(
        _html_context(rows, graded, results, failed, context, out_dir)
    )
    paths.append(_write_atomic(out_dir / SUMMARY_HTML, html))
    paths.append(write_grades_csv(rows, context.missing, out_dir / GRADES_CSV))
    return paths


def _named(row: GradebookRow) -> Result:
    """The row's result, named after its report folder."""
    result = row.parsed_result()
    assert result is not None
    return result.model_copy(update={"submission": row.name})


def _html_context(
    rows: Sequence[GradebookRow],
    graded: Sequence[tuple[GradebookRow, Result]],
    results: Sequence[Result],
    failed: Sequence[tuple[str, str]],
    context: ClassContext,
    out_dir: Path,
) -> dict[str, object]:
    by_name = dict((row.name, result) for row, result in graded)
    scored = [r.score for r in results if r.mode is not None]
    mean = round(100 * sum(scored) / len(scored)) if scored else 0
    return {
        "title": context.title,
        "rows": [_table_row(row, by_name.get(row.name), out_dir) for row in rows],
        "graded_count": len(results),
        "failed": failed,
        "mean_score": mean,
        "histogram": histogram(scored),
        "rates": pass_rate_bars(pass_rates(results)),
        "flagged": [(name, r) for name, r in by_name.items() if r.findings],
        "executed": any(r.mode == "executed" for r in results),
        "similar": context.similar,
        "unmatched": context.unmatched,
        "missing": context.missing,
        "skipped": context.skipped,
        "version": __version__,
    }


def _table_row(row: GradebookRow, result: Result | None, out_dir: Path) -> dict[str, object]:
    report = out_dir / row.name / "report.html"
    marks = [item.mark for item in result.items] if result else []
    return {
        "name": row.name,
        "href": f"{row.name}/report.html" if report.is_file() else None,
        "students": ", ".join(_student_label(s) for s in row.entry.students)
        or row.entry.display_name,
        "score": round(100 * result.score) if result and result.mode else "-",
        "counts": {"o": marks.count("o"), "x": marks.count("x"), "tri": marks.count("△")},
        "mode": _mode_ko(result) if result else "채점 실패",
        "problems": " / ".join(p.message_ko for p in result.problems) if result else row.error_ko,
    }


def _student_label(student: Student) -> str:
    return f"{student.name}({student.student_id})"


def _mode_ko(result: Result) -> str:
    labels = {"executed": "실행", "stored_outputs": "저장된 출력"}
    if result.mode is None:
        return "열 수 없음"
    if result.execution_status != "completed":
        return f"{labels[result.mode]} (실행 미완료)"
    return labels[result.mode]


def write_grades_csv(
    rows: Sequence[GradebookRow], missing: Sequence[Student], path: Path
) -> Path:
    """One row per student (per submission when there is no roster), UTF-8 with BOM."""
    results = {row.name: _named(row) for row in rows if row.result is not None}
    item_ids = list(dict.fromkeys(i.id for r in results.values() for i in r.items))
    header = ["student_id", "name", "team", "submission", "score", *item_ids, "mode", "problems"]
    lines: list[list[str]] = [header]
    for row in rows:
        result = results.get(row.name)
        tail = _grade_cells(row, result, item_ids)
        lines += [[*who, row.name, *tail] for who in _who(row, result)]
    for student in missing:
        blanks = [""] * (1 + len(item_ids))
        lines.append([student.student_id, student.name, student.team, "", *blanks, "missing",
                      "제출물이 없습니다"])
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temp.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(lines)
    os.replace(temp, path)
    return path


def _who(row: GradebookRow, result: Result | None) -> list[list[str]]:
    """(student id, name, team) rows: the roster's students, else the entry's own name."""
    entry = row.entry
    if entry.students:
        return [[s.student_id, s.name, s.team] for s in entry.students]
    members = result.members if result else ()
    team = entry.display_name if len(members) > 1 else ""
    name = " ".join(members) if len(members) > 1 else entry.display_name
    return [[entry.student_id or "", name, team]]


def _grade_cells(row: GradebookRow, result: Result | None, item_ids: list[str]) -> list[str]:
    if result is None:
        return ["", *([""] * len(item_ids)), "failed", row.error_ko]
    marks = {item.id: item.mark for item in result.items}
    score = f"{100 * result.score:.1f}" if result.mode is not None else ""
    problems = " / ".join(p.message_ko for p in result.problems)
    return [score, *(marks.get(i, "") for i in item_ids), mode_label(result), problems]


def _write_atomic(path: Path, text: str) -> Path:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)
    return path
