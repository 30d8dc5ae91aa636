"""The CI summary in Markdown: a PR/MR comment and GitHub's job summary."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import jinja2

import grader
from grader.ci.gate import Gate, GateOutcome, exit_status
from grader.errors import ReportError
from grader.report.environment import make_environment
from grader.report.triage import triage

__all__ = ["SUMMARY_TEMPLATE", "append_step_summary", "render_summary"]

SUMMARY_TEMPLATE = "ci_summary.md.j2"
_OVERALL = {0: "passed", 1: "failed", 2: "ungraded"}


def _labels(outcomes: Sequence[GateOutcome], gate: Gate) -> list[str]:
    labels = {item.id: item.label for o in outcomes for item in o.result.items}
    return [labels.get(item_id, item_id) for item_id in gate.required]


def render_summary(
    outcomes: Sequence[GateOutcome], gate: Gate, env: jinja2.Environment | None = None
) -> str:
    """The Markdown summary of a CI run (template ``ci_summary.md.j2``, overridable)."""
    env = make_environment() if env is None else env
    context = {
        "outcomes": outcomes,
        "gate": gate,
        "required_labels": _labels(outcomes, gate),
        "triages": [triage(o.result) for o in outcomes],
        "overall": _OVERALL[exit_status(outcomes)],
        "grader_version": grader.__version__,
    }
    try:
        return env.get_template(SUMMARY_TEMPLATE).render(context)
    except jinja2.TemplateError as exc:
        raise ReportError(
            f"CI 요약 템플릿({SUMMARY_TEMPLATE})을 만들지 못했습니다.",
            code="template_failed",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc


def append_step_summary(text: str, environ: Mapping[str, str] | None = None) -> Path | None:
    """Append ``text`` to the file ``$GITHUB_STEP_SUMMARY`` names, when it is set."""
    target = (os.environ if environ is None else environ).get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
    return path
