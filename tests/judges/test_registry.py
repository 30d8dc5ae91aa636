from __future__ import annotations

import numpy as np
import pytest

from grader.errors import AssignmentError, UnknownJudgeError
from grader.judges import get_judge, judge_names
from grader.judges.digits import DigitsJudge
from grader.judges.registry import register_judge


def test_the_digits_judge_is_registered_by_name():
    assert "sklearn_digits" in judge_names()
    assert isinstance(get_judge("sklearn_digits").build(), DigitsJudge)


def test_an_unknown_judge_is_named_with_the_known_ones_in_korean():
    with pytest.raises(UnknownJudgeError) as caught:
        get_judge("mnist_cnn")
    assert isinstance(caught.value, AssignmentError)
    assert "'mnist_cnn'" in caught.value.message_ko
    assert "sklearn_digits" in caught.value.message_ko


class _Always:
    def judge(self, pixels: np.ndarray) -> dict[str, object]:
        return {"pred": np.zeros(len(pixels), dtype=int)}


def test_a_new_judge_can_be_registered_but_not_replaced():
    register_judge("test_always", _Always, "시험용")
    assert get_judge("test_always").build().judge(np.zeros((2, 64)))["pred"].tolist() == [0, 0]
    with pytest.raises(ValueError):
        register_judge("test_always", lambda: _Always(), "다른 것")
