"""Training in code: fit calls, evaluation calls and hyperparameter configuration loops."""

from __future__ import annotations

import ast

from grader.evidence.code.context import NotebookContext, is_backward_call, is_fit_call
from grader.evidence.code.data import validation_arguments
from grader.evidence.names import CONFIG_NAMES, hyperparam_name, role_of
from grader.notebook.code import (
    ParsedCell,
    WalkContext,
    callee,
    dotted,
    kwarg,
    receiver,
    src,
    target_names,
    walk,
)
from grader.records.evidence import ConfigLoop, EvaluateCall, FitCall

FIT_HYPERPARAMS = (
    "epochs",
    "batch_size",
    "callbacks",
    "steps_per_epoch",
    "shuffle",
    "class_weight",
    "initial_epoch",
    "validation_batch_size",
    "validation_steps",
)
EVALUATE_METHODS = frozenset(
    {
        "evaluate",
        "predict",
        "predict_proba",
        "predict_classes",
        "score",
        "accuracy_score",
        "classification_report",
        "confusion_matrix",
        "f1_score",
        "precision_score",
        "recall_score",
        "roc_auc_score",
        "mean_squared_error",
        "mean_absolute_error",
        "r2_score",
        "evaluate_generator",
    }
)
SEARCH_CLASSES = frozenset(
    {
        "GridSearchCV",
        "RandomizedSearchCV",
        "HalvingGridSearchCV",
        "HalvingRandomSearchCV",
        "BayesSearchCV",
        "RandomSearch",
        "Hyperband",
        "BayesianOptimization",
        "GridSearch",
    }
)
MAX_VALUES = 20


def extract_fits(cell: ParsedCell, ctx: NotebookContext) -> list[FitCall]:
    """Training calls in one cell (``fit``-like calls and hand-written backward loops)."""
    fits: list[FitCall] = []
    seen_loops: set[int] = set()
    for node, where in walk(cell.tree):
        if not isinstance(node, ast.Call):
            continue
        if is_fit_call(node):
            fits.append(_fit_call(cell, node, _in_loop(where, ctx)))
        elif _calls_train_function(node, where, ctx):
            fits.append(_function_call(cell, node))
        elif is_backward_call(node) and where.loops and id(where.loops[0]) not in seen_loops:
            seen_loops.add(id(where.loops[0]))
            outer = where.function in ctx.loop_called if where.function else False
            fits.append(
                FitCall(
                    ref=cell.ref(where.loops[0]),
                    method="train_loop",
                    receiver=receiver(node),
                    in_loop=outer,
                )
            )
    fits += _step_function_loops(cell, ctx, seen_loops, fits)
    return fits


def _step_function_loops(
    cell: ParsedCell, ctx: NotebookContext, seen: set[int], found: list[FitCall]
) -> list[FitCall]:
    """Outermost loops that train by calling a notebook function (``train_step(batch)``)."""
    if found:
        return []  # the cell's own fit/step calls already mark where it trains
    loops: list[FitCall] = []
    covered: set[int] = set(seen)
    for node, where in walk(cell.tree):
        if not isinstance(node, ast.For | ast.While) or id(node) in covered:
            continue
        if any(id(loop) in covered for loop in where.loops):
            continue
        calls = [c for c in ast.walk(node) if isinstance(c, ast.Call)]
        if any(isinstance(c.func, ast.Name) and c.func.id in ctx.fit_functions for c in calls):
            covered.add(id(node))
            in_function = where.function is not None and where.function in ctx.loop_called
            loops.append(
                FitCall(
                    ref=cell.ref(node),
                    method="train_loop",
                    in_loop=bool(where.loops) or in_function,
                )
            )
    return loops


def _calls_train_function(call: ast.Call, where: WalkContext, ctx: NotebookContext) -> bool:
    """A top-level call of a notebook function whose body trains (``train_model(...)``, a GAN
    ``train(dataset, EPOCHS)``): the cell that calls it is where the training runs."""
    if where.function is not None or where.loops:
        return False
    return isinstance(call.func, ast.Name) and call.func.id in ctx.fit_functions


def _function_call(cell: ParsedCell, call: ast.Call) -> FitCall:
    hyperparams = {
        k.arg: src(k.value)
        for k in call.keywords
        if k.arg and (k.arg in FIT_HYPERPARAMS or hyperparam_name(k.arg))
    }
    return FitCall(ref=cell.ref(call), method=callee(call), hyperparams=hyperparams)


def _in_loop(where: WalkContext, ctx: NotebookContext) -> bool:
    return bool(where.loops) or (where.function is not None and where.function in ctx.loop_called)


def _fit_call(cell: ParsedCell, call: ast.Call, in_loop: bool) -> FitCall:
    hyperparams = {k.arg: src(k.value) for k in call.keywords if k.arg in FIT_HYPERPARAMS}
    data = kwarg(call, "validation_data")
    if data is not None:
        validation = "validation_data"
        arguments = validation_arguments(data)
    elif kwarg(call, "validation_split") is not None:
        validation, arguments = "validation_split", (src(kwarg(call, "validation_split")),)
    else:
        validation, arguments = "none", ()
    return FitCall(
        ref=cell.ref(call),
        method=callee(call),
        receiver=receiver(call),
        hyperparams=hyperparams,
        validation=validation,
        validation_arguments=arguments,
        in_loop=in_loop,
    )


