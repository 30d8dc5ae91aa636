"""The JSON-lines sink (caps, schema) and post-import hooks (no framework needed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from grader.recorder import hooks, sink
from grader.recorder.fingerprint import fingerprint


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_events_are_versioned_json_lines(tmp_path: Path) -> None:
    out = sink.Sink(str(tmp_path / "e.jsonl"))
    out.emit("run", {"loss": float("nan"), "name": "x" * 1000, "items": list(range(500))})
    out.close()
    [event] = read(tmp_path / "e.jsonl")
    assert {k: event[k] for k in ("v", "seq", "kind")} == {"v": 1, "seq": 0, "kind": "run"}
    assert event["data"]["loss"] == "nan"
    assert len(event["data"]["name"]) == sink.MAX_STR
    assert len(event["data"]["items"]) == sink.MAX_ITEMS


def test_sink_stops_at_the_event_cap(tmp_path: Path) -> None:
    out = sink.Sink(str(tmp_path / "e.jsonl"), max_events=5)
    for n in range(20):
        out.emit("cell", {"hash": str(n)})
    events = read(tmp_path / "e.jsonl")
    assert len(events) == 5 and events[-1]["kind"] == "truncated"


def test_sink_stops_at_the_byte_cap(tmp_path: Path) -> None:
    out = sink.Sink(str(tmp_path / "e.jsonl"), max_bytes=2000)
    for _ in range(50):
        out.emit("cell", {"hash": "y" * 100})
    assert (tmp_path / "e.jsonl").stat().st_size <= 2000
    assert read(tmp_path / "e.jsonl")[-1]["kind"] == "truncated"


def test_hook_runs_after_the_module_is_imported(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "fake_framework.py").write_text("class Model:\n    pass\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    seen: list[str] = []
    hooks.when_imported("fake_framework", lambda module: seen.append(module.Model.__name__))
    assert seen == []
    import fake_framework  # noqa: F401

    assert seen == ["Model"]
    assert not isinstance(sys.modules["fake_framework"].__loader__, hooks._LoaderWrapper)
    del sys.modules["fake_framework"]


def test_hook_runs_at_once_for_an_imported_module() -> None:
    seen: list[str] = []
    hooks.when_imported("json", lambda module: seen.append(module.__name__))
    assert seen == ["json"]


def test_fingerprint_tells_data_apart() -> None:
    import numpy as np

    a = np.arange(200, dtype="float32").reshape(100, 2)
    fp = fingerprint(a)
    assert fp is not None and fp["shape"] == [100, 2] and fp["max"] == 199.0
    assert fingerprint(a.copy())["hash"] == fp["hash"]  # type: ignore[index]
    assert fingerprint(a / 199.0)["hash"] != fp["hash"]  # type: ignore[index]
    assert fingerprint(iter([1]))["type"] == "list_iterator"  # type: ignore[index]
