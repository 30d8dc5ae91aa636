"""Counting hyperparameter trials from runs, loops, searches and varied settings."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from grader.records.evidence import Evidence, EvidenceRef, NotebookEvidence
from grader.rubric.checks.common import NOT_EXECUTED, cell_state, matches_any, student_texts
from grader.rubric.checks.vocabulary import TOPIC_WORDS

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
VARIED_NAMES = ("learning_rate", "batch_size", "epochs", "optimizer", "dropout")
TRIAL_WORDS = ("시도", "실험", "바꿔", "변경", "비교", "tried", "experiment", "trial")
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e-?\d+)?")
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
        trials.search |= is_search and loop.ref.cell in shown
        if not (loop.contains_fit or is_search):
            continue
        trials.refs.append(loop.ref)
        size = max(len(loop.values), 2)
        if loop.values and not is_search:
            varied.add(_normalise(loop.variable))
        state = cell_state(notebook, loop.ref.cell)
        if state in ("shown", "silent"):
            loop_runs += size
        elif state == "never_run":
            trials.planned += size
        elif state in NOT_EXECUTED:
            trials.failed += size
    shown_fits = sum(1 for fit in notebook.fits if fit.ref.cell in shown and not fit.in_loop)
    trials.runs += max(log_runs, loop_runs + shown_fits)
    trials.refs += [run.ref for run in notebook.runs[:3]]
    varied |= _varied_settings(notebook)


def _varied_settings(notebook: NotebookEvidence) -> set[str]:
    values: dict[str, set[str]] = defaultdict(set)
    for setting in notebook.hyperparams:
        if setting.name in VARIED_NAMES:
            values[setting.name].add(setting.value.replace(" ", ""))
    for fit in notebook.fits:
        for name in ("epochs", "batch_size"):
            if name in fit.hyperparams:
                values[name].add(fit.hyperparams[name].replace(" ", ""))
    names = {name for name, seen in values.items() if len(seen) >= 2}
    architectures = {m.layers for m in notebook.models if m.layers}
    if len(architectures) >= 2:
        names.add("architecture")
    return names


def _normalise(variable: str) -> str:
    lowered = variable.lower()
    for name, words in (
        ("learning_rate", ("lr", "learning", "학습률")),
        ("batch_size", ("batch",)),
        ("epochs", ("epoch",)),
        ("dropout", ("drop",)),
        ("optimizer", ("opt",)),
        ("units", ("unit", "hidden", "neuron", "node")),
    ):
        if any(word in lowered for word in words):
            return name
    return variable


def claims_trials(text: str) -> bool:
    return (
        matches_any(text, TOPIC_WORDS["hyperparameters"])
        and matches_any(text, TRIAL_WORDS)
        and (len(_NUMBER.findall(text)) >= 2 or _SEVERAL.search(text) is not None)
    )