def extract_evaluations(cell: ParsedCell, ctx: NotebookContext) -> list[EvaluateCall]:
    """Evaluation/prediction/metric calls in one cell, with the data role of their arguments."""
    calls: list[EvaluateCall] = []
    for node, _ in walk(cell.tree):
        if isinstance(node, ast.Call) and callee(node) in EVALUATE_METHODS:
            arguments = tuple(src(a) for a in node.args[:4])
            arguments += tuple(src(k.value) for k in node.keywords if k.arg in ("x", "y"))
            calls.append(
                EvaluateCall(
                    ref=cell.ref(node),
                    method=callee(node),
                    arguments=arguments,
                    role=role_of(arguments),
                )
            )
    return calls


def extract_config_loops(cell: ParsedCell, ctx: NotebookContext) -> list[ConfigLoop]:
    """Loops over hyperparameter values/configs and search objects in one cell."""
    loops: list[ConfigLoop] = []
    for node, where in walk(cell.tree):
        if isinstance(node, ast.For | ast.AsyncFor):
            loop = _config_loop(cell, node, ctx)
            if loop is not None:
                loops.append(loop)
        elif isinstance(node, ast.Call):
            loop = _search_object(cell, node, where, ctx)
            if loop is not None:
                loops.append(loop)
    return loops


def _config_loop(
    cell: ParsedCell, node: ast.For | ast.AsyncFor, ctx: NotebookContext
) -> ConfigLoop | None:
    variables = target_names(node.target)
    values = _iter_values(node.iter, ctx)
    trains = any(ctx.trains(stmt) for stmt in node.body)
    literal_sweep = trains and _constant_values(node.iter) >= 2
    if not (_names_hyperparams(variables) or _iter_is_config(node.iter, ctx) or literal_sweep):
        return None
    header = ast.For(target=node.target, iter=node.iter, body=[], orelse=[])
    ref = cell.ref(node).model_copy(
        update={"excerpt": "for " + src(header.target) + " in " + src(header.iter)}
    )
    return ConfigLoop(
        ref=ref,
        variable=", ".join(variables),
        values=tuple(src(v) for v in values[:MAX_VALUES]),
        contains_fit=trains,
    )


def _constant_values(node: ast.expr) -> int:
    """How many literal numbers/strings a list or tuple holds (``[8, 16, 32]`` -> 3)."""
    if not isinstance(node, ast.List | ast.Tuple):
        return 0
    return sum(1 for e in node.elts if isinstance(e, ast.Constant) and e.value is not None)


def _names_hyperparams(names: tuple[str, ...]) -> bool:
    return any(hyperparam_name(n) and hyperparam_name(n) != "epochs" for n in names)


def _iter_is_config(node: ast.expr, ctx: NotebookContext) -> bool:
    """The iterable names hyperparameter values: a config list, a product, a grid."""
    if isinstance(node, ast.Call):
        name = callee(node)
        if name in {
            "enumerate",
            "zip",
            "product",
            "items",
            "values",
            "ParameterGrid",
            "ParameterSampler",
        }:
            parts = list(node.args)
            if isinstance(node.func, ast.Attribute) and name in {"items", "values"}:
                parts.append(node.func.value)
            return name.startswith("Parameter") or any(_iter_is_config(p, ctx) for p in parts)
        return False
    name = dotted(node)
    if not name:
        return isinstance(node, ast.List | ast.Tuple) and any(
            isinstance(e, ast.Dict) and _dict_has_hyperparams(e) for e in node.elts
        )
    if hyperparam_name(name) or CONFIG_NAMES.search(name.lower()):
        return True
    return any(
        isinstance(e, ast.Dict) and _dict_has_hyperparams(e) for e in ctx.list_values.get(name, ())
    )


def _dict_has_hyperparams(node: ast.Dict) -> bool:
    return any(
        isinstance(k, ast.Constant) and isinstance(k.value, str) and hyperparam_name(k.value)
        for k in node.keys
    )


def _iter_values(node: ast.expr, ctx: NotebookContext) -> tuple[ast.expr, ...]:
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return tuple(node.elts)
    if isinstance(node, ast.Dict):
        return tuple(k for k in node.keys if k is not None)
    if isinstance(node, ast.Call) and node.args and callee(node) in {"enumerate", "zip"}:
        return _iter_values(node.args[0], ctx)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if callee(node) in {"items", "keys", "values"}:
            return _iter_values(node.func.value, ctx)
    return ctx.list_values.get(dotted(node), ())


def _search_object(
    cell: ParsedCell, call: ast.Call, where: WalkContext, ctx: NotebookContext
) -> ConfigLoop | None:
    name = callee(call)
    if name == "optimize" and kwarg(call, "n_trials") is not None:
        objective = call.args[0].id if call.args and isinstance(call.args[0], ast.Name) else ""
        return ConfigLoop(
            ref=cell.ref(call), variable="optuna", contains_fit=objective in ctx.fit_functions
        )
    if name not in SEARCH_CLASSES:
        return None
    grid = kwarg(call, "param_grid") or kwarg(call, "param_distributions")
    if grid is None and len(call.args) > 1:
        grid = call.args[1]
    values = (src(grid),) if grid is not None else ()
    trains = any(t in ctx.fit_receivers for t in where.assigned_to)
    return ConfigLoop(ref=cell.ref(call), variable=name, values=values, contains_fit=trains)
