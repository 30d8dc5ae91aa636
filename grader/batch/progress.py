"""What a running batch shows: a rich progress bar on a terminal, else one line per submission.

The bar has done/total (reused rows count as done), failures, the time left and what each
worker is grading. Without a TTY (a log file, CI) every finished submission prints one line as
soon as it is done, so a long ``--run`` batch is never silent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from grader.batch.gradebook import GradebookRow
from grader.batch.runner import Listener
from grader.submission.discover import Entry

__all__ = ["LineProgress", "RichProgress", "progress_display", "row_line"]

_MODE_KO = {"executed": "실행", "stored_outputs": "저장된 출력"}
MAX_RUNNING_SHOWN = 4


def row_line(row: GradebookRow) -> str:
    """One line about a finished submission (plain text)."""
    seconds = f"{row.duration_s:.1f}초"
    if row.status == "failed" or row.result is None:
        return f"{row.name}  채점 실패: {row.error_ko}  ({seconds})"
    score = round(100 * float(row.result.get("score", 0.0)))
    if row.status == "rejected":
        return f"{row.name}  열 수 없음 (△)  ({seconds})"
    mode = _MODE_KO.get(str(row.result.get("mode")), "")
    status = row.result.get("execution_status", "completed")
    unfinished = "" if status == "completed" else f", 실행 미완료: {status}"
    return f"{row.name}  점수 {score}%  ({mode}{unfinished}, {seconds})"


class LineProgress:
    """One line per finished submission (no terminal)."""

    def __init__(self, console: Console, err: Console) -> None:
        self.console, self.err = console, err
        self.done = self.total = 0

    def begin(self, total: int, reused: int) -> None:
        self.total, self.done = total, reused
        self.console.print(
            f"제출물 {total}개: 이전 결과 재사용 {reused}개, 채점할 것 {total - reused}개",
            markup=False, highlight=False,
        )

    def started(self, entry: Entry) -> None:
        return None

    def finished(self, row: GradebookRow) -> None:
        self.done += 1
        self.console.print(
            f"[{self.done}/{self.total}] {row_line(row)}", markup=False, highlight=False
        )

    def stopping(self, hard: bool) -> None:
        self.err.print(_stopping_text(hard))


class RichProgress:
    """A progress bar with failures, ETA and the submissions being graded."""

    def __init__(self, progress: Progress, err: Console) -> None:
        self.progress, self.err = progress, err
        self.task: TaskID | None = None
        self.running: list[str] = []
        self.failed = 0

    def begin(self, total: int, reused: int) -> None:
        self.task = self.progress.add_task(
            "채점", total=total, completed=reused, failed=0, running=""
        )
        if reused:
            self.progress.console.print(f"이전 결과 재사용: {reused}개", markup=False)

    def started(self, entry: Entry) -> None:
        self.running.append(entry.name)
        self._update()

    def finished(self, row: GradebookRow) -> None:
        if row.name in self.running:
            self.running.remove(row.name)
        self.failed += row.status == "failed"
        self.progress.console.print(row_line(row), markup=False, highlight=False)
        self._update(advance=1)

    def stopping(self, hard: bool) -> None:
        self.progress.console.print(_stopping_text(hard))

    def _update(self, advance: int = 0) -> None:
        if self.task is None:
            return
        shown = ", ".join(self.running[:MAX_RUNNING_SHOWN])
        more = len(self.running) - MAX_RUNNING_SHOWN
        running = escape(shown + (f" 외 {more}개" if more > 0 else ""))
        self.progress.update(self.task, advance=advance, failed=self.failed, running=running)


def _stopping_text(hard: bool) -> str:
    if hard:
        return "[bold red]중단:[/] 실행 중인 채점을 멈춥니다."
    return (
        "[bold yellow]중단 요청:[/] 새 제출물은 시작하지 않고, 실행 중인 채점이 끝나면 멈춥니다. "
        "바로 멈추려면 Ctrl-C를 한 번 더 누르세요."
    )


@contextmanager
def progress_display(console: Console, err: Console) -> Iterator[Listener]:
    """A :class:`RichProgress` on a terminal, else a :class:`LineProgress`."""
    if not err.is_terminal:
        yield LineProgress(console, err)
        return
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("실패 {task.fields[failed]}"),
        TextColumn("남은 시간"),
        TimeRemainingColumn(),
        TextColumn("[dim]{task.fields[running]}"),
    )
    with Progress(*columns, console=err, transient=False) as progress:
        yield RichProgress(progress, err)
