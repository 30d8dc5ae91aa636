"""1. 완성도: the notebook runs from its data to a final result (and meets the project criteria).

Stored outputs are read like a careful reviewer reads them: an error that later cells ran past
is no stop, cells of a Colab export without execution counts ran, and mixed evidence (the last
cell crashed, cells never run, code that no longer parses, results older than the training)
is △ with its reason, never o.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from grader.records.evidence import CodeCellSummary, Evidence, EvidenceRef, NotebookEvidence
from grader.records.execution import StoredRun
from grader.records.verdict import Verdict
from grader.rubric.checks.common import cell_no, short
from grader.rubric.checks.split import is_gan
from grader.rubric.outcome import Outcome, ScoringContext
from grader.rubric.registry import check

MIN_UNRUN_TAIL = 3
"""Work cells at the end with no sign of a run from which the notebook plainly stopped (when
they hold a training call or a third of the notebook's work)."""
MAX_LISTED = 4
_SAMPLE_WORDS = ("imshow", "make_grid", "generat", "sample", "image", "save_image")
_TELLING = re.compile(r"\b(fit|train|evaluat|predict|plot|save|score|generat)")
_QUIET = ("import ", "from ", "def ", "class ", "@")


@check("completeness.solves_quest")
def solves_quest(
    evidence: Evidence, context: ScoringContext, prior: Mapping[str, Verdict]
) -> Outcome:
    """x when a notebook stops or was never run; △ on mixed evidence; else the criteria decide
    (without an assignment: a run from data to a final result)."""
    if not evidence.notebooks:
        return Outcome.of("x", "no_notebook")
    for notebook in evidence.notebooks:
        if notebook.never_run:
            return Outcome.of("x", "never_run", notebook=notebook.path)
    if not any(c.executed for notebook in evidence.notebooks for c in notebook.code):
        return Outcome.of("x", "no_code_run")
    stop = _first(_hard_stop(n) for n in evidence.notebooks)
    if stop is not None:
        return stop
    doubt = _first(_doubt(n) for n in evidence.notebooks)
    criteria = [prior[c] for c in context.project_criteria if c in prior]
    if criteria:
        outcome = _by_criteria(criteria, context)
        return doubt if doubt is not None and outcome.mark == "o" else outcome
    return doubt or _no_result(evidence) or _no_samples(evidence) or _clean_run(evidence)


def _first(outcomes: Iterable[Outcome | None]) -> Outcome | None:
    return next((o for o in outcomes if o is not None), None)


def _hard_stop(notebook: NotebookEvidence) -> Outcome | None:
    """x: an error nothing ran after, or the notebook's last part (its training, or a third of
    its work) never ran."""
    run = notebook.stored_run
    if run is None:
        return None if notebook.ran_to_end else _stopped(notebook, None)
    if run.stop_kind == "stopped":
        return _stopped(notebook, run.stop_cell)
    cells = _missing(run)[-run.unrun_tail :] if run.unrun_tail else ()
    trains = {f.ref.cell for f in notebook.fits} & set(cells)
    if len(cells) >= MIN_UNRUN_TAIL and (trains or len(cells) * 3 >= run.work_cells):
        return Outcome.of(
            "x",
            "not_run_to_end",
            _refs(notebook, cells),
            notebook=notebook.path,
            cells=_cells(cells),
            count=len(cells),
        )
    return None


def _stopped(notebook: NotebookEvidence, cell: int | None) -> Outcome:
    error = next((e for e in notebook.errors if cell is None or e.ref.cell == cell), None)
    if error is None:
        return Outcome.of("x", "run_incomplete", notebook=notebook.path)
    ref = EvidenceRef(**{**error.ref.model_dump(), "notebook": notebook.path})
    return Outcome.of(
        "x",
        "stopped_with_error",
        [ref],
        notebook=notebook.path,
        cell=(error.ref.cell or 0) + 1,
        ename=error.ename,
        detail=_detail(error.evalue),
    )


def _doubt(notebook: NotebookEvidence) -> Outcome | None:
    """△: the stored outputs do not show one clean run (the reason names the cells)."""
    run = notebook.stored_run
    if run is None:
        return None
    if run.stop_kind in ("at_end", "stale"):
        return _crash(notebook, run)
    if run.broken_cells:
        return _listed("cell_does_not_parse", notebook, run.broken_cells)
    if run.unrun_cells:
        return _listed("cells_never_run", notebook, run.unrun_cells)
    return _results_before_training(notebook, run)


def _crash(notebook: NotebookEvidence, run: StoredRun) -> Outcome:
    error = next(e for e in notebook.errors if e.ref.cell == run.stop_cell)
    reason = "stopped_at_end" if run.stop_kind == "at_end" else "error_after_outputs"
    return Outcome.of(
        "△",
        reason,
        [error.ref],
        notebook=notebook.path,
        cell=cell_no(error.ref),
        ename=error.ename,
        detail=_detail(error.evalue),
    )


def _detail(evalue: str) -> str:
    """``: message`` after the error name, or nothing when the error has no message."""
    text = short(evalue, 120)
    return f": {text}" if text else ""


def _listed(reason: str, notebook: NotebookEvidence, cells: tuple[int, ...]) -> Outcome:
    refs = _refs(notebook, cells)
    return Outcome.of(
        "△",
        reason,
        refs,
        notebook=notebook.path,
        cells=_cells(cells),
        count=len(cells),
        excerpt=short(refs[0].excerpt, 60) if refs else "",
    )


def _results_before_training(notebook: NotebookEvidence, run: StoredRun) -> Outcome | None:
    """△ when every result shown after the last training cell was made before it ran."""
    if run.counts_stripped:
        return None
    counts = {c.index: c.execution_count for c in notebook.code}
    shown = {c.index for c in notebook.code if c.has_output}
    trained = [r.cell for r in _training_refs(notebook) if r.cell in shown]
    trained = [c for c in trained if c is not None and counts.get(c) is not None]
    if not trained:
        return None
    last = max(trained)
    trained_at = counts[last] or 0
    after = sorted({c for c in _result_cells(notebook) if c > last and counts.get(c) is not None})
    if not after or any((counts[c] or 0) > trained_at for c in after):
        return None
    code = _code(notebook, last)
    return Outcome.of(
        "△",
        "results_before_training",
        [EvidenceRef(source="code", notebook=notebook.path, cell=c) for c in (last, after[-1])],
        notebook=notebook.path,
        training=f"셀 {last + 1}",
        training_count=code.execution_count if code else trained_at,
        results=_cells(tuple(after)),
        result_count=max(counts[c] or 0 for c in after),
    )


def _training_refs(notebook: NotebookEvidence) -> Iterator[EvidenceRef]:
    yield from (f.ref for f in notebook.fits)
    yield from (r.ref for r in notebook.runs)


def _result_cells(notebook: NotebookEvidence) -> Iterator[int]:
    refs = [*(m.ref for m in notebook.metrics), *(f.ref for f in notebook.figures)]
    yield from (r.cell for r in refs if r.cell is not None)


def _no_result(evidence: Evidence) -> Outcome | None:
    """Without project criteria, a run must at least train or evaluate something."""
    for notebook in evidence.notebooks:
        if notebook.fits or notebook.runs or notebook.evaluations or notebook.metrics:
            return None
    return Outcome.of("△", "no_training_result", notebooks=len(evidence.notebooks))


def _no_samples(evidence: Evidence) -> Outcome | None:
    """Without project criteria, a GAN's final result is its samples: △ when no image is
    shown at or after its training except curves (loss plots)."""
    for notebook in evidence.notebooks:
        if not is_gan(notebook):
            continue
        start = min((r.cell for r in _training_refs(notebook) if r.cell is not None), default=0)
        shown = [c for c in notebook.code if c.index >= start and c.has_image]
        if not any(not _curve_only(c.source) for c in shown):
            curves = [
                EvidenceRef(source="code", notebook=notebook.path, cell=c.index) for c in shown
            ]
            return Outcome.of(
                "△",
                "no_generated_samples",
                curves[:1],
                notebook=notebook.path,
                training=f"셀 {start + 1}",
            )
    return None


def _curve_only(source: str) -> bool:
    lowered = source.lower()
    return ".plot(" in lowered and not any(word in lowered for word in _SAMPLE_WORDS)


def _clean_run(evidence: Evidence) -> Outcome:
    """o: one run to a final result; names the last result and any error it ran past."""
    notebook = evidence.notebooks[-1]
    final = _final_result(notebook)
    facts = {"notebooks": len(evidence.notebooks), "final": cell_no(final) if final else "노트북"}
    recovered = [
        (n, cell)
        for n in evidence.notebooks
        if n.stored_run
        for cell in n.stored_run.recovered_errors
    ]
    if not recovered:
        return Outcome.of("o", "ran_to_end_no_assignment", [final] if final else [], **facts)
    owner, cell = recovered[0]
    error = next(e for e in owner.errors if e.ref.cell == cell)
    return Outcome.of(
        "o",
        "ran_past_error",
        [ref for ref in (error.ref, final) if ref is not None],
        cell=cell_no(error.ref),
        ename=error.ename,
        **facts,
    )


def _final_result(notebook: NotebookEvidence) -> EvidenceRef | None:
    refs = [
        *(m.ref for m in notebook.metrics),
        *(f.ref for f in notebook.figures),
        *(e.ref for e in notebook.evaluations),
        *(r.ref for r in notebook.runs),
    ]
    shown = [r for r in refs if r.cell is not None]
    return max(shown, key=lambda r: r.cell or 0) if shown else None


def _by_criteria(criteria: list[Verdict], context: ScoringContext) -> Outcome:
    met = [v for v in criteria if v.mark == "o"]
    unsure = [v for v in criteria if v.mark == "△"]
    refs = [ref for v in met for ref in v.evidence[:1]]
    facts = {
        "met": len(met),
        "total": len(criteria),
        "required": context.required_criteria,
        "met_labels": [v.label for v in met] or ["없음"],
    }
    if len(met) >= context.required_criteria:
        return Outcome.of("o", "criteria_met", refs, **facts)
    if len(met) + len(unsure) >= context.required_criteria:
        return Outcome.of("△", "criteria_uncertain", refs, unsure=len(unsure), **facts)
    return Outcome.of("x", "criteria_not_met", refs, **facts)


def _missing(run: StoredRun) -> tuple[int, ...]:
    return tuple(sorted({*run.unrun_cells, *run.broken_cells}))


def _refs(notebook: NotebookEvidence, cells: Iterable[int]) -> list[EvidenceRef]:
    refs = []
    for index in list(cells)[:MAX_LISTED]:
        code = _code(notebook, index)
        excerpt = _first_line(code.source) if code else ""
        refs.append(EvidenceRef(source="code", notebook=notebook.path, cell=index, excerpt=excerpt))
    return refs


def _first_line(source: str) -> str:
    """The line that tells what a cell does: its first call that is not an import."""
    lines = [line.strip() for line in source.splitlines()]
    code = [line for line in lines if line and not line.startswith("#")]
    calls = [line for line in code if "(" in line and not line.startswith(_QUIET)]
    telling = [line for line in calls if _TELLING.search(line)]
    printing = [line for line in calls if line.startswith("print(")]
    return (telling or printing or calls or code or [""])[0][:200]


def _code(notebook: NotebookEvidence, index: int) -> CodeCellSummary | None:
    return next((c for c in notebook.code if c.index == index), None)


def _cells(cells: tuple[int, ...]) -> str:
    shown = ", ".join(str(c + 1) for c in cells[:MAX_LISTED])
    return f"셀 {shown} 등 {len(cells)}개" if len(cells) > MAX_LISTED else f"셀 {shown}"
