"""PyTorch: optimizer steps grouped into one run per cell and optimizer, loss values from
``Tensor.backward`` (read lazily, sampled), epochs from ``DataLoader`` iterations,
``random_split`` outputs, loaders' batch sizes, ``train()/eval()`` switches, the device.

Steps are observed with torch's global optimizer step hook (no patching of each optimizer
class); the model of a run is found among the student's variables by its parameters.
"""

from __future__ import annotations

import sys
import time
from types import ModuleType
from typing import Any

from . import hooks, sink
from .fingerprint import fingerprint
from .safety import guard, safe_patch

__all__ = ["patch"]

MAX_LOSSES = 500
OPTIMIZER_KEYS = ("lr", "momentum", "weight_decay", "betas", "eps", "nesterov")


class _Run:
    def __init__(self, optimizer: Any) -> None:
        self.optimizer = optimizer
        self.steps = 0
        self.epoch_steps = 0
        self.epochs: list[dict[str, Any]] = []
        self.epoch_losses: list[float] = []
        self.losses: list[list[Any]] = []
        self.started = time.monotonic()
        self.epoch_started = self.started


class _State:
    def __init__(self) -> None:
        self.runs: dict[int, _Run] = {}
        self.last_loss: Any = None
        self.loaders: list[dict[str, Any]] = []
        self.mode_switches = {"train": 0, "eval": 0}


_state = _State()


def patch(torch: ModuleType) -> None:
    """Install the step hook and the patches (called by the post-import hook)."""
    optimizer_module = sys.modules[torch.optim.Optimizer.__module__]
    optimizer_module.register_optimizer_step_post_hook(_after_step)
    safe_patch(torch.Tensor, "backward", _backward)
    data = torch.utils.data
    for owner in (data, sys.modules.get(data.random_split.__module__)):
        if owner is not None and hasattr(owner, "random_split"):
            safe_patch(owner, "random_split", _random_split)
    safe_patch(data.DataLoader, "__init__", _loader_init)
    safe_patch(data.DataLoader, "__iter__", _loader_iter)
    safe_patch(torch.nn.Module, "train", _module_train)
    hooks.cell_end.append(_cell_end)
    sink.emit("patched", {"framework": "torch", "version": str(torch.__version__)})


def _after_step(optimizer: Any, args: Any, kwargs: Any) -> None:
    guard("torch step", _count_step, optimizer)


