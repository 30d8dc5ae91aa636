from __future__ import annotations

from pathlib import Path

from grader.authoring.checks_doc import generated_part, reference_markdown, sync_doc
from grader.paths import builtin_root
from grader.rubric.catalog import known_checks

DOC = builtin_root() / "docs" / "packs.md"


def test_docs_packs_md_lists_what_the_registries_hold():
    assert generated_part(DOC) == reference_markdown().strip(), (
        "docs/packs.md is out of date: python -m grader.authoring.checks_doc docs/packs.md"
    )


def test_every_check_and_its_parameters_are_described():
    text = reference_markdown()
    assert all(f"#### `{name}`" in text for name in known_checks())
    assert "| `at_least` |" in text and "| `cell_timeout_s` |" in text


def test_sync_rewrites_only_the_generated_part(tmp_path: Path):
    doc = tmp_path / "d.md"
    doc.write_text(DOC.read_text(encoding="utf-8").replace("| `at_least` |", "| `old` |"), encoding="utf-8")
    assert sync_doc(doc) is True
    assert doc.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")
    assert sync_doc(doc) is False
