"""``report.pdf``: the HTML report printed by headless Chromium (its fonts embedded).

Chromium shapes Hangul with the system's CJK font (Noto CJK from ``make setup``) and embeds
the subset it used, so the PDF reads the same on a machine without Korean fonts. The HTML is
our own (student text escaped, a CSP forbids scripts and remote loads).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from grader.report.screenshot import run_headless

PRINT_TIMEOUT_S = 90


def write_pdf(html: str, path: Path) -> None:
    """Print ``html`` to ``path``; :class:`ReportError` (Korean) when Chromium cannot."""
    with tempfile.TemporaryDirectory(prefix="grader-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        target = Path(tmp) / "report.pdf"
        flags = ["--no-pdf-header-footer", f"--print-to-pdf={target}"]
        run_headless(
            page, flags, target, task_ko=("PDF 보고서를 만드는", "PDF 보고서를 만들지"),
            code="pdf_failed",
            timeout_s=PRINT_TIMEOUT_S,
        )
        path.write_bytes(target.read_bytes())
