"""3. 문제 해결: data split, hyperparameter trials, visual comparison, recorded results."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from grader.evidence.derived.trials import WEAK_VARIATIONS, count_trials
from grader.records.evidence import (
    Evidence,
    EvidenceRef,
    NotebookEvidence,
    PlotCall,
    ResultNote,
    TableOutput,
)
from grader.rubric.checks.common import NOT_EXECUTED, cell_no, cell_state, each, figures_of
from grader.rubric.outcome import Outcome
from grader.rubric.registry import check

SETTING_LABELS = {
    "learning_rate": "학습률",
    "batch_size": "배치 크기",
    "epochs": "에폭 수",
    "optimizer": "옵티마이저",
    "dropout": "드롭아웃",
    "units": "유닛 수",
    "num_layers": "층 구성",
    "embedding_dim": "임베딩 크기",
    "architecture": "모델 구조",
    "filters": "필터 수",
}
"""How the comments name a varied setting (a loop variable keeps its own name)."""


def changed_text(varied: list[str]) -> str:
    """``학습률, 반복 변수 f, rate``: known settings by their Korean name, then the loop
    variables a notebook varied under its own names (so a one-letter name reads as one)."""
    known = [SETTING_LABELS[v] for v in varied if v in SETTING_LABELS]
    loops = [v for v in varied if v not in SETTING_LABELS]
    parts = [*known, *([f"반복 변수 {', '.join(loops)}"] if loops else [])]
    return ", ".join(parts) or "없음"


class TrialParams(BaseModel):
    """How many trials count as "several"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_trials: int = 2


@check("problem_solving.hparam_trials", params=TrialParams)
def hparam_trials(evidence: Evidence, params: TrialParams) -> Outcome:
    """o for ≥ min_trials runs with visibly varied settings; claims without runs are △."""
    trials = count_trials(evidence)
    facts = {
        "runs": trials.runs,
        "varied": trials.varied or ["없음"],
        "changed": changed_text(trials.varied),
        "min_trials": params.min_trials,
    }
    where = {"where": cell_no(trials.refs[0]) if trials.refs else "노트북"}
    real = [name for name in trials.varied if name not in WEAK_VARIATIONS]
    if trials.runs >= params.min_trials and real:
        return Outcome.of("o", "trials_found", trials.refs, **facts, **where)
    if trials.runs >= params.min_trials and trials.search:
        return Outcome.of("o", "search_ran", trials.refs, **facts, **where)
    if trials.runs >= params.min_trials and trials.varied:
        # Comparing architectures or training longer is an experiment, not a hyperparameter
        # trial; a reader would hesitate to tick it.
        return Outcome.of("△", "only_architecture_or_epochs", trials.refs, **facts, **where)
    if trials.runs >= params.min_trials:
        return Outcome.of("△", "runs_without_variation", trials.refs, **facts, **where)
    if trials.hidden_searches:
        at = {"where": cell_no(trials.hidden_searches[0])}
        return Outcome.of("△", "search_trials_not_shown", trials.hidden_searches, **facts, **at)
    if trials.hidden_refs:
        # The sweep ran, but its runs' outcomes are not visible (one print after the loop).
        at = {"where": cell_no(trials.hidden_refs[0])}
        return Outcome.of(
            "△", "trial_outcomes_not_shown", trials.hidden_refs, hidden=trials.hidden, **facts, **at
        )
    if trials.failed >= params.min_trials and not trials.planned:
        return Outcome.of("x", "trials_not_completed", trials.refs, planned=trials.failed, **facts)
    if trials.planned >= params.min_trials:
        return Outcome.of(
            "△", "trials_planned_not_run", trials.refs, planned=trials.planned, **facts
        )
    if trials.claims:
        return Outcome.of("△", "trials_only_claimed", trials.claims, **facts)
    if trials.runs == 0:
        return Outcome.of("x", "no_training_seen", trials.refs, **facts)
    return Outcome.of("x", "single_trial", trials.refs, **facts, **where)


