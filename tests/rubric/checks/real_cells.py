"""Evidence built from literal cells through the real evidence stage (no kernel)."""

from __future__ import annotations

from grader.evidence.build import notebook_evidence
from grader.records.evidence import Evidence
from grader.records.execution import Cell
from tests.evidence.conftest import code, notebook, stream


def evidence_of(*cells: Cell) -> Evidence:
    return Evidence(mode="stored_outputs", notebooks=(notebook_evidence(notebook(*cells), None),))


def keras_log(epochs: int, acc: float) -> str:
    return "".join(
        f"Epoch {e}/{epochs}\n10/10 - 0s - loss: 0.{9 - e}0 - accuracy: {acc - (epochs - e) / 100:.4f}"
        f" - val_loss: 0.{9 - e}5 - val_accuracy: {acc - (epochs - e) / 50:.4f}\n"
        for e in range(1, epochs + 1)
    )


TUNER = (
    code(0, "tuner = kt.RandomSearch(build_model, objective='val_accuracy', max_trials=8)"),
    code(1, "tuner.search(x, y, epochs=3, validation_split=0.2)",
         stream("Trial 8 Complete [00h 00m 31s]\nval_accuracy: 0.8712\n\n"
                "Best val_accuracy So Far: 0.8790\nTotal elapsed time: 00h 04m 02s\n")),
)
"""A tuner that clears its output between trials: only the last trial shows."""
