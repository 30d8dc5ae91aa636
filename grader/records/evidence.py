"""Evidence: pure data extracted from code, markdown and outputs (stage 3 output).

Every fact carries an :class:`EvidenceRef` so a verdict can quote where it was seen.
``cell`` is the 0-based index into the student's notebook; ``cell_number`` (1-based) and
``execution_count`` are what Jupyter shows, and what every report says ("셀 12 [9]").
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from grader.records.app_result import AppFactKind, AppResult
from grader.records.base import Record, RootRecord
from grader.records.execution import EvidenceMode, StoredRun

EvidenceSource = Literal["code", "markdown", "output", "readme", "trace", "file"]


class EvidenceRef(Record):
    """Where a fact was seen."""

    source: EvidenceSource
    notebook: str | None = None
    cell: int | None = None
    excerpt: str = ""
    output_index: int | None = None
    """For figures/outputs: index of the output within the cell."""
    cell_number: int | None = None
    """``cell + 1``: the cell's position as Jupyter shows it, counting every cell (filled)."""
    execution_count: int | None = None
    """The ``[n]`` Jupyter shows beside a code cell, when it ran (filled in the result)."""

    @model_validator(mode="after")
    def _with_number(self) -> EvidenceRef:
        if self.cell is not None and self.cell_number is None:
            object.__setattr__(self, "cell_number", self.cell + 1)
        return self


SplitKind = Literal[
    "train_test_split",  # sklearn.model_selection.train_test_split (or a look-alike)
    "validation_split",  # fit(..., validation_split=0.2)
    "validation_data",  # fit(..., validation_data=(x_val, y_val))
    "random_split",  # torch.utils.data.random_split
    "kfold",  # KFold / StratifiedKFold / cross_val_score
    "slice",  # x[:n] / x[n:] style manual hold-out
    "predefined",  # a loader that already returns (train, test), e.g. mnist.load_data()
    "folder",  # held-out data loaded on its own: a test/ directory, a test file, a Dataset class
]


class SplitFact(Record):
    """A data split seen in code."""

    kind: SplitKind
    ref: EvidenceRef
    targets: tuple[str, ...] = ()
    """Names assigned from the split (e.g. ``("x_train", "x_val", "y_train", "y_val")``)."""
    arguments: tuple[str, ...] = ()
    """Source text of the data arguments (e.g. ``("x_test", "y_test")`` for validation_data)."""
    role: Literal["test", "validation", "unknown"] = "unknown"
    """What the held-out part is called in the code (by its variable names)."""


class FitCall(Record):
    """A training call in code (``fit``, ``train_on_batch``, ``GridSearchCV.fit``, a train loop)."""

    ref: EvidenceRef
    method: str
    """``fit``, ``train_on_batch``, ``fit_generator``, ``train_loop`` ..."""
    receiver: str = ""
    """Source text of the object the method was called on (e.g. ``model``)."""
    hyperparams: dict[str, str] = Field(default_factory=dict)
    """Keyword arguments that are hyperparameters (epochs, batch_size ...), as source text."""
    validation: Literal["validation_data", "validation_split", "none"] = "none"
    validation_arguments: tuple[str, ...] = ()
    in_loop: bool = False
    """The call sits inside a ``for``/``while`` loop or a function called from one."""


class EvaluateCall(Record):
    """``evaluate``/``predict``/``score`` or a metric function over some data."""

    ref: EvidenceRef
    method: str
    arguments: tuple[str, ...] = ()
    role: Literal["test", "validation", "train", "unknown"] = "unknown"


class HyperparamSetting(Record):
    """A hyperparameter value set in code (assignment, constructor keyword, layer argument)."""

    ref: EvidenceRef
    name: str
    """Normalised name: learning_rate, batch_size, epochs, dropout, units, optimizer ..."""
    value: str
    """Source text of the value."""


class ConfigLoop(Record):
    """A loop over hyperparameter configurations (or a search object)."""

    ref: EvidenceRef
    variable: str
    """Loop target (``lr``) or the search class (``GridSearchCV``)."""
    values: tuple[str, ...] = ()
    """Literal values iterated over, when visible."""
    contains_fit: bool = False