@check("problem_solving.visual_comparison")
def visual_comparison(evidence: Evidence) -> Outcome:
    """o for one figure or table with several runs side by side; a figure per run is △;
    single-run curves, data plots (class counts, samples, ROC of one model) are x."""
    plots = [(n, p) for n in evidence.notebooks for p in n.plots if _run_plot(p)]
    drawn = [(n, p) for n, p in plots if _figure_cells(n, p)]
    comparing = [(n, p) for n, p in drawn if _compares_runs(p) and not _figure_per_run(n, p)]
    # Runs are compared only where several ran: a typed table of runs never run is a claim,
    # a chart or DataFrame beside one training shows data or that one run.
    ran = count_trials(evidence).runs >= 2
    if comparing:
        notebook, first = comparing[0]
        refs = [first.ref, *_figures(notebook, first), *(p.ref for _, p in comparing[1:3])]
        if not ran and not first.mentions_history:  # a chart of numbers, not of runs
            return Outcome.of("△", "comparison_without_runs", refs, where=cell_no(first.ref))
        return Outcome.of("o", "comparison_plot", refs, where=cell_no(first.ref))
    tables = [
        t
        for n in evidence.notebooks
        for t in n.tables
        if _comparison_table(t) and ran
    ]
    if tables:
        return Outcome.of("o", "comparison_table", [tables[0].ref], where=cell_no(tables[0].ref))
    return _without_comparison(evidence, plots, drawn)


def _without_comparison(
    evidence: Evidence,
    plots: list[tuple[NotebookEvidence, PlotCall]],
    drawn: list[tuple[NotebookEvidence, PlotCall]],
) -> Outcome:
    per_run = [(n, p) for n, p in drawn if _figure_per_run(n, p)]
    if per_run:
        first = per_run[0][1]
        return Outcome.of(
            "△",
            "plots_per_experiment",
            [first.ref],
            figures=_figure_count(per_run[0]),
            where=cell_no(first.ref),
        )
    curves = [(n, p) for n, p in drawn if p.mentions_history]
    if curves:
        first = curves[0][1]
        return Outcome.of("x", "single_run_curve", [first.ref], where=cell_no(first.ref))
    unshown = [(n, p) for n, p in plots if cell_state(n, p.ref.cell) not in NOT_EXECUTED]
    if any(_compares_runs(p) for _, p in unshown):
        first = next(p for _, p in unshown if _compares_runs(p))
        return Outcome.of("△", "plot_without_figure", [first.ref], where=cell_no(first.ref))
    if unshown:
        first = unshown[0][1]
        return Outcome.of("x", "run_plot_not_shown", [first.ref], where=cell_no(first.ref))
    if plots:
        first = plots[0][1]
        return Outcome.of("x", "plot_not_executed", [first.ref], where=cell_no(first.ref))
    return Outcome.of("x", "no_plot")


def _run_plot(plot: PlotCall) -> bool:
    """A plot of training runs or their results (not of the data)."""
    return plot.mentions_history or plot.results_chart


def _compares_runs(plot: PlotCall) -> bool:
    if plot.results_chart:
        return True
    looped = plot.in_loop and not plot.loop_over_metrics
    return plot.mentions_history and (looped or plot.runs_drawn >= 2)


def _figure_cells(notebook: NotebookEvidence, plot: PlotCall) -> list[int]:
    """Cells whose images this plot drew: its own, or where its plotting helper is called."""
    cells = [plot.ref.cell] if plot.ref.cell is not None else []
    if plot.function_name:
        cells += list(notebook.call_sites.get(plot.function_name, ()))
    shown = {f.ref.cell for f in notebook.figures}
    return [c for c in cells if c in shown]


def _figures(notebook: NotebookEvidence, plot: PlotCall) -> list[EvidenceRef]:
    return [ref for cell in _figure_cells(notebook, plot) for ref in figures_of(notebook, cell)]


def _figure_count(drawn: tuple[NotebookEvidence, PlotCall]) -> int:
    notebook, plot = drawn
    return len(_figures(notebook, plot)) if plot.in_loop else len(_curve_trainings(notebook))


