"""Training logs in text outputs: Keras progress logs and printed/tqdm epoch lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from grader.evidence.names import as_fraction, metric_name
from grader.text.clean import strip_ansi

MAX_TEXT_CHARS = 500_000
MAX_EPOCHS = 10_000
_HEADER = re.compile(r"^Epoch\s+(\d+)\s*/\s*(\d+)\s*$")
_COUNTER = re.compile(r"^(\d+)/(\d+)\b")
_KERAS_PAIR = re.compile(
    r"(?:^|\s)-\s+([A-Za-z_][\w]*):\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|nan)"
)
_PRINT_EPOCH = re.compile(
    r"(?i)(?:^|[\[\s(|])(?:epoch|에폭|에포크)\s*[:#]?\s*\[?\s*(\d+)(?:\s*/\s*(\d+))?\s*\]?"
)
PAIR = re.compile(
    r"([A-Za-z가-힣][A-Za-z가-힣0-9_ ]{0,30}?)['\"]?\s*[:=]?\s*"
    r"(?<![A-Za-z0-9])(-?(?:\d+\.\d+|\d+)(?:[eE][-+]?\d+)?)\s*(%)?(?![\w.])"
)
"""``name: value`` in printed text; a name may hold digits (``r2``, ``f1``), a value never
follows a letter or digit directly (so ``r2: 0.5`` is not ``r`` = 2)."""
_EVAL_PREFIX = re.compile(r"^eval_", re.IGNORECASE)
_PRINTED_TIME = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s?(?:s|sec|secs|seconds|초)(?![\w/])", re.IGNORECASE
)
_STEP_TIME = re.compile(r"(\d+(?:\.\d+)?)(s|ms|us|µs)/step")
_STEP_SCALE = {"s": 1.0, "ms": 1e-3, "us": 1e-6, "µs": 1e-6}
EPOCH_SECONDS = "epoch_seconds"
"""Reserved key under which an epoch's wall time travels with its metrics."""
Source = Literal["keras_log", "tqdm", "print"]


def clean_lines(text: str) -> list[str]:
    """Lines as a terminal would show them: ANSI codes dropped, last ``\\r``/``\\b`` segment."""
    lines = []
    for raw in strip_ansi(text[:MAX_TEXT_CHARS]).split("\n"):
        segments = [s for s in re.split(r"[\r\x08]", raw) if s.strip()]
        lines.append(segments[-1].strip() if segments else "")
    return lines


def metric_key(raw: str, value: float, percent: bool = False) -> tuple[str, float] | None:
    """``("val_accuracy", 0.9)`` for ``val_acc: 90%``; unknown names give ``None``.
    Hugging Face's ``eval_accuracy`` is the metric on whatever data ``evaluate`` was given."""
    named = metric_name(_EVAL_PREFIX.sub("", raw))
    if named is None:
        return None
    name, role = named
    prefix = {"validation": "val_", "test": "test_"}.get(role, "")
    return prefix + name, as_fraction(name, value, percent)


def keras_metrics(line: str) -> dict[str, float]:
    """Metrics of a Keras progress line (`` - accuracy: 0.81 - val_loss: 0.33``)."""
    metrics: dict[str, float] = {}
    for raw, value in _KERAS_PAIR.findall(line):
        if value == "nan":
            continue
        key = metric_key(raw, float(value)) or (raw.lower(), float(value))
        metrics[key[0]] = key[1]
    return metrics


def printed_metrics(text: str) -> dict[str, float]:
    """Known metrics printed as ``name: value`` / ``name=value`` (percent → fraction)."""
    metrics: dict[str, float] = {}
    for raw, value, percent in PAIR.findall(text):
        key = metric_key(raw, float(value), bool(percent))
        if key is not None:
            metrics.setdefault(key[0], key[1])
    return metrics


@dataclass
class ParsedRun:
    """A run under construction: epochs in order and the count asked for."""

    source: Source
    line: int
    epochs: list[tuple[int, dict[str, float]]] = field(default_factory=list)
    asked: int | None = None


@dataclass
class LogParse:
    """What a text holds: training runs, Keras evaluate lines and other lines."""

    runs: list[ParsedRun] = field(default_factory=list)
    evaluate_lines: list[tuple[str, dict[str, float]]] = field(default_factory=list)
    other_lines: list[str] = field(default_factory=list)


