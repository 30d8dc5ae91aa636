"""``grader ci`` without the argv: grade, judge against the gate, build the reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from grader import api
from grader.ci.gate import Gate, GateOutcome, exit_status, judge
from grader.ci.summary import render_summary
from grader.pipeline import Graded
from grader.report.junit import junit_xml

__all__ = ["CI_FORMATS", "CiOutcome", "run_ci"]

CI_FORMATS = ("md", "html", "json")
"""Per-submission reports written beside the CI files (for the artifact upload)."""


@dataclass(frozen=True)
class CiOutcome:
    """What a CI run produced: the graded submissions and how each fared."""

    gate: Gate
    graded: Sequence[Graded]
    outcomes: Sequence[GateOutcome] = field(default_factory=tuple)

    @property
    def exit_status(self) -> int:
        """0 every submission passed, 1 one failed, 2 one could not be graded."""
        return exit_status(self.outcomes)

    def junit(self) -> str:
        properties = [
            {"gate": "passed" if o.passed else "failed", "min_score": f"{self.gate.min_score:g}"}
            for o in self.outcomes
        ]
        return junit_xml([o.result for o in self.outcomes], properties=properties)

    def summary(self) -> str:
        return render_summary(self.outcomes, self.gate)


def run_ci(
    paths: Sequence[Path],
    assignment_id: str | None,
    out_dir: Path,
    gate: Gate,
    *,
    run: bool = False,
    formats: tuple[str, ...] = CI_FORMATS,
    data_dir: Path | None = None,
) -> CiOutcome:
    """Grade ``paths`` into ``out_dir`` (``--run``: in the sandbox) and judge each result.

    Grader faults (an unknown assignment, a sandbox that cannot start) raise
    :class:`~grader.errors.GraderError` as :func:`grader.api.grade` does."""
    graded = api.grade(paths, assignment_id, out_dir, run=run, formats=formats, data_dir=data_dir)
    outcomes = tuple(judge(g.result, gate) for g in graded)
    return CiOutcome(gate=gate, graded=graded, outcomes=outcomes)
