"""Terminal output of the CLI (rich): checklist and one-line summaries, in Korean."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from grader.pipeline import Graded
from grader.records.verdict import Result, Verdict
from grader.report.triage import Triage, triage

MARK_STYLE = {"o": "bold green", "x": "bold red", "△": "bold yellow", "n/a": "dim"}
MODE_KO = {"executed": "실행 결과", "stored_outputs": "저장된 출력", None: "평가 불가"}


def mode_ko(result: Result) -> str:
    """How the result was made, in a few words (an unfinished execution says so)."""
    if result.execution_status != "completed":
        if result.fallback == "stored":
            return "실행 실패, 저장된 출력으로 채점"
        return "실행 미완료, 실행 항목 △"
    return MODE_KO[result.mode]


def print_summary_line(console: Console, graded: Graded) -> None:
    result = graded.result
    counts = {mark: sum(1 for i in result.items if i.mark == mark) for mark in ("o", "x", "△")}
    console.print(
        f"[bold]{escape(result.submission)}[/]  o {counts['o']} / x {counts['x']} / △ {counts['△']}"
        f"  점수 {result.score:.0%}  ({mode_ko(result)})  → {graded.out_dir}",
        soft_wrap=True,
    )


def print_checklist(console: Console, result: Result) -> None:
    for problem in result.problems:
        console.print(f"[bold red]문제:[/] {escape(problem.message_ko)}")
    table = Table(
        title=f"{escape(result.submission)} 점검 결과 ({mode_ko(result)})", show_lines=True
    )
    table.add_column("항목", overflow="fold")
    table.add_column("판정", justify="center")
    table.add_column("설명", overflow="fold")
    for section in result.sections:
        for item in section.items:
            style = MARK_STYLE[item.mark]
            table.add_row(escape(item.label), f"[{style}]{item.mark}[/]", escape(item.comment))
    console.print(table)
    print_triage(console, triage(result))


def _labels(items: tuple[Verdict, ...]) -> str:
    return ", ".join(escape(v.label) for v in items)


def print_triage(console: Console, todo: Triage) -> None:
    """What to do next: items to fix, to confirm, and those only ``--run`` can judge."""
    if todo.to_fix:
        count = len(todo.to_fix)
        console.print(f"[bold red]보완이 필요한 항목 {count}개:[/] {_labels(todo.to_fix)}")
    if todo.to_confirm:
        console.print(
            f"[bold yellow]확인이 필요한 항목 {len(todo.to_confirm)}개:[/] "
            f"{_labels(todo.to_confirm)} (근거를 노트북에 더 분명히 남겨 주세요)"
        )
    if todo.needs_run:
        console.print(
            f"[bold]실행해야 판단할 수 있는 항목 {len(todo.needs_run)}개:[/] "
            f"{_labels(todo.needs_run)} (grader grade --run으로 확인합니다)"
        )
    if todo.clean:
        console.print("[bold green]보완할 항목이 없습니다.[/] 위 설명을 참고해 제출하세요.")
    else:
        console.print("위 설명을 참고해 보완한 뒤 다시 점검해 보세요.")
