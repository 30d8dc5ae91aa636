"""Notebook-wide facts that per-cell extractors need (functions that train, loops, lists)."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field

from grader.notebook.code import ParsedCell, callee, receiver, target_names, walk

FIT_METHODS = frozenset({"fit", "train_on_batch", "fit_generator"})
NOT_MODELS = (
    "scaler",
    "encoder",
    "tokenizer",
    "vectorizer",
    "tfidf",
    "pca",
    "imputer",
    "ohe",
    "le",
)


def is_fit_call(call: ast.Call) -> bool:
    """A training call (``model.fit``, Hugging Face ``trainer.train()``; not ``scaler.fit``,
    ``TfidfVectorizer().fit`` or torch's ``model.train()`` mode switch)."""
    name = callee(call)
    if not isinstance(call.func, ast.Attribute):
        return False
    owner = receiver(call).lower().split("(")[0]
    if name == "train":
        return owner.endswith("trainer")
    if name not in FIT_METHODS:
        return False
    if name != "fit":
        return True
    return not any(word == owner or owner.endswith(word) for word in NOT_MODELS)


def is_backward_call(call: ast.Call) -> bool:
    """A hand-written training step: ``loss.backward()`` (PyTorch),
    ``optimizer.apply_gradients(...)`` (TensorFlow GradientTape) or ``optimizer.step()``."""
    if not isinstance(call.func, ast.Attribute):
        return False
    name = callee(call)
    if name in {"backward", "apply_gradients"}:
        return True
    return name == "step" and "opt" in receiver(call).lower()


@dataclass
class NotebookContext:
    """Collected once over all parsed cells before the per-cell extractors run."""

    fit_functions: set[str] = field(default_factory=set)
    """Notebook functions that (transitively) call a training method."""
    loop_called: set[str] = field(default_factory=set)
    """Notebook functions called inside a loop (transitively)."""
    list_sizes: dict[str, int] = field(default_factory=dict)
    """Names bound to a literal list/tuple/dict, with their length."""
    list_values: dict[str, tuple[ast.expr, ...]] = field(default_factory=dict)
    fit_receivers: set[str] = field(default_factory=set)
    """Objects ``fit``/``search`` was called on (search objects train through these)."""

    def trains(self, node: ast.AST) -> bool:
        """``node`` contains a training call, directly or through a notebook function."""
        for child in ast.walk(node):
            if isinstance(child, ast.Call) and (
                is_fit_call(child)
                or is_backward_call(child)
                or _called_name(child) in self.fit_functions
            ):
                return True
        return False


def _called_name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else ""


def build_context(cells: Iterable[ParsedCell]) -> NotebookContext:
    """First pass over the notebook: call graph, literal lists, fit receivers."""
    ctx = NotebookContext()
    calls: dict[str, set[str]] = {}
    direct_fit: set[str] = set()
    called_in_loop: set[str] = set()
    for cell in cells:
        for node, where in walk(cell.tree):
            if isinstance(node, ast.Assign) and where.function is None:
                _note_literal(ctx, node)
            if not isinstance(node, ast.Call):
                continue
            if callee(node) in {"fit", "search"} and receiver(node):
                ctx.fit_receivers.add(receiver(node))
            name = _called_name(node)
            if where.function is not None:
                calls.setdefault(where.function, set()).add(name)
                if is_fit_call(node) or is_backward_call(node):
                    direct_fit.add(where.function)
            if name and where.loops:
                called_in_loop.add(name)
    ctx.fit_functions = _closure_up(direct_fit, calls)
    ctx.loop_called = _closure_down(called_in_loop, calls)
    return ctx


def _note_literal(ctx: NotebookContext, node: ast.Assign) -> None:
    value = node.value
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        elements: tuple[ast.expr, ...] = tuple(value.elts)
    elif isinstance(value, ast.Dict):
        elements = tuple(k for k in value.keys if k is not None)
    else:
        return
    for target in node.targets:
        for name in target_names(target):
            ctx.list_sizes[name] = len(elements)
            ctx.list_values[name] = elements


def _closure_up(seeds: set[str], calls: dict[str, set[str]]) -> set[str]:
    """Functions that reach a seed through the call graph (seeds included)."""
    found = set(seeds)
    changed = True
    while changed:
        changed = False
        for function, callees in calls.items():
            if function not in found and callees & found:
                found.add(function)
                changed = True
    return found


def _closure_down(seeds: set[str], calls: dict[str, set[str]]) -> set[str]:
    """Seeds plus every function they (transitively) call."""
    found = set(seeds)
    pending = list(seeds)
    while pending:
        for name in calls.get(pending.pop(), set()) - found:
            found.add(name)
            pending.append(name)
    return found
