"""``grader pack new``: a new pack's folders and files, each with ``TODO(author)`` markers.

Written under the project root (``GRADER_HOME`` / ``--packs`` for a course's own packs):
``assignments/<id>/`` (assignment.yaml, README.md, starter.ipynb), ``rubrics/<id>.yaml``,
``reference_solutions/<id>/solution.ipynb``, ``examples/keys/<id>/README.md`` and an empty
``examples/submissions/<id>/``. ``grader pack validate`` then reports every marker left.
A home without ``rubrics/peer_review.yaml`` gets a copy of the built-in common rubric.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from grader.authoring.validate import TODO_MARK
from grader.errors import AssignmentError
from grader.paths import builtin_root, project_root

__all__ = ["PACK_ID", "scaffold_pack"]

PACK_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,48}$")
"""Pack ids: lower-case letters, digits and hyphens (they become folder and file names)."""
FRAMEWORKS = ("tensorflow", "pytorch", "sklearn", "any")

_SPEC = """\
# Assignment pack (docs/packs.md lists every field).
id: {id}
title: "{todo}: 한국어 과제 제목"
topic: "{todo}: 이 퀘스트가 무엇을 하는지 한 문장"
framework: {framework}
datasets: []  # {todo}: the datasets the notebooks load (no downloads at run time)
limits:
  cell_timeout_s: 300
  total_timeout_s: 900
  memory_mb: 4096
gpu: false
starter: starter.ipynb
quest: README.md
rubric: {id}
app_predict_function: null
"""

_README = """\
# 퀘스트: {todo} 과제 제목

## 학습 목표

- {todo}: 이 퀘스트에서 익힐 것

## 데이터

{todo}: 불러오는 방법(코드)과 크기. 채점 환경에는 네트워크가 없습니다.

## 해야 할 일

1. {todo}: STEP 1
2. {todo}: STEP 2
3. 회고를 작성합니다.

## 제출물

- 처음부터 끝까지 실행된 노트북(`.ipynb`) 한 개. 셀 출력이 남아 있어야 합니다.

## 프로젝트 루브릭

아래 3개 중 2개 이상을 만족하면 완성도 기준을 통과합니다.

| 평가 문항 | 상세 기준 |
| --- | --- |
| 1. {todo} | {todo} |
| 2. {todo} | {todo} |
| 3. {todo} | {todo} |
"""

_RUBRIC = """\
# Project rubric of {id}: 3 measurable criteria, 2 of which make 완성도 (`grader pack checks`).
schema_version: 1
assignment: {id}
required_criteria: 2
criteria:
  - id: project.metric
    label: "{todo}: 테스트 지표 기준"
    check: project.metric_threshold
    params: {{metric: accuracy, role: test, at_least: 0.9}}
  - id: project.technique
    label: "{todo}: 적용할 기법"
    check: project.uses_any
    params: {{layers: [Dropout], calls: []}}
  - id: project.error_analysis
    label: "{todo}: 오류 분석"
    check: project.error_analysis
not_applicable:
  app.works: "이 과제({id})는 앱 구현을 요구하지 않습니다."
  app.model_works: "이 과제({id})는 앱 구현을 요구하지 않습니다."
"""

_KEYS = """\
# Answer keys — {id}

One YAML per example under `examples/submissions/{id}/` (`submission` = file stem), marks
decided by hand from what the notebook shows (`o`, `x`, `△`, `n/a`); see docs/packs.md.
"""


def scaffold_pack(pack_id: str, framework: str = "pytorch") -> list[Path]:
    """Write the new pack's files under the project root; the paths written."""
    if not PACK_ID.match(pack_id):
        raise AssignmentError(
            f"과제 id '{pack_id}'는 쓸 수 없습니다: 영문 소문자, 숫자, 하이픈(-)으로 2~49자.",
            code="pack_bad_id",
        )
    if framework not in FRAMEWORKS:
        raise AssignmentError(
            f"알 수 없는 framework: '{framework}'. 쓸 수 있는 값: {', '.join(FRAMEWORKS)}",
            code="pack_bad_framework",
        )
    root = project_root()
    pack = root / "assignments" / pack_id
    if pack.exists():
        raise AssignmentError(f"과제 팩이 이미 있습니다: {pack}", code="pack_exists")
    fill = {"id": pack_id, "todo": TODO_MARK, "framework": framework}
    texts = {
        pack / "assignment.yaml": _SPEC.format(**fill),
        pack / "README.md": _README.format(**fill),
        root / "rubrics" / f"{pack_id}.yaml": _RUBRIC.format(**fill),
        root / "examples" / "keys" / pack_id / "README.md": _KEYS.format(**fill),
    }
    written = [_write(path, text) for path, text in texts.items()]
    written.append(_notebook(pack / "starter.ipynb", _starter_cells()))
    solution = root / "reference_solutions" / pack_id / "solution.ipynb"
    written.append(_notebook(solution, _solution_cells()))
    (root / "examples" / "submissions" / pack_id).mkdir(parents=True, exist_ok=True)
    common = root / "rubrics" / "peer_review.yaml"
    if not common.is_file():
        written.append(_copy_common(common))
    return written


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


Cell = dict[str, Any]


def _notebook(path: Path, cells: list[Cell]) -> Path:
    book = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return _write(path, json.dumps(book, ensure_ascii=False, indent=1) + "\n")


def _cell(kind: str, source: str, index: int) -> Cell:
    cell: Cell = {"cell_type": kind, "id": f"cell-{index}", "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _cells(*parts: tuple[str, str]) -> list[Cell]:
    return [_cell(kind, source, i) for i, (kind, source) in enumerate(parts)]


def _starter_cells() -> list[Cell]:
    return _cells(
        ("markdown", f"# {TODO_MARK}: 과제 제목\n\n각 단계의 TODO를 채우세요."),
        ("markdown", "## 1. 데이터 불러오기와 전처리"),
        ("code", "# TODO: 데이터를 불러오세요."),
        ("markdown", "## 2. 모델 설계와 학습"),
        ("code", "# TODO: 모델을 만들고 학습하세요."),
        ("markdown", "## 회고\n배운 점, 아쉬운 점, 느낀 점, 어려웠던 점을 정리하세요."),
    )


def _solution_cells() -> list[Cell]:
    return _cells(
        ("markdown", f"# {TODO_MARK}: 참고 답안 (만점을 받는 노트북)"),
        ("code", f"# {TODO_MARK}: 끝까지 실행되는 풀이"),
    )


def _copy_common(target: Path) -> Path:
    source = builtin_root() / "rubrics" / "peer_review.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
