"""The course kernel's package list: read, checked, named and digested."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.errors import KernelEnvError
from grader.kernels.spec import (
    DEFAULT_NAME,
    default_constraints,
    default_requirements,
    kernel_request,
    read_lines,
)


def test_the_course_set_has_what_course_notebooks_import() -> None:
    names = {line.split(">")[0].split("=")[0].strip() for line in default_requirements()}
    assert {"ipykernel", "tensorflow-cpu", "torch", "seaborn", "scikit-learn", "gradio"} <= names
    assert "grader" not in names
    assert "torch==2.13.0" in default_constraints()  # the CPU build, never an unpinned CUDA one


def test_comments_and_blank_lines_are_not_requirements() -> None:
    assert read_lines("# head\n\nnumpy  # arrays\n  pandas>=2\n") == ("numpy", "pandas>=2")


def test_a_pack_that_adds_packages_gets_its_own_kernel() -> None:
    plain = kernel_request("cnn-digits")
    added = kernel_request("nlp-pack", ("konlpy>=0.6",))
    assert plain.name == DEFAULT_NAME and added.name == "course-nlp-pack"
    assert added.requirements[-1] == "konlpy>=0.6"
    assert plain.digest() != added.digest()
    assert kernel_request("cnn-digits").digest() == plain.digest()


@pytest.mark.parametrize(
    "line",
    ["--index-url https://evil.example/simple", "git+https://x/y.git", "-e .", "./local.whl",
     "pkg @ https://x/y.whl", "numpy; import os"],
)
def test_options_urls_and_paths_are_refused(line: str) -> None:
    with pytest.raises(KernelEnvError) as caught:
        kernel_request("p", (line,))
    assert caught.value.code == "kernel_requirements" and "패키지 이름과 버전 조건만" in caught.value.message_ko


def test_a_requirements_file_replaces_the_course_set(tmp_path: Path) -> None:
    (tmp_path / "req.txt").write_text("numpy\nipykernel\n", encoding="utf-8")
    request = kernel_request(requirements_file=tmp_path / "req.txt")
    assert request.requirements == ("numpy", "ipykernel")
    with pytest.raises(KernelEnvError):
        kernel_request(requirements_file=tmp_path / "missing.txt")