class ModelDefinition(Record):
    """A model built in code."""

    ref: EvidenceRef
    name: str = ""
    """Variable or function/class name (``model``, ``make_generator_model``)."""
    style: Literal[
        "sequential",
        "functional",
        "subclass",
        "sklearn",
        "torch_module",
        "pretrained",
        "custom_layer",
    ]
    """``custom_layer``: a student-written layer class (``class SelfAttention(Layer)``)."""
    layers: tuple[str, ...] = ()
    """Layer class names in order of appearance (``Conv2D``, ``Dropout`` ...)."""


class PreprocessingOp(Record):
    """A preprocessing step (scaling, reshaping, encoding, augmentation ...)."""

    ref: EvidenceRef
    op: str
    """Normalised op: scale, standardize, reshape, one_hot, augment, resize, tokenize, other."""


class PlotCall(Record):
    """A plotting call in code."""

    ref: EvidenceRef
    function: str
    """Dotted callee as written (``plt.plot``, ``sns.lineplot``, ``df.plot``)."""
    series: int = 1
    """Number of plotted series this call (or its loop) draws, when it can be told."""
    mentions_history: bool = False
    """Plots training history / metrics (``history.history['val_loss']``, ``val_acc`` ...)."""
    in_loop: bool = False
    runs_drawn: int = 1
    """Distinct runs whose curves share its axes (``vgg16_loss`` and ``vgg19_loss``: 2;
    ``loss`` and ``val_loss``: 1), when told by the plotted names."""
    loop_over_metrics: bool = False
    """Its loop walks metric names (``for m in ['loss', 'accuracy']``), not runs."""
    results_chart: bool = False
    """A bar chart (or a seaborn ``hue`` chart) of result values (accuracy, score, loss ...)."""
    function_name: str = ""
    """The notebook function it sits in (its figure appears where that function is called)."""


class AppFact(Record):
    """An app found in the submission (a notebook cell or a file)."""

    ref: EvidenceRef
    kind: AppFactKind
    file: str | None = None
    """The app's file (a submission file or a ``%%writefile`` target)."""
    function: str | None = None
    """The predict function's name (kind ``predict_function``)."""
    endpoint: str | None = None
    """The URL a web client sends its requests to (kind ``web_client``)."""


class TextBlock(Record):
    """A piece of prose the student (or the course) wrote: markdown, comment or docstring."""

    ref: EvidenceRef
    kind: Literal["markdown", "comment", "docstring", "readme"]
    text: str
    heading: str = ""
    """Closest heading above the block (empty when none)."""
    course_text: bool = False
    """Copied from the starter notebook or the quest README: never counts for the student."""
    near_topics: tuple[str, ...] = ()
    """Topics of the code the block sits next to: model, hyperparameters, preprocessing,
    training, evaluation, visualisation, app."""
    scaffold: bool = False
    """In a cell that also talks to the reader as a learner (LMS, tutorial or assistant
    scaffold): what it says may not be the student's own reasoning."""


class Section(Record):
    """A heading and the text under it (markdown cells, or the submission README)."""

    ref: EvidenceRef
    heading: str
    level: int
    body: str
    """Text up to the next heading of the same or a higher level."""
    course_text: bool = False


class EpochMetrics(Record):
    """Metrics of one epoch from a training log."""

    epoch: int
    metrics: dict[str, float]
    seconds: float | None = None
    """Wall time of the epoch, when the log or the trace tells it."""


class TrainingRun(Record):
    """A training run seen in outputs (Keras progress log, tqdm, print loop, history table)."""

    ref: EvidenceRef
    source: Literal["keras_log", "tqdm", "print", "table", "trace"]
    epochs: tuple[EpochMetrics, ...] = ()
    epochs_asked: int | None = None


class MetricReading(Record):
    """A metric value read from an output."""

    ref: EvidenceRef
    name: str
    """Normalised name: accuracy, loss, f1, precision, recall, mae, mse, auc ..."""
    value: float
    """As a fraction where it was printed as a percentage."""
    role: Literal["train", "validation", "test", "unknown"] = "unknown"


class FigureOutput(Record):
    """An image output (a plot or generated samples)."""

    ref: EvidenceRef
    mime: str = "image/png"


