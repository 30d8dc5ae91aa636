"""scikit-learn: ``train_test_split`` (fingerprints of every output) and searches
(``GridSearchCV``/``RandomizedSearchCV``/halving searches) as sets of trials."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from . import sink
from .fingerprint import fingerprint
from .rows import keep_rows
from .safety import guard, safe_patch

__all__ = ["patch"]

MAX_TRIALS = 100


def patch(model_selection: ModuleType) -> None:
    """Patch ``sklearn.model_selection`` (called by the post-import hook)."""
    split_module = getattr(model_selection, "_split", None)
    for owner in (model_selection, split_module):
        if owner is not None and hasattr(owner, "train_test_split"):
            safe_patch(owner, "train_test_split", _train_test_split)
    search = getattr(model_selection, "_search", None)
    base = getattr(search, "BaseSearchCV", None)
    if base is not None:
        safe_patch(base, "fit", _search_fit)
    sink.emit("patched", {"framework": "sklearn"})


def _train_test_split(call_original: Any, *arrays: Any, **options: Any) -> Any:
    parts = call_original(*arrays, **options)
    guard("sklearn.train_test_split", _record_split, arrays, options, parts)
    return parts


def _record_split(arrays: Any, options: dict[str, Any], parts: Any) -> None:
    parts = list(parts)
    if len(parts) >= 2:
        keep_rows("sklearn", "split_test", parts[1])
        keep_rows("sklearn", "split_train", parts[0])
    params = {
        k: v if isinstance(v, int | float | str | bool) or v is None else type(v).__name__
        for k, v in options.items()
        if k in ("test_size", "train_size", "random_state", "shuffle")
    }
    params["stratify"] = options.get("stratify") is not None
    sink.emit(
        "split",
        {
            "framework": "sklearn",
            "api": "train_test_split",
            "params": params,
            "inputs": [fingerprint(a) for a in arrays[:4]],
            "outputs": [fingerprint(p) for p in list(parts)[:8]],
        },
    )


def _search_fit(call_original: Any, search: Any, *args: Any, **kwargs: Any) -> Any:
    result = call_original(search, *args, **kwargs)
    guard("sklearn.search", _record_search, search, args)
    return result


def _record_search(search: Any, args: Any) -> None:
    results = getattr(search, "cv_results_", {}) or {}
    params = list(results.get("params", []))[:MAX_TRIALS]
    scores = list(results.get("mean_test_score", []))[:MAX_TRIALS]
    trials = [
        {"params": {str(k): _plain(v) for k, v in p.items()}, "score": _plain(s)}
        for p, s in zip(params, scores, strict=False)
    ]
    sink.emit(
        "run",
        {
            "framework": "sklearn",
            "api": "search",
            "search": type(search).__name__,
            "model": {"class": type(getattr(search, "estimator", None)).__name__},
            "trials": trials,
            "best_params": {str(k): _plain(v) for k, v in (search.best_params_ or {}).items()},
            "best_score": _plain(getattr(search, "best_score_", None)),
            "data": {"x": fingerprint(args[0] if args else None)},
            "status": "ok",
        },
    )


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)
