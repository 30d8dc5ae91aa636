"""The bootstrap code installs the recorder from source alone, in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from grader.execute.inject import bootstrap_code, event_file_name


def test_bootstrap_runs_without_the_grader_package(tmp_path: Path) -> None:
    script = tmp_path / "boot.py"
    code = bootstrap_code("events.jsonl")
    code += "\nimport sys\nassert 'grader' not in sys.modules\n"
    code += "from sklearn.model_selection import train_test_split\n"
    code += "train_test_split(list(range(10)), test_size=0.3)\n"
    script.write_text(code, encoding="utf-8")
    subprocess.run([sys.executable, "-I", str(script)], cwd=tmp_path, check=True, timeout=120)
    events = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    kinds = [e["kind"] for e in events]
    assert kinds[0] == "hello" and "split" in kinds
    [split] = [e for e in events if e["kind"] == "split"]
    assert [o["shape"] for o in split["data"]["outputs"]] == [[7], [3]]


def test_event_file_names_are_hidden_and_fresh() -> None:
    first, second = event_file_name(), event_file_name()
    assert first.startswith(".grader_trace_") and first != second
