"""The one ANSI pattern covers what kernels, training logs and app logs print."""

from __future__ import annotations

import pytest

from grader.apps.diagnose import clean_log
from grader.evidence.outputs.logs import clean_lines
from grader.text.clean import strip_ansi


@pytest.mark.parametrize(
    "coloured, plain",
    [
        ("\x1b[0;31mValueError\x1b[0m: bad", "ValueError: bad"),  # IPython traceback colours
        ("\x1b[1m\x1b[38;5;208m100/100\x1b[0m", "100/100"),  # 256-colour Keras bar
        ("\x1b[?25lstep\x1b[?25h", "step"),  # cursor hide/show (tqdm)
        ("\x1b]0;title\x07done", "done"),  # window title (OSC)
        ("\x1b[2Kline", "line"),  # erase line
        ("\x1bMup", "up"),  # two-byte escape
    ],
)
def test_strip_ansi(coloured: str, plain: str) -> None:
    assert strip_ansi(coloured) == plain


def test_app_logs_and_training_logs_use_it() -> None:
    assert clean_log("\x1b[33mWARN\x1b[0m\r\n") == "WARN\n"
    assert clean_lines("\x1b[32mEpoch 1/2\x1b[0m\n") == ["Epoch 1/2", ""]