@dataclass
class _Epoch:
    number: int
    asked: int
    metrics: dict[str, float] = field(default_factory=dict)
    closed: bool = False


class _Parser:
    def __init__(self) -> None:
        self.result = LogParse()
        self.run: ParsedRun | None = None
        self.epoch: _Epoch | None = None

    def feed(self, index: int, line: str) -> None:
        header = _HEADER.match(line)
        if header:
            self._commit()
            self._start(index, int(header.group(1)), int(header.group(2)), "keras_log")
            self.epoch = _Epoch(int(header.group(1)), int(header.group(2)))
        elif _is_keras_line(line):
            self._keras_line(line)
        elif not self._print_line(index, line):
            self.result.other_lines.append(line)

    def _keras_line(self, line: str) -> None:
        metrics = keras_metrics(line)
        if self.epoch is None or self.epoch.closed:
            if metrics:
                self.result.evaluate_lines.append((line, metrics))
            return
        if metrics:
            self.epoch.metrics = metrics
        counter = _COUNTER.match(line)
        if counter is None or counter.group(1) == counter.group(2):
            seconds = _epoch_seconds(line, counter)
            if seconds is not None and self.epoch.metrics:
                self.epoch.metrics[EPOCH_SECONDS] = seconds
            self.epoch.closed = True
            self._commit()

    def _print_line(self, index: int, line: str) -> bool:
        match = _PRINT_EPOCH.search(line)
        if match is None:
            return False
        metrics = printed_metrics(line[match.end() :])
        if not metrics:
            return False
        source: Source = "tqdm" if ("it/s" in line or "█" in line) else "print"
        self._commit()
        number = int(match.group(1))
        timed = _PRINTED_TIME.search(line[match.end() :])
        if timed is not None:
            metrics[EPOCH_SECONDS] = float(timed.group(1))
        if self.run is not None and self._same_epoch(self.run, number, source):
            last, seen = self.run.epochs[-1]
            self.run.epochs[-1] = (last, {**seen, **metrics})
            return True
        asked = int(match.group(2)) if match.group(2) else None
        self._start(index, number, asked, source)
        if self.run is not None and len(self.run.epochs) < MAX_EPOCHS:
            self.run.epochs.append((number, metrics))
        return True

    @staticmethod
    def _same_epoch(run: ParsedRun, number: int, source: Source) -> bool:
        """A log that prints several lines per epoch (``Epoch 3, step 200 …``) repeats the
        epoch number: those lines belong to the epoch already open, not to a new run."""
        return run.source == source and bool(run.epochs) and run.epochs[-1][0] == number

    def _start(self, index: int, number: int, asked: int | None, source: Source) -> None:
        run = self.run
        if run is None or run.source != source or (run.epochs and number <= run.epochs[-1][0]):
            self._finish()
            self.run = ParsedRun(source, index, asked=asked)
        elif asked is not None:
            run.asked = asked

    def _commit(self) -> None:
        epoch, self.epoch = self.epoch, None
        if epoch is None or self.run is None or not epoch.metrics:
            return
        if len(self.run.epochs) < MAX_EPOCHS:
            self.run.epochs.append((epoch.number, epoch.metrics))
        self.run.asked = epoch.asked

    def _finish(self) -> None:
        if self.run is not None and self.run.epochs:
            self.result.runs.append(self.run)
        self.run = None

    def close(self) -> LogParse:
        self._commit()
        self._finish()
        return self.result


def _epoch_seconds(line: str, counter: re.Match[str] | None) -> float | None:
    """Wall time of a finished Keras epoch: steps × time per step (``45/45 … 7ms/step``)."""
    step = _STEP_TIME.search(line)
    if step is None or counter is None:
        return None
    return round(int(counter.group(2)) * float(step.group(1)) * _STEP_SCALE[step.group(2)], 4)


def _is_keras_line(line: str) -> bool:
    return bool(_KERAS_PAIR.search(line)) and (bool(_COUNTER.match(line)) or line.startswith("-"))


def parse_logs(text: str) -> LogParse:
    """Split one output text into training runs, evaluate lines and other lines."""
    parser = _Parser()
    for index, line in enumerate(clean_lines(text)):
        if line:
            parser.feed(index, line)
    return parser.close()
