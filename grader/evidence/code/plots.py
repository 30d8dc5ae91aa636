"""Plots, apps and imports in code."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from grader.evidence.code.context import NotebookContext
from grader.notebook.code import ParsedCell, WalkContext, callee, dotted, kwarg, src, walk
from grader.records.app_result import AppKind
from grader.records.evidence import AppFact, PlotCall

_DRAW = frozenset(
    {
        "plot",
        "imshow",
        "bar",
        "barh",
        "scatter",
        "hist",
        "errorbar",
        "fill_between",
        "pie",
        "boxplot",
        "matshow",
        "semilogy",
        "semilogx",
        "loglog",
        "step",
        "stem",
        "violinplot",
        "contourf",
        "heatmap",
        "line",
    }
)
_HISTORY = re.compile(r"histor|hist\b|loss|acc|val_|metric|mae|mse|손실|정확도", re.IGNORECASE)
_AMBIGUOUS = frozenset({"step", "stem", "line", "bar"})
_PLOT_OWNER = re.compile(r"(plt|pyplot|ax|axes|axs)\b|.*\.plot$")
_DISTRIBUTIONS = frozenset({"hist", "histplot", "kdeplot", "distplot", "displot", "ecdfplot"})
_SERIES_STARTS = frozenset({"figure", "subplot", "subplots", "show", "clf", "close"})
_METRIC_WORD = re.compile(
    r"acc|score|loss|rmse|mae|mse|f1|auc|r2|result|metric|bleu|rouge|iou|dice|precision|recall|"
    r"psnr|ssim|perplexity|성능|정확도|점수|손실",
    re.IGNORECASE,
)
_RUN_WORDS = re.compile(
    r"history|hist|train(ing)?|val(id(ation)?)?|test|loss(es)?|acc(uracy|uracies|s)?|mae|mse|"
    r"rmse|f1|precision|recall|auc|dice|iou|score|metrics?|values|epochs?|mean|std|손실|정확도|"
    r"gen(erator)?|disc(riminator)?|real|fake"
)
_GAN_PART = re.compile(
    r"(?<![a-z])[gd][_ ]?loss|gen(erator)?|disc(riminator)?|real|fake|생성자|판별자", re.IGNORECASE
)
_NON_RUN = re.compile(r"[^a-z0-9가-힣]+")


@dataclass(frozen=True)
class _Draw:
    call: ast.Call
    where: WalkContext
    function: str
    group: tuple[int, str]
    multiplicity: int


def extract_plots(cell: ParsedCell, ctx: NotebookContext) -> list[PlotCall]:
    """Plotting calls in one cell; ``series`` counts lines drawn into the same axes."""
    draws = _draws(cell, ctx)
    totals: dict[tuple[int, str], int] = {}
    for draw in draws:
        totals[draw.group] = totals.get(draw.group, 0) + draw.multiplicity
    runs: dict[tuple[int, str], set[str]] = {}
    for draw in draws:
        if _mentions_history(draw):
            runs.setdefault(draw.group, set()).add(_run_key(draw.call))
    return [
        PlotCall(
            ref=cell.ref(d.call),
            function=d.function,
            series=totals[d.group],
            mentions_history=_mentions_history(d),
            in_loop=bool(d.where.loops),
            runs_drawn=max(len(runs.get(d.group, ())), 1),
            loop_over_metrics=_loops_over_metrics(d.where, ctx),
            results_chart=_results_chart(d),
            function_name=d.where.function or "",
        )
        for d in draws
    ]


def _run_key(call: ast.Call) -> str:
    """What names the run a curve belongs to: its data argument without metric and role
    words (``vgg16_train_loss`` -> ``vgg16``; ``history.history['val_loss']`` -> '')."""
    label = kwarg(call, "label")
    if label is not None and _GAN_PART.search(src(label)):
        return "gan"  # the generator's and discriminator's curves are one run
    data = call.args[1] if len(call.args) >= 2 else (call.args[0] if call.args else None)
    text = src(data).lower() if data is not None else ""
    return _NON_RUN.sub("", _RUN_WORDS.sub("", text))


def _loops_over_metrics(where: WalkContext, ctx: NotebookContext) -> bool:
    """The draw's loop walks metric names (``for m in ['loss', 'accuracy']``, or a list of
    them bound earlier): one run's metrics side by side, not several runs."""
    for loop in where.loops:
        if not isinstance(loop, ast.For):
            continue
        values = (
            loop.iter.args[0] if isinstance(loop.iter, ast.Call) and loop.iter.args else loop.iter
        )
        elements = values.elts if isinstance(values, ast.List | ast.Tuple) else []
        elements = elements or list(ctx.list_values.get(dotted(values), ()))
        if elements and all(_names_metric(e) for e in elements):
            return True
    return False