class TableOutput(Record):
    """A table: a displayed DataFrame (HTML output) or a markdown table."""

    ref: EvidenceRef
    rows: int
    columns: tuple[str, ...] = ()
    numeric: bool = False
    """At least one column holds numbers (a results table)."""
    row_labels: tuple[str, ...] = ()
    """First cell of each data row (the index of a DataFrame, the row names of a pipe table)."""
    values: tuple[float, ...] = ()
    """The numbers in its cells (capped), to compare with the numbers the outputs show."""
    values_shown: int = 0
    """For a markdown table: how many of its numbers some cell output shows."""


class ResultNote(Record):
    """A markdown cell that states result numbers (``정확도 0.87``, ``| lr 1e-3 | 86.5% |``),
    checked against the numbers the outputs show."""

    ref: EvidenceRef
    numbers: int
    """Decimal or percent numbers it states."""
    matched: int = 0
    """Of those, how many some output shows (same value at the stated precision)."""


class ParamCount(Record):
    """A model's parameter count printed by ``model.summary()`` (or recorded by the trace)."""

    ref: EvidenceRef
    total: int
    model: str = ""
    """Model name printed in the summary header, when present."""


class ErrorFact(Record):
    """An error output."""

    ref: EvidenceRef
    ename: str
    evalue: str


class CodeCellSummary(Record):
    """A code cell as the rubric sees it: capped source and what it produced."""

    index: int
    source: str
    """Source text, capped (instructor criteria may match patterns in it)."""
    executed: bool = False
    execution_count: int | None = None
    has_output: bool = False
    """At least one non-error output (text, table or image)."""
    has_image: bool = False
    error: bool = False


class NotebookEvidence(Record):
    """Everything seen in one notebook."""

    path: str
    member: str | None = None
    ran_to_end: bool
    never_run: bool = False
    stored_run: StoredRun | None = None
    """Stored mode: stops, recovered errors and cells never run (see ``execute.run_state``)."""
    code_cells: int = 0
    executed_cells: int = 0
    imports: tuple[str, ...] = ()
    """Top-level module names imported (``tensorflow``, ``sklearn`` ...)."""
    splits: tuple[SplitFact, ...] = ()
    fits: tuple[FitCall, ...] = ()
    evaluations: tuple[EvaluateCall, ...] = ()
    hyperparams: tuple[HyperparamSetting, ...] = ()
    config_loops: tuple[ConfigLoop, ...] = ()
    models: tuple[ModelDefinition, ...] = ()
    preprocessing: tuple[PreprocessingOp, ...] = ()
    plots: tuple[PlotCall, ...] = ()
    apps: tuple[AppFact, ...] = ()
    texts: tuple[TextBlock, ...] = ()
    sections: tuple[Section, ...] = ()
    runs: tuple[TrainingRun, ...] = ()
    metrics: tuple[MetricReading, ...] = ()
    figures: tuple[FigureOutput, ...] = ()
    tables: tuple[TableOutput, ...] = ()
    trial_lines: dict[int, int] = Field(default_factory=dict)
    """Code cell index -> output lines reporting a search trial (``Trial 3 Complete``)."""
    numeric_lines: dict[int, int] = Field(default_factory=dict)
    """Code cell index -> lines of its text output that hold a number (what a loop printed)."""
    result_notes: tuple[ResultNote, ...] = ()
    """Markdown cells stating result numbers, with how many of them the outputs show."""
    errors: tuple[ErrorFact, ...] = ()
    param_counts: tuple[ParamCount, ...] = ()
    syntax_errors: tuple[EvidenceRef, ...] = ()
    """Code cells that could not be parsed (IPython magics are stripped first)."""
    extraction_failures: tuple[EvidenceRef, ...] = ()
    """Cells where one extractor failed unexpectedly (excerpt: ``extractor: error``); the
    other extractors and cells still ran. Facts of that kind may be missing for the cell."""
    code: tuple[CodeCellSummary, ...] = ()
    """Every code cell, in order."""
    call_sites: dict[str, tuple[int, ...]] = Field(default_factory=dict)
    """Short callee name (last dotted part, e.g. ``EarlyStopping``) -> code cell indices."""


FindingKind = Literal[
    "leakage",  # rows of the evaluation data were also training data
    "test_as_validation",  # the data passed as validation is the data evaluated as the test
    "unscaled_test",  # evaluation data not preprocessed like the training data
    "not_converging",  # the training loss did not go down (or became NaN)
    "validation_is_training",  # the validation data is (largely) the training data
    "overwritten_training_data",  # a fit trained on data that had been held out as test
]


