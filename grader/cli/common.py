"""What the commands share: consoles, the assignment option, grader errors as exit 2."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from grader.errors import GraderError
from grader.rubric.particles import attach_particles

__all__ = ["AssignmentOpt", "console", "err", "fail"]

console = Console()
err = Console(stderr=True)

AssignmentOpt = Annotated[
    str | None,
    typer.Option("--assignment", "-a", help="과제 id (예: cnn-digits). 없으면 공통 루브릭만"),
]


def fail(error: GraderError) -> typer.Exit:
    """Say a grader error in Korean on stderr; the exit (status 2) for the caller to raise."""
    err.print(f"[bold red]오류:[/] {escape(attach_particles(error.message_ko))}")
    return typer.Exit(code=2)
