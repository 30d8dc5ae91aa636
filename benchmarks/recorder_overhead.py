"""Recorder overhead on a small Keras training: the same script with and without the recorder.

Each variant runs in its own fresh interpreter (same process layout: import, build, fit), the
variants alternate, every process times ``REPEATS`` fits after one warm-up fit, and the median
fit time of each variant is compared. Run: ``.venv/bin/python benchmarks/recorder_overhead.py``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from grader.execute.inject import bootstrap_code

ROUNDS = 3
REPEATS = 5

TRAINING = """
import json, os, time
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np, keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
X, y = load_digits(return_X_y=True)
x_tr, x_te, y_tr, y_te = train_test_split(X.astype("float32") / 16, y, random_state=0)
def once():
    layers = keras.layers
    model = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                              layers.Dropout(0.2), layers.Dense(10, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    started = time.perf_counter()
    model.fit(x_tr, y_tr, epochs=3, batch_size=32, validation_split=0.2, verbose=0)
    model.evaluate(x_te, y_te, verbose=0)
    return time.perf_counter() - started
once()
print(json.dumps([once() for _ in range(REPEATS)]))
"""


def measure(recorded: bool, folder: Path) -> list[float]:
    """Fit times of one fresh interpreter."""
    code = TRAINING.replace("REPEATS", str(REPEATS))
    if recorded:
        code = bootstrap_code("events.jsonl") + code
    script = folder / ("recorded.py" if recorded else "plain.py")
    script.write_text(code, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script)], cwd=folder, capture_output=True, text=True, check=True
    )
    return [float(t) for t in json.loads(out.stdout.strip().splitlines()[-1])]


def main() -> None:
    times: dict[bool, list[float]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(ROUNDS):
            for recorded in (False, True):
                times[recorded] += measure(recorded, Path(tmp))
        events = (Path(tmp) / "events.jsonl").read_text(encoding="utf-8").count('"kind": "run"')
    plain, recorded = statistics.median(times[False]), statistics.median(times[True])
    print(f"fits per variant: {len(times[False])} (runs recorded: {events})")
    print(f"median fit+evaluate without recorder: {plain * 1000:.1f} ms")
    print(f"median fit+evaluate with recorder:    {recorded * 1000:.1f} ms")
    print(f"overhead ratio: {recorded / plain:.3f} (goal <= 1.03)")


if __name__ == "__main__":
    main()
