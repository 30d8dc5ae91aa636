"""`grader` command: thin Typer front ends over grader.api."""

from __future__ import annotations

import signal
import tempfile
import warnings
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from grader import api
from grader.assignments import list_pack_ids, load_pack
from grader.cli.batch import batch_app
from grader.cli.ci import ci
from grader.cli.common import AssignmentOpt, DataOpt, console, err, fail
from grader.cli.data import data_app
from grader.cli.gradescope import gradescope_app
from grader.cli.kernel import kernel_app
from grader.cli.options import parse_formats, require_dirs, require_paths, require_run_extras
from grader.cli.pack import pack_app
from grader.cli.render import print_checklist, print_summary_line
from grader.cli.usage import KoreanGroup, usage_error
from grader.errors import GraderError
from grader.execute.interrupt import Interrupted, stop_on_signals
from grader.execute.limits import LimitOverrides
from grader.paths import assignments_dir
from grader.records.verdict import Result
from grader.report.triage import triage

app = typer.Typer(
    cls=KoreanGroup,
    help="딥러닝 과제 노트북 피어리뷰 자동 채점기",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
assignments_app = typer.Typer(help="과제 팩 목록과 내용 보기", no_args_is_help=True)
app.add_typer(assignments_app, name="assignments")
app.add_typer(kernel_app, name="kernel")
app.command()(ci)
app.add_typer(gradescope_app, name="gradescope")
app.add_typer(batch_app, name="batch")
app.add_typer(pack_app, name="pack")
app.add_typer(data_app, name="data")

_fail = fail


FALLBACKS = ("none", "stored")


def _usage(message_ko: str) -> typer.Exit:
    return usage_error(message_ko)


def _positive(value: float | None, option: str, unit: str) -> None:
    if value is not None and not value > 0:
        raise _usage(f"{option} 값은 0보다 큰 {unit} 단위 숫자여야 합니다 (받은 값: {value:g}).")


def _limit_overrides(
    cell_timeout: float | None, timeout: float | None, memory: int | None
) -> LimitOverrides:
    """The CLI's limits, checked: each must be a positive number."""
    _positive(cell_timeout, "--cell-timeout", "초")
    _positive(timeout, "--timeout", "초")
    _positive(memory, "--memory", "MiB")
    return LimitOverrides(cell_timeout_s=cell_timeout, total_timeout_s=timeout, memory_mib=memory)


@app.command()
def grade(
    paths: Annotated[list[Path], typer.Argument(help="제출물: .ipynb, 폴더(팀), 또는 .zip")],
    assignment: AssignmentOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="리포트를 쓸 폴더")] = Path("out"),
    run: Annotated[bool, typer.Option("--run/--no-run", help="샌드박스에서 실행해 채점")] = False,
    sandbox: Annotated[
        bool, typer.Option("--sandbox/--no-sandbox", help="--no-sandbox: 신뢰하는 참고 답안 전용")
    ] = True,
    fmt: Annotated[
        str, typer.Option("--format", help="md,html,json,pdf,junit 중 쉼표로")
    ] = "md,html,json",
    templates: Annotated[
        list[Path] | None,
        typer.Option("--templates", help="리포트 템플릿을 덮어쓸 폴더"),
    ] = None,
    fallback: Annotated[
        str,
        typer.Option(
            "--fallback",
            help="--run 실행이 실패했을 때: none(실행 항목 △) 또는 stored(저장된 출력으로 채점)",
        ),
    ] = "none",
    cell_timeout: Annotated[
        float | None,
        typer.Option("--cell-timeout", help="셀 하나의 실행 시간 제한(초), 팩 설정보다 우선"),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", help="노트북 전체 실행 시간 제한(초), 팩 설정보다 우선"),
    ] = None,
    memory: Annotated[
        int | None, typer.Option("--memory", help="샌드박스 메모리 제한(MiB), 팩 설정보다 우선")
    ] = None,
    data: DataOpt = None,
) -> None:
    """제출물을 채점해 리포트(md, html)와 result.json을 씁니다.

    종료 코드: 0 채점함, 2 사용법 오류 또는 열 수 없는 제출물(리포트에 이유를 씀)."""
    formats = parse_formats(fmt)
    require_paths(paths)
    require_dirs(templates or (), "--templates")
    require_dirs([data] if data else (), "--data")
    require_run_extras(run, sandbox)
    if fallback not in FALLBACKS:
        raise _usage(f"--fallback 값은 none 또는 stored 중 하나여야 합니다 (받은 값: {fallback}).")
    overrides = _limit_overrides(cell_timeout, timeout, memory)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", api.UnsandboxedExecutionWarning)
        try:
            with stop_on_signals():
                graded = api.grade(
                    paths,
                    assignment,
                    out,
                    run=run,
                    sandbox=sandbox,
                    formats=formats,
                    templates=tuple(templates or ()),
                    fallback="stored" if fallback == "stored" else "none",
                    overrides=overrides,
                    data_dir=data,
                )
        except GraderError as exc:
            raise _fail(exc) from exc
        except Interrupted as stop:
            raise _interrupted(stop) from None
    for warning in caught:
        err.print(f"[bold yellow]경고:[/] {warning.message}")
    for item in graded:
        print_summary_line(console, item)
        _warn_unexecuted(item.result)
    rejected = [g.result.submission for g in graded if g.result.mode is None]
    if rejected:
        err.print(
            f"[bold red]채점하지 못한 제출물 {len(rejected)}개:[/] {escape(', '.join(rejected))} "
            "(이유는 각 리포트에 적었습니다)"
        )
        raise typer.Exit(code=2)


