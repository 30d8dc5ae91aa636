"""Recorder JSON lines → :class:`Trace`, treating the file as untrusted input.

The student's code can write to the event file, so every line is checked: JSON object,
schema ``v`` 1, known ``kind``, capped size, a payload that validates. Anything else is dropped
and counted. Events are tied to cells through the recorder's ``cell`` events (execution count
and a hash of the cell's source), matched in order against the cells the executor ran.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from grader.records.trace import (
    DataFingerprint,
    RecorderError,
    RowValue,
    Trace,
    TraceAxes,
    TraceEpoch,
    TraceEvaluation,
    TraceFigure,
    TraceLayer,
    TraceRows,
    TraceRun,
    TraceSplit,
)
from grader.safe_io import read_regular

__all__ = ["MAX_FILE_BYTES", "parse_events", "read_trace"]

MAX_FILE_BYTES = 20_000_000
MAX_LINE_BYTES = 256_000
MAX_EVENTS = 50_000
MAX_PER_KIND = {
    "run": 500,
    "evaluate": 1000,
    "predict": 500,
    "split": 200,
    "figure": 500,
    "rows": 12,
}
MAX_ERRORS = 100
MAX_ROWS = 3
MAX_COLUMNS = 64
MAX_ROW_DEPTH = 3
MAX_ROW_ITEMS = 200
MAX_ROW_VALUES = 1024
MAX_TEXT = 300
KNOWN_KINDS = frozenset(
    {"hello", "patched", "cell", "run", "evaluate", "predict", "split", "figure", "loaders", "rows"}
    | {"recorder_error", "truncated"}
)


def read_trace(path: Path, cells: Sequence[tuple[int, str]]) -> Trace | None:
    """Parse the event file at ``path`` (``None`` when it is missing or not a regular file).

    ``cells``: (index, source) of the code cells the executor ran, in order.
    """
    data = read_regular(path, MAX_FILE_BYTES + 1)
    if data is None:
        return None
    truncated = len(data) > MAX_FILE_BYTES
    lines = data[:MAX_FILE_BYTES].decode("utf-8", errors="replace").splitlines()
    trace = parse_events(lines, cells)
    return trace.model_copy(update={"truncated": True}) if truncated else trace


class _Builder:
    def __init__(self, cells: Sequence[tuple[int, str]]) -> None:
        self.hashes = [(index, _source_hash(source)) for index, source in cells]
        self.position = 0
        self.exec_cells: dict[int, int] = {}
        self.lists: dict[str, list[Any]] = {k: [] for k in (*MAX_PER_KIND, "error")}
        self.frameworks: list[str] = []
        self.version = ""
        self.dropped = 0
        self.truncated = False

    def cell_of(self, event: dict[str, Any]) -> int | None:
        count = event.get("exec")
        return self.exec_cells.get(count) if isinstance(count, int) else None

    def on_cell(self, event: dict[str, Any]) -> None:
        count, digest = event.get("exec"), event["data"].get("hash")
        if not isinstance(count, int) or count in self.exec_cells:
            raise ValueError("cell event without a new execution count")
        for offset, (index, known) in enumerate(self.hashes[self.position :]):
            if known == digest:
                self.exec_cells[count] = index
                self.position += offset + 1
                return
        raise ValueError("cell event for a cell that did not run")

    def add(self, kind: str, item: Any) -> None:
        bucket = self.lists[kind]
        if len(bucket) >= MAX_PER_KIND.get(kind, MAX_ERRORS):
            self.truncated = True
            return
        bucket.append(item)


def parse_events(lines: Sequence[str], cells: Sequence[tuple[int, str]]) -> Trace:
    """The :class:`Trace` of raw event lines; invalid events are counted in ``dropped``."""
    builder = _Builder(cells)
    for line in lines[:MAX_EVENTS]:
        if not line.strip():
            continue
        try:
            _apply(builder, _event(line))
        except (ValueError, TypeError, KeyError, AttributeError, ValidationError):
            builder.dropped += 1
    if len(lines) > MAX_EVENTS:
        builder.truncated = True
    evaluations = [*builder.lists["evaluate"], *builder.lists["predict"]]
    return Trace(
        recorder_version=builder.version,
        frameworks=tuple(builder.frameworks),
        runs=tuple(builder.lists["run"]),
        evaluations=tuple(evaluations),
        splits=tuple(builder.lists["split"]),
        figures=tuple(builder.lists["figure"]),
        rows=tuple(builder.lists["rows"]),
        errors=tuple(builder.lists["error"]),
        dropped=builder.dropped,
        truncated=builder.truncated,
    )


def _event(line: str) -> dict[str, Any]:
    if len(line) > MAX_LINE_BYTES:
        raise ValueError("oversized event")
    event = json.loads(line)
    if not isinstance(event, dict) or event.get("v") != 1:
        raise ValueError("not a v1 event")
    if event.get("kind") not in KNOWN_KINDS or not isinstance(event.get("data", {}), dict):
        raise ValueError("unknown event kind")
    event.setdefault("data", {})
    return event


def _apply(builder: _Builder, event: dict[str, Any]) -> None:
    kind, data = event["kind"], event["data"]
    if kind == "cell":
        builder.on_cell(event)
    elif kind == "hello":
        builder.version = _text(data.get("recorder"))
    elif kind == "patched":
        name = _text(data.get("framework"))
        if name and name not in builder.frameworks and len(builder.frameworks) < 10:
            builder.frameworks.append(name)
    elif kind == "truncated":
        builder.truncated = True
    elif kind == "recorder_error":
        error = RecorderError(
            cell=builder.cell_of(event),
            where=_text(data.get("where")),
            type=_text(data.get("type")),
            message=_text(data.get("message")),
        )
        builder.add("error", error)
    elif kind in _CONVERTERS:
        builder.add(kind, _CONVERTERS[kind](data, builder.cell_of(event)))


def _run(data: dict[str, Any], cell: int | None) -> TraceRun:
    model = _dict(data.get("model"))
    optimizer = _dict(model.get("optimizer")) or _dict(data.get("optimizer"))
    optimizers = data.get("optimizers")
    if not optimizer and isinstance(optimizers, list) and optimizers:
        optimizer = _dict(optimizers[0])
    hyper = _dict(data.get("hyperparams"))
    validation = _dict(data.get("validation"))
    trials = data.get("trials")
    return TraceRun(
        cell=cell,
        framework=data.get("framework"),
        api=data.get("api"),
        model_class=_text(model.get("class")),
        model_name=_text(model.get("name")),
        layers=tuple(_layer(_dict(layer)) for layer in _list(model.get("layers"))[:200]),
        params=_int(model.get("params")),
        optimizer=_text(optimizer.get("class")),
        learning_rate=_float(optimizer.get("learning_rate", optimizer.get("lr"))),
        loss=_text(model.get("loss")),
        hyperparams={_text(k): _text(v) for k, v in list(hyper.items())[:50] if v is not None},
        epochs_asked=_int(data.get("epochs_asked")),
        epochs=tuple(_epoch(_dict(e)) for e in _list(data.get("epochs"))[:10_000]),
        steps=_int(data.get("steps")),
        callbacks=tuple(_text(c) for c in _list(data.get("callbacks"))[:50]),
        early_stopped=data.get("early_stopped") is True,
        validation=validation.get("kind", "none"),
        validation_split=_float(validation.get("split")),
        train_data=_fingerprint(_dict(data.get("data")).get("x")),
        validation_data=_fingerprint(validation.get("x")),
        validation_overlap=_pair(validation.get("overlap_train")),
        losses=tuple(_loss(p) for p in _list(data.get("loss_trace"))[:1000] if _loss(p)),
        trials=len(trials) if isinstance(trials, list) else 0,
        best_score=_float(data.get("best_score")),
        device=_text(data.get("device")),
        seconds=_float(data.get("seconds")),
        status=data.get("status", "ok"),
        error=_text(data.get("error")),
    )


def _evaluation(data: dict[str, Any], cell: int | None) -> TraceEvaluation:
    results = _dict(data.get("results"))
    return TraceEvaluation(
        cell=cell,
        framework=data.get("framework"),
        api=data.get("api", "predict"),
        model_name=_text(data.get("model")),
        data=_fingerprint(_dict(data.get("data")).get("x") if "data" in data else data.get("x")),
        results={_text(k): v for k, v in list(results.items())[:50] if _float(v) is not None},
        calls=_int(data.get("calls")) or 1,
        overlap_train=_pair(data.get("overlap_train")),
    )


def _split(data: dict[str, Any], cell: int | None) -> TraceSplit:
    params = _dict(data.get("params"))
    lengths = data.get("lengths")
    if isinstance(lengths, list):
        params = {**params, "lengths": ",".join(_text(n) for n in lengths[:10])}
    outputs = [_fingerprint(o) for o in _list(data.get("outputs"))[:8]]
    inputs = [_fingerprint(o) for o in _list(data.get("inputs"))[:4]]
    return TraceSplit(
        cell=cell,
        framework=data.get("framework"),
        api=data.get("api"),
        params={_text(k): _text(v) for k, v in list(params.items())[:20]},
        inputs=tuple(f for f in inputs if f is not None),
        outputs=tuple(f for f in outputs if f is not None),
    )


def _figure(data: dict[str, Any], cell: int | None) -> TraceFigure:
    axes = []
    for raw in _list(data.get("axes"))[:64]:
        ax = _dict(raw)
        axes.append(
            TraceAxes(
                title=_text(ax.get("title")),
                xlabel=_text(ax.get("xlabel")),
                ylabel=_text(ax.get("ylabel")),
                lines=_int(ax.get("lines")) or 0,
                bars=_int(ax.get("bars")) or 0,
                collections=_int(ax.get("collections")) or 0,
                images=_int(ax.get("images")) or 0,
                legend=tuple(_text(t) for t in _list(ax.get("legend"))[:50]),
            )
        )
    return TraceFigure(
        cell=cell,
        trigger=_text(data.get("trigger")),
        suptitle=_text(data.get("suptitle")),
        axes=tuple(axes),
        image_grid=sum(1 for a in axes if a.images),
    )


def _rows(data: dict[str, Any], cell: int | None) -> TraceRows:
    rows = [_row_value(r, 0) for r in _list(data.get("rows"))[:MAX_ROWS]]
    return TraceRows(
        cell=cell,
        framework=data.get("framework", "other"),
        source=data.get("source"),
        shape=tuple(n for n in _list(data.get("shape"))[:8] if isinstance(n, int)),
        dtype=_text(data.get("dtype")),
        columns=tuple(_text(c) for c in _list(data.get("columns"))[:MAX_COLUMNS]),
        rows=tuple(rows),
    )


def _row_value(value: Any, depth: int) -> RowValue:
    """A JSON value of a kept row, re-capped: nesting, list lengths, strings, value count."""
    if isinstance(value, list):
        if depth >= MAX_ROW_DEPTH:
            raise ValueError("row nested too deep")
        items = [_row_value(v, depth + 1) for v in value[:MAX_ROW_ITEMS]]
        if depth == 0 and _count(items) > MAX_ROW_VALUES:
            raise ValueError("row too large")
        return items
    if isinstance(value, bool | int | float) or value is None:
        return value
    return _text(value)


def _count(value: RowValue) -> int:
    return sum(_count(v) for v in value) if isinstance(value, list) else 1


_CONVERTERS: dict[str, Callable[[dict[str, Any], int | None], Any]] = {
    "rows": _rows,
    "run": _run,
    "evaluate": _evaluation,
    "predict": _evaluation,
    "split": _split,
    "figure": _figure,
}


def _fingerprint(value: Any) -> DataFingerprint | None:
    if not isinstance(value, dict):
        return None
    return DataFingerprint(
        type=_text(value.get("type")),
        shape=tuple(n for n in _list(value.get("shape"))[:8] if isinstance(n, int)),
        dtype=_text(value.get("dtype")),
        hash=_text(value.get("hash") or value.get("id")),
        min=_float(value.get("min")),
        max=_float(value.get("max")),
        mean=_float(value.get("mean")),
        length=_int(value.get("len")),
    )


def _layer(layer: dict[str, Any]) -> TraceLayer:
    kernel = layer.get("kernel_size")
    if isinstance(kernel, int):
        kernel = [kernel]
    return TraceLayer(
        type=_text(layer.get("type")),
        units=_int(layer.get("units", layer.get("out_features"))),
        filters=_int(layer.get("filters", layer.get("out_channels"))),
        kernel_size=tuple(k for k in _list(kernel)[:3] if isinstance(k, int)),
        activation=_text(layer.get("activation")),
        rate=_float(layer.get("rate")),
        params=_int(layer.get("params")),
    )


def _epoch(epoch: dict[str, Any]) -> TraceEpoch:
    metrics = _dict(epoch.get("metrics"))
    return TraceEpoch(
        epoch=_int(epoch.get("epoch")) or 0,
        metrics={_text(k): v for k, v in list(metrics.items())[:50] if _float(v) is not None},
        seconds=_float(epoch.get("seconds")),
    )


def _loss(pair: Any) -> tuple[int, float] | None:
    if isinstance(pair, list) and len(pair) == 2:
        step, value = _int(pair[0]), _float(pair[1])
        if step is not None and value is not None:
            return (step, value)
    return None


def _pair(value: Any) -> tuple[int, int] | None:
    if isinstance(value, list) and len(value) == 2 and all(_int(v) is not None for v in value):
        return (int(value[0]), int(value[1]))
    return None


def _source_hash(source: str) -> str:
    return hashlib.sha1(source.encode("utf-8", "replace")).hexdigest()[:12]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value[:MAX_TEXT] if isinstance(value, str) else "" if value is None else str(value)[:40]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if number == number and abs(number) != float("inf") else None
