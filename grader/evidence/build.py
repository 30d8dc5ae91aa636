"""Compose the evidence stage: code, prose and outputs of each notebook, README and app files."""

from __future__ import annotations

import re
from pathlib import Path

from grader.assignments.pack import SampleArtifacts
from grader.evidence.code.collect import CodeEvidence, extract_code
from grader.evidence.code.plots import WEB_SUFFIXES, extract_imports, web_client_endpoint
from grader.evidence.names import Role, role_of
from grader.evidence.outputs.collect import OutputEvidence, extract_outputs
from grader.evidence.outputs.trace import TraceEvidence, merge_splits, trace_evidence
from grader.evidence.outputs.trace import findings as trace_findings
from grader.evidence.text.course import CourseText
from grader.evidence.text.markdown import markdown_texts, readme_texts, sections
from grader.evidence.text.prose import MAX_TEXT_CHARS
from grader.judges import get_judge
from grader.notebook.code import parse_cell, writefile_target
from grader.notebook.files import MAX_APP_FILE_BYTES, read_capped
from grader.records.app_result import AppFactKind, app_kind_of_imports
from grader.records.evidence import (
    AppFact,
    ArtifactJudgement,
    CodeCellSummary,
    Evidence,
    EvidenceRef,
    MetricReading,
    NotebookEvidence,
    SampleJudgement,
)
from grader.records.execution import Cell, ExecutedNotebook, Execution
from grader.records.submission import NotebookFile, Submission

MAX_APP_FILES = 50
MAX_WEB_FILES = 200
_BUILDS_APP = re.compile(r"\b(?:FastAPI|Flask)\s*\(|\.launch\s*\(|\bst\.\w+\s*\(")
"""A file that builds and serves the app (not a helper importing the framework) goes first."""
_SKIPPED_DIRS = frozenset({"node_modules", "build", "dist", "__pycache__", "venv"})
MAX_README_CHARS = 200_000
MAX_SUMMARY_SOURCE = 20_000


def build_evidence(
    submission: Submission,
    execution: Execution,
    course: CourseText | None,
    artifacts: SampleArtifacts | None = None,
    *,
    data_dir: Path | None = None,
) -> Evidence:
    """Everything the rubric needs, as pure data; never raises on student content.

    ``artifacts``: files the assignment asks each notebook to save (generated samples, masks,
    restored images, text); they are read from the submission folder (after ``--run``, as the
    notebooks left them). ``data_dir``: the course's data directory (``--data``), where a
    judge finds its truth; ``None`` (stored-mode grading without data) leaves judges that need
    a truth file unmeasured (their criteria say so)."""
    readme = (submission.readme or "")[:MAX_README_CHARS]
    notebooks = tuple(notebook_evidence(nb, course) for nb in execution.notebooks)
    return Evidence(
        mode=execution.mode,
        notebooks=notebooks,
        readme_sections=tuple(sections([(None, readme)], "readme", None, course)),
        readme_texts=tuple(readme_texts(readme, course)),
        apps=tuple(file_apps(Path(submission.root), submission.app_files, submission.notebooks)),
        findings=tuple(
            finding
            for nb in execution.notebooks
            if nb.trace is not None
            for finding in trace_findings(nb.trace, nb.path)
        ),
        app_results=execution.apps,
        samples=_samples(Path(submission.root), notebooks, artifacts),
        artifacts=_measured(Path(submission.root), notebooks, artifacts, data_dir),
    )


def _samples(
    root: Path, notebooks: tuple[NotebookEvidence, ...], artifacts: SampleArtifacts | None
) -> tuple[SampleJudgement, ...]:
    """Judgements of the sample files, when the assignment asks for any."""
    if artifacts is None or get_judge(artifacts.judge).metric is not None:
        return ()  # a pixel classifier (digits) rates samples; metric judges measure files
    # Imported here for start-up time: numpy loads only for packs whose notebooks save samples.
    from grader.evidence.outputs.artifacts import sample_judgements

    return tuple(sample_judgements(root, notebooks, artifacts))


def _measured(
    root: Path,
    notebooks: tuple[NotebookEvidence, ...],
    artifacts: SampleArtifacts | None,
    data_dir: Path | None,
) -> tuple[ArtifactJudgement, ...]:
    """Measurements of the saved files by a metric judge (masks, images, text)."""
    if artifacts is None or get_judge(artifacts.judge).metric is None:
        return ()
    # Imported here for start-up time: the judges load only for packs that save such files.
    from grader.evidence.outputs.measured import measured_artifacts

    return tuple(measured_artifacts(root, notebooks, artifacts, data_dir))


