"""Factories for report tests: a graded Result and a small Execution with a figure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from grader.records import (
    Cell,
    CellOutput,
    EvidenceRef,
    ExecutedNotebook,
    Execution,
    Problem,
    Result,
    SectionResult,
    Verdict,
)
from grader.records.execution import LimitHit

PNG_1X1 = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ"
    "AAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="
)
NOTEBOOK = "gan_project.ipynb"

MODEL_CODE = """\
def make_discriminator_model():
    model = tf.keras.Sequential()
    model.add(layers.Conv2D(64, (5, 5), strides=(2, 2), padding='same'))
    model.add(layers.LeakyReLU())
    model.add(layers.Dropout(0.3))
    model.add(layers.Conv2D(128, (5, 5), strides=(2, 2), padding='same'))
    model.add(layers.LeakyReLU())
    model.add(layers.Dropout(0.3))
    model.add(layers.GlobalAveragePooling2D())
    model.add(layers.Dense(256))
    model.add(layers.Dense(128))
    model.add(layers.Dense(1))
    # 판별자 출력은 진짜/가짜 확률 하나
    model.summary()
    return model
"""
TRICKY_MARKDOWN = (
    "## 모델 선정 이유\n```python\nprint('fenced')\n```\n<script>alert('x')</script> | 표"
)


def ref(cell: int, source: str = "code", excerpt: str = "", **kw: Any) -> EvidenceRef:
    return EvidenceRef(source=source, notebook=NOTEBOOK, cell=cell, excerpt=excerpt, **kw)


def verdict(item_id: str, label: str, mark: str, comment: str, *refs: EvidenceRef) -> Verdict:
    section = item_id.split(".")[0]
    return Verdict(
        id=item_id,
        label=label,
        section=section,
        mark=mark,
        reason=f"{item_id}_{'ok' if mark == 'o' else 'reason'}",
        comment=comment,
        evidence=refs,
    )


def _sections() -> tuple[SectionResult, ...]:
    v = verdict
    return (
        SectionResult(
            id="completeness",
            title="1. 주어진 문제를 해결하는 완성된 코드가 제출되었나요? (완성도)",
            mark="o",
            items=(
                v(
                    "completeness",
                    "문제를 해결하는 완성된 코드 (프로젝트 루브릭 3개 중 2개, 퀘스트 요구조건)",
                    "o",
                    "노트북이 끝까지 실행되었고 생성된 이미지가 출력되었습니다.",
                    ref(9, "output", output_index=0),
                ),
            ),
        ),
        SectionResult(
            id="explanation",
            title=(
                "2. 프로젝트에서 핵심적인 부분에 대한 설명이 주석(닥스트링) 및 "
                "마크다운 형태로 잘 기록되어있나요? (설명)"
            ),
            mark="△",
            items=(
                v(
                    "explanation.model",
                    "모델 선정 이유",
                    "o",
                    "마크다운에서 GlobalAveragePooling2D를 고른 이유를 설명했습니다.",
                    ref(3, "markdown", TRICKY_MARKDOWN),
                    ref(4, "code", MODEL_CODE),
                    ref(5, "code", "model = make_discriminator_model()"),
                ),
                v(
                    "explanation.hyperparameters",
                    "하이퍼 파라미터 선정 이유",
                    "△",
                    "학습률 값은 있지만 그 값을 고른 이유는 찾지 못했습니다.",
                    ref(6, "code", "optimizer = tf.keras.optimizers.Adam(1e-4)"),
                ),
            ),
        ),
        SectionResult(
            id="retrospective",
            title="4. 프로젝트에 대한 회고가 상세히 기록 되어 있나요? (회고, 정리)",
            mark="x",
            items=(
                v(
                    "retrospective.learned",
                    "배운 점",
                    "o",
                    "회고에 배운 점이 있습니다.",
                    EvidenceRef(source="readme", excerpt="배운 점: 어텐션 레이어의 연산량"),
                ),
                v(
                    "retrospective.regrets",
                    "아쉬운 점",
                    "x",
                    "회고에서 아쉬운 점을 찾지 못했습니다.",
                ),
            ),
        ),
        SectionResult(
            id="app",
            title="5. 앱으로 구현하였나요?",
            mark="n/a",
            items=(
                v(
                    "app.works",
                    "구현된 앱이 잘 동작한다.",
                    "n/a",
                    "이 과제는 앱 구현을 요구하지 않습니다.",
                ),
            ),
        ),
    )


@pytest.fixture
def make_result() -> Callable[..., Result]:
    """``make_result(**overrides)``: a graded Result with every mark kind."""

    def make(**overrides: Any) -> Result:
        fields: dict[str, Any] = {
            "submission": "team-gan",
            "assignment_id": "gan-cifar10",
            "assignment_title": "CIFAR-10 이미지 생성 GAN",
            "mode": "executed",
            "sandboxed": True,
            "members": ("상운", "기홍"),
            "sections": _sections(),
            "limits_hit": (LimitHit(kind="cell_timeout", cell_index=7, limit="600초"),),
            "score": 0.6,
            "grader_version": "0.1.0",
        }
        fields.update(overrides)
        return Result(**fields)

    return make


@pytest.fixture
def result(make_result: Callable[..., Result]) -> Result:
    return make_result()


@pytest.fixture
def rejected() -> Result:
    return Result(
        submission="broken-zip",
        assignment_id="gan-cifar10",
        assignment_title="CIFAR-10 이미지 생성 GAN",
        mode=None,
        problems=(
            Problem(
                code="not_a_notebook",
                message_ko="제출 파일이 Jupyter 노트북 형식이 아닙니다.",
                path="submission.zip",
            ),
        ),
        grader_version="0.1.0",
    )


@pytest.fixture
def execution() -> Execution:
    cells = (
        Cell(index=4, cell_type="code", source=MODEL_CODE),
        Cell(
            index=9,
            cell_type="code",
            source="plt.imshow(generated[0])",
            outputs=(CellOutput(output_type="display_data", image_png=PNG_1X1),),
        ),
    )
    notebook = ExecutedNotebook(path=NOTEBOOK, cells=cells, ran_to_end=True, duration_s=12.5)
    return Execution(mode="executed", notebooks=(notebook,), sandboxed=True)
