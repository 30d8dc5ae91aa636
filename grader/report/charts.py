"""Geometry of the class report's two charts, drawn as inline SVG by the template.

No plotting library: a score histogram (ten bins of 10 points) and one horizontal bar per
checklist item (its pass rate), computed here as plain numbers so the template only emits
``<rect>`` and ``<text>`` elements and the HTML stays self-contained.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Bar", "Chart", "histogram", "pass_rate_bars"]

BINS = 10
HIST_WIDTH, HIST_HEIGHT = 640, 240
HIST_LEFT, HIST_BOTTOM, HIST_TOP = 36, 36, 16
RATE_LABEL, RATE_WIDTH, RATE_ROW = 300, 300, 26
LABEL_CHARS = 26


@dataclass(frozen=True)
class Bar:
    """One rectangle with its label and value text."""

    x: float
    y: float
    width: float
    height: float
    label: str
    value: str


@dataclass(frozen=True)
class Chart:
    """An SVG canvas and its bars; ``ticks`` are (y, text) pairs of the value axis."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...] = ()


def histogram(scores: Sequence[float]) -> Chart:
    """Submissions per 10-point score band (0–9 … 90–100); ``scores`` are 0–1."""
    counts = [0] * BINS
    for score in scores:
        counts[min(BINS - 1, max(0, int(score * 100) // 10))] += 1
    top = max(counts, default=0) or 1
    plot_h = HIST_HEIGHT - HIST_BOTTOM - HIST_TOP
    slot = (HIST_WIDTH - HIST_LEFT) / BINS
    bars = []
    for i, count in enumerate(counts):
        height = plot_h * count / top
        label = f"{i * 10}–{i * 10 + 9}" if i < BINS - 1 else "90–100"
        bars.append(Bar(HIST_LEFT + i * slot + 3, HIST_TOP + plot_h - height, slot - 6, height,
                        label, str(count)))
    ticks = tuple(
        (HIST_TOP + plot_h - plot_h * n / top, str(n)) for n in _tick_values(top)
    )
    return Chart(HIST_WIDTH, HIST_HEIGHT, tuple(bars), ticks)


def _tick_values(top: int) -> list[int]:
    step = max(1, -(-top // 4))
    return list(range(0, top + 1, step))


def _short(label: str) -> str:
    """An item label that fits left of its bar (the table below has them whole)."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def pass_rate_bars(rates: Sequence[tuple[str, str, int, int]]) -> Chart:
    """One bar per item of :func:`grader.report.summary.pass_rates` (label, passed/applied);
    items that applied to nobody are left out."""
    shown = [(label, ok, n) for _, label, ok, n in rates if n]
    bars = tuple(
        Bar(RATE_LABEL, i * RATE_ROW + 4, RATE_WIDTH * ok / n, RATE_ROW - 8, _short(label),
            f"{round(100 * ok / n)}% ({ok}/{n})")
        for i, (label, ok, n) in enumerate(shown)
    )
    return Chart(RATE_LABEL + RATE_WIDTH + 110, max(1, len(bars)) * RATE_ROW, bars)
