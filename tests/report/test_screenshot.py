"""The HTML report opened in headless Chromium: Korean text and figures render."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from grader.api import grade
from grader.paths import project_root
from grader.report.screenshot import find_browser, screenshot

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_browser() is None, reason="chromium is not installed (make setup)"),
]


def korean_font_installed() -> bool:
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_report_screenshot_has_korean_font_and_embedded_figures(tmp_path: Path) -> None:
    assert korean_font_installed(), "a Korean font must be installed for Hangul to render"
    strong = project_root() / "examples" / "submissions" / "cnn-digits" / "strong.ipynb"
    [graded] = grade([strong], "cnn-digits", tmp_path / "out", formats=("html",))
    html = (graded.out_dir / "report.html").read_text(encoding="utf-8")
    assert "체크리스트" in html and html.count('src="data:image/png;base64,') >= 1
    png = screenshot(graded.out_dir / "report.html", tmp_path / "report.png", height=1600)
    assert png_size(png) == (1280, 1600)
    assert png.stat().st_size > 50_000  # text and figures, not a blank page
