"""Parsing the recorder's event file: untrusted input, capped and validated."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from grader.execute.channel import parse_events, read_trace

CELLS = [(0, "import keras"), (2, "model.fit(x, y)")]


def digest(source: str) -> str:
    return hashlib.sha1(source.encode()).hexdigest()[:12]


def line(kind: str, data: dict, exec_count: int | None = 1, seq: int = 0) -> str:
    return json.dumps({"v": 1, "seq": seq, "exec": exec_count, "kind": kind, "t": 0, "data": data})


def test_events_are_tied_to_cells_by_source_hash() -> None:
    lines = [
        line("cell", {"hash": digest("import keras")}, 1),
        line("cell", {"hash": digest("model.fit(x, y)")}, 2),
        line("run", {"framework": "keras", "api": "fit", "epochs_asked": 3}, 2),
    ]
    trace = parse_events(lines, CELLS)
    assert [(r.cell, r.epochs_asked) for r in trace.runs] == [(2, 3)]
    assert trace.dropped == 0


def test_forged_and_malformed_events_are_dropped_and_counted() -> None:
    lines = [
        "not json",
        json.dumps([1, 2]),
        json.dumps({"v": 2, "kind": "run", "data": {}}),
        line("exfiltrate", {}),
        line("run", {"framework": "rust", "api": "fit"}),
        line("run", {"framework": "keras", "api": "fit", "epochs": "many"}),
        line("cell", {"hash": "000000000000"}, 5),  # a cell that never ran
        "x" * 300_000,
    ]
    trace = parse_events(lines, CELLS)
    assert [r.epochs for r in trace.runs] == [()]  # "many" epochs is read as none
    assert trace.dropped == 7


def test_non_finite_and_odd_values_do_not_pass() -> None:
    raw = '{"v":1,"seq":0,"exec":null,"kind":"evaluate","t":0,"data":{"framework":"keras",'
    raw += '"api":"evaluate","results":{"accuracy":NaN,"loss":0.5,"x":"1"}}}'
    [evaluation] = parse_events([raw], CELLS).evaluations
    assert evaluation.results == {"loss": 0.5} and evaluation.cell is None


def test_per_kind_caps_mark_the_trace_truncated() -> None:
    lines = [line("figure", {"axes": []}) for _ in range(600)]
    trace = parse_events(lines, CELLS)
    assert len(trace.figures) == 500 and trace.truncated


def test_read_trace_refuses_symlinks_and_fifos(tmp_path: Path) -> None:
    target = tmp_path / "secret"
    target.write_text(line("hello", {"recorder": "1.0"}), encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(target)
    assert read_trace(tmp_path / "link.jsonl", CELLS) is None
    os.mkfifo(tmp_path / "fifo.jsonl")
    assert read_trace(tmp_path / "fifo.jsonl", CELLS) is None
    assert read_trace(tmp_path / "missing.jsonl", CELLS) is None
    assert read_trace(target, CELLS).recorder_version == "1.0"  # type: ignore[union-attr]
