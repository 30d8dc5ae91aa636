"""``grader batch CLASS_DIR -a ID -o OUT`` and ``grader batch summary OUT``.

Exit status: 0 every submission graded (whatever the scores), 1 some could not be graded
(listed), 2 usage error (also: Ray not installed or the cluster unreachable with
``--backend ray``), 130 on Ctrl-C (143 on SIGTERM).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from grader.batch.class_run import BatchOptions, ClassRun, grade_class, rebuild_summary
from grader.batch.gradebook import GradebookRow
from grader.batch.progress import progress_display
from grader.cli.common import DataOpt
from grader.cli.options import require_dirs
from grader.errors import GraderError


class _DefaultToRun(TyperGroup):
    """``grader batch CLASS_DIR ...`` means ``grader batch run CLASS_DIR ...``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.list_commands(ctx) and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


batch_app = typer.Typer(
    cls=_DefaultToRun,
    help="반 전체 제출물을 병렬로 채점합니다 (이어서 채점, 채점 기록, 반 요약).",
    no_args_is_help=True,
)
console = Console()
err = Console(stderr=True)
_ADDRESS = re.compile(r"auto|(ray://)?[A-Za-z0-9._-]+:\d{1,5}")


@batch_app.command("run")
def batch_run(
    class_dir: Annotated[Path, typer.Argument(help="제출물(.ipynb, 폴더, .zip)이 든 반 폴더")],
    assignment: Annotated[str | None, typer.Option("--assignment", "-a", help="과제 id")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="리포트와 채점 기록을 쓸 폴더")] = Path(
        "out"
    ),
    run: Annotated[bool, typer.Option("--run/--no-run", help="샌드박스에서 실행해 채점")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="동시에 채점할 개수")] = None,
    roster: Annotated[
        Path | None, typer.Option("--roster", help="명단 CSV(학번, 이름, 팀)", dir_okay=False)
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="채점 기록을 무시하고 모두 다시 채점")
    ] = False,
    data: DataOpt = None,
    backend: Annotated[
        str, typer.Option("--backend", help="local(이 컴퓨터의 작업 프로세스) 또는 ray(Ray)")
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray 클러스터: auto 또는 ray://HOST:PORT (없으면 로컬 Ray)"),
    ] = None,
) -> None:
    """반 폴더의 제출물마다 리포트를 쓰고 반 요약(HTML, MD, grades.csv)을 만듭니다."""
    if jobs is not None and jobs < 1:
        raise _usage(f"--jobs 값은 1 이상이어야 합니다 (받은 값: {jobs}).")
    require_dirs([data] if data else (), "--data")
    _check_backend(backend, address)
    options = BatchOptions(class_dir, out, assignment, run, jobs, roster, force, data_dir=data,
                           backend="ray" if backend == "ray" else "local", address=address)
    try:
        with progress_display(console, err) as listener:
            done = grade_class(options, listener)
    except GraderError as exc:
        raise _usage(exc.message_ko) from exc
    _report(done, out)
    raise typer.Exit(code=_exit_code(done))


@batch_app.command("summary")
def batch_summary(
    out: Annotated[Path, typer.Argument(help="grader batch가 쓴 출력 폴더")],
) -> None:
    """채점 기록(gradebook.sqlite)만으로 반 요약을 다시 만듭니다."""
    try:
        paths = rebuild_summary(out)
    except GraderError as exc:
        raise _usage(exc.message_ko) from exc
    for path in paths:
        console.print(f"→ {escape(str(path))}")


def _check_backend(backend: str, address: str | None) -> None:
    if backend not in ("local", "ray"):
        raise _usage(f"--backend 값은 local 또는 ray 중 하나여야 합니다 (받은 값: {backend}).")
    if address is not None and backend != "ray":
        raise _usage("--address는 --backend ray와 함께 씁니다.")
    if address is not None and not _ADDRESS.fullmatch(address):
        raise _usage(
            f"--address 값은 auto, ray://HOST:PORT 또는 HOST:PORT 형식이어야 합니다 "
            f"(받은 값: {address})."
        )


def _usage(message_ko: str) -> typer.Exit:
    err.print(f"[bold red]오류:[/] {escape(message_ko)}")
    return typer.Exit(code=2)


def _report(done: ClassRun, out: Path) -> None:
    counts = done.outcome.counts
    console.print(
        f"제출물 {counts.total}개: 새로 채점 {counts.graded}개, "
        f"이전 결과 재사용 {counts.reused}개, 채점 실패 {counts.failed}개 "
        f"(동시 작업 {done.jobs}개)",
        markup=False,
        highlight=False,
    )
    for row in done.ungraded:
        why = row.error_ko or _problems(row)
        err.print(f"[bold red]채점하지 못함:[/] {escape(row.name)}: {escape(why)}")
    if done.roster and done.roster.unmatched_entries:
        names = ", ".join(done.roster.unmatched_entries)
        err.print(f"[bold yellow]명단에 없는 제출물:[/] {escape(names)}")
    if done.roster and done.roster.missing_students:
        names = ", ".join(f"{s.name}({s.student_id})" for s in done.roster.missing_students)
        err.print(f"[bold yellow]제출물이 없는 학생:[/] {escape(names)}")
    if done.outcome.interrupted:
        left = ", ".join(done.outcome.not_started) or "없음"
        err.print(
            f"[bold red]중단:[/] 끝난 것까지 반 요약을 썼습니다. 채점하지 못한 제출물: "
            f"{escape(left)}. 같은 명령을 다시 실행하면 이어서 채점합니다."
        )
    console.print(f"반 요약 → {escape(str(out / 'class_summary.html'))}")


def _exit_code(done: ClassRun) -> int:
    if done.outcome.interrupted:
        return 128 + done.outcome.signum
    return 1 if done.ungraded else 0


def _problems(row: GradebookRow) -> str:
    problems = row.result.get("problems", []) if row.result else []
    return " / ".join(str(p.get("message_ko", "")) for p in problems) or "제출물을 열 수 없습니다"
