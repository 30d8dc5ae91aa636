"""`grader data list|check|fake`: the datasets a pack's notebooks read, and stand-ins of them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from grader.assignments import AssignmentPack, list_pack_ids, load_pack
from grader.assignments.data import DataStatus, check_data, fake_data, missing_data_message
from grader.cli.common import DataOpt, console, err, fail
from grader.cli.options import require_dirs
from grader.errors import GraderError
from grader.kernels import kernel_python
from grader.paths import assignments_dir

__all__ = ["data_app"]

data_app = typer.Typer(
    help="과제 데이터: 필요한 데이터셋, 데이터 폴더 확인, 연습용 대체 데이터", no_args_is_help=True
)

PackArg = Annotated[str, typer.Option("--assignment", "-a", help="과제 id (예: sentiment-korean)")]


def _pack(pack_id: str) -> AssignmentPack:
    try:
        return load_pack(assignments_dir(), pack_id)
    except GraderError as exc:
        raise fail(exc) from exc


@data_app.command("list")
def list_data(
    assignment: Annotated[
        str | None, typer.Option("--assignment", "-a", help="과제 id (없으면 모든 과제)")
    ] = None,
) -> None:
    """과제의 노트북이 읽는 데이터셋과 그 형식을 보여 줍니다."""
    ids = [assignment] if assignment else list_pack_ids(assignments_dir())
    for pack_id in ids:
        pack = _pack(pack_id)
        console.print(f"[bold]{escape(pack_id)}[/]", highlight=False)
        for entry in pack.spec.datasets:
            if isinstance(entry, str):
                console.print(
                    f"  {escape(entry)}: 패키지에 들어 있거나 노트북이 만듦 (폴더 불필요)"
                )
                continue
            console.print(f"  {escape(entry.name)}/: {escape(entry.title)}", highlight=False)
            console.print(f"    형식: {escape(entry.format)}", highlight=False)
            console.print(f"    파일: {escape(', '.join(entry.files))}", highlight=False)
            if entry.source:
                console.print(f"    출처: {escape(entry.source)}", highlight=False)
        if not pack.spec.datasets:
            console.print("  데이터셋 없음")


@data_app.command("check")
def check(assignment: PackArg, data: DataOpt = None) -> None:
    """데이터 폴더에 과제의 데이터셋 파일이 모두 있는지 확인합니다.

    종료 코드: 0 모두 있음, 1 빠진 파일이 있음, 2 과제나 폴더를 찾을 수 없음."""
    pack = _pack(assignment)
    require_dirs([data] if data else (), "--data")
    statuses = check_data(pack, data)
    for status in statuses:
        _print_status(status)
    message = missing_data_message(pack, statuses)
    if message:
        err.print(f"[bold red]빠진 데이터:[/] {escape(message)}")
        raise typer.Exit(code=1)
    if not statuses:
        console.print(f"과제 '{escape(pack.id)}'는 데이터 폴더가 필요 없습니다.")
        return
    console.print(f"[bold green]과제 '{escape(pack.id)}'의 데이터가 모두 있습니다.[/]")


def _print_status(status: DataStatus) -> None:
    name = escape(status.dataset.name)
    if status.present:
        console.print(f"[green]있음[/] {name}/ ({escape(', '.join(status.dataset.files))})")
    else:
        console.print(f"[bold red]없음[/] {name}/: {escape(', '.join(status.missing))}")


@data_app.command("fake")
def fake(
    assignment: PackArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="대체 데이터를 쓸 폴더")],
) -> None:
    """팩의 prepare.py로 같은 형식의 작은 대체 데이터를 만듭니다 (CI와 데모용, 네트워크 없음)."""
    pack = _pack(assignment)
    if not pack.mounted_datasets:
        console.print(f"과제 '{escape(pack.id)}'는 데이터 폴더가 필요 없습니다.")
        return
    try:
        statuses = fake_data(pack, out, kernel_python(pack.spec))
    except GraderError as exc:
        if exc.detail and exc.code == "prepare_failed":
            err.print(escape(exc.detail), highlight=False)
        raise fail(exc) from exc
    for status in statuses:
        _print_status(status)
    console.print(
        f"[bold green]대체 데이터를 만들었습니다:[/] {escape(str(out))} "
        f"(`--data {escape(str(out))}`로 채점에 쓰세요)"
    )