_SIGNAL_KO = {
    int(signal.SIGINT): "중단 신호(SIGINT, Ctrl-C)",
    int(signal.SIGTERM): "종료 신호(SIGTERM)",
}


def _interrupted(stop: Interrupted) -> typer.Exit:
    """Exit 128 + signal; nothing was written for the submission that was running."""
    name = _SIGNAL_KO.get(stop.signum, f"신호 {stop.signum}")
    err.print(
        f"[bold red]중단:[/] {name}를 받아 채점을 멈췄습니다. "
        "실행 중이던 제출물의 결과는 쓰지 않았습니다."
    )
    return typer.Exit(code=stop.exit_code)


def _warn_unexecuted(result: Result) -> None:
    """An execution that did not finish is said on stderr too, not only in the report."""
    if result.execution_status == "completed":
        return
    after = "저장된 출력으로 채점했습니다" if result.fallback == "stored" else "실행 항목은 △입니다"
    err.print(
        f"[bold yellow]경고:[/] {escape(result.submission)}: 노트북 실행이 끝나지 않았습니다. "
        f"{escape(result.execution_reason_ko)} {after}."
    )


@app.command()
def check(
    path: Annotated[Path, typer.Argument(help="확인할 노트북(.ipynb), 폴더 또는 .zip")],
    assignment: AssignmentOpt = None,
    data: DataOpt = None,
) -> None:
    """제출 전 점검: 저장된 출력으로 체크리스트를 빠르게 확인합니다.

    종료 코드: 0 보완할 항목 없음, 1 보완하거나 확인할 항목 있음, 2 점검할 수 없음."""
    require_paths([path])
    require_dirs([data] if data else (), "--data")
    with tempfile.TemporaryDirectory(prefix="grader-check-") as tmp:
        try:
            graded = api.check(path, assignment, Path(tmp), data)
        except GraderError as exc:
            raise _fail(exc) from exc
    result = graded.result
    if result.mode is None:
        for problem in result.problems:
            err.print(f"[bold red]점검할 수 없습니다:[/] {escape(problem.message_ko)}")
        raise typer.Exit(code=2)
    print_checklist(console, result)
    raise typer.Exit(code=0 if triage(result).clean else 1)


@assignments_app.command("list")
def assignments_list() -> None:
    """사용할 수 있는 과제 목록."""
    root = assignments_dir()
    for pack_id in list_pack_ids(root):
        pack = load_pack(root, pack_id)
        console.print(f"[bold]{pack_id}[/]  {pack.spec.title}  ({pack.spec.framework})")


@assignments_app.command("show")
def assignments_show(assignment_id: Annotated[str, typer.Argument(help="과제 id")]) -> None:
    """과제 설명(퀘스트 README)과 실행 제한을 보여 줍니다."""
    try:
        pack = load_pack(assignments_dir(), assignment_id)
    except GraderError as exc:
        raise _fail(exc) from exc
    spec = pack.spec
    console.print(f"[bold]{spec.title}[/] ({spec.id}, {spec.framework})\n{spec.topic}")
    console.print(
        f"제한: 셀당 {spec.limits.cell_timeout_s}초, 전체 {spec.limits.total_timeout_s}초, "
        f"메모리 {spec.limits.memory_mb}MiB, GPU {'필요' if spec.gpu else '불필요'}"
    )
    if pack.quest_text:
        console.print(pack.quest_text, markup=False)
