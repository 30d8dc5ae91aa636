"""The transfer-learning pack's notebooks define the backbone exactly as prepare.py trains it,
so the stand-in ``backbone.pt`` loads into every one of them (same module names and shapes)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "assignments" / "transfer-learning"
NOTEBOOKS = [
    PACK / "starter.ipynb",
    REPO / "reference_solutions" / "transfer-learning" / "solution.ipynb",
    *sorted((REPO / "examples" / "submissions" / "transfer-learning").glob("*.ipynb")),
]


def _backbone_in_prepare() -> str:
    text = (PACK / "prepare.py").read_text(encoding="utf-8")
    return text[text.index("class BasicBlock") : text.index("# --- end of backbone")].strip()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_holds_the_backbone_prepare_trains(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    sources = [cell.source.strip() for cell in nb.cells if cell.cell_type == "code"]
    assert _backbone_in_prepare() in sources
