"""Items that rest on an execution that did not happen or did not finish become △."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from grader.records.verdict import Mark, SectionResult, Verdict
from grader.rubric.messages import render_comment
from grader.rubric.score import section_mark

__all__ = ["EXECUTION_INCOMPLETE", "TEXT_SECTIONS", "unexecuted_sections"]

EXECUTION_INCOMPLETE = "execution_incomplete"

TEXT_SECTIONS = ("explanation", "retrospective")
"""Sections judged from what the student wrote (markdown, comments), not from what ran."""


def unexecuted_sections(
    sections: Iterable[SectionResult],
    status: str,
    reason_ko: str,
    stored_marks: Mapping[str, Mark] | None = None,
) -> list[SectionResult]:
    """``sections`` (judged without any output) with every item that rests on the execution
    turned △ with ``reason_ko``; section marks follow their items again.

    Kept as judged: o (it rests on the code and text alone), n/a, and an x of a text section
    that the stored outputs do not change either (``stored_marks``: item id → mark graded from
    the stored outputs, used only to keep such an x, never to credit)."""
    stored = stored_marks or {}
    return [_section(s, status, reason_ko, stored) for s in sections]


def _section(
    section: SectionResult, status: str, reason_ko: str, stored: Mapping[str, Mark]
) -> SectionResult:
    items = tuple(
        v if _kept(section.id, v, stored) else _open(v, status, reason_ko) for v in section.items
    )
    lead = next((v for v in items if v.id == section.id), None)
    mark = lead.mark if lead else section_mark(v.mark for v in items)
    return section.model_copy(update={"items": items, "mark": mark})


def _kept(section_id: str, verdict: Verdict, stored: Mapping[str, Mark]) -> bool:
    if verdict.mark in ("o", "n/a"):
        return True
    return section_id in TEXT_SECTIONS and stored.get(verdict.id) == verdict.mark


def _open(verdict: Verdict, status: str, reason_ko: str) -> Verdict:
    facts = {"reason": reason_ko, "status": status, "judged_reason": verdict.reason}
    return verdict.model_copy(
        update={
            "mark": "△",
            "reason": EXECUTION_INCOMPLETE,
            "comment": render_comment(EXECUTION_INCOMPLETE, facts),
            "facts": facts,
            "evidence": (),
        }
    )
