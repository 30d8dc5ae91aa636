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


def test_the_metric_judges_are_registered_with_their_params():
    for name in ("mask_iou", "image_psnr", "korean_text", "translation_overlap"):
        entry = get_judge(name)
        assert name in judge_names() and entry.metric is not None
        assert entry.params is entry.metric.params


def test_a_misspelled_param_is_named_in_korean():
    from grader.judges.registry import judge_params

    assert judge_params("mask_iou", {"per_class": True}).per_class is True  # type: ignore[attr-defined]
    with pytest.raises(AssignmentError) as caught:
        judge_params("mask_iou", {"per_clas": True}, "seg-pack")
    message = caught.value.message_ko
    assert "'per_clas'" in message and "'per_class'의 오타인가요?" in message
    assert "seg-pack" in message and caught.value.code == "assignment_schema"
    with pytest.raises(AssignmentError, match="threshold"):
        judge_params("mask_iou", {"threshold": "half"})
    with pytest.raises(AssignmentError, match="알 수 없는 매개변수: 'k'"):
        judge_params("sklearn_digits", {"k": 3})
