from __future__ import annotations

from pathlib import Path

import pytest

from grader.assignments import load_pack
from grader.errors import AssignmentError

SPEC = """id: t
title: 제목
topic: 주제
framework: pytorch
"""


def _pack(tmp_path: Path, extra: str) -> Path:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "assignment.yaml").write_text(SPEC + extra, encoding="utf-8")
    return tmp_path


def test_a_valid_spec_loads(tmp_path: Path):
    pack = load_pack(_pack(tmp_path, ""), "t")
    assert pack.spec.framework == "pytorch" and pack.starter_path == tmp_path / "t" / "starter.ipynb"


def test_a_misspelled_nested_field_is_named_with_a_suggestion(tmp_path: Path):
    with pytest.raises(AssignmentError) as caught:
        load_pack(_pack(tmp_path, "limits: {cell_timout_s: 10}\n"), "t")
    message = caught.value.message_ko
    assert "'limits.cell_timout_s'" in message and "'cell_timeout_s'의 오타인가요?" in message
    assert "memory_mb" in message  # the fields limits accepts


def test_a_bad_value_names_the_field_and_the_allowed_values(tmp_path: Path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "assignment.yaml").write_text(SPEC.replace("pytorch", "jax"), encoding="utf-8")
    with pytest.raises(AssignmentError) as caught:
        load_pack(tmp_path, "t")
    message = caught.value.message_ko
    assert "'framework'" in message and "'jax'" in message and "'pytorch'" in message


def test_a_missing_field_is_named(tmp_path: Path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "assignment.yaml").write_text("id: t\ntitle: x\ntopic: y\n", encoding="utf-8")
    with pytest.raises(AssignmentError) as caught:
        load_pack(tmp_path, "t")
    assert "필수 필드가 빠졌습니다: 'framework'" in caught.value.message_ko

