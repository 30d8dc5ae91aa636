"""Golden Markdown report (Hangul included), compared after normalisation."""

from __future__ import annotations

import re
from pathlib import Path

from grader.records import Execution, Result
from grader.report import render_report

GOLDENS = Path(__file__).parent / "goldens"


def normalize(text: str) -> str:
    """Mask what changes between runs and releases: versions, durations, addresses."""
    text = re.sub(r"버전 [0-9A-Za-z.+\-]+", "버전 <VERSION>", text)
    text = re.sub(r"\b\d+(\.\d+)?\s?(초|분|ms|s)\b", "<DURATION>", text)
    text = re.sub(r"0x[0-9a-fA-F]{6,}", "0x<ADDR>", text)
    return text.replace("\r\n", "\n")


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDENS / name
    if update:
        path.write_text(normalize(text), encoding="utf-8", newline="\n")
    assert normalize(text) == path.read_text(encoding="utf-8")


def test_markdown_golden(result: Result, execution: Execution, update_goldens: bool) -> None:
    text = render_report(result, execution, "md")
    assert re.search("[가-힣]", text)
    check_golden("report.md", text, update_goldens)


def test_rejected_golden(rejected: Result, update_goldens: bool) -> None:
    check_golden("rejected.md", render_report(rejected, None, "md"), update_goldens)
