"""What the commands share: consoles, the assignment option, grader errors as exit 2."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from grader.errors import GraderError
from grader.rubric.particles import attach_particles

__all__ = ["AssignmentOpt", "DataOpt", "console", "err", "fail"]

console = Console()
err = Console(stderr=True)

AssignmentOpt = Annotated[
    str | None,
    typer.Option("--assignment", "-a", help="과제 id (예: cnn-digits). 없으면 공통 루브릭만"),
]

DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="GRADER_DATA",
        help="과제 데이터 폴더 (환경 변수 GRADER_DATA). 샌드박스 안에서는 읽기 전용 /data",
    ),
]


def fail(error: GraderError) -> typer.Exit:
    """Say a grader error in Korean on stderr; the exit (status 2) for the caller to raise."""
    err.print(f"[bold red]오류:[/] {escape(attach_particles(error.message_ko))}")
    return typer.Exit(code=2)