def merge_trace(
    code: CodeEvidence, outputs: OutputEvidence, traced: TraceEvidence, *, recorded: bool = True
) -> None:
    """What the recorder saw replaces what code and logs suggest, cell by cell, and adds the
    rest (trainings inside helpers and loops, data roles from fingerprints).

    ``recorded``: the recorder watched the whole run. Then only its runs are training runs: a
    printed line that looks like a training log (``Epoch 50/50 …``) without a training the
    recorder saw is text the notebook printed, not a run."""
    code.fits = [f for f in code.fits if f.ref.cell not in traced.run_cells] + traced.fits
    code.splits = merge_splits(code.splits, traced.splits)
    code.hyperparams = [*code.hyperparams, *traced.hyperparams]
    run_cells = {r.ref.cell for r in traced.runs}
    logged = [] if recorded else [r for r in outputs.runs if r.ref.cell not in run_cells]
    outputs.runs = logged + traced.runs
    outputs.runs.sort(key=lambda r: r.ref.cell if r.ref.cell is not None else -1)
    kept = [m for m in outputs.metrics if m.ref.cell not in traced.metric_cells]
    kept += _test_claims_on_training(outputs.metrics, traced.metrics)
    outputs.metrics = sorted([*kept, *traced.metrics], key=lambda m: m.ref.cell or 0)


def _test_claims_on_training(
    printed: list[MetricReading], traced: list[MetricReading]
) -> list[MetricReading]:
    """Printed "test" scores of cells where the recorder saw only training data evaluated,
    kept as training readings: the claim the report names (``metric_claimed_on_train``)."""
    roles: dict[int | None, set[str]] = {}
    for reading in traced:
        roles.setdefault(reading.ref.cell, set()).add(reading.role)
    training = {cell for cell, seen in roles.items() if seen == {"train"}}
    return [
        m.model_copy(update={"role": "train"})
        for m in printed
        if m.ref.cell in training and role_of([m.ref.excerpt]) == "test"
    ]


def notebook_evidence(notebook: ExecutedNotebook, course: CourseText | None) -> NotebookEvidence:
    """Evidence of one executed (or stored) notebook."""
    cells = notebook.cells
    code = extract_code(notebook.path, cells)
    markdown = [
        (c.index, c.source[: MAX_TEXT_CHARS * 10]) for c in cells if c.cell_type == "markdown"
    ]
    outputs = extract_outputs(
        notebook.path, cells, _evaluate_roles(code), _training_only_cells(code)
    )
    code_cells = [c for c in cells if c.cell_type == "code"]
    if notebook.trace is not None:
        visible = [c.index for c in code_cells if _summary(c).has_output]
        recorded = not any(e.where == "bootstrap" for e in notebook.trace.errors)
        traced = trace_evidence(notebook.path, notebook.trace, visible)
        merge_trace(code, outputs, traced, recorded=recorded)
    return NotebookEvidence(
        path=notebook.path,
        member=notebook.member,
        ran_to_end=notebook.ran_to_end,
        never_run=notebook.never_run,
        stored_run=notebook.stored_run,
        code_cells=len(code_cells),
        executed_cells=sum(1 for c in code_cells if c.execution_count is not None),
        imports=tuple(sorted(code.imports)),
        splits=tuple(code.splits),
        fits=tuple(code.fits),
        evaluations=tuple(code.evaluations),
        hyperparams=tuple(code.hyperparams),
        config_loops=tuple(code.config_loops),
        models=tuple(code.models),
        preprocessing=tuple(code.preprocessing),
        plots=tuple(code.plots),
        apps=tuple(code.apps),
        texts=tuple(markdown_texts(cells, notebook.path, course, code.topics)),
        sections=tuple(sections(markdown, "markdown", notebook.path, course)),
        runs=tuple(outputs.runs),
        metrics=tuple(outputs.metrics),
        figures=tuple(outputs.figures),
        tables=tuple(outputs.tables),
        result_notes=tuple(outputs.result_notes),
        numeric_lines=outputs.numeric_lines,
        trial_lines=outputs.trial_lines,
        errors=tuple(outputs.errors),
        param_counts=tuple(outputs.param_counts),
        syntax_errors=tuple(code.syntax_errors),
        extraction_failures=tuple(code.failures),
        code=tuple(_summary(c) for c in code_cells),
        call_sites={name: tuple(cells) for name, cells in code.call_sites.items()},
    )


def _summary(cell: Cell) -> CodeCellSummary:
    """What the rubric needs to know of one code cell."""
    errors = [o for o in cell.outputs if o.output_type == "error"]
    shown = [
        o
        for o in cell.outputs
        if o.output_type != "error" and (o.text.strip() or o.html or o.image_png)
    ]
    return CodeCellSummary(
        index=cell.index,
        source=cell.source[:MAX_SUMMARY_SOURCE],
        executed=cell.execution_count is not None or bool(cell.outputs),
        execution_count=cell.execution_count,
        has_output=bool(shown),
        has_image=any(o.image_png for o in shown),
        error=bool(errors),
    )