def _figure_per_run(notebook: NotebookEvidence, plot: PlotCall) -> bool:
    """One figure per run: a loop over runs that draws a figure each time, or learning
    curves drawn again after each of several trainings."""
    if not plot.mentions_history:
        return False
    if plot.in_loop and not plot.loop_over_metrics and len(_figures(notebook, plot)) >= 2:
        return True
    return not _compares_runs(plot) and len(_curve_trainings(notebook)) >= 2


def _curve_trainings(notebook: NotebookEvidence) -> set[int]:
    """The trainings that learning-curve cells follow (the last training cell before each)."""
    trainings = sorted(
        {f.ref.cell for f in notebook.fits if f.ref.cell is not None}
        | {r.ref.cell for r in notebook.runs if r.ref.cell is not None}
    )
    followed = set()
    for plot in notebook.plots:
        if plot.mentions_history and plot.ref.cell is not None and _figure_cells(notebook, plot):
            before = [c for c in trainings if c <= plot.ref.cell]
            if before:
                followed.add(before[-1])
    return followed


_TABLE_METRICS = re.compile(
    r"(?<![a-z])(?:acc|accuracy|loss|f1|precision|recall|auc|roc_auc|mae|mse|rmse|r2|score|"
    r"bleu|rouge|iou|miou|dice|metrics?|error|public|private)(?![a-z])|정확도|손실|성능|점수",
    re.IGNORECASE,
)
"""Metric names as words (``val_acc``, ``Test Accuracy``), not inside others (Prev*iou*s)."""


def _is_number_text(text: str) -> bool:
    return text.strip().replace(".", "", 1).isdigit()


def _comparison_table(table: TableOutput) -> bool:
    """A table of results side by side: numbers under metric names, at least two runs
    (rows, or columns when the metrics are the rows); not a per-epoch log of one run."""
    if not table.numeric or table.rows < 1:
        return False
    if table.columns and table.columns[0].strip().lower() in {"epoch", "epochs", "step", "에폭"}:
        return False
    named = [c for c in table.columns if c.strip()]
    numbered = bool(table.row_labels) and all(_is_number_text(r) for r in table.row_labels)
    if numbered and named and all(_TABLE_METRICS.search(c) for c in named):
        return False  # rows 0, 1, 2 … of metrics only: one run's epochs (``history``)
    by_columns = table.rows >= 2 and any(_TABLE_METRICS.search(c) for c in table.columns)
    by_rows = len(table.columns) >= 3 and any(_TABLE_METRICS.search(r) for r in table.row_labels)
    side_by_side = table.rows >= 2 or len(table.columns) >= 3
    return by_columns or by_rows or (side_by_side and table.values_shown >= 2)


@check("problem_solving.results_recorded")
def results_recorded(evidence: Evidence) -> Outcome:
    """o when every run's outcome is visible and, for several runs, written in markdown that
    agrees with the outputs; raw prints of several runs, claims, or an overwritten loop
    metric are △; no visible result is x."""
    training_cells = [
        (notebook, fit.ref)
        for notebook in evidence.notebooks
        for fit in notebook.fits
        if not _definition_only(notebook, fit.ref)
    ]
    if not training_cells:
        return Outcome.of("x", "no_training")
    silent = [ref for notebook, ref in training_cells if not _cell_shows_result(notebook, ref)]
    readings = [m for n in evidence.notebooks for m in n.metrics if _on_page(n, m.ref)]
    tables = [t for t in each(evidence, lambda n: n.tables) if t.numeric and t.rows >= 2]
    shown = len(training_cells) - len(silent)
    facts = {"trainings": len(training_cells), "shown": shown}
    if shown == 0:
        return Outcome.of("x", "no_results_visible", [training_cells[0][1]], **facts)
    refs = [*(t.ref for t in tables[:1]), *(r.ref for r in readings[-2:])]
    if silent and not tables:
        return Outcome.of(
            "△", "some_results_missing", [silent[0], *refs], where=cell_no(silent[0]), **facts
        )
    logged = [r for n in evidence.notebooks for r in n.runs if r.epochs and _on_page(n, r.ref)]
    if not readings and not tables and not logged:
        return Outcome.of("△", "no_final_metric", [training_cells[-1][1]], **facts)
    return _recorded_verdict(evidence, training_cells, refs, facts)


