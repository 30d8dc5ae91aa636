"""Screenshot a rendered HTML report with headless Chromium (checks Korean text and figures).

``python -m grader.report.screenshot REPORT.html OUT.png`` — used by ``make screenshot``.
The report is our own HTML (student content escaped, a CSP forbids scripts and remote loads),
so Chromium runs on the host with networking features off.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from grader.errors import ReportError

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
QUIET_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--hide-scrollbars",
)


def find_browser() -> str | None:
    """Path of a Chromium-family browser, if one is installed."""
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def screenshot(html: Path, png: Path, *, width: int = 1280, height: int = 2400) -> Path:
    """Render ``html`` to ``png``; :class:`ReportError` (Korean) when it cannot."""
    png.parent.mkdir(parents=True, exist_ok=True)
    flags = [f"--window-size={width},{height}", f"--screenshot={png.resolve()}"]
    run_headless(
        html.resolve(), flags, png, task_ko=("리포트 화면을 찍는", "리포트 화면을 찍지"),
        code="screenshot_failed",
    )
    return png


def run_headless(
    page: Path,
    flags: list[str],
    output: Path,
    *,
    task_ko: tuple[str, str],
    code: str,
    timeout_s: int = 60,
) -> None:
    """Open ``page`` in headless Chromium with ``flags`` that write ``output``; a missing
    browser, a timeout or no output is a :class:`ReportError`. ``task_ko``: the task in the
    two forms the messages need, ``("PDF 보고서를 만드는", "PDF 보고서를 만들지")``."""
    doing, not_done = task_ko
    browser = find_browser()
    if browser is None:
        raise ReportError(
            f"Chromium이 없어 {not_done} 못했습니다: "
            "sudo apt-get install -y chromium (또는 make setup)",
            code="browser_missing",
        )
    with tempfile.TemporaryDirectory(prefix="grader-chromium-") as profile:
        command = [browser, *QUIET_FLAGS, f"--user-data-dir={profile}", *flags, page.as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout_s, env=browser_env())
        except subprocess.TimeoutExpired as exc:
            raise ReportError(
                f"{doing} 데 {timeout_s}초가 넘게 걸려 중단했습니다.", code=code
            ) from exc
    if not output.is_file() or output.stat().st_size == 0:
        raise ReportError(f"Chromium으로 {not_done} 못했습니다.", code=code)


def browser_env() -> dict[str, str]:
    """A small, fixed environment for Chromium (Korean locale, no grader variables)."""
    return {"PATH": "/usr/bin:/bin", "HOME": tempfile.gettempdir(), "LANG": "ko_KR.UTF-8"}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("사용법: python -m grader.report.screenshot REPORT.html OUT.png", file=sys.stderr)
        return 2
    try:
        print(screenshot(Path(argv[0]), Path(argv[1])))
    except ReportError as exc:
        print(exc.message_ko, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