def _names_metric(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _METRIC_WORD.search(node.value) is not None
    )


def _results_chart(draw: _Draw) -> bool:
    """A bar chart (``plt.bar``, ``df.plot(kind="bar")``, ``sns.barplot``) or a seaborn chart
    split by ``hue``, drawn from result values: a comparison of configurations."""
    call = draw.call
    kind = kwarg(call, "kind")
    bar = draw.function.endswith(("bar", "barh", "barplot", "catplot")) or (
        isinstance(kind, ast.Constant) and kind.value in {"bar", "barh"}
    )
    hue = draw.function.startswith(("sns.", "seaborn.")) and kwarg(call, "hue") is not None
    return (bar or hue) and _METRIC_WORD.search(src(call)) is not None


def _draws(cell: ParsedCell, ctx: NotebookContext) -> list[_Draw]:
    draws: list[_Draw] = []
    segment = 0
    nodes = sorted(
        ((n, w) for n, w in walk(cell.tree) if isinstance(n, ast.Call)),
        key=lambda item: (item[0].lineno, item[0].col_offset),
    )
    for node, where in nodes:
        name = dotted(node.func)
        if name.startswith(("plt.", "pyplot.")) and callee(node) in _SERIES_STARTS:
            segment += 1
            continue
        function = _plot_function(node, name)
        if function:
            owner = function.rsplit(".", 1)[0] if "." in function else function
            group = (segment, owner if owner not in {"plt", "pyplot"} else "plt")
            draws.append(_Draw(node, where, function, group, _multiplicity(where, ctx)))
    return draws


def _plot_function(call: ast.Call, name: str) -> str:
    """The dotted callee when ``call`` draws data, '' otherwise."""
    method = callee(call)
    text = name or src(call.func)
    if text.startswith(("sns.", "seaborn.", "px.", "plotly.express.")):
        return text
    if "ConfusionMatrixDisplay" in text or method in {"plot_model", "plot_confusion_matrix"}:
        return text
    if method not in _DRAW:
        return ""
    owner = text[: -len(method) - 1]
    if method in _AMBIGUOUS and not _PLOT_OWNER.match(owner):
        return ""
    return text


def _multiplicity(where: WalkContext, ctx: NotebookContext) -> int:
    count = 1
    for loop in where.loops:
        if isinstance(loop, ast.For | ast.AsyncFor):
            count *= _loop_size(loop.iter, ctx) or 1
    return count


def _loop_size(node: ast.expr, ctx: NotebookContext) -> int | None:
    if isinstance(node, ast.List | ast.Tuple | ast.Set | ast.Dict):
        return len(node.keys) if isinstance(node, ast.Dict) else len(node.elts)
    if isinstance(node, ast.Call):
        name = callee(node)
        if name == "range" and len(node.args) == 1 and isinstance(node.args[0], ast.Constant):
            value = node.args[0].value
            return value if isinstance(value, int) and 0 < value < 1000 else None
        if name in {"enumerate", "zip", "sorted", "list"} and node.args:
            return _loop_size(node.args[0], ctx)
        if name in {"items", "keys", "values"} and isinstance(node.func, ast.Attribute):
            return _loop_size(node.func.value, ctx)
        return None
    return ctx.list_sizes.get(dotted(node))


def _mentions_history(draw: _Draw) -> bool:
    if draw.function.rsplit(".", 1)[-1] in _DISTRIBUTIONS:
        return False  # a histogram shows how values spread, not how a run trained
    texts = [src(a) for a in draw.call.args] + [src(k.value) for k in draw.call.keywords]
    if isinstance(draw.call.func, ast.Attribute):
        texts.append(src(draw.call.func.value))  # ``history.plot``; not ``plt.hist`` itself
    texts.extend(src(loop.iter) for loop in draw.where.loops if isinstance(loop, ast.For))
    return any(_HISTORY.search(t) for t in texts)


