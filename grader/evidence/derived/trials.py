"""Counting hyperparameter trials from runs, loops, searches and varied settings."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from grader.evidence.derived.query import NOT_EXECUTED, cell_state, student_texts
from grader.records.evidence import Evidence, EvidenceRef, NotebookEvidence
from grader.text.match import matches_any
from grader.text.vocabulary import TOPIC_WORDS

SEARCH_CLASSES = (
    "GridSearchCV",
    "RandomizedSearchCV",
    "HalvingGridSearchCV",
    "Hyperband",
    "RandomSearch",
    "BayesianOptimization",
    "Tuner",
    "optuna",
)
VARIED_NAMES = (
    "learning_rate",
    "batch_size",
    "epochs",
    "optimizer",
    "dropout",
    "num_layers",
    "embedding_dim",
)
"""Settings compared across the notebook (layer widths vary inside one model, so not units)."""
CALL_NAMES = (*VARIED_NAMES, "units")
"""Settings compared across training calls (``train_model(units=64)`` then ``units=128``)."""
WEAK_VARIATIONS = frozenset({"architecture", "epochs"})
"""Varying only these is a model comparison or "training longer", not a hyperparameter trial."""
KEYWORDS = {
    "lr": "learning_rate",
    "learning_rate": "learning_rate",
    "batch_size": "batch_size",
    "per_device_train_batch_size": "batch_size",
    "epochs": "epochs",
    "num_epochs": "epochs",
    "n_epochs": "epochs",
    "num_train_epochs": "epochs",
    "dropout": "dropout",
    "dropout_rate": "dropout",
    "units": "units",
    "hidden_size": "units",
    "hidden_dim": "units",
    "num_layers": "num_layers",
    "n_layers": "num_layers",
    "embedding_dim": "embedding_dim",
    "embed_dim": "embedding_dim",
}
"""Keyword arguments of training calls (Keras, Hugging Face ``TrainingArguments``, own
functions) that set a hyperparameter."""
_KEYWORD = re.compile(r"\b([A-Za-z_]\w*)\s*=\s*(\d[\w.+\-]*)")
_PART = re.compile(r"generator|discriminator|critic", re.IGNORECASE)
_COMPONENT = re.compile(
    r"generator|discriminator|critic|encoder|decoder|^__init__$|^net_?[gd]$", re.IGNORECASE
)
TRIAL_WORDS = ("시도", "실험", "바꿔", "변경", "비교", "tried", "experiment", "trial")
_RESULT_NUMBER = re.compile(r"\d*\.\d+|\d+(?:\.\d+)?\s*%|\d+e-\d+")
_DONE = re.compile(
    r"(했|봤|보았|였|었)(다|고|는데|지만|습니다|어요)|\b(tried|compared|ran|changed)\b"
)
_SEVERAL = re.compile(r"(?<![가-힣])(두|세|네|다섯|여러|몇)\s*(가지|개의|개|번|종류)?\s")


@dataclass
class Trials:
    """What the evidence says about hyperparameter trials."""

    runs: int = 0
    """Training runs whose results are visible."""
    planned: int = 0
    """Configurations in code of a notebook never run (undecidable from stored outputs)."""
    failed: int = 0
    """Configurations in code that failed or were never reached in a run notebook."""
    hidden: int = 0
    """Configurations a sweep loop ran whose outcome no output shows (overwritten metric)."""
    hidden_refs: list[EvidenceRef] = field(default_factory=list)
    """The sweep loops with such hidden outcomes."""
    hidden_searches: list[EvidenceRef] = field(default_factory=list)
    """Searches (tuners) whose output shows only their last trial."""
    varied: list[str] = field(default_factory=list)
    """Hyperparameters (or ``architecture``) seen with at least two values."""
    search: bool = False
    refs: list[EvidenceRef] = field(default_factory=list)
    claims: list[EvidenceRef] = field(default_factory=list)
    """Text that claims trials (used only when no runs back it)."""


def count_trials(evidence: Evidence) -> Trials:
    trials = Trials()
    varied: set[str] = set()
    for notebook in evidence.notebooks:
        _count_notebook(notebook, trials, varied)
    trials.varied = sorted(varied)
    if trials.runs < 2:
        trials.claims = [t.ref for t in student_texts(evidence) if claims_trials(t.text)]
    return trials


def notebook_runs(notebook: NotebookEvidence) -> int:
    """Training runs of one notebook that ran (logged, or in a sweep loop that executed)."""
    trials = Trials()
    _count_notebook(notebook, trials, set())
    return trials.runs


def _count_notebook(notebook: NotebookEvidence, trials: Trials, varied: set[str]) -> None:
    shown = {c.index for c in notebook.code if c.has_output and not c.error}
    log_runs = len(notebook.runs)
    loop_runs = 0
    for loop in notebook.config_loops:
        is_search = matches_any(loop.variable, [c.lower() for c in SEARCH_CLASSES])
        searched = shown & {loop.ref.cell, *notebook.call_sites.get("search", ())}
        trials.search |= is_search and bool(searched)
        if not (loop.contains_fit or is_search):
            continue
        trials.refs.append(loop.ref)
        size = max(len(loop.values), 2)
        setting = _loop_setting(loop.variable, loop.values)
        if loop.values and not is_search and setting is not None:
            varied.add(setting)
        state = cell_state(notebook, loop.ref.cell)
        if state in ("shown", "silent"):
            cells = searched | {loop.ref.cell}
            visible = (
                _search_outcomes(notebook, cells, size)
                if is_search
                else _loop_outcomes(notebook, loop.ref.cell, size)
            )
            loop_runs += visible
            trials.hidden += size - visible
            if visible < size:
                (trials.hidden_searches if is_search else trials.hidden_refs).append(loop.ref)
        elif state == "never_run":
            trials.planned += size
        elif state in NOT_EXECUTED:
            trials.failed += size
    shown_fits = sum(1 for fit in notebook.fits if fit.ref.cell in shown and not fit.in_loop)
    trials.runs += max(log_runs, loop_runs + shown_fits)
    trials.refs += [run.ref for run in notebook.runs[:3]] or [
        fit.ref for fit in notebook.fits if fit.ref.cell in shown
    ][:3]
    varied |= _varied_settings(notebook)


def _search_outcomes(notebook: NotebookEvidence, cells: set[int | None], size: int) -> int:
    """Trials of a search a reader can see: a tuner that clears its output between trials
    leaves one ``Trial 10 Complete`` line, so only its last trial shows."""
    lines = sum(notebook.trial_lines.get(c, 0) for c in cells if c is not None)
    return 1 if lines == 1 else size


def _loop_outcomes(notebook: NotebookEvidence, cell: int | None, size: int) -> int:
    """Runs of a sweep loop whose outcome a reader can see: each one logged or printed in
    the loop's cell, or collected into a results table or a plot of every run after it.
    A loop that overwrites its metric and prints it once shows only the last run."""
    at = cell if cell is not None else 0
    logged = sum(1 for r in notebook.runs if r.ref.cell == cell)
    printed = Counter(m.name for m in notebook.metrics if m.ref.cell == cell)
    if max(logged, max(printed.values(), default=0)) >= 2:
        return size
    lines = notebook.numeric_lines.get(at, 0)
    if lines >= 2:
        return min(lines, size)  # a line per configuration (``lr 0.1: score 118719``)
    tables = [t for t in notebook.tables if t.ref.source == "output" and t.numeric]
    if any(t.rows >= 2 and (t.ref.cell or 0) >= at for t in tables):
        return size
    figures = {f.ref.cell for f in notebook.figures}
    plotted = [p for p in notebook.plots if p.mentions_history and p.ref.cell in figures]
    if any((p.ref.cell or 0) >= at and (p.in_loop or p.runs_drawn >= 2) for p in plotted):
        return size
    return 1


def _varied_settings(notebook: NotebookEvidence) -> set[str]:
    """Settings whose values differ between places (cells, training calls): two dropout
    layers of one model (0.2 and 0.5 in the same cell) are one configuration."""
    settings = [
        (("cell", s.ref.cell), s.name, s.value)
        for s in notebook.hyperparams
        if s.name in VARIED_NAMES
    ]
    settings += [
        (("fit", number), name, value)
        for number, fit in enumerate(notebook.fits)
        for raw, value in fit.hyperparams.items()
        if (name := _setting_name(raw)) in CALL_NAMES
    ]
    settings += [(("keywords", cell), n, v) for cell, n, v in _training_cell_keywords(notebook)]
    settings += _implied_settings(notebook)
    places: dict[str, dict[object, set[str]]] = defaultdict(lambda: defaultdict(set))
    for place, name, value in settings:
        literal = _literal(name, value)
        if literal is not None:
            places[name][place].add(literal)
    names = {
        name for name, seen in places.items() if len({frozenset(v) for v in seen.values()}) >= 2
    }
    architectures = {m.layers for m in notebook.models if m.layers and not _component(m.name)}
    if len(architectures) >= 2:
        names.add("architecture")
    if _deeper_or_wider(notebook):
        names.add("num_layers")
    return names


def _deeper_or_wider(notebook: NotebookEvidence) -> bool:
    """Two versions of one part of a model (a discriminator rebuilt with extra Dense layers):
    the layers of that part are the varied setting. Whole models compared (ResNet-34 against
    ResNet-50, LSTM against CNN) are architecture comparisons instead."""
    families: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for model in notebook.models:
        match = _PART.search(model.name)
        if model.layers and match:
            families[match.group(0).lower()].add(model.layers)
    return any(len(versions) >= 2 for versions in families.values())


def _literal(name: str, value: str) -> str | None:
    """A comparable form of a set value: numbers by value (``1e-3`` = ``0.001``), quoted
    strings as written; a variable (``lr=lr``) tells no value and gives ``None``."""
    text = value.replace(" ", "")
    try:
        return repr(float(text))
    except ValueError:
        pass
    if name == "optimizer" or text[:1] in {"'", '"'}:
        return text.strip("'\"").lower()
    return None


DEFAULT_RATES = {
    "adam": "0.001",
    "adamw": "0.001",
    "rmsprop": "0.001",
    "nadam": "0.001",
    "adamax": "0.001",
    "adagrad": "0.001",
    "sgd": "0.01",
}
"""Keras' default learning rates: ``optimizer='adam'`` trains at 0.001."""


