"""Own text without a starter: the instruction register, a pack's course_text/, class-shared text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.api import with_class_text
from grader.assignments import load_pack
from grader.evidence.text.course import CourseText
from grader.evidence.text.markdown import markdown_texts
from grader.evidence.text.register import is_instruction
from grader.pipeline import Assignment, load_assignment
from grader.records.evidence import TextBlock
from grader.records.execution import Cell
from grader.rubric.checks.explanation import ExplanationParams, reasoned_text
from tests.rubric.factories import evidence, notebook

MODEL = ExplanationParams(topic="model")
HP = ExplanationParams(topic="hyperparameters")
PREP = ExplanationParams(topic="preprocessing")


def md(index: int, source: str) -> Cell:
    return Cell(index=index, cell_type="markdown", source=source)


def code(index: int, source: str) -> Cell:
    return Cell(index=index, cell_type="code", source=source, execution_count=index)


def blocks(cells: list[Cell], course: CourseText | None = None) -> tuple[TextBlock, ...]:
    return tuple(markdown_texts(cells, "nb.ipynb", course, {1: ("model", "hyperparameters")}))


@pytest.mark.parametrize(
    "sentence",
    [
        "아래 셀을 실행해서 데이터를 불러와 보세요.",
        "이제 모델을 직접 만들어 봅시다.",
        "검증 손실이 왜 다시 올라갈까요?",
        "Q. 배치 크기를 바꾸면 어떻게 되는지 적어 보세요.",
        "[x] 학습 곡선을 그렸다",
        "Answer:",
        "보내주신 코드에 맞춰 배치 크기를 바꿨습니다.",
        "Make sure the runtime uses a GPU before you start.",
        "모델 가중치와 함께 무엇을 저장해야 합니까?",
    ],
)
def test_instruction_register_is_recognised(sentence: str) -> None:
    assert is_instruction(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "데이터가 적어서 Dropout을 0.3으로 넣었다.",
        "배치 크기를 64로 늘렸더니 학습이 빨라졌습니다.",
        "왜 검증 정확도가 떨어졌는지는 아직 잘 모르겠다.",
        "Answer: 이미지가 작아서 합성곱 층을 두 개만 쌓았습니다.",
    ],
)
def test_the_students_own_sentences_are_not_instructions(sentence: str) -> None:
    assert not is_instruction(sentence)


def test_reason_in_a_pasted_tutorial_cell_is_only_triangle() -> None:
    cells = [
        md(0, "## 모델 만들기\n층을 두 개만 쌓은 이유는 입력이 8x8로 작기 때문입니다.\n"
              "아래 셀을 실행해서 모델을 만들어 봅시다."),
        code(1, "model = Sequential([Conv2D(16, 3), Dense(10)])"),
    ]
    ev = evidence(notebook(texts=blocks(cells)))
    outcome = reasoned_text(ev, MODEL)
    assert (outcome.mark, outcome.reason) == ("△", "reason_only_in_course_text")
    assert "8x8" in outcome.facts["quote"]


def test_the_instruction_itself_earns_nothing() -> None:
    cells = [md(0, "원하는 모델을 고를 수 있도록 아래 주석을 적절히 바꾸세요."), code(1, "m = 1")]
    outcome = reasoned_text(evidence(notebook(texts=blocks(cells))), MODEL)
    assert outcome.mark == "x"


def test_own_cell_next_to_a_pasted_cell_still_counts() -> None:
    cells = [
        md(0, "다음 단계로 넘어가기 전에 데이터를 꼭 확인해 보세요."),
        md(2, "이미지가 8x8로 작아서 합성곱 층을 두 개만 쌓았습니다."),
        code(1, "model = Sequential([Conv2D(16, 3), Dense(10)])"),
    ]
    outcome = reasoned_text(evidence(notebook(texts=blocks(cells))), MODEL)
    assert (outcome.mark, outcome.reason) == ("o", "reason_found")


def test_a_starter_prompt_answered_below_does_not_taint_the_answer() -> None:
    prompt = "모델 구조를 정하고 그 구조를 고른 이유를 적어 보세요."
    cells = [
        md(0, f"## 모델\n{prompt}\n\n이미지가 작아서 합성곱 층을 두 개만 쌓았습니다."),
        code(1, "model = Sequential([Conv2D(16, 3), Dense(10)])"),
    ]
    texts = blocks(cells, CourseText([prompt]))
    assert not any(t.scaffold for t in texts if "합성곱" in t.text)
    assert reasoned_text(evidence(notebook(texts=texts)), MODEL).mark == "o"


def test_library_style_docstring_is_course_text() -> None:
    source = (
        'def scale(x):\n    """픽셀 값을 0~1로 바꾸기 때문에 학습이 안정됩니다.\n\n'
        '    Args:\n        x: 입력 배열\n    Returns:\n        바뀐 배열\n    """\n    return x / 255'
    )
    texts = blocks([code(1, source)])
    assert all(t.course_text for t in texts if t.kind == "docstring")


