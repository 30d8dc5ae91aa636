"""`grader pack new|validate|checks`: write an assignment pack and check it before use."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from grader import api
from grader.authoring.checks_doc import reference_markdown
from grader.authoring.finding import Finding
from grader.authoring.scaffold import FRAMEWORKS, scaffold_pack
from grader.authoring.validate import validate_pack
from grader.cli.common import DataOpt, console, err, fail
from grader.cli.options import require_dirs
from grader.errors import GraderError
from grader.paths import grader_home, project_root

__all__ = ["pack_app"]

pack_app = typer.Typer(help="과제 팩 만들기와 검사 (docs/packs.md)", no_args_is_help=True)

PacksOpt = Annotated[
    Path | None,
    typer.Option(
        "--packs",
        help="팩이 있는 폴더 (assignments/, rubrics/ …를 담은 곳; GRADER_HOME과 같음)",
    ),
]


@pack_app.command("validate")
def validate(
    pack_id: Annotated[str, typer.Argument(help="검사할 과제 id")],
    run: Annotated[
        bool, typer.Option("--run", help="참고 답안(만점)과 스타터(낮은 점수)도 실행해 확인")
    ] = False,
    sandbox: Annotated[
        bool, typer.Option("--sandbox/--no-sandbox", help="--run 실행을 샌드박스에서 할지")
    ] = True,
    packs: PacksOpt = None,
    data: DataOpt = None,
) -> None:
    """팩의 assignment.yaml, 파일, 루브릭, 예시 제출물과 답안 키를 검사합니다.

    종료 코드: 0 문제 없음, 1 고칠 것이 있음, 2 팩을 찾을 수 없음."""
    require_dirs([packs] if packs else [], "--packs")
    require_dirs([data] if data else [], "--data")
    with grader_home(packs), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", api.UnsandboxedExecutionWarning)
        findings = validate_pack(pack_id, run=run, sandbox=sandbox, data_dir=data)
    for warning in {str(w.message) for w in caught}:
        err.print(f"[bold yellow]경고:[/] {escape(warning)}")
    for finding in findings:
        _print(finding)
    bad = [f for f in findings if not f.ok]
    if bad and bad[0].what == "assignment.yaml" and "찾을 수 없습니다" in bad[0].message_ko:
        raise typer.Exit(code=2)
    if bad:
        err.print(f"[bold red]고칠 것 {len(bad)}개[/] (팩: {escape(pack_id)})")
        raise typer.Exit(code=1)
    console.print(f"[bold green]팩 '{escape(pack_id)}'에 문제가 없습니다.[/]")


def _print(finding: Finding) -> None:
    mark = "[green]통과[/]" if finding.ok else "[bold red]실패[/]"
    console.print(f"{mark} {escape(finding.what)}: {escape(finding.message_ko)}", soft_wrap=True)


@pack_app.command("new")
def new(
    pack_id: Annotated[str, typer.Argument(help="새 과제 id (영문 소문자, 숫자, -)")],
    framework: Annotated[
        str, typer.Option("--framework", help=f"{', '.join(FRAMEWORKS)} 중 하나")
    ] = "pytorch",
    packs: PacksOpt = None,
) -> None:
    """새 팩의 폴더와 파일을 TODO(author) 표시와 함께 만듭니다."""
    with grader_home(packs):
        try:
            written = scaffold_pack(pack_id, framework)
        except GraderError as exc:
            raise fail(exc) from exc
        root = project_root()
    for path in written:
        console.print(f"만듦: {escape(str(path.relative_to(root)))}")
    hint = f" --packs {packs}" if packs else ""
    console.print(
        f"TODO(author) 표시를 채운 뒤 `grader pack validate {escape(pack_id)}{escape(hint)}`로 "
        "검사하세요."
    )


@pack_app.command("checks")
def checks() -> None:
    """루브릭에 쓸 수 있는 검사와 매개변수, 판정기를 보여 줍니다 (docs/packs.md와 같은 내용)."""
    console.print(reference_markdown(), markup=False, highlight=False, soft_wrap=True)
