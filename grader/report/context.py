"""The variables every report template receives (documented for template authors)."""

from __future__ import annotations

from typing import Any

import grader
from grader.records import Execution, Result
from grader.report.animation import progress_gifs
from grader.report.figures import app_screenshots, item_figures

__all__ = ["MAX_EXCERPTS_PER_ITEM", "build_context"]

MAX_EXCERPTS_PER_ITEM = 2


def build_context(result: Result, execution: Execution | None, fmt: str) -> dict[str, Any]:
    """Template variables for ``result``.

    ``result``           the :class:`~grader.records.Result` (sections, problems, limits_hit ...)
    ``fmt``              output format name (``md``, ``html`` ...)
    ``rejected``         true when nothing was graded (no sections): show the problems only
    ``counts``           items per mark: ``{"o": 9, "x": 2, "△": 1, "n/a": 2}``
    ``applicable``       number of items not marked n/a
    ``score_percent``    ``result.score`` as a whole percentage
    ``multi_notebook``   the submission has several notebooks (cell refs name the notebook)
    ``figures``          item id → list of :class:`~grader.report.figures.Figure` (HTML embeds)
    ``max_excerpts``     most code excerpts quoted per item
    ``grader_version``   version that wrote the report
    ``progress_gifs``    notebook path → ``data:image/gif`` URI of its training-progress frames
    ``app_screenshots``  app entry → ``data:image/png`` URI of the app's page
    """
    counts = {mark: 0 for mark in ("o", "x", "△", "n/a")}
    for item in result.items:
        counts[item.mark] += 1
    notebooks = {
        ref.notebook
        for item in result.items
        for ref in item.evidence
        if ref.notebook and ref.source not in ("file", "readme")
    }
    if execution is not None:
        notebooks.update(nb.path for nb in execution.notebooks)
    return {
        "result": result,
        "fmt": fmt,
        "rejected": result.mode is None or not result.sections,
        "counts": counts,
        "applicable": len(result.items) - counts["n/a"],
        "score_percent": round(result.score * 100),
        "multi_notebook": len(notebooks) > 1,
        "figures": item_figures(result, execution),
        "max_excerpts": MAX_EXCERPTS_PER_ITEM,
        "grader_version": result.grader_version or grader.__version__,
        "progress_gifs": progress_gifs(execution) if fmt == "html" else {},
        "app_screenshots": app_screenshots(execution),
    }
