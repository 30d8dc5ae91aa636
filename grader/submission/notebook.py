"""Validation of one notebook file: size, JSON, nbformat schema, cell sizes.

Huge cells: a *code* cell whose source passes ``max_cell_source_bytes`` refuses the notebook
(running cut code would only produce misleading errors, and such a cell is pasted data);
a *markdown* or *raw* cell is cut to the cap with a marker and reported (pasted base64
images are common there, and the rest of the notebook is still worth grading).
"""

from __future__ import annotations

import json
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4.rwbase import rejoin_lines
from nbformat.warnings import MissingIDFieldWarning

from grader.errors import SubmissionError
from grader.records.submission import SubmissionProblem
from grader.submission.limits import LoadLimits, human_size

CUT_MARKER = "\n… (셀 내용이 너무 길어 잘렸습니다)"


@dataclass(frozen=True)
class CheckedNotebook:
    """A notebook as nbformat v4 JSON, plus what was cut on the way."""

    content: dict[str, Any]
    problems: list[SubmissionProblem] = field(default_factory=list)


def read_notebook(path: Path, rel: str, limits: LoadLimits) -> CheckedNotebook:
    """Read and validate ``path``; raise :class:`SubmissionError` when it cannot be graded."""
    check_notebook_size(path.stat().st_size, rel, limits)
    node = _to_v4(_parse_json(path.read_bytes(), rel), rel)
    problems = _check_cells(node, rel, limits)
    return CheckedNotebook(json.loads(json.dumps(node)), problems)


def check_notebook_size(size: int, rel: str, limits: LoadLimits) -> None:
    """Refuse a notebook over ``max_notebook_bytes`` before it is read."""
    if size > limits.max_notebook_bytes:
        raise SubmissionError(
            f"노트북 파일({rel})의 크기가 {human_size(size)}로 제한"
            f"({human_size(limits.max_notebook_bytes)})을 넘습니다. 큰 출력(이미지, 긴 로그)을 "
            "지우거나 데이터를 별도 파일로 분리한 뒤 다시 제출해 주세요.",
            code="notebook_too_large",
            detail=rel,
        )


def _parse_json(data: bytes, rel: str) -> dict[str, Any]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SubmissionError(
            f"노트북 파일({rel})을 UTF-8 텍스트로 읽을 수 없습니다. 노트북이 아닌 파일에 "
            ".ipynb 이름을 붙였을 수 있습니다. Jupyter나 Colab에서 .ipynb로 다시 내려받아 "
            "제출해 주세요.",
            code="notebook_json",
            detail=f"{rel}: {exc}",
        ) from exc
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"노트북 파일({rel})이 올바른 JSON이 아닙니다: {exc.lineno}번째 줄 "
            f"{exc.colno}번째 글자 근처가 깨져 있습니다. 저장 도중 잘렸거나 직접 고친 흔적일 수 "
            "있으니, Jupyter나 Colab에서 노트북을 다시 저장해 제출해 주세요.",
            code="notebook_json",
            detail=f"{rel}: {exc}",
        ) from exc
    if not isinstance(parsed, dict) or not isinstance(parsed.get("nbformat"), int):
        raise _schema_error(rel, "노트북 형식 버전(nbformat)이 없습니다")
    return parsed


def _to_v4(data: dict[str, Any], rel: str) -> Any:
    """Upgrade to nbformat 4, give cells their ids, validate against the schema."""
    if data["nbformat"] > 4:
        raise _schema_error(rel, f"지원하지 않는 노트북 형식 버전({data['nbformat']})입니다")
    try:
        node = nbformat.convert(nbformat.from_dict(data), 4)  # type: ignore[no-untyped-call]
        _ensure_cell_ids(node)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MissingIDFieldWarning)
            nbformat.validate(node)
    except nbformat.ValidationError as exc:
        raise _schema_error(rel, _where(exc)) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _schema_error(rel, "예전 형식에서 변환할 수 없습니다") from exc
    return rejoin_lines(node)  # type: ignore[no-untyped-call]


def _ensure_cell_ids(node: Any) -> None:
    """Give missing or duplicated cell ids fresh values (nbformat >= 4.5 requires them)."""
    if node.get("nbformat_minor", 0) < 5 or not isinstance(node.get("cells"), list):
        return
    seen: set[str] = set()
    for cell in node["cells"]:
        if isinstance(cell, dict) and (not isinstance(cell.get("id"), str) or cell["id"] in seen):
            cell["id"] = uuid.uuid4().hex[:8]
        if isinstance(cell, dict):
            seen.add(cell["id"])


def _check_cells(node: Any, rel: str, limits: LoadLimits) -> list[SubmissionProblem]:
    problems: list[SubmissionProblem] = []
    for index, cell in enumerate(node["cells"]):
        size = len(cell["source"].encode("utf-8"))
        if size <= limits.max_cell_source_bytes:
            continue
        where = f"노트북 파일({rel})의 {index + 1}번째 셀"
        if cell["cell_type"] == "code":
            raise SubmissionError(
                f"{where}(코드)이 {human_size(size)}로 너무 큽니다(제한 "
                f"{human_size(limits.max_cell_source_bytes)}). 코드 셀에 데이터를 붙여 넣었다면 "
                "별도 파일로 분리해 읽어 오도록 바꾼 뒤 제출해 주세요.",
                code="cell_too_large",
                detail=f"{rel}: cell {index}",
            )
        cell["source"] = _cut(cell["source"], limits.max_cell_source_bytes)
        problems.append(
            SubmissionProblem(
                code="cell_too_large",
                path=rel,
                message_ko=f"{where}이 {human_size(size)}로 너무 커서 앞부분만 채점에 썼습니다. "
                "이미지를 셀에 직접 붙여 넣었다면 별도 이미지 파일로 넣어 주세요.",
            )
        )
    return problems


def _cut(text: str, max_bytes: int) -> str:
    return text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore") + CUT_MARKER


def _where(exc: Exception) -> str:
    """Korean location of a schema error (``3번째 셀의 execution_count``)."""
    path = [str(p) for p in getattr(exc, "absolute_path", ())]
    if len(path) >= 2 and path[0] == "cells" and path[1].isdigit():
        field = f"의 {path[2]} 항목" if len(path) > 2 else ""
        return f"{int(path[1]) + 1}번째 셀{field}이 올바르지 않습니다"
    if path:
        return f"{'.'.join(path)} 항목이 올바르지 않습니다"
    return "노트북 구조가 올바르지 않습니다"


def _schema_error(rel: str, reason: str) -> SubmissionError:
    return SubmissionError(
        f"노트북 파일({rel})이 Jupyter 노트북 형식에 맞지 않습니다({reason}). "
        "Jupyter나 Colab에서 열어 다시 저장한 뒤 제출해 주세요.",
        code="notebook_schema",
        detail=f"{rel}: {reason}",
    )