class Finding(Record):
    """Something a human reviewer would flag, seen in the recorder's trace (not a grade)."""

    kind: FindingKind
    severity: Literal["info", "warning", "critical"] = "warning"
    facts: dict[str, str | int | float] = Field(default_factory=dict)
    """Values for the message (e.g. ``train_max``, ``test_max``, ``overlap``)."""
    refs: tuple[EvidenceRef, ...] = ()


class SampleJudgement(Record):
    """Generated samples saved by a notebook (``generated_samples.npy``), judged by a classifier
    trained on the real data (see :mod:`grader.judges.digits`)."""

    ref: EvidenceRef
    path: str
    """The samples file, relative to the submission root."""
    notebook: str | None = None
    """The notebook that saved it (``None`` when several notebooks of a folder claim it)."""
    problem: str | None = None
    """Why a present file could not be judged (``artifact_bad_shape`` ...); then no numbers."""
    problem_detail: str = ""
    count: int = 0
    value_range: str = ""
    non_finite: int = 0
    """Samples with NaN/inf pixels (counted as not recognised)."""
    mean_confidence: float = 0.0
    confident_share: float = 0.0
    """Share of samples the judge classifies with probability >= 0.7."""
    near_share: float = 0.0
    """Share of samples close to some real digit (noise is far from all of them)."""
    recognised_share: float = 0.0
    """Share both confident and close: the samples a person would read as a digit."""
    classes_covered: int = 0
    class_counts: tuple[int, ...] = ()
    """Recognised samples per class (0-9)."""
    grid_png: str | None = None
    """Base64 PNG of the first samples as a grid (the report shows it)."""
    labels_path: str | None = None
    labels_problem: str | None = None
    label_match_share: float | None = None
    """Conditional GAN: share of samples recognised as the class that was requested."""
    labels_requested: int | None = None


class SampleScore(Record):
    """One sample's own numbers (an image's IoU or PSNR, a line's chrF)."""

    index: int
    values: dict[str, float]


class Measurement(Record):
    """What a metric judge measured in one saved file (see :mod:`grader.judges.base`)."""

    count: int
    """Samples measured (masks, images, lines)."""
    metrics: dict[str, float]
    """Metric name -> value (``mean_iou``, ``psnr``, ``hangul_ratio``, ``chrf`` ...)."""
    details: tuple[SampleScore, ...] = ()
    """Per-sample values, the first ones only (see ``MAX_DETAILS`` of the judges)."""
    summary_ko: str = ""
    """One Korean sentence on what was measured."""


class ArtifactJudgement(Record):
    """A file the assignment asks for (``artifacts.samples``), measured by a metric judge."""

    ref: EvidenceRef
    path: str
    """The file, relative to the submission root (the expected name when it is missing)."""
    notebook: str | None = None
    judge: str
    truth: str | None = None
    problem: str | None = None
    """Why there is no measurement: ``artifact_missing``, ``artifact_bad_shape``,
    ``truth_no_data_dir`` ... (see the ``artifact_*`` codes of messages_ko)."""
    problem_detail: str = ""
    mentioned: bool = False
    """Missing file only: some notebook's code names it (saved, but not handed in)."""
    measurement: Measurement | None = None


class Evidence(RootRecord):
    """All evidence for one submission."""

    mode: EvidenceMode
    notebooks: tuple[NotebookEvidence, ...]
    readme_sections: tuple[Section, ...] = ()
    readme_texts: tuple[TextBlock, ...] = ()
    apps: tuple[AppFact, ...] = ()
    """Apps found in files of the submission (outside notebooks)."""
    findings: tuple[Finding, ...] = ()
    """Problems the recorder's trace shows (executed mode only); reported, not scored."""
    app_results: tuple[AppResult, ...] = ()
    """What the app probe saw when it started the submission's apps (``--run`` only)."""
    samples: tuple[SampleJudgement, ...] = ()
    """Generated samples files the assignment asks for, judged (absent files: no entry)."""
    artifacts: tuple[ArtifactJudgement, ...] = ()
    """Files measured by a metric judge (masks, restored images, text); a missing file is an
    entry with ``problem="artifact_missing"``."""
