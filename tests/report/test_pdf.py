"""`--format pdf`: the HTML report printed by Chromium, Korean text extractable, glyphs inside."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.api import grade
from grader.paths import project_root
from grader.report.screenshot import find_browser

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_browser() is None, reason="Chromium is not installed (make setup)"),
]


def test_the_pdf_report_has_the_korean_checklist_and_embeds_its_font(tmp_path: Path) -> None:
    from pypdf import PdfReader

    weak = project_root() / "examples" / "submissions" / "cnn-digits" / "weak.ipynb"
    [graded] = grade([weak], "cnn-digits", tmp_path, formats=("json", "pdf"))
    reader = PdfReader(graded.out_dir / "report.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "체크리스트" in text and "피어리뷰" in text
    first = graded.result.items[0]
    assert first.label.split()[0] in text
    embedded, missing = set(), set()
    for page in reader.pages:
        found, absent = page._get_fonts()
        embedded |= found
        missing |= absent
    assert embedded and not missing  # every font the text uses travels inside the PDF
    assert not (graded.out_dir / "report.html").exists()  # only the formats asked for
