"""Evidence from cell outputs: training runs, metric readings, figures, tables, errors."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from grader.evidence.names import Role, metric_name
from grader.evidence.outputs.logs import (
    EPOCH_SECONDS,
    LogParse,
    ParsedRun,
    clean_lines,
    metric_key,
    parse_logs,
    printed_metrics,
)
from grader.evidence.outputs.tables import (
    epoch_rows,
    html_tables,
    markdown_tables,
    matches,
    parsed_html_tables,
    result_line_numbers,
    shown_forms,
    stated_numbers,
    text_tables,
)
from grader.records.evidence import (
    EpochMetrics,
    ErrorFact,
    EvidenceRef,
    FigureOutput,
    MetricReading,
    ParamCount,
    ResultNote,
    TableOutput,
    TrainingRun,
)
from grader.records.execution import Cell

MAX_READINGS_PER_CELL = 100
MAX_NOTE_CHARS = 100_000
_NUMBER = re.compile(r"\d")
_TRIAL = re.compile(r"\btrial\s*#?\s*\d+", re.IGNORECASE)
_TOTAL_PARAMS = re.compile(r"Total params:\s*([\d,]+)")
_MODEL_HEADER = re.compile(r'Model:\s*"([^"]{1,80})"')
_REPORT_ROW = re.compile(r"^\s*(accuracy)\s+(\d?\.\d+)\s+\d+\s*$")


@dataclass
class OutputEvidence:
    """Facts from the outputs of a notebook's cells."""

    runs: list[TrainingRun] = field(default_factory=list)
    metrics: list[MetricReading] = field(default_factory=list)
    figures: list[FigureOutput] = field(default_factory=list)
    tables: list[TableOutput] = field(default_factory=list)
    errors: list[ErrorFact] = field(default_factory=list)
    param_counts: list[ParamCount] = field(default_factory=list)
    result_notes: list[ResultNote] = field(default_factory=list)
    numeric_lines: dict[int, int] = field(default_factory=dict)
    """Cell index -> output lines that hold a number."""
    trial_lines: dict[int, int] = field(default_factory=dict)
    """Cell index -> output lines reporting a search trial."""
    result_line_numbers: list[float] = field(default_factory=list)
    """Numbers printed on lines that name a metric (to check markdown restatements)."""


def extract_outputs(
    notebook: str,
    cells: Sequence[Cell],
    evaluate_roles: dict[int, Role],
    training_only: frozenset[int] = frozenset(),
) -> OutputEvidence:
    """Read every cell's outputs; ``evaluate_roles`` gives the data role of ``evaluate`` calls
    made in a cell (so a bare Keras evaluate line can be called a test reading);
    ``training_only``: cells that evaluate nothing but training data, where a score printed
    as a test score is a training score."""
    found = OutputEvidence()
    for cell in cells:
        if cell.cell_type == "markdown":
            ref = EvidenceRef(source="markdown", notebook=notebook, cell=cell.index)
            found.tables.extend(markdown_tables(cell.source, ref))
        elif cell.cell_type == "code":
            role = evaluate_roles.get(cell.index, "unknown")
            _cell_outputs(found, notebook, cell, role, cell.index in training_only)
    forms = shown_forms(_result_numbers(found))
    found.result_notes = result_notes(notebook, cells, forms)
    found.tables = [_checked(table, forms) for table in found.tables]
    return found


def _run_results(run: TrainingRun) -> list[float]:
    """What a run ended with: its last epoch and each metric's best value (a log's middle
    epochs are not anyone's result, and matching them would credit coincidences)."""
    if not run.epochs:
        return []
    values = list(run.epochs[-1].metrics.values())
    names = {name for epoch in run.epochs for name in epoch.metrics}
    for name in names:
        seen = [e.metrics[name] for e in run.epochs if name in e.metrics]
        values += [max(seen), min(seen)]
    return values


def _result_numbers(found: OutputEvidence) -> list[float]:
    """The results the outputs show: metric readings, logged epochs, printed tables."""
    numbers = [m.value for m in found.metrics]
    numbers += [v for run in found.runs for v in _run_results(run)]
    numbers += [v for t in found.tables if t.ref.source == "output" for v in t.values]
    return numbers + found.result_line_numbers


def _checked(table: TableOutput, forms: set[str]) -> TableOutput:
    """A markdown table with the count of its numbers that an output shows."""
    if table.ref.source != "markdown":
        return table
    shown = sum(1 for value in table.values if matches(_plain(value), forms))
    return table.model_copy(update={"values_shown": shown})


