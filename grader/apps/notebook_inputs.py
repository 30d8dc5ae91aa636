"""Probe inputs without an assignment: rows the recorder kept of the notebook's own data.

The recorder keeps a few rows of the arrays passed to evaluate/predict, the test part of a
``train_test_split``, validation and training data (:mod:`grader.recorder.rows`). The best
source becomes a :class:`SampleSet` without labels (``origin="notebook"``): the app is asked
with inputs shaped like those its model was trained on, and only "did it answer" is judged.
"""

from __future__ import annotations

from collections.abc import Iterable

from grader.apps.samples import Sample, SampleSet
from grader.records.execution import Execution
from grader.records.trace import RowValue, TraceRows

__all__ = ["SOURCE_KO", "notebook_samples"]

SOURCE_PRIORITY = ("evaluate", "predict", "split_test", "validation", "fit", "split_train")
SOURCE_KO = {
    "evaluate": "평가(evaluate)에 쓴 데이터",
    "predict": "예측(predict)에 쓴 데이터",
    "split_test": "train_test_split의 테스트 부분",
    "validation": "검증 데이터",
    "fit": "학습(fit) 데이터",
    "split_train": "train_test_split의 학습 부분",
}
MAX_VALUES = 1024


def notebook_samples(execution: Execution) -> SampleSet | None:
    """Unlabelled samples from the best kept rows of ``execution``'s traces; ``None`` if none."""
    rows = [r for nb in execution.notebooks if nb.trace is not None for r in nb.trace.rows]
    best = _best(rows)
    if best is None:
        return None
    samples = tuple(s for i, row in enumerate(best.rows) if (s := _sample(i, row)) is not None)
    if not samples:
        return None
    return SampleSet(samples=samples, origin="notebook", note=_note(best), columns=best.columns)


def _best(rows: Iterable[TraceRows]) -> TraceRows | None:
    usable = [r for r in rows if r.rows and r.source in SOURCE_PRIORITY]
    return min(usable, key=lambda r: SOURCE_PRIORITY.index(r.source), default=None)


def _sample(index: int, row: RowValue) -> Sample | None:
    flat = list(_flatten(row))[:MAX_VALUES]
    sample_id = f"행 {index + 1}"
    if flat and all(isinstance(v, int | float) and not isinstance(v, bool) for v in flat):
        return Sample(id=sample_id, values=tuple(float(v) for v in flat))  # type: ignore[arg-type]
    if len(flat) == 1 and isinstance(flat[0], str) and flat[0].strip():
        return Sample(id=sample_id, text=flat[0])
    return None


def _flatten(value: RowValue) -> Iterable[RowValue]:
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    else:
        yield value


def _note(rows: TraceRows) -> str:
    shape = "×".join(str(n) for n in rows.shape) or "?"
    where = f"셀 {rows.cell + 1}, " if rows.cell is not None else ""
    return f"{SOURCE_KO[rows.source]} ({where}shape {shape}, {rows.dtype or '?'})"