def _count_step(optimizer: Any) -> None:
    run = _state.runs.get(id(optimizer))
    if run is None:
        run = _state.runs[id(optimizer)] = _Run(optimizer)
    run.steps += 1
    run.epoch_steps += 1
    loss = _state.last_loss
    if loss is not None and (run.steps <= 50 or run.steps % max(1, run.steps // 50) == 0):
        _state.last_loss = None
        value = float(loss.item())
        run.epoch_losses.append(value)
        if len(run.losses) < MAX_LOSSES:
            run.losses.append([run.steps, value])


def _backward(call_original: Any, tensor: Any, *args: Any, **kwargs: Any) -> Any:
    if getattr(tensor, "ndim", 1) == 0:
        _state.last_loss = tensor.detach()
    return call_original(tensor, *args, **kwargs)


def _random_split(call_original: Any, dataset: Any, lengths: Any, *args: Any, **kw: Any) -> Any:
    parts = call_original(dataset, lengths, *args, **kw)
    guard("torch.random_split", _record_split, dataset, lengths, parts)
    return parts


def _record_split(dataset: Any, lengths: Any, parts: Any) -> None:
    outputs = []
    for part in parts:
        indices = list(getattr(part, "indices", []))[:64]
        outputs.append({"len": len(part), "indices_hash": hash(tuple(indices)) & 0xFFFFFFFF})
    sink.emit(
        "split",
        {
            "framework": "torch",
            "api": "random_split",
            "input": {"type": type(dataset).__name__, "len": _len(dataset)},
            "lengths": [float(n) for n in lengths],
            "outputs": outputs,
        },
    )


def _loader_init(call_original: Any, loader: Any, dataset: Any, *args: Any, **kw: Any) -> Any:
    result = call_original(loader, dataset, *args, **kw)
    guard("torch.DataLoader", _record_loader, loader, dataset)
    return result


def _record_loader(loader: Any, dataset: Any) -> None:
    if len(_state.loaders) < 50:
        _state.loaders.append(
            {
                "dataset": type(dataset).__name__,
                "len": _len(dataset),
                "batch_size": getattr(loader, "batch_size", None),
                "shuffle": type(getattr(loader, "sampler", None)).__name__ == "RandomSampler",
                "data": fingerprint(getattr(dataset, "tensors", [None])[0]),
            }
        )


def _loader_iter(call_original: Any, loader: Any, *args: Any, **kwargs: Any) -> Any:
    guard("torch.DataLoader.__iter__", _close_epochs)
    return call_original(loader, *args, **kwargs)


def _close_epochs() -> None:
    now = time.monotonic()
    for run in _state.runs.values():
        if run.epoch_steps:
            _close_epoch(run, now)


def _close_epoch(run: _Run, now: float) -> None:
    metrics = {}
    if run.epoch_losses:
        metrics["loss"] = sum(run.epoch_losses) / len(run.epoch_losses)
    run.epochs.append(
        {
            "epoch": len(run.epochs) + 1,
            "metrics": metrics,
            "seconds": round(now - run.epoch_started, 4),
        }
    )
    run.epoch_steps, run.epoch_losses, run.epoch_started = 0, [], now


def _module_train(call_original: Any, module: Any, mode: bool = True) -> Any:
    _state.mode_switches["train" if mode else "eval"] += 1
    return call_original(module, mode)


def _cell_end() -> None:
    now = time.monotonic()
    for run in _state.runs.values():
        if run.epoch_steps and (run.epochs or run.epoch_losses):
            _close_epoch(run, now)
        sink.emit("run", _payload(run, now))
    if _state.loaders:
        sink.emit("loaders", {"framework": "torch", "loaders": _state.loaders})
    _state.runs.clear()
    _state.loaders = []
    _state.mode_switches = {"train": 0, "eval": 0}


def _payload(run: _Run, now: float) -> dict[str, Any]:
    optimizer = run.optimizer
    groups = getattr(optimizer, "param_groups", []) or [{}]
    hyper = {k: _plain(groups[0].get(k)) for k in OPTIMIZER_KEYS if k in groups[0]}
    return {
        "framework": "torch",
        "api": "torch_loop",
        "optimizer": {"class": type(optimizer).__name__, **hyper},
        "hyperparams": {"learning_rate": hyper.get("lr"), "optimizer": type(optimizer).__name__},
        "model": _find_model(optimizer),
        "device": _device(groups[0]),
        "steps": run.steps,
        "epochs": run.epochs,
        "loss_trace": run.losses,
        "mode_switches": dict(_state.mode_switches),
        "seconds": round(now - run.started, 3),
        "status": "ok",
    }


def _find_model(optimizer: Any) -> dict[str, Any] | None:
    """The student's ``nn.Module`` variable whose parameters the optimizer updates."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    namespace = getattr(shell, "user_ns", {}) or {}
    params = {id(p) for g in getattr(optimizer, "param_groups", []) for p in g.get("params", [])}
    torch = sys.modules.get("torch")
    if torch is None:
        return None
    for name, value in list(namespace.items()):
        if isinstance(value, torch.nn.Module) and not name.startswith("_"):
            own = [p for p in value.parameters()]
            if own and params & {id(p) for p in own}:
                return _describe_module(name, value, own)
    return None


def _describe_module(name: str, module: Any, params: list[Any]) -> dict[str, Any]:
    layers = []
    for child in list(module.modules())[1:101]:
        if not list(child.children()):
            entry: dict[str, Any] = {"type": type(child).__name__}
            for attr in ("in_features", "out_features", "out_channels", "kernel_size", "p"):
                value = getattr(child, attr, None)
                if isinstance(value, int | float | tuple):
                    entry["rate" if attr == "p" else attr] = _plain(value)
            layers.append(entry)
    return {
        "class": type(module).__name__,
        "name": name,
        "layers": layers,
        "params": int(sum(p.numel() for p in params)),
    }


def _device(group: dict[str, Any]) -> str | None:
    params = group.get("params") or []
    return str(params[0].device.type) if params else None


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def _len(value: Any) -> int | None:
    try:
        return len(value)
    except Exception:
        return None
