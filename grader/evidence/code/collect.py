"""Static (AST) evidence over a notebook's code cells; never executes anything."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from grader.evidence.code.context import NotebookContext, build_context
from grader.evidence.code.data import extract_preprocessing, extract_splits
from grader.evidence.code.model import ModelTracker, extract_hyperparams
from grader.evidence.code.plots import extract_apps, extract_imports, extract_plots
from grader.evidence.code.scored_data import scores_training_data
from grader.evidence.code.training import extract_config_loops, extract_evaluations, extract_fits
from grader.notebook.code import ParsedCell, parse_cell
from grader.records.evidence import (
    AppFact,
    ConfigLoop,
    EvaluateCall,
    EvidenceRef,
    FitCall,
    HyperparamSetting,
    ModelDefinition,
    PlotCall,
    PreprocessingOp,
    SplitFact,
)
from grader.records.execution import Cell

Extractor = Callable[[ParsedCell, NotebookContext], list[Any]]
_EXTRACTORS: dict[str, Extractor] = {
    "splits": extract_splits,
    "fits": extract_fits,
    "evaluations": extract_evaluations,
    "hyperparams": extract_hyperparams,
    "config_loops": extract_config_loops,
    "preprocessing": extract_preprocessing,
    "plots": extract_plots,
    "apps": extract_apps,
}
_TOPIC_OF = {
    "splits": "preprocessing",
    "preprocessing": "preprocessing",
    "fits": "training",
    "evaluations": "evaluation",
    "hyperparams": "hyperparameters",
    "config_loops": "hyperparameters",
    "plots": "visualisation",
    "apps": "app",
    "models": "model",
}


@dataclass
class CodeEvidence:
    """Facts from all code cells of one notebook."""

    splits: list[SplitFact] = field(default_factory=list)
    fits: list[FitCall] = field(default_factory=list)
    evaluations: list[EvaluateCall] = field(default_factory=list)
    hyperparams: list[HyperparamSetting] = field(default_factory=list)
    config_loops: list[ConfigLoop] = field(default_factory=list)
    preprocessing: list[PreprocessingOp] = field(default_factory=list)
    plots: list[PlotCall] = field(default_factory=list)
    apps: list[AppFact] = field(default_factory=list)
    models: list[ModelDefinition] = field(default_factory=list)
    imports: set[str] = field(default_factory=set)
    syntax_errors: list[EvidenceRef] = field(default_factory=list)
    failures: list[EvidenceRef] = field(default_factory=list)
    topics: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Topics of each code cell (by cell index)."""
    call_sites: dict[str, list[int]] = field(default_factory=dict)
    """Short callee name -> indices of the cells that call it."""
    scores_training: set[int] = field(default_factory=set)
    """Cells whose calls score training data only (a "test" score there is a training one)."""

    def facts(self, kind: str) -> list[Any]:
        """The fact list named ``kind`` (a key of the extractor table, or ``models``)."""
        facts: list[Any] = getattr(self, kind)
        return facts


def extract_code(notebook: str, cells: Sequence[Cell]) -> CodeEvidence:
    """Run every static extractor over the notebook's code cells."""
    evidence = CodeEvidence()
    parsed = _parse_all(notebook, cells, evidence)
    ctx = build_context(parsed)
    tracker = ModelTracker()
    for cell in parsed:
        _guarded(evidence, cell, "models", partial(tracker.visit, cell, ctx))
        _guarded(evidence, cell, "imports", partial(_add_imports, evidence.imports, cell))
        _guarded(evidence, cell, "calls", partial(_add_call_sites, evidence.call_sites, cell))
        scored = partial(_add_scored, evidence.scores_training, cell)
        _guarded(evidence, cell, "scored_data", scored)
        for kind, extractor in _EXTRACTORS.items():
            run = partial(_extend, evidence.facts(kind), extractor, cell, ctx)
            _guarded(evidence, cell, kind, run)
    evidence.models = tracker.models
    evidence.topics = _topics(evidence)
    return evidence


def _add_imports(imports: set[str], cell: ParsedCell) -> None:
    imports.update(extract_imports(cell))


def _add_scored(cells: set[int], cell: ParsedCell) -> None:
    if scores_training_data(cell):
        cells.add(cell.index)


def _add_call_sites(sites: dict[str, list[int]], cell: ParsedCell) -> None:
    for node in ast.walk(cell.tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name and cell.index not in sites.setdefault(name, []):
            sites[name].append(cell.index)


def _extend(facts: list[Any], extractor: Extractor, cell: ParsedCell, ctx: NotebookContext) -> None:
    facts.extend(extractor(cell, ctx))


def _parse_all(notebook: str, cells: Sequence[Cell], evidence: CodeEvidence) -> list[ParsedCell]:
    parsed: list[ParsedCell] = []
    for cell in cells:
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        try:
            result = parse_cell(notebook, cell.index, cell.source)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            evidence.syntax_errors.append(_error_ref(notebook, cell.index, exc))
            continue
        if result is not None:
            parsed.append(result)
    return parsed


def _guarded(evidence: CodeEvidence, cell: ParsedCell, kind: str, run: Callable[[], Any]) -> None:
    """Run one extractor on one cell; a failure is recorded, never raised."""
    try:
        run()
    except (RecursionError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        ref = _error_ref(cell.notebook, cell.index, exc)
        evidence.failures.append(ref.model_copy(update={"excerpt": f"{kind}: {ref.excerpt}"}))


def _error_ref(notebook: str, index: int, exc: BaseException) -> EvidenceRef:
    line = getattr(exc, "lineno", None)
    detail = f"{type(exc).__name__}: {exc}"[:200]
    if line is not None and isinstance(exc, SyntaxError):
        detail = f"line {line}: {detail}"
    return EvidenceRef(source="code", notebook=notebook, cell=index, excerpt=detail)


def _topics(evidence: CodeEvidence) -> dict[int, tuple[str, ...]]:
    found: dict[int, set[str]] = {}
    for kind, topic in _TOPIC_OF.items():
        for fact in evidence.facts(kind):
            if fact.ref.cell is not None:
                found.setdefault(fact.ref.cell, set()).add(topic)
    order = list(dict.fromkeys(_TOPIC_OF.values()))
    return {cell: tuple(t for t in order if t in topics) for cell, topics in found.items()}
