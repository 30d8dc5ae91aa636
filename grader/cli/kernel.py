"""`grader kernel build|show`: the course kernel student code runs in, apart from the grader."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from grader.assignments import load_pack
from grader.assignments.pack import AssignmentSpec
from grader.errors import GraderError
from grader.kernels import KernelEnv, KernelRequest, build_kernel, inventory, kernel_request
from grader.paths import assignments_dir

kernel_app = typer.Typer(help="학생 코드를 실행할 코스 커널 만들기와 보기", no_args_is_help=True)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

PackOpt = Annotated[
    str | None, typer.Option("--pack", "-a", help="이 과제 팩이 더하는 패키지까지 넣은 커널")
]
RequirementsOpt = Annotated[
    Path | None, typer.Option("--requirements", help="기본 코스 패키지 목록 대신 쓸 파일")
]
ConstraintsOpt = Annotated[
    Path | None,
    typer.Option("--constraints", help="버전 제약 파일 (GPU 서버: constraints-gpu.txt)"),
]
SHOWN = ("ipykernel", "tensorflow-cpu", "tensorflow", "torch", "scikit-learn", "pandas",
         "matplotlib", "seaborn", "gradio", "streamlit")


OUTDATED_KO = "패키지 목록이 바뀌었습니다 — `grader kernel build`로 다시 만드세요."


def _where(env: KernelEnv) -> str:
    return escape(str(env.root))


def _spec(pack: str | None) -> AssignmentSpec | None:
    return load_pack(assignments_dir(), pack).spec if pack else None


def _target(
    pack: str | None, requirements: Path | None, constraints: Path | None
) -> tuple[KernelEnv, KernelRequest]:
    spec = _spec(pack)
    request = kernel_request(
        spec.id if spec else None,
        spec.kernel_packages if spec else (),
        requirements_file=requirements,
        constraints_file=constraints,
    )
    return KernelEnv.named(request.name), request


@kernel_app.command("build")
def build(
    pack: PackOpt = None,
    requirements: RequirementsOpt = None,
    constraints: ConstraintsOpt = None,
    wheels: Annotated[
        Path | None, typer.Option("--wheels", help="인터넷 없이: 이 폴더의 wheel 파일로만 설치")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="이미 있어도 새로 만들기")] = False,
) -> None:
    """코스 커널을 만듭니다 (이미 같은 목록으로 만들어져 있으면 그대로 둡니다)."""
    try:
        env, request = _target(pack, requirements, constraints)
        if not force and env.matches(request):
            console.print(f"코스 커널이 이미 준비되어 있습니다: {env.name} ({_where(env)})")
            return
        console.print(f"코스 커널을 만드는 중입니다: {env.name} ({_where(env)}) …")
        done = build_kernel(env, request, wheels=wheels, force=force)
    except GraderError as exc:
        err.print(f"[bold red]오류:[/] {escape(exc.message_ko)}")
        if exc.detail:
            err.print(escape(exc.detail))
        raise typer.Exit(code=2) from exc
    console.print(f"코스 커널을 만들었습니다: {env.name} ({done.seconds:.0f}초)")


@kernel_app.command("show")
def show(
    pack: PackOpt = None,
    requirements: RequirementsOpt = None,
    constraints: ConstraintsOpt = None,
) -> None:
    """코스 커널의 위치, 상태, 들어 있는 패키지를 보여 줍니다."""
    try:
        env, request = _target(pack, requirements, constraints)
    except GraderError as exc:
        err.print(f"[bold red]오류:[/] {escape(exc.message_ko)}")
        raise typer.Exit(code=2) from exc
    found = inventory(env, request)
    console.print(f"커널: {env.name}")
    console.print(f"위치: {escape(str(env.root))}")
    if not found.built:
        console.print("상태: 없음 — `grader kernel build`로 만드세요.")
        raise typer.Exit(code=1)
    console.print("상태: 준비됨" if found.current else f"상태: {OUTDATED_KO}")
    console.print(f"패키지: {len(found.packages)}개 설치됨")
    for name in SHOWN:
        if name in found.packages:
            console.print(f"  {name} {found.packages[name]}")
    if found.missing:
        console.print(f"빠진 패키지: {', '.join(found.missing)}")
    inside = "있음 (커널을 다시 만드세요)" if found.grader_inside else "없음"
    console.print(f"커널 안의 채점기(grader): {inside}")
    if found.missing or found.grader_inside or not found.current:
        raise typer.Exit(code=1)
