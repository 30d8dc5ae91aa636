"""Figures: data URIs from execution outputs; untrusted bytes are refused."""

from __future__ import annotations

import base64

import pytest

from grader.records import Cell, CellOutput, EvidenceRef, ExecutedNotebook, Execution, Result
from grader.report.figures import MAX_FIGURE_BYTES, find_figure, item_figures

from .conftest import NOTEBOOK, PNG_1X1


def _execution(image: str, path: str = NOTEBOOK) -> Execution:
    output = CellOutput(output_type="display_data", image_png=image)
    cell = Cell(index=2, cell_type="code", source="plt.show()", outputs=(output,))
    notebook = ExecutedNotebook(path=path, cells=(cell,), ran_to_end=True)
    return Execution(mode="executed", notebooks=(notebook,))


def _ref(
    cell: int = 2, output_index: int | None = 0, notebook: str | None = NOTEBOOK
) -> EvidenceRef:
    return EvidenceRef(source="output", notebook=notebook, cell=cell, output_index=output_index)


def test_png_becomes_data_uri() -> None:
    figure = find_figure(_execution(PNG_1X1), _ref())
    assert figure is not None
    assert figure.uri == f"data:image/png;base64,{PNG_1X1}"


def test_line_wrapped_base64_is_accepted() -> None:
    wrapped = "\n".join(PNG_1X1[i : i + 20] for i in range(0, len(PNG_1X1), 20))
    figure = find_figure(_execution(wrapped), _ref())
    assert figure is not None
    assert "\n" not in figure.uri


def test_single_notebook_ref_without_path() -> None:
    assert find_figure(_execution(PNG_1X1), _ref(notebook=None)) is not None


@pytest.mark.parametrize(
    "ref",
    [_ref(cell=3), _ref(output_index=1), _ref(output_index=None), _ref(notebook="other.ipynb")],
)
def test_missing_output_gives_none(ref: EvidenceRef) -> None:
    assert find_figure(_execution(PNG_1X1), ref) is None


@pytest.mark.parametrize(
    "data",
    [
        base64.b64encode(b"<svg onload=alert(1)>").decode(),
        "not base64 at all <script>",
        base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * (MAX_FIGURE_BYTES + 1)).decode(),
    ],
)
def test_unsafe_or_large_images_are_refused(data: str) -> None:
    assert find_figure(_execution(data), _ref()) is None


def test_item_figures_by_item_id(result: Result, execution: Execution) -> None:
    figures = item_figures(result, execution)
    assert list(figures) == ["completeness"]
    assert figures["completeness"][0].mime == "image/png"
    assert item_figures(result, None) == {}