def _pack(tmp_path: Path) -> Path:
    root = tmp_path / "assignments" / "tiny"
    (root / "course_text").mkdir(parents=True)
    (root / "assignment.yaml").write_text(
        "id: tiny\ntitle: 작은 과제\ntopic: 숫자 분류\nframework: tensorflow\n", encoding="utf-8"
    )
    (root / "course_text" / "lms_page.md").write_text(
        "## 노드 5\n배치 정규화를 넣으면 학습이 안정되기 때문에 모든 합성곱 층 뒤에 넣었습니다.\n",
        encoding="utf-8",
    )
    cell = {"cell_type": "markdown", "source": "드롭아웃 비율은 0.5가 가장 흔히 쓰이는 값입니다."}
    (root / "course_text" / "lesson.ipynb").write_text(json.dumps({"cells": [cell]}), "utf-8")
    return root.parent


def test_pack_course_text_folder_never_counts(tmp_path: Path) -> None:
    pack = load_pack(_pack(tmp_path), "tiny")
    assert [p.name for p in pack.course_text_paths] == ["lesson.ipynb", "lms_page.md"]
    course = CourseText.from_pack(pack)
    assert course.is_course_text(
        "배치 정규화를 넣으면 학습이 안정되기 때문에 모든 합성곱 층 뒤에 넣었습니다."
    )
    assert course.is_course_text("드롭아웃 비율은 0.5가 가장 흔히 쓰이는 값입니다.")
    assert not course.is_course_text("데이터가 적어서 드롭아웃을 0.3으로 낮췄습니다.")


OWN = (
    "배치 크기를 64로 늘렸더니 한 에폭이 훨씬 빨리 끝났다.",
    "검증 손실이 계속 올라가서 드롭아웃을 0.5로 올렸다.",
    "클래스마다 이미지 수가 달라 stratify 옵션으로 나누었다.",
    "에폭을 늘려 봤지만 열 번째 이후로는 좋아지지 않았다.",
    "옵티마이저를 SGD에서 Adam으로 바꾸니 수렴이 안정됐다.",
)
PASTED = "노드에서 배운 대로 학습률은 0.001로 두는 것이 가장 안정적이기 때문에 그대로 썼습니다."


def _class(tmp_path: Path, students: int) -> list[Path]:
    paths = []
    for i in range(students):
        cells = [{"cell_type": "markdown", "source": f"{PASTED}\n\n{OWN[i]}"}]
        path = tmp_path / f"student{i}.ipynb"
        path.write_text(json.dumps({"cells": cells}), encoding="utf-8")
        paths.append(path)
    return paths


def test_text_shared_by_many_submissions_of_a_class_is_course_text(tmp_path: Path) -> None:
    assignment = with_class_text(load_assignment(None), _class(tmp_path, 4))
    assert assignment.course is not None
    assert assignment.course.is_course_text(PASTED)
    assert not any(assignment.course.is_course_text(own) for own in OWN)


def test_too_few_submissions_share_nothing(tmp_path: Path) -> None:
    assignment: Assignment = with_class_text(load_assignment(None), _class(tmp_path, 3))
    assert assignment.course is None