def _implied_settings(notebook: NotebookEvidence) -> list[tuple[tuple[str, int | None], str, str]]:
    """Values a cell sets by leaving them out: an optimizer named without a rate trains at
    its default rate (so moving from ``'adam'`` to ``Adam(0.01)`` is a change)."""
    by_cell: dict[int | None, set[str]] = defaultdict(set)
    optimizers: dict[int | None, str] = {}
    for setting in notebook.hyperparams:
        by_cell[setting.ref.cell].add(setting.name)
        if setting.name == "optimizer":
            optimizers[setting.ref.cell] = setting.value.strip("'\"").lower()
    return [
        (("cell", cell), "learning_rate", DEFAULT_RATES[name])
        for cell, name in optimizers.items()
        if name in DEFAULT_RATES and "learning_rate" not in by_cell[cell]
    ]


def _setting_name(raw: str) -> str:
    return KEYWORDS.get(raw.lower(), raw)


def _training_cell_keywords(notebook: NotebookEvidence) -> list[tuple[int, str, str]]:
    """Literal ``name=value`` settings in the source of cells that show a training run
    (read from the text, so a cell that no longer parses still tells its settings)."""
    cells = {r.ref.cell for r in notebook.runs} | {
        f.ref.cell for f in notebook.fits if not f.in_loop
    }
    found = []
    for cell in notebook.code:
        if cell.index in cells and cell.has_output:
            for raw, value in _KEYWORD.findall(cell.source):
                name = _setting_name(raw)
                if name in CALL_NAMES:
                    found.append((cell.index, name, value))
    return found


