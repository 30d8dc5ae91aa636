"""Hostile-submission harness: run a tiny notebook in the bwrap sandbox, check containment."""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat

from grader.execute.limits import ExecLimits
from grader.execute.sandboxed import SandboxedExecutor
from grader.records.execution import ExecutedNotebook, Execution
from grader.records.submission import NotebookFile, Submission
from grader.sandbox import BwrapSandbox, SandboxLimits
from grader.sandbox.launch import FIRST_SLOT_UID
from grader.sandbox.slots import leased_here

LIMITS = SandboxLimits(
    memory_mib=384, processes=64, cpu_seconds=60, file_size_mib=16, disk_mib=48, tmp_mib=32
)
EXEC_LIMITS = ExecLimits(cell_timeout_s=4, total_timeout_s=20, max_output_bytes=64 * 1024)
WALL_BOUND_S = 30.0
"""No attack may keep the grader busier than this."""


def exec_limits(cell_s: float, total_s: float | None = None) -> ExecLimits:
    """The attack limits with another cell (and total) timeout."""
    return replace(EXEC_LIMITS, cell_timeout_s=cell_s, total_timeout_s=total_s or cell_s + 10)


@dataclass
class AttackRun:
    """What one hostile notebook did."""

    execution: Execution
    wall_s: float
    root: Path
    executed_path: Path

    @property
    def notebook(self) -> ExecutedNotebook:
        return self.execution.notebooks[0]

    @property
    def text(self) -> str:
        """Every output text of every cell, joined."""
        parts = [o.text for c in self.notebook.cells for o in c.outputs]
        if self.notebook.error:
            parts.append(f"{self.notebook.error.ename}: {self.notebook.error.evalue}")
        return "\n".join(parts)

    def hit_kinds(self) -> set[str]:
        return {h.kind for h in self.notebook.limit_hits}


class Arena:
    """A grader work folder with a victim next door and hidden data, plus the sandbox."""

    def __init__(self, base: Path, sandbox: BwrapSandbox) -> None:
        self.base = base
        self.sandbox = sandbox
        self.work = base / "work"
        self.token = "SECRET-" + secrets.token_hex(8)
        self.sibling = self.work / "other-student"
        self.sibling.mkdir(parents=True)
        (self.sibling / "secret.txt").write_text(self.token)
        self.hidden = base / "hidden-data"
        self.hidden.mkdir()
        (self.hidden / "answers.csv").write_text(f"id,label\n1,{self.token}\n")
        for path in (base, self.work, self.sibling, self.hidden):
            path.chmod(0o755)

    def run(
        self, *cells: str, limits: ExecLimits = EXEC_LIMITS, name: str = "attacker"
    ) -> AttackRun:
        """Execute ``cells`` as a one-notebook submission; assert the common guarantees."""
        root = self.work / name
        root.mkdir(exist_ok=True)
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
        submission = Submission(
            name=name,
            kind="notebook",
            root=str(root),
            content_hash="attack",
            notebooks=(NotebookFile(path="attack.ipynb", content=nb),),
        )
        executor = SandboxedExecutor(self.sandbox, limits)
        started = time.monotonic()
        execution = executor.run(submission)
        wall = time.monotonic() - started
        assert isinstance(execution, Execution) and execution.sandboxed
        assert wall < WALL_BOUND_S, f"attack kept the grader busy for {wall:.1f}s"
        assert no_sandbox_processes(), "a sandboxed process outlived the run"
        assert execution.model_dump_json()  # the report can still be written from it
        executed = executor.executed_path(submission, submission.notebooks[0])
        return AttackRun(execution, wall, root, executed)


def no_sandbox_processes(marker: str | None = None, grace_s: float = 2.0) -> bool:
    """True once no sandboxed process is left (killed ones may take a moment to vanish)."""
    deadline = time.monotonic() + grace_s
    while sandbox_processes(marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def sandbox_processes(marker: str | None = None) -> list[int]:
    """Host processes this test process left in the sandbox: owned by a slot uid and started
    while this process held that slot (other graders' sandboxes on the machine don't count),
    or whose command line holds ``marker``."""
    spans = leased_here()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            uid = entry.stat().st_uid
            cmdline = (entry / "cmdline").read_bytes()
            started = _start_time(entry)
        except (OSError, ValueError, IndexError):
            continue
        slot = uid - FIRST_SLOT_UID
        if os.geteuid() == 0 and _inside(spans.get(slot, []), started):
            found.append(int(entry.name))
        elif marker and marker.encode() in cmdline and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found


def _start_time(proc: Path) -> float:
    """When the process started, in seconds since boot (``/proc/<pid>/stat`` field 22)."""
    fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[19]) / os.sysconf("SC_CLK_TCK")


def _inside(spans: list[tuple[float, float | None]], started: float) -> bool:
    slack = 2 / os.sysconf("SC_CLK_TCK")  # start times count in clock ticks
    return any(a - slack <= started <= (r if r is not None else float("inf")) + slack for a, r in spans)
