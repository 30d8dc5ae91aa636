"""``grader ci``: grade a pull request's notebooks and gate it (exit 0 / 1 / 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from grader.ci import Gate, append_step_summary, rubric_item_ids, run_ci
from grader.ci.gate import unknown_items
from grader.cli.common import AssignmentOpt, DataOpt, console, err, fail
from grader.cli.options import require_dirs, require_paths, require_run_extras
from grader.cli.render import print_summary_line
from grader.cli.usage import usage_error
from grader.errors import GraderError

__all__ = ["ci"]


def _required(text: str, assignment: str | None) -> tuple[str, ...]:
    """``--require`` as item ids, each one the rubric grades (checked before any work)."""
    required = tuple(dict.fromkeys(i.strip() for i in text.split(",") if i.strip()))
    try:
        known = rubric_item_ids(assignment)
    except GraderError as exc:
        raise fail(exc) from exc
    unknown = unknown_items(required, known)
    if unknown:
        raise usage_error(
            f"--require에 채점하지 않는 항목이 있습니다: {', '.join(unknown)}. "
            f"항목 id: {', '.join(known)}"
        )
    return required


def _writable(path: Path | None, option: str) -> None:
    if path is not None and path.is_dir():
        raise usage_error(f"{option}에는 폴더가 아닌 파일 경로를 주세요: {path}")


def _write(path: Path | None, text: str) -> None:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def ci(
    paths: Annotated[list[Path], typer.Argument(help="채점할 제출물: .ipynb, 폴더(팀), .zip")],
    assignment: AssignmentOpt = None,
    min_score: Annotated[
        float, typer.Option("--min-score", min=0.0, max=1.0, help="통과 점수(0.0–1.0)")
    ] = 0.0,
    require: Annotated[
        str, typer.Option("--require", help="꼭 o여야 하는 항목 id, 쉼표로 (예: completeness)")
    ] = "",
    junit: Annotated[Path | None, typer.Option("--junit", help="JUnit XML을 쓸 파일")] = None,
    summary: Annotated[
        Path | None, typer.Option("--summary", help="PR/MR 댓글용 Markdown 요약을 쓸 파일")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="리포트를 쓸 폴더")] = Path(
        "grader-reports"
    ),
    run: Annotated[bool, typer.Option("--run/--no-run", help="샌드박스에서 실행해 채점")] = False,
    data: DataOpt = None,
) -> None:
    """CI용 채점: 점수와 필수 항목으로 통과 여부를 정하고 JUnit XML과 요약을 씁니다.

    종료 코드: 0 통과, 1 통과하지 못함, 2 채점할 수 없는 제출물 또는 사용법 오류.
    $GITHUB_STEP_SUMMARY가 있으면 요약을 덧붙입니다."""
    require_paths(paths)
    _writable(junit, "--junit")
    _writable(summary, "--summary")
    require_run_extras(run)
    require_dirs([data] if data else (), "--data")
    gate = Gate(min_score=min_score, required=_required(require, assignment))
    try:
        outcome = run_ci(paths, assignment, out, gate, run=run, data_dir=data)
        text = outcome.summary()
    except GraderError as exc:
        raise fail(exc) from exc
    _write(junit, outcome.junit())
    _write(summary, text)
    append_step_summary(text)
    for graded, judged in zip(outcome.graded, outcome.outcomes, strict=True):
        print_summary_line(console, graded)
        label = "통과하지 못함" if judged.graded else "채점하지 못함"
        for reason in judged.reasons_ko:
            err.print(f"  [bold red]{label}:[/] {escape(reason)}")
    verdict = {0: "[bold green]통과[/]", 1: "[bold red]통과하지 못함[/]"}
    console.print(f"CI 결과: {verdict.get(outcome.exit_status, '[bold red]채점하지 못함[/]')}")
    raise typer.Exit(code=outcome.exit_status)
