"""Small factories for Execution/Submission records with literal cells and outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.records.execution import Cell, CellOutput, ExecutedNotebook, Execution
from grader.records.submission import Submission


def code(index: int, source: str, *outputs: CellOutput, count: int | None = 1) -> Cell:
    return Cell(index=index, cell_type="code", source=source, execution_count=count,
                outputs=outputs)


def md(index: int, source: str) -> Cell:
    return Cell(index=index, cell_type="markdown", source=source)


def stream(text: str) -> CellOutput:
    return CellOutput(output_type="stream", text=text)


def result(text: str = "", html: str | None = None) -> CellOutput:
    return CellOutput(output_type="execute_result", text=text, html=html)


def image() -> CellOutput:
    return CellOutput(output_type="display_data", text="<Figure>", image_png="iVBORw0KGgo=")


def error(ename: str, evalue: str) -> CellOutput:
    return CellOutput(output_type="error", text=f"{ename}: {evalue}")


def notebook(*cells: Cell, path: str = "project.ipynb", ran_to_end: bool = True
             ) -> ExecutedNotebook:
    return ExecutedNotebook(path=path, cells=cells, ran_to_end=ran_to_end)


def execution(*notebooks: ExecutedNotebook) -> Execution:
    return Execution(mode="stored_outputs", notebooks=notebooks)


def submission(root: Path, readme: str | None = None, app_files: tuple[str, ...] = ()
               ) -> Submission:
    return Submission(name="team1", kind="folder", root=str(root), content_hash="abc",
                      notebooks=(), readme=readme, app_files=app_files)


@pytest.fixture
def tmp_root(tmp_path: Path) -> Path:
    return tmp_path
