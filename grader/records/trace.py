"""What the in-kernel recorder saw while a notebook ran (parsed from untrusted events).

A :class:`Trace` only ever adds evidence: it comes from the student's kernel, where code can
forge events, so nothing in it is a grade by itself. ``cell`` fields are 0-based indices into
the student's notebook (``None`` when the event could not be tied to a cell).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, JsonValue

from grader.records.base import Record

TRACE_SCHEMA_VERSION = 1

Framework = Literal["keras", "torch", "sklearn", "matplotlib", "other"]


class DataFingerprint(Record):
    """An array or dataset passed to a framework, without its content."""

    type: str = ""
    shape: tuple[int, ...] = ()
    dtype: str = ""
    hash: str = ""
    """Hash of shape, dtype and sampled rows: equal hashes mean the same data."""
    min: float | None = None
    max: float | None = None
    mean: float | None = None
    length: int | None = None
    """``len()`` of an opaque dataset (generator, tf.data, torch Dataset)."""


class TraceLayer(Record):
    """One layer of a model's architecture."""

    type: str
    units: int | None = None
    filters: int | None = None
    kernel_size: tuple[int, ...] = ()
    activation: str = ""
    rate: float | None = None
    """Dropout rate."""
    params: int | None = None


class TraceEpoch(Record):
    """Metrics at the end of one epoch."""

    epoch: int
    metrics: dict[str, float] = Field(default_factory=dict)
    seconds: float | None = None


class TraceRun(Record):
    """One training run: a ``fit``, a cell's custom loop or torch loop, a search."""

    cell: int | None = None
    framework: Framework
    api: Literal["fit", "train_on_batch", "custom_loop", "torch_loop", "search"]
    model_class: str = ""
    model_name: str = ""
    layers: tuple[TraceLayer, ...] = ()
    params: int | None = None
    optimizer: str = ""
    learning_rate: float | None = None
    loss: str = ""
    hyperparams: dict[str, str] = Field(default_factory=dict)
    """Arguments as recorded (passed and defaults), as short strings; data never included."""
    epochs_asked: int | None = None
    epochs: tuple[TraceEpoch, ...] = ()
    steps: int | None = None
    callbacks: tuple[str, ...] = ()
    early_stopped: bool = False
    validation: Literal["validation_split", "validation_data", "none"] = "none"
    validation_split: float | None = None
    train_data: DataFingerprint | None = None
    validation_data: DataFingerprint | None = None
    validation_overlap: tuple[int, int] | None = None
    """(rows of the validation sample also in the training data, rows checked)."""
    losses: tuple[tuple[int, float], ...] = ()
    """(step, loss) samples of loops without epochs."""
    trials: int = 0
    """Search: number of configurations tried."""
    best_score: float | None = None
    device: str = ""
    seconds: float | None = None
    status: Literal["ok", "error"] = "ok"
    error: str = ""


class TraceEvaluation(Record):
    """An ``evaluate`` (or ``predict``) call and the data it used."""

    cell: int | None = None
    framework: Framework
    api: Literal["evaluate", "predict"]
    model_name: str = ""
    data: DataFingerprint | None = None
    results: dict[str, float] = Field(default_factory=dict)
    calls: int = 1
    overlap_train: tuple[int, int] | None = None
    """(sampled rows also seen in a training ``fit``, rows checked)."""


class TraceSplit(Record):
    """A data split: ``train_test_split`` or ``random_split``."""

    cell: int | None = None
    framework: Framework
    api: Literal["train_test_split", "random_split"]
    params: dict[str, str] = Field(default_factory=dict)
    inputs: tuple[DataFingerprint, ...] = ()
    outputs: tuple[DataFingerprint, ...] = ()


class TraceAxes(Record):
    """One axes of a figure."""

    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    lines: int = 0
    bars: int = 0
    collections: int = 0
    images: int = 0
    legend: tuple[str, ...] = ()

    @property
    def series(self) -> int:
        """Plotted series: lines, bar groups and scatter collections."""
        return self.lines + self.bars + self.collections


class TraceFigure(Record):
    """A figure as it was shown or saved."""

    cell: int | None = None
    trigger: str = ""
    suptitle: str = ""
    axes: tuple[TraceAxes, ...] = ()
    image_grid: int = 0
    """Axes showing an image (a grid of generated samples)."""


RowSource = Literal["evaluate", "predict", "split_test", "validation", "fit", "split_train"]
RowValue = JsonValue


class TraceRows(Record):
    """A few rows of an array the notebook fed its model (the app probe's inputs without an
    assignment); untrusted like the rest of the trace, capped by the reader."""

    cell: int | None = None
    framework: Framework
    source: RowSource
    """Where the rows were seen: evaluate/predict data, the test part of a split, fit data."""
    shape: tuple[int, ...] = ()
    """Shape of the whole array (first dimension: its row count)."""
    dtype: str = ""
    columns: tuple[str, ...] = ()
    """Column names of a DataFrame (empty for plain arrays)."""
    rows: tuple[RowValue, ...] = ()


class RecorderError(Record):
    """A failure of the recorder itself (the student's code went on unaffected)."""

    cell: int | None = None
    where: str
    type: str
    message: str = ""


class Trace(Record):
    """Everything the recorder reported for one notebook."""

    schema_version: int = TRACE_SCHEMA_VERSION
    recorder_version: str = ""
    frameworks: tuple[str, ...] = ()
    """Frameworks the recorder patched (imported by the notebook)."""
    runs: tuple[TraceRun, ...] = ()
    evaluations: tuple[TraceEvaluation, ...] = ()
    splits: tuple[TraceSplit, ...] = ()
    figures: tuple[TraceFigure, ...] = ()
    rows: tuple[TraceRows, ...] = ()
    """Kept sample rows of the model's data, by source (one event per source)."""
    errors: tuple[RecorderError, ...] = ()
    dropped: int = 0
    """Events refused (malformed, unknown kind, oversized, over the caps)."""
    truncated: bool = False
    """The recorder or the reader stopped at a cap: later events are missing."""
