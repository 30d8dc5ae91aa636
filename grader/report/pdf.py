"""``report.pdf``: the HTML report printed by headless Chromium (its fonts embedded).

Chromium shapes Hangul with the system's CJK font (Noto CJK from ``make setup``) and embeds
the subset it used, so the PDF reads the same on a machine without Korean fonts. The HTML is
our own (student text escaped, a CSP forbids scripts and remote loads).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from grader.errors import ReportError
from grader.report.screenshot import QUIET_FLAGS, browser_env, find_browser

PRINT_TIMEOUT_S = 90


def write_pdf(html: str, path: Path) -> None:
    """Print ``html`` to ``path``; :class:`ReportError` (Korean) when Chromium cannot."""
    browser = find_browser()
    if browser is None:
        raise ReportError(
            "Chromium이 없어 PDF 보고서를 만들지 못했습니다: sudo apt-get install -y chromium "
            "(또는 make setup)",
            code="browser_missing",
        )
    with tempfile.TemporaryDirectory(prefix="grader-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        target = Path(tmp) / "report.pdf"
        command = [
            browser,
            *QUIET_FLAGS,
            f"--user-data-dir={tmp}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            page.as_uri(),
        ]
        try:
            env = browser_env()
            subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_S, env=env)
        except subprocess.TimeoutExpired as exc:
            raise ReportError(
                f"PDF 보고서를 만드는 데 {PRINT_TIMEOUT_S}초가 넘게 걸려 중단했습니다.",
                code="pdf_failed",
            ) from exc
        if not target.is_file() or target.stat().st_size == 0:
            raise ReportError("Chromium이 PDF 보고서를 만들지 못했습니다.", code="pdf_failed")
        path.write_bytes(target.read_bytes())
