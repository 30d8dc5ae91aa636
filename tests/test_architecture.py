"""The import contract of docs/architecture.md holds, and it says what the issue asked."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "grader"


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_the_layers_list_the_stages_in_pipeline_order():
    [layers] = [c["layers"] for c in _contracts() if c["type"] == "layers"]
    assert isinstance(layers, list)
    stages = ["grader.report", "grader.rubric | grader.review", "grader.evidence",
              "grader.apps", "grader.execute", "grader.sandbox", "grader.submission"]
    positions = [layers.index(stage) for stage in stages]
    assert positions == sorted(positions), layers
    assert layers[0] == "grader.cli" and layers.index("grader.api") < layers.index("grader.pipeline")


def test_the_back_stairs_are_forbidden_by_name():
    forbidden = {
        (source, target)
        for c in _contracts()
        if c["type"] == "forbidden"
        for source in c["source_modules"]  # type: ignore[attr-defined]
        for target in c["forbidden_modules"]  # type: ignore[attr-defined]
    }
    assert {("grader.apps", "grader.evidence"), ("grader.sandbox", "grader.execute")} <= forbidden
    independent = [c["modules"] for c in _contracts() if c["type"] == "independence"]
    assert ["grader.rubric", "grader.review"] in independent


def test_lint_imports_keeps_every_contract():
    pytest.importorskip("importlinter")
    command = "from importlinter.cli import lint_imports_command as c; c()"
    done = subprocess.run(
        [sys.executable, "-c", command, "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_no_grader_module_is_imported_inside_a_function():
    """Function-level imports of the grader's own modules only ever broke a cycle; the kinds
    allowed wait for an optional extra, or keep a heavy module out of start-up time, and say
    so on their line or in the comment right above it."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        tree = ast.parse(text)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                names = (
                    [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                    else [a.name for a in node.names] if isinstance(node, ast.Import) else []
                )
                own = [n for n in names if n == "grader" or n.startswith("grader.")]
                if own and not _says_why(lines, node.lineno - 1):
                    found += [f"{path.relative_to(ROOT)}:{node.lineno} {n}" for n in own]
    assert found == []


def _says_why(lines: list[str], index: int) -> bool:
    """The import's own comment, or the comment above its block of imports, gives an
    allowed reason."""
    above = index - 1
    while above >= 0 and lines[above].lstrip().startswith(("import ", "from ")):
        above -= 1
    block = lines[above].strip() if above >= 0 else ""
    comment = lines[index].partition("#")[2] + (block if block.startswith("#") else "")
    return "extra" in comment or "start-up time" in comment
