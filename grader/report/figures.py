"""Figures quoted by verdicts, turned into ``data:`` URIs for self-contained HTML reports.

Image outputs come from student notebooks and are untrusted: only PNG, JPEG and GIF whose
bytes carry the right signature are embedded, re-encoded as canonical base64, and capped.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from grader.records import EvidenceRef, ExecutedNotebook, Execution, Result

__all__ = [
    "MAX_FIGURES",
    "MAX_FIGURES_PER_ITEM",
    "MAX_FIGURE_BYTES",
    "Figure",
    "app_screenshots",
    "item_figures",
]

MAX_FIGURE_BYTES = 2 * 1024 * 1024
"""Largest decoded image embedded; larger ones are left out."""
MAX_FIGURES = 24
"""Most figures embedded in one report."""
MAX_FIGURES_PER_ITEM = 3

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass(frozen=True)
class Figure:
    """An embeddable image and the evidence that points at it."""

    ref: EvidenceRef
    uri: str
    mime: str


def item_figures(result: Result, execution: Execution | None) -> dict[str, list[Figure]]:
    """Figures per item id, looked up by (notebook, cell, output index) in ``execution``."""
    figures: dict[str, list[Figure]] = {}
    total = 0
    for item in result.items:
        for ref in item.evidence:
            if total >= MAX_FIGURES or len(figures.get(item.id, [])) >= MAX_FIGURES_PER_ITEM:
                break
            figure = find_figure(execution, ref) or sample_grid(result, ref)
            if figure is not None:
                figures.setdefault(item.id, []).append(figure)
                total += 1
    return figures


def sample_grid(result: Result, ref: EvidenceRef) -> Figure | None:
    """The drawn grid of the samples file ``ref`` names (generation items), if any."""
    if ref.source != "file":
        return None
    grid = next((g for g in result.sample_grids if g.path == ref.excerpt), None)
    return _embed(ref, grid.png) if grid else None


def find_figure(execution: Execution | None, ref: EvidenceRef) -> Figure | None:
    """The image output ``ref`` points at, or ``None`` if absent, unsafe or too large."""
    if execution is None or ref.source != "output" or ref.cell is None or ref.output_index is None:
        return None
    notebook = _notebook(execution, ref.notebook)
    if notebook is None:
        return None
    cell = next((c for c in notebook.cells if c.index == ref.cell), None)
    if cell is None or not 0 <= ref.output_index < len(cell.outputs):
        return None
    data = cell.outputs[ref.output_index].image_png
    return _embed(ref, data) if data else None


def app_screenshots(execution: Execution | None) -> dict[str, str]:
    """App entry -> ``data:`` URI of the probe's screenshot (verified PNG, capped)."""
    if execution is None:
        return {}
    shots = {}
    for app in execution.apps:
        if app.screenshot_png:
            figure = _embed(EvidenceRef(source="file", excerpt=app.entry), app.screenshot_png)
            if figure is not None:
                shots[app.entry] = figure.uri
    return shots


def _notebook(execution: Execution, path: str | None) -> ExecutedNotebook | None:
    if path is None:
        return execution.notebooks[0] if len(execution.notebooks) == 1 else None
    return next((nb for nb in execution.notebooks if nb.path == path), None)


def _embed(ref: EvidenceRef, data: str) -> Figure | None:
    if len(data) > MAX_FIGURE_BYTES * 4 // 3 + 1024:
        return None
    try:
        raw = base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    mime = next((m for sig, m in _SIGNATURES if raw.startswith(sig)), None)
    if mime is None or len(raw) > MAX_FIGURE_BYTES:
        return None
    encoded = base64.b64encode(raw).decode("ascii")
    return Figure(ref=ref, uri=f"data:{mime};base64,{encoded}", mime=mime)
