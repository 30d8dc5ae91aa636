"""Kept sample rows: a few rows of the model's data, capped, JSON-safe, parsed on the host."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from grader.execute.channel import parse_events
from grader.recorder import rows, sink, sklearn
from grader.records.trace import Trace


@pytest.fixture()
def events(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "events.jsonl"
    events_sink = sink.Sink(str(path))
    sink.install(events_sink)
    rows.forget()
    yield path
    rows.forget()
    events_sink.close()


def _trace(path: Path) -> Trace:
    return parse_events(path.read_text(encoding="utf-8").splitlines(), [])


def test_split_keeps_three_test_rows_with_shape_and_dtype(events: Path) -> None:
    model_selection = pytest.importorskip("sklearn.model_selection")
    sklearn.patch(model_selection)
    x = np.arange(40, dtype="float32").reshape(10, 4) / 3
    model_selection.train_test_split(x, np.arange(10), test_size=0.5, random_state=0)
    kept = {r.source: r for r in _trace(events).rows}
    test = kept["split_test"]
    assert test.shape == (5, 4) and test.dtype == "float32" and len(test.rows) == 3
    assert all(isinstance(v, float) for row in test.rows for v in row)  # type: ignore[union-attr]
    assert "split_train" in kept


def test_wide_rows_are_not_kept_and_nan_is_named(events: Path) -> None:
    rows.keep_rows("keras", "fit", np.zeros((4, 5000)))
    rows.keep_rows("keras", "predict", np.array([[np.nan, 1.0]]))
    (kept,) = _trace(events).rows
    assert kept.source == "predict" and kept.rows == (["nan", 1.0],)


def test_each_source_is_kept_once_and_columns_travel(events: Path) -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"길이": [1.5, 2.5], "폭": [0.5, 0.25]})
    rows.keep_rows("keras", "evaluate", frame)
    rows.keep_rows("keras", "evaluate", frame * 2)
    (kept,) = _trace(events).rows
    assert kept.columns == ("길이", "폭") and kept.rows == ([1.5, 0.5], [2.5, 0.25])


def test_forged_rows_events_are_capped_or_dropped() -> None:
    def line(data: dict[str, object]) -> str:
        return json.dumps({"v": 1, "seq": 0, "exec": None, "kind": "rows", "t": 0, "data": data})

    deep = {"framework": "keras", "source": "fit", "rows": [[[[[1]]]]]}
    huge = {"framework": "keras", "source": "fit", "rows": [[[0.0] * 200] * 10]}
    bogus = {"framework": "keras", "source": "somewhere", "rows": [[1]]}
    many = {"framework": "keras", "source": "predict", "rows": [[1]] * 50}
    trace = parse_events([line(deep), line(huge), line(bogus), line(many)], [])
    assert trace.dropped == 3
    assert len(trace.rows) == 1 and len(trace.rows[0].rows) == 3
