"""matplotlib (and seaborn/pandas, which draw through it): what each shown figure holds.

A figure is described when ``plt.show``/``savefig`` is called, and after each cell for the
figures still open (before the inline backend displays and closes them): per axes the title,
axis labels, number of lines, bar groups, scatter collections and images, legend labels.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from . import hooks, sink
from .safety import guard, safe_patch

__all__ = ["describe_figure", "patch"]

MAX_AXES = 64
_described: dict[int, str] = {}
_pyplot: list[ModuleType] = []


def patch(pyplot: ModuleType) -> None:
    """Patch ``matplotlib.pyplot`` (called by the post-import hook)."""
    _pyplot.append(pyplot)
    safe_patch(pyplot, "show", _show)
    safe_patch(pyplot.Figure, "savefig", _savefig)
    hooks.before_display.append(_open_figures)
    hooks.cell_start.append(_described.clear)
    sink.emit("patched", {"framework": "matplotlib"})


def _show(call_original: Any, *args: Any, **kwargs: Any) -> Any:
    guard("plt.show", _open_figures, "show")
    return call_original(*args, **kwargs)


def _savefig(call_original: Any, figure: Any, *args: Any, **kwargs: Any) -> Any:
    guard("savefig", _record, figure, "savefig")
    return call_original(figure, *args, **kwargs)


def _open_figures(trigger: str = "cell_end") -> None:
    if not _pyplot:
        return
    for number in _pyplot[0].get_fignums()[:50]:
        _record(_pyplot[0].figure(number), trigger)


def _record(figure: Any, trigger: str) -> None:
    described = describe_figure(figure)
    key = repr(described)
    if _described.get(id(figure)) == key or not described["axes"]:
        return
    _described[id(figure)] = key
    sink.emit("figure", {"trigger": trigger, **described})


def describe_figure(figure: Any) -> dict[str, Any]:
    """Axes of ``figure`` with their titles, labels and series."""
    axes = []
    for ax in list(figure.get_axes())[:MAX_AXES]:
        legend = ax.get_legend()
        lines = [line for line in ax.get_lines() if not str(line.get_label()).startswith("_")]
        axes.append(
            {
                "title": ax.get_title(),
                "xlabel": ax.get_xlabel(),
                "ylabel": ax.get_ylabel(),
                "lines": len(ax.get_lines()),
                "labelled_lines": len(lines),
                "bars": len(getattr(ax, "containers", [])),
                "collections": len(ax.collections),
                "images": len(ax.images),
                "legend": [t.get_text() for t in legend.get_texts()][:50] if legend else [],
            }
        )
    suptitle = getattr(figure, "_suptitle", None)
    return {
        "number": getattr(figure, "number", None),
        "suptitle": suptitle.get_text() if suptitle is not None else "",
        "axes": axes,
        "image_grid": sum(1 for a in axes if a["images"]),
    }
