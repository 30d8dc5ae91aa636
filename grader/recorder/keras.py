"""Keras 3 patches: ``Model.fit/evaluate/predict/train_on_batch`` and custom loops through
``Optimizer.apply_gradients`` (a ``GradientTape`` loop, traced or eager, is one run per cell).

Hyperparameters are the passed arguments plus the unpassed defaults; data arguments are never
written, only fingerprinted. A nested ``fit`` (a subclass calling ``super().fit``) and the
``evaluate`` that ``fit`` runs for validation are not recorded again.
"""

from __future__ import annotations

import inspect
import sys
import time
import weakref
from types import ModuleType
from typing import Any

from . import hooks, sink
from .fingerprint import fingerprint, row_hashes
from .rows import keep_rows
from .safety import guard, safe_patch

__all__ = ["patch"]

DATA_ARGS = frozenset({"x", "y", "validation_data", "sample_weight", "class_weight", "callbacks"})
TRAIN_ROWS = 20_000
CHECK_ROWS = 512
MAX_LAYERS = 100
LAYER_ATTRS = ("units", "filters", "kernel_size", "strides", "pool_size", "rate", "padding")


class _State:
    def __init__(self) -> None:
        self.depth = 0
        self.signatures: dict[str, inspect.Signature] = {}
        self.callback_class: Any = None
        self.train_rows: list[set[int]] = []
        self.batches: dict[int, dict[str, Any]] = {}
        self.predicts: dict[int, dict[str, Any]] = {}
        self.optimizers: dict[int, tuple[Any, int]] = {}
        self.session_optimizers: set[int] = set()


_state = _State()


def patch(keras: ModuleType) -> None:
    """Patch ``keras`` (called by the post-import hook)."""
    model = keras.Model
    for name in ("fit", "evaluate", "predict", "train_on_batch"):
        _state.signatures[name] = inspect.signature(getattr(model, name))
    _state.callback_class = _callback_class(keras)
    safe_patch(model, "fit", _fit)
    safe_patch(model, "evaluate", _evaluate)
    safe_patch(model, "predict", _predict)
    safe_patch(model, "train_on_batch", _train_on_batch)
    owner = next(
        (c for c in keras.optimizers.Optimizer.__mro__ if "apply_gradients" in vars(c)), None
    )
    if owner is not None:
        safe_patch(owner, "apply_gradients", _apply_gradients)
    hooks.cell_start.append(_cell_start)
    hooks.cell_end.append(_cell_end)
    sink.emit("patched", {"framework": "keras", "version": getattr(keras, "__version__", "")})


# ---------------------------------------------------------------- fit


def _fit(call_original: Any, model: Any, *args: Any, **kwargs: Any) -> Any:
    if _state.depth:
        return call_original(model, *args, **kwargs)
    _state.depth += 1
    try:
        run = guard("keras.fit start", _FitRun.start, model, args, kwargs)
        call_kwargs = run.kwargs if run is not None else kwargs
        try:
            history = call_original(model, *args, **call_kwargs)
        except BaseException as exc:
            guard("keras.fit end", _end, run, model, None, exc)
            raise
        guard("keras.fit end", _end, run, model, history, None)
        return history
    finally:
        _state.depth -= 1


def _end(run: _FitRun | None, model: Any, history: Any, error: BaseException | None) -> None:
    if run is not None:
        run.finish(model, history, error)


