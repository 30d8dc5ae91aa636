"""``grader gradescope build|run``: a Gradescope autograder bundle and its grading step."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from grader.cli.common import console, err, fail
from grader.cli.options import require_paths
from grader.errors import GraderError
from grader.gradescope import build_bundle
from grader.gradescope.run import grade_submission

__all__ = ["gradescope_app"]

gradescope_app = typer.Typer(help="Gradescope 자동 채점 번들 만들기와 실행", no_args_is_help=True)

AssignmentReq = Annotated[str, typer.Option("--assignment", "-a", help="과제 id (예: cnn-digits)")]
TotalOpt = Annotated[float, typer.Option("--total", min=1.0, help="만점(기본 100점)")]


@gradescope_app.command("build")
def build(
    assignment: AssignmentReq,
    out: Annotated[Path, typer.Option("--out", "-o", help="쓸 zip 파일")] = Path("autograder.zip"),
    total: TotalOpt = 100.0,
) -> None:
    """Gradescope에 올릴 자동 채점 zip(setup.sh, run_autograder, 과제 팩)을 만듭니다."""
    if out.is_dir():
        raise fail(GraderError(f"--out에는 폴더가 아닌 zip 파일 경로를 주세요: {out}"))
    try:
        path = build_bundle(assignment, out, total)
    except GraderError as exc:
        raise fail(exc) from exc
    console.print(
        f"[bold green]만들었습니다:[/] {escape(str(path))} "
        "(Gradescope의 Ubuntu 24.04 기본 이미지를 고르고 이 zip을 올리세요)"
    )


@gradescope_app.command("run")
def run(
    assignment: AssignmentReq,
    submission: Annotated[Path, typer.Option(help="제출물 폴더")] = Path("/autograder/submission"),
    results: Annotated[Path, typer.Option(help="쓸 results.json")] = Path(
        "/autograder/results/results.json"
    ),
    total: TotalOpt = 100.0,
) -> None:
    """(run_autograder가 부릅니다) 제출물을 채점해 Gradescope의 results.json을 씁니다."""
    require_paths([submission])
    try:
        document = grade_submission(submission, assignment, results, total)
    except GraderError as exc:
        raise fail(exc) from exc
    err.print(f"점수 {document['score']:g}/{total:g} → {escape(str(results))}")
