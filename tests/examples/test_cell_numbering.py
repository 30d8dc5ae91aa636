"""One cell numbering in every output: Jupyter's position (counting every cell) and its [n]."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from grader.api import grade
from grader.paths import project_root

STRONG = project_root() / "examples" / "submissions" / "cnn-digits" / "strong.ipynb"


def test_a_reference_reads_the_same_in_md_html_and_json(tmp_path: Path) -> None:
    [graded] = grade([STRONG], "cnn-digits", tmp_path)
    data = json.loads((graded.out_dir / "result.json").read_text(encoding="utf-8"))
    refs = [
        ref
        for section in data["sections"]
        for item in section["items"]
        for ref in item["evidence"]
        if ref["source"] == "code" and ref.get("execution_count") is not None
    ]
    assert refs
    ref = refs[0]
    assert ref["cell_number"] == ref["cell"] + 1
    nb = nbformat.read(STRONG, as_version=4)
    cell = nb.cells[ref["cell"]]
    assert cell.cell_type == "code" and cell.execution_count == ref["execution_count"]
    label = f"셀 {ref['cell_number']} [{ref['execution_count']}]"
    markdown = (graded.out_dir / "report.md").read_text(encoding="utf-8").replace("\\", "")
    assert label in markdown  # Markdown escapes the brackets
    assert label in (graded.out_dir / "report.html").read_text(encoding="utf-8")


def test_html_references_link_to_the_excerpt_they_quote(tmp_path: Path) -> None:
    import re

    [graded] = grade([STRONG], "cnn-digits", tmp_path, formats=("html",))
    html = (graded.out_dir / "report.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="#([\w-]+-q\d+)">셀 \d+', html)
    assert links
    for anchor in links:
        assert f'<figure class="excerpt" id="{anchor}">' in html