class _FitRun:
    """One ``fit`` call being recorded."""

    def __init__(self, model: Any, bound: dict[str, Any], kwargs: dict[str, Any]) -> None:
        self.bound = bound
        self.kwargs = kwargs
        self.epochs: list[dict[str, Any]] = []
        self.epoch_started = 0.0
        self.started = time.monotonic()
        self.iterations = _iterations(getattr(model, "optimizer", None))

    @classmethod
    def start(cls, model: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> _FitRun | None:
        bound = _bind("fit", model, args, kwargs)
        if bound is None:
            return None
        _keep_fit_rows(bound)
        run = cls(model, bound, kwargs)
        if "callbacks" not in _positional("fit", args):
            callbacks = kwargs.get("callbacks")
            if callbacks is None or isinstance(callbacks, list | tuple):
                extra = _state.callback_class(run)
                run.kwargs = {**kwargs, "callbacks": [*(callbacks or ()), extra]}
        return run

    def epoch_begin(self) -> None:
        self.epoch_started = time.monotonic()

    def epoch_end(self, epoch: int, logs: Any) -> None:
        metrics = {str(k): _number(v) for k, v in dict(logs or {}).items()}
        seconds = round(time.monotonic() - self.epoch_started, 4) if self.epoch_started else None
        self.epochs.append({"epoch": int(epoch) + 1, "metrics": metrics, "seconds": seconds})

    def finish(self, model: Any, history: Any, error: BaseException | None) -> None:
        bound = self.bound
        if not self.epochs and history is not None:
            self.epochs = _history_epochs(history)
        optimizer = getattr(model, "optimizer", None)
        if optimizer is not None:
            _state.session_optimizers.add(id(optimizer))
        x = bound.get("x")
        data = {"x": fingerprint(x), "y": fingerprint(bound.get("y"))}
        payload = {
            "framework": "keras",
            "api": "fit",
            "model": describe_model(model),
            "hyperparams": _hyperparams(bound, x),
            "epochs_asked": _int(bound.get("epochs")),
            "initial_epoch": _int(bound.get("initial_epoch")),
            "epochs": self.epochs,
            "callbacks": _callbacks(bound.get("callbacks")),
            "early_stopped": _early_stopped(bound.get("callbacks")),
            "data": data,
            "validation": self._validation(bound, x),
            "steps": _delta(self.iterations, _iterations(optimizer)),
            "seconds": round(time.monotonic() - self.started, 3),
            "status": "ok" if error is None else "error",
            "error": type(error).__name__ if error is not None else None,
        }
        sink.emit("run", payload)
        rows = row_hashes(x, TRAIN_ROWS)
        if rows:
            _state.train_rows = [*_state.train_rows[-7:], rows]

    def _validation(self, bound: dict[str, Any], x: Any) -> dict[str, Any]:
        data = bound.get("validation_data")
        split = bound.get("validation_split") or 0.0
        if data is not None:
            parts = list(data) if isinstance(data, list | tuple) else [data]
            val_x = parts[0] if parts else None
            return {
                "kind": "validation_data",
                "x": fingerprint(val_x),
                "y": fingerprint(parts[1] if len(parts) > 1 else None),
                "overlap_train": _overlap(val_x, [row_hashes(x, TRAIN_ROWS)]),
            }
        if split:
            return {"kind": "validation_split", "split": _number(split)}
        return {"kind": "none"}


def _callback_class(keras: ModuleType) -> Any:
    class RecorderCallback(keras.callbacks.Callback):  # type: ignore[misc,name-defined]
        """Per-epoch metrics and wall time; every method is exception-safe."""

        async_safe = True  # no batch hooks: Keras may keep dispatching batches asynchronously

        def __init__(self, run: _FitRun) -> None:
            super().__init__()
            self._grader_run = run

        def on_epoch_begin(self, epoch: int, logs: Any = None) -> None:
            guard("keras callback", self._grader_run.epoch_begin)

        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            guard("keras callback", self._grader_run.epoch_end, epoch, logs)

    return RecorderCallback


def _keep_fit_rows(bound: dict[str, Any]) -> None:
    validation = bound.get("validation_data")
    if isinstance(validation, list | tuple) and validation:
        keep_rows("keras", "validation", validation[0])
    keep_rows("keras", "fit", bound.get("x"))


# ---------------------------------------------------------------- evaluate / predict / batches


def _evaluate(call_original: Any, model: Any, *args: Any, **kwargs: Any) -> Any:
    if _state.depth:
        return call_original(model, *args, **kwargs)
    result = call_original(model, *args, **kwargs)
    guard("keras.evaluate", _record_evaluate, model, args, kwargs, result)
    return result


def _record_evaluate(model: Any, args: Any, kwargs: Any, result: Any) -> None:
    bound = _bind("evaluate", model, args, kwargs) or {}
    x = bound.get("x")
    keep_rows("keras", "evaluate", x)
    names = [str(n) for n in getattr(model, "metrics_names", []) or []]
    if "compile_metrics" in names and hasattr(model, "get_metrics_result"):
        result = model.get_metrics_result()  # Keras 3 names the compiled metrics only here
    if isinstance(result, dict):
        results = {str(k): _number(v) for k, v in result.items()}
    elif isinstance(result, list | tuple):
        results = {
            (names[i] if i < len(names) else f"m{i}"): _number(v) for i, v in enumerate(result)
        }
    else:
        results = {names[0] if names else "loss": _number(result)}
    sink.emit(
        "evaluate",
        {
            "framework": "keras",
            "api": "evaluate",
            "model": _model_name(model),
            "data": {"x": fingerprint(x), "y": fingerprint(bound.get("y"))},
            "results": results,
            "overlap_train": _overlap(x, _state.train_rows),
        },
    )


def _predict(call_original: Any, model: Any, *args: Any, **kwargs: Any) -> Any:
    if _state.depth:
        return call_original(model, *args, **kwargs)
    result = call_original(model, *args, **kwargs)
    guard("keras.predict", _count_predict, model, args, kwargs)
    return result


def _count_predict(model: Any, args: Any, kwargs: Any) -> None:
    entry = _state.predicts.get(id(model))
    if entry is None:
        bound = _bind("predict", model, args, kwargs) or {}
        keep_rows("keras", "predict", bound.get("x"))
        entry = {"model": _model_name(model), "calls": 0, "x": fingerprint(bound.get("x"))}
        _state.predicts[id(model)] = entry
    entry["calls"] += 1


def _train_on_batch(call_original: Any, model: Any, *args: Any, **kwargs: Any) -> Any:
    if _state.depth:
        return call_original(model, *args, **kwargs)
    _state.depth += 1
    try:
        result = call_original(model, *args, **kwargs)
    finally:
        _state.depth -= 1
    guard("keras.train_on_batch", _count_batch, model, result)
    return result


def _count_batch(model: Any, result: Any) -> None:
    entry = _state.batches.get(id(model))
    if entry is None:
        entry = {"model": describe_model(model), "calls": 0, "loss": []}
        _state.batches[id(model)] = entry
        optimizer = getattr(model, "optimizer", None)
        if optimizer is not None:
            _state.session_optimizers.add(id(optimizer))
    entry["calls"] += 1
    calls = entry["calls"]
    if calls <= 20 or calls % max(1, calls // 100) == 0:
        first = result[0] if isinstance(result, list | tuple) and result else result
        if isinstance(result, dict):
            first = next(iter(result.values()), None)
        if len(entry["loss"]) < 200:
            entry["loss"].append([calls, _number(first)])


def _apply_gradients(call_original: Any, optimizer: Any, *args: Any, **kwargs: Any) -> Any:
    if id(optimizer) not in _state.optimizers or _state.depth:
        guard("keras.apply_gradients", _seen_optimizer, optimizer)
    return call_original(optimizer, *args, **kwargs)


def _seen_optimizer(optimizer: Any) -> None:
    if _state.depth:
        _state.session_optimizers.add(id(optimizer))
    if id(optimizer) not in _state.optimizers:
        _state.optimizers[id(optimizer)] = (weakref.ref(optimizer), _iterations(optimizer) or 0)


def _cell_start() -> None:
    for key, (ref, _) in list(_state.optimizers.items()):
        optimizer = ref()
        if optimizer is None:
            del _state.optimizers[key]
        else:
            _state.optimizers[key] = (ref, _iterations(optimizer) or 0)


def _cell_end() -> None:
    for entry in _state.batches.values():
        losses = entry["loss"]
        sink.emit(
            "run",
            {
                "framework": "keras",
                "api": "train_on_batch",
                "model": entry["model"],
                "steps": entry["calls"],
                "loss_trace": losses,
                "status": "ok",
            },
        )
    for entry in _state.predicts.values():
        sink.emit("predict", {"framework": "keras", **entry})
    _emit_custom_loop()
    _state.batches.clear()
    _state.predicts.clear()
    _state.session_optimizers.clear()


def _emit_custom_loop() -> None:
    used = []
    for key, (ref, baseline) in _state.optimizers.items():
        optimizer = ref()
        if optimizer is None or key in _state.session_optimizers:
            continue
        steps = (_iterations(optimizer) or 0) - baseline
        if steps > 0:
            used.append({**describe_optimizer(optimizer), "steps": steps})
    if used:
        sink.emit(
            "run",
            {
                "framework": "keras",
                "api": "custom_loop",
                "optimizers": used,
                "steps": max(o["steps"] for o in used),
                "status": "ok",
            },
        )


# ---------------------------------------------------------------- descriptions


def describe_model(model: Any) -> dict[str, Any]:
    """Class, layers and parameter count of a Keras model."""
    described: dict[str, Any] = {"class": type(model).__name__, "name": _model_name(model)}
    layers = []
    for layer in _flat_layers(model)[:MAX_LAYERS]:
        layers.append(_describe_layer(layer))
    described["layers"] = layers
    if getattr(model, "built", False):
        described["params"] = _try_int(model.count_params)
    optimizer = getattr(model, "optimizer", None)
    if optimizer is not None:
        described["optimizer"] = describe_optimizer(optimizer)
    loss = getattr(model, "loss", None)
    if loss is not None:
        described["loss"] = _name(loss)
    return described


def _flat_layers(model: Any) -> list[Any]:
    flat: list[Any] = []
    for layer in list(getattr(model, "layers", []) or []):
        inner = getattr(layer, "layers", None)
        if inner and hasattr(layer, "fit"):
            flat.extend(inner)
        else:
            flat.append(layer)
    return flat


def _describe_layer(layer: Any) -> dict[str, Any]:
    described: dict[str, Any] = {"type": type(layer).__name__}
    for attr in LAYER_ATTRS:
        value = getattr(layer, attr, None)
        if isinstance(value, int | float | str) or (
            isinstance(value, tuple) and all(isinstance(v, int) for v in value)
        ):
            described[attr] = list(value) if isinstance(value, tuple) else value
    activation = getattr(layer, "activation", None)
    if activation is not None:
        described["activation"] = _name(activation)
    if getattr(layer, "built", False):
        described["params"] = _try_int(layer.count_params)
    return described


def describe_optimizer(optimizer: Any) -> dict[str, Any]:
    """Class and learning rate (a schedule is named by its class)."""
    described: dict[str, Any] = {"class": type(optimizer).__name__}
    rate = getattr(optimizer, "learning_rate", None)
    if rate is not None:
        value = _number(rate)
        described["learning_rate"] = float(f"{value:.6g}") if value is not None else _name(rate)
    return described


def _hyperparams(bound: dict[str, Any], x: Any) -> dict[str, Any]:
    params = {k: _scalar(v) for k, v in bound.items() if k not in DATA_ARGS and k != "self"}
    if params.get("batch_size") is None and fingerprint_is_array(x):
        params["batch_size"] = 32  # Keras' default for arrays
    return params


def fingerprint_is_array(value: Any) -> bool:
    return value is not None and hasattr(value, "shape") and hasattr(value, "dtype")


def _callbacks(callbacks: Any) -> list[str]:
    if not isinstance(callbacks, list | tuple):
        return []
    return [type(c).__name__ for c in callbacks]


def _early_stopped(callbacks: Any) -> bool:
    if not isinstance(callbacks, list | tuple):
        return False
    return any(int(getattr(c, "stopped_epoch", 0) or 0) > 0 for c in callbacks)


def _history_epochs(history: Any) -> list[dict[str, Any]]:
    logs = getattr(history, "history", None)
    if not isinstance(logs, dict):
        return []
    count = max((len(v) for v in logs.values() if isinstance(v, list)), default=0)
    return [
        {"epoch": i + 1, "metrics": {k: _number(v[i]) for k, v in logs.items() if i < len(v)}}
        for i in range(count)
    ]


def _overlap(x: Any, train_rows: list[set[int]]) -> list[int] | None:
    if not train_rows or x is None:
        return None
    checked = row_hashes(x, CHECK_ROWS)
    if not checked:
        return None
    known = set().union(*train_rows)
    return [len(checked & known), len(checked)]


def _bind(name: str, model: Any, args: Any, kwargs: Any) -> dict[str, Any] | None:
    signature = _state.signatures.get(name)
    if signature is None:
        return None
    try:
        bound = signature.bind(model, *args, **kwargs)
    except TypeError:
        return None
    bound.apply_defaults()
    arguments = dict(bound.arguments)
    extra = arguments.pop("kwargs", None)
    if isinstance(extra, dict):
        arguments.update(extra)
    return arguments


def _positional(name: str, args: tuple[Any, ...]) -> set[str]:
    signature = _state.signatures.get(name)
    if signature is None:
        return set()
    names = [p for p in signature.parameters if p != "self"]
    return set(names[: len(args)])


def _iterations(optimizer: Any) -> int | None:
    variable = getattr(optimizer, "iterations", None)
    if variable is None:
        return None
    try:
        return int(variable.numpy())
    except Exception:
        tf = sys.modules.get("tensorflow")
        if tf is None:
            return None
        with tf.init_scope():
            return int(variable.numpy())


def _delta(before: int | None, after: int | None) -> int | None:
    return after - before if before is not None and after is not None else None


def _model_name(model: Any) -> str:
    return str(getattr(model, "name", "") or type(model).__name__)


def _name(value: Any) -> str:
    if isinstance(value, str):
        return value
    name = getattr(value, "__name__", None)
    if isinstance(name, str):
        return name
    return type(value).__name__


def _number(value: Any) -> Any:
    try:
        if hasattr(value, "numpy"):
            value = value.numpy()
        return float(value)
    except Exception:
        return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _try_int(fn: Any) -> int | None:
    try:
        return int(fn())
    except Exception:
        return None


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return _name(value)