def _recorded_verdict(
    evidence: Evidence,
    training_cells: list[tuple[NotebookEvidence, EvidenceRef]],
    refs: list[EvidenceRef],
    facts: dict[str, int],
) -> Outcome:
    """Every training shows a result: is each run's outcome written down for a reader?"""
    trials = count_trials(evidence)
    if trials.runs < 2 and trials.claims:
        return Outcome.of("△", "claimed_experiment_results", [*trials.claims, *refs], **facts)
    if trials.hidden_searches:
        search = trials.hidden_searches[0]
        return Outcome.of(
            "△", "search_trials_not_shown", [search, *refs], where=cell_no(search), **facts
        )
    if trials.hidden_refs:
        loop = trials.hidden_refs[0]
        return Outcome.of(
            "△",
            "loop_results_overwritten",
            [loop, *refs],
            where=cell_no(loop),
            hidden=trials.hidden,
            **facts,
        )
    if trials.runs < 2 or len({(ref.notebook, ref.cell) for _, ref in training_cells}) < 2:
        # One run, or one training cell whose output lists every run it trained: the
        # printed metrics are the outcome of every run there is.
        shown_at = refs or [training_cells[-1][1]]
        return Outcome.of("o", "results_recorded", shown_at, where=cell_no(shown_at[-1]), **facts)
    written = _written_results(evidence)
    if _agrees(written) and sum(n.matched for n in written) >= 2:
        first = written[0].ref
        return Outcome.of("o", "results_written", [first, *refs], where=cell_no(first), **facts)
    where = cell_no(refs[-1]) if refs else cell_no(training_cells[-1][1])
    # Several runs whose results are only raw prints: the reader must dig them out of logs.
    return Outcome.of(
        "△", "results_only_printed", refs or [training_cells[-1][1]], where=where, **facts
    )


def _agrees(written: list[ResultNote]) -> bool:
    """Most numbers of the cells that restate results are the ones the outputs show (a list
    of runs the notebook never ran, or numbers from another session, do not agree)."""
    stated = sum(n.numbers for n in written)
    return bool(written) and sum(n.matched for n in written) * 5 >= stated


def _written_results(evidence: Evidence) -> list[ResultNote]:
    """Markdown cells whose result numbers an output shows (a written record of a run)."""
    notes = [n for n in each(evidence, lambda nb: nb.result_notes) if n.matched >= 1]
    tables = [
        ResultNote(ref=t.ref, numbers=len(t.values), matched=t.values_shown)
        for t in each(evidence, lambda nb: nb.tables)
        if t.ref.source == "markdown" and t.values_shown >= 1
    ]
    return sorted([*notes, *tables], key=lambda n: n.ref.cell or 0)


def _definition_only(notebook: NotebookEvidence, ref: EvidenceRef) -> bool:
    """A silent cell that defines the training function: its results appear where it's called."""
    cell = next((c for c in notebook.code if c.index == ref.cell), None)
    return bool(cell and not cell.has_output and not cell.error and "def " in cell.source)


def _on_page(notebook: NotebookEvidence, ref: EvidenceRef) -> bool:
    """A fact a reader of the notebook can see: from an output, or traced in a cell that
    shows output (the recorder's trace of a silent cell is not on the page)."""
    if ref.source != "trace":
        return True
    return any(c.index == ref.cell and c.has_output for c in notebook.code)


def _cell_shows_result(notebook: NotebookEvidence, ref: EvidenceRef) -> bool:
    if cell_state(notebook, ref.cell) in NOT_EXECUTED:
        return False  # a training that failed shows no result, whatever it logged first
    if any(run.ref.cell == ref.cell and _on_page(notebook, run.ref) for run in notebook.runs):
        return True
    if any(m.ref.cell == ref.cell and _on_page(notebook, m.ref) for m in notebook.metrics):
        return True
    cell = next((c for c in notebook.code if c.index == ref.cell), None)
    return bool(cell and cell.has_output and not cell.error)
