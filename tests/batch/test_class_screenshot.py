"""class_summary.html in headless Chromium: both plots are drawn (bar-coloured pixels)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from grader.batch.class_report import ClassContext, write_class_report
from grader.report.screenshot import find_browser, screenshot
from tests.batch.test_class_report import rows  # noqa: F401  (module fixture)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_browser() is None, reason="chromium is not installed (make setup)"),
]
BAR = (0x09, 0x69, 0xDA)


def bar_row_groups(png: Path) -> list[tuple[int, int, int]]:
    """(first row, last row, bar pixels) of each vertical run of rows holding bar colour."""
    image = Image.open(png).convert("RGB")
    width, height = image.size
    pixels = image.load()
    counts = [sum(1 for x in range(0, width, 2) if pixels[x, y] == BAR) for y in range(height)]
    groups: list[tuple[int, int, int]] = []
    for y, count in enumerate(counts):
        if not count:
            continue
        if groups and y - groups[-1][1] <= 40:
            first, _, total = groups[-1]
            groups[-1] = (first, y, total + count)
        else:
            groups.append((y, y, count))
    return groups


def test_class_summary_screenshot_shows_histogram_and_pass_rates(rows, tmp_path: Path):  # noqa: F811
    out, found = rows
    write_class_report(found, out, ClassContext())
    png = screenshot(out / "class_summary.html", tmp_path / "class.png", height=1400)
    groups = [g for g in bar_row_groups(png) if g[2] > 300]
    assert len(groups) >= 2, groups  # the histogram, then the per-item bars below it
    histogram, rates = groups[0], groups[1]
    assert histogram[1] < rates[0]
    assert rates[1] - rates[0] > 150  # one bar per checklist item