_PREDICT_FUNCTION = re.compile(r"predict|inference|infer|classify|recogni[sz]e|generate_image")
WEB_SUFFIXES = (".html", ".htm", ".js", ".jsx", ".ts", ".tsx", ".vue", ".dart")
"""Files that may hold a web (or Flutter) client calling the app's endpoint."""
_URL = r"""\s*\(?\s*(?:Uri\.parse\s*\(\s*)?[`'"]([^`'"\s]{1,200})[`'"]"""
_CLIENT_CALLS = (
    re.compile(r"\bfetch" + _URL),
    re.compile(r"\baxios(?:\.(?:post|get|put|request))?" + _URL),
    re.compile(r"""\.open\s*\(\s*['"](?:POST|GET|PUT)['"]\s*,\s*['"]([^'"\s]{1,200})['"]""", re.I),
    re.compile(r"\$\.(?:ajax|post|get)" + _URL),
    re.compile(r"\bhttp\.(?:post|get|put)" + _URL),
    re.compile(r"""<form\b[^>]*\baction\s*=\s*['"]([^'"]{1,200})['"][^>]*>""", re.I),
)
_CLIENT_MARKERS = re.compile(r"XMLHttpRequest|\bfetch\s*\(|\bhttp\.(?:post|get)\s*\(")


def extract_apps(cell: ParsedCell, ctx: NotebookContext) -> list[AppFact]:
    """Apps built in one cell (gradio, streamlit, flask, fastapi, a predict function)."""
    apps: list[AppFact] = []
    for node, _ in walk(cell.tree):
        kind = _app_kind(node)
        if kind is not None:
            name = node.name if isinstance(node, ast.FunctionDef) else None
            apps.append(AppFact(ref=cell.ref(node), kind=kind, function=name))
    return apps


def _app_kind(node: ast.AST) -> AppKind | None:
    if isinstance(node, ast.Import | ast.ImportFrom) and "streamlit" in _modules(node):
        return "streamlit"
    if isinstance(node, ast.FunctionDef) and _PREDICT_FUNCTION.search(node.name.lower()):
        return "predict_function"
    if not isinstance(node, ast.Call):
        return None
    name, method = dotted(node.func), callee(node)
    if name.startswith(("gr.", "gradio.")) and method in {
        "Interface",
        "Blocks",
        "ChatInterface",
        "TabbedInterface",
    }:
        return "gradio"
    if method == "Flask" and node.args and src(node.args[0]) == "__name__":
        return "flask"
    if method == "FastAPI":
        return "fastapi"
    if method == "launch" and kwarg(node, "share") is not None:
        return "gradio"
    return None


_NOT_A_CLIENT = re.compile(r"jp-Notebook|jp-Cell|nbconvert|jupyter-widgets|<!-- ?saved from", re.I)
"""A notebook exported to HTML (its bundled scripts fetch things too) is not a client."""
_VENDOR_NAME = re.compile(
    r"\.min\.|(?:^|/)(?:jquery|bootstrap|require|mathjax|plotly|d3|chart|vue|react)[\w.-]*\.js$",
    re.I,
)
MAX_CLIENT_LINE = 2000
"""Longer lines mean minified, vendored code rather than the student's client."""


def web_client_endpoint(text: str, name: str = "") -> str | None:
    """The endpoint a web page / JS / Dart client sends requests to; ``None`` if it sends none.

    ``fetch('/predict')``, ``axios.post(url)``, ``xhr.open('POST', url)``, ``$.ajax``,
    Dart's ``http.post(Uri.parse(...))`` and a ``<form action=... method=post>`` count; a
    call whose URL is a variable gives ``"?"``. Notebook HTML exports and vendored or
    minified libraries (``name``, long lines) are never clients."""
    if _VENDOR_NAME.search(name) or _NOT_A_CLIENT.search(text):
        return None
    if any(len(line) > MAX_CLIENT_LINE for line in text.splitlines()):
        return None
    for pattern in _CLIENT_CALLS:
        found = pattern.search(text)
        if found and (not pattern.pattern.startswith("<form") or _posts(found.group(0))):
            return found.group(1)
    return "?" if _CLIENT_MARKERS.search(text) else None


def _posts(form_tag: str) -> bool:
    return re.search(r"""method\s*=\s*['"]?post""", form_tag, re.I) is not None


def _modules(node: ast.Import | ast.ImportFrom) -> tuple[str, ...]:
    if isinstance(node, ast.ImportFrom):
        return (node.module.split(".")[0],) if node.module and not node.level else ()
    return tuple(alias.name.split(".")[0] for alias in node.names)


def extract_imports(cell: ParsedCell) -> set[str]:
    """Top-level module names imported in one cell."""
    return {
        m
        for n in ast.walk(cell.tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for m in _modules(n)
    }