def _plain(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def result_notes(notebook: str, cells: Sequence[Cell], forms: set[str]) -> list[ResultNote]:
    """Markdown cells that state result numbers, with how many of them the outputs show
    (``forms``: the shown results in every rounding, see :func:`shown_forms`)."""
    notes = []
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        stated = stated_numbers(cell.source[:MAX_NOTE_CHARS])
        if stated:
            ref = EvidenceRef(
                source="markdown",
                notebook=notebook,
                cell=cell.index,
                excerpt=cell.source[:200],
            )
            matched = sum(1 for number, _ in stated if matches(number, forms))
            notes.append(ResultNote(ref=ref, numbers=len(stated), matched=matched))
    return notes


def _cell_outputs(
    found: OutputEvidence, notebook: str, cell: Cell, role: Role, training_only: bool = False
) -> None:
    for position, output in enumerate(cell.outputs):
        ref = EvidenceRef(
            source="output", notebook=notebook, cell=cell.index, output_index=position
        )
        if output.output_type == "error":
            name, _, value = output.text.partition(":")
            found.errors.append(
                ErrorFact(
                    ref=ref.model_copy(update={"excerpt": output.text[:200]}),
                    ename=name.strip()[:100],
                    evalue=value.strip()[:500],
                )
            )
        if output.image_png:
            found.figures.append(FigureOutput(ref=ref, mime=output.image_mime or "image/png"))
        if output.html:
            found.tables.extend(html_tables(output.html, ref))
            found.runs.extend(_table_runs(output.html, ref))
    chunks = _text_chunks(cell)
    if chunks:
        # A Keras summary spans several outputs (header, table, totals): read them together.
        whole = "\n".join(text for _, text in chunks)
        cell_ref = EvidenceRef(source="output", notebook=notebook, cell=cell.index)
        found.param_counts.extend(param_counts(whole, cell_ref))
    for _, text in chunks:
        found.result_line_numbers += result_line_numbers(text)
    shown = [line for _, text in chunks for line in clean_lines(text)]
    lines = sum(1 for line in shown if _NUMBER.search(line))
    if lines:
        found.numeric_lines[cell.index] = lines
    trials = sum(1 for line in shown if _TRIAL.search(line))
    if trials:
        found.trial_lines[cell.index] = trials
    for position, text in chunks:
        ref = EvidenceRef(
            source="output", notebook=notebook, cell=cell.index, output_index=position
        )
        found.tables.extend(text_tables(text, ref))
        parsed = parse_logs(text)
        found.runs.extend(_training_run(run, ref) for run in parsed.runs)
        readings = _readings(parsed, ref, role, training_only)
        found.metrics.extend(readings[:MAX_READINGS_PER_CELL])


def _table_runs(markup: str, ref: EvidenceRef) -> list[TrainingRun]:
    """Training runs shown as a per-epoch progress table (Hugging Face ``Trainer``)."""
    runs = []
    for header, rows in parsed_html_tables(markup):
        epochs = epoch_rows(header, rows)
        if epochs:
            run = ParsedRun("print", 0, epochs=epochs, asked=None)
            runs.append(_training_run(run, ref).model_copy(update={"source": "table"}))
    return runs


def param_counts(text: str, ref: EvidenceRef) -> list[ParamCount]:
    """``Total params: N`` lines of Keras model summaries, each with the model name above it."""
    counts = []
    for match in _TOTAL_PARAMS.finditer(text):
        headers = _MODEL_HEADER.findall(text, 0, match.start())
        total = int(match.group(1).replace(",", "") or 0)
        counts.append(ParamCount(ref=ref, total=total, model=headers[-1] if headers else ""))
    return counts


def _text_chunks(cell: Cell) -> list[tuple[int, str]]:
    """Text of the outputs; consecutive stream outputs joined (a line may span them)."""
    chunks: list[tuple[int, str]] = []
    previous_stream = False
    for position, output in enumerate(cell.outputs):
        if output.output_type == "error" or not output.text:
            previous_stream = False
            continue
        stream = output.output_type == "stream"
        if stream and previous_stream and chunks:
            chunks[-1] = (chunks[-1][0], chunks[-1][1] + output.text)
        else:
            chunks.append((position, output.text))
        previous_stream = stream
    return chunks


def _training_run(run: ParsedRun, ref: EvidenceRef) -> TrainingRun:
    epochs = tuple(
        EpochMetrics(
            epoch=n,
            metrics={k: v for k, v in m.items() if k != EPOCH_SECONDS},
            seconds=m.get(EPOCH_SECONDS),
        )
        for n, m in run.epochs
    )
    return TrainingRun(
        ref=ref.model_copy(update={"excerpt": f"{len(epochs)} epochs"}),
        source=run.source,
        epochs=epochs,
        epochs_asked=run.asked,
    )


def _readings(
    parsed: LogParse, ref: EvidenceRef, role: Role, training_only: bool = False
) -> list[MetricReading]:
    readings: list[MetricReading] = []
    for line, metrics in parsed.evaluate_lines:
        readings.extend(_from_metrics(metrics, ref, line, role, training_only))
    for line in parsed.other_lines:
        row = _REPORT_ROW.match(line)
        if row:
            key = metric_key(row.group(1), float(row.group(2)))
            if key:
                readings.extend(_from_metrics(dict([key]), ref, line, role, training_only))
            continue
        readings.extend(_from_metrics(printed_metrics(line), ref, line, role, training_only))
    return readings


def _reading_role(named: Role, cell_role: Role, training_only: bool) -> Role:
    """The printed name's role, else the cell's; a "test" score of a cell that evaluated
    only training data is a training score (``evaluate(x_train, ...)`` printed as test)."""
    if named == "test" and training_only:
        return "train"
    return named if named != "unknown" else cell_role


def _from_metrics(
    metrics: dict[str, float], ref: EvidenceRef, line: str, role: Role, training_only: bool
) -> list[MetricReading]:
    readings = []
    excerpt = ref.model_copy(update={"excerpt": line[:200]})
    for key, value in metrics.items():
        named = metric_name(key.replace("_", " ", 1) if "_" in key else key)
        if named is None:
            continue
        name, key_role = named
        readings.append(
            MetricReading(
                ref=excerpt,
                name=name,
                value=value,
                role=_reading_role(key_role, role, training_only),
            )
        )
    return readings