def _component(name: str) -> bool:
    """Parts of one model (a GAN's generator and discriminator, an encoder and its decoder,
    the layers built in ``__init__``): not two architectures compared."""
    return _COMPONENT.search(name) is not None


_CONFIG_VARIABLE = re.compile(r"config|cfg|param|setting|hparam|hyper|trial|combo|grid|experiment")
_NUMBER_LITERAL = re.compile(r"^-?\d+(?:\.\d*)?(?:e-?\d+)?$", re.IGNORECASE)


def _loop_setting(variable: str, values: tuple[str, ...]) -> str | None:
    """The setting a sweep loop varies: a named hyperparameter, a config bundle, or numbers
    under another name; ``None`` for an index or strings that name datasets or tasks
    (``for lang in ["ko", "en"]`` is not a sweep)."""
    names = [n.strip() for n in variable.split(",") if n.strip()]
    known = [k for k in map(_known_setting, names) if k is not None]
    if known:
        return known[0]
    configs = [n for n in names if _CONFIG_VARIABLE.search(n.lower())]
    if configs:
        return configs[0]
    if values and all(_NUMBER_LITERAL.match(v.strip()) for v in values) and names:
        return names[-1]
    return None


def _normalise(variable: str) -> str:
    return _known_setting(variable) or variable


def _known_setting(variable: str) -> str | None:
    """The hyperparameter a variable name stands for (``lr`` -> learning_rate), if any."""
    lowered = variable.lower()
    for name, words in (
        ("architecture", ("arch", "model", "variant", "residual", "backbone", "net")),
        ("learning_rate", ("lr", "learning", "학습률")),
        ("batch_size", ("batch",)),
        ("epochs", ("epoch",)),
        ("dropout", ("drop",)),
        ("optimizer", ("opt",)),
        ("units", ("unit", "hidden", "neuron", "node")),
    ):
        if any(word in lowered for word in words):
            return name
    return None


def claims_trials(text: str) -> bool:
    """Prose that reports trials: hyperparameter and trial words with per-run numbers
    (``lr 0.01은 0.82, 0.001은 0.86``) or "several values" in the past tense. A numbered plan
    (``1️⃣ 데이터 준비 …``) is not a report."""
    if not (matches_any(text, TOPIC_WORDS["hyperparameters"]) and matches_any(text, TRIAL_WORDS)):
        return False
    if len(_RESULT_NUMBER.findall(text)) >= 2:
        return True
    return _SEVERAL.search(text) is not None and _DONE.search(text) is not None