def _evaluate_roles(code: CodeEvidence) -> dict[int, Role]:
    """Data role of the ``evaluate`` calls in each cell (first named role wins)."""
    roles: dict[int, Role] = {}
    for call in code.evaluations:
        cell = call.ref.cell
        if call.method.startswith("evaluate") and cell is not None and call.role != "unknown":
            roles.setdefault(cell, call.role)
    return roles


def _training_only_cells(code: CodeEvidence) -> frozenset[int]:
    """Cells whose every evaluation call names training data (``evaluate(x_train, y_train)``),
    or whose function calls take training data and no test data (an own ``translate(model,
    train_pairs)``): what they print as a test score was measured on training data."""
    roles: dict[int, set[Role]] = {}
    for call in code.evaluations:
        if call.ref.cell is not None:
            roles.setdefault(call.ref.cell, set()).add(call.role)
    evaluated = {cell for cell, seen in roles.items() if seen == {"train"}}
    return frozenset(evaluated | code.scores_training)


def file_apps(
    root: Path, app_files: tuple[str, ...], notebooks: tuple[NotebookFile, ...] = ()
) -> list[AppFact]:
    """Apps in the submission's files (by their imports), web/Flutter clients calling an
    endpoint, and apps written by ``%%writefile`` cells (files read safely, capped)."""
    found: list[tuple[bool, AppFact]] = []
    for relative in app_files[:MAX_APP_FILES]:
        source = read_capped(root, relative)
        kind = _file_app_kind(relative, source) if source is not None else None
        if kind is not None and source is not None:
            ref = EvidenceRef(source="file", excerpt=relative[:200])
            found.append(
                (not _BUILDS_APP.search(source), AppFact(ref=ref, kind=kind, file=relative))
            )
    apps = [fact for _, fact in sorted(found, key=lambda pair: pair[0])]
    apps += _web_clients(root)
    known = {a.file for a in apps}
    return apps + [a for a in _written_apps(notebooks) if not _same_file(a.file, known)]


def _file_app_kind(relative: str, source: str) -> AppFactKind | None:
    if relative.lower().endswith(WEB_SUFFIXES):
        return "web_client" if web_client_endpoint(source, relative) else None
    try:
        parsed = parse_cell(relative, 0, source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if parsed is None:
        return None
    return app_kind_of_imports(extract_imports(parsed))


def _web_clients(root: Path) -> list[AppFact]:
    """Web pages, scripts and Flutter sources that send requests to an endpoint."""
    apps: list[AppFact] = []
    for relative in _web_files(root):
        source = read_capped(root, relative)
        endpoint = web_client_endpoint(source, relative) if source is not None else None
        if endpoint is not None:
            ref = EvidenceRef(source="file", excerpt=relative[:200])
            apps.append(AppFact(ref=ref, kind="web_client", file=relative, endpoint=endpoint))
    return apps[:MAX_APP_FILES]


def _web_files(root: Path) -> list[str]:
    found: list[str] = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(p.startswith(".") or p in _SKIPPED_DIRS for p in parts[:-1]):
            continue
        if path.suffix.lower() in WEB_SUFFIXES and path.is_file():
            found.append(path.relative_to(root).as_posix())
        if len(found) >= MAX_WEB_FILES:
            break
    return found


def _written_apps(notebooks: tuple[NotebookFile, ...]) -> list[AppFact]:
    """Apps a notebook writes with ``%%writefile`` (the cell is the evidence)."""
    apps: list[AppFact] = []
    for notebook in notebooks:
        for index, cell in enumerate(notebook.content.get("cells", [])):
            fact = _written_app(notebook.path, index, cell)
            if fact is not None:
                apps.append(fact)
    return apps[:MAX_APP_FILES]


def _written_app(notebook: str, index: int, cell: dict[str, object]) -> AppFact | None:
    if cell.get("cell_type") != "code":
        return None
    source = cell.get("source", "")
    text = "".join(source) if isinstance(source, list) else str(source)
    written = writefile_target(text[:MAX_APP_FILE_BYTES])
    if written is None:
        return None
    name, body = written
    kind = _file_app_kind(name, body)
    if kind is None:
        return None
    excerpt = f"%%writefile {name}"[:200]
    ref = EvidenceRef(source="code", notebook=notebook, cell=index, excerpt=excerpt)
    endpoint = web_client_endpoint(body, name) if kind == "web_client" else None
    return AppFact(ref=ref, kind=kind, file=name, endpoint=endpoint)


def _same_file(name: str | None, known: set[str | None]) -> bool:
    tail = (name or "").lstrip("./")
    return any(k and (k == tail or k.endswith("/" + tail) or tail.endswith("/" + k)) for k in known)
