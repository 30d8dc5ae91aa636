"""The recorder's trace → the existing evidence facts, so every check benefits unchanged.

Data roles come from fingerprints, not names: the data passed to ``evaluate`` that is neither
training nor validation data is the test set; ``validation_data`` equal to that test set is
test data used as validation. A trace only adds facts. Runs and readings count as *visible*
results only in cells that showed some output (the checklist asks for recorded results).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from grader.evidence.names import Role, metric_name
from grader.records.evidence import (
    EpochMetrics,
    EvidenceRef,
    Finding,
    FitCall,
    HyperparamSetting,
    MetricReading,
    SplitFact,
    SplitKind,
    TrainingRun,
)
from grader.records.trace import DataFingerprint, Trace, TraceEvaluation, TraceRun

__all__ = ["TraceEvidence", "merge_splits", "trace_evidence"]

UNSCALED_RATIO = 5.0
LEAK_SHARE = 0.05
OVERLAP_SHARE = 0.5
TRAINING_APIS = {"fit": "fit", "train_on_batch": "train_on_batch", "search": "fit"}


@dataclass
class TraceEvidence:
    """Facts of one notebook's trace, in the evidence vocabulary."""

    runs: list[TrainingRun] = field(default_factory=list)
    fits: list[FitCall] = field(default_factory=list)
    splits: list[SplitFact] = field(default_factory=list)
    metrics: list[MetricReading] = field(default_factory=list)
    hyperparams: list[HyperparamSetting] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    run_cells: set[int] = field(default_factory=set)
    """Cells where the trace saw training (static fits there are replaced by the trace's)."""
    metric_cells: set[int] = field(default_factory=set)


@dataclass
class _Roles:
    train: set[str]
    validation: set[str]
    evaluations: list[tuple[TraceEvaluation, Role]]

    @property
    def test(self) -> set[str]:
        return {e.data.hash for e, role in self.evaluations if role == "test" and e.data}


def trace_evidence(notebook: str, trace: Trace, visible: Iterable[int]) -> TraceEvidence:
    """Evidence of ``trace``; ``visible``: code cells that showed a non-error output."""
    shown = set(visible)
    found = TraceEvidence()
    roles = _roles(trace)
    per_cell: dict[int | None, list[TraceRun]] = defaultdict(list)
    for run in trace.runs:
        per_cell[run.cell].append(run)
    for cell, runs in per_cell.items():
        if cell is None:
            continue
        found.run_cells.add(cell)
        ref = EvidenceRef(source="trace", notebook=notebook, cell=cell)
        for run in runs:
            found.fits.append(_fit_call(run, ref, in_loop=len(runs) > 1))
            if cell in shown:
                found.runs.append(_training_run(run, ref))
        found.hyperparams.extend(_varied(runs, ref))
    found.splits.extend(_splits(trace, notebook, roles))
    for evaluation, role in roles.evaluations:
        if evaluation.cell is not None and evaluation.cell in shown:
            found.metric_cells.add(evaluation.cell)
            found.metrics.extend(_readings(evaluation, role, notebook))
    found.findings.extend(findings(trace, notebook, roles))
    return found


# ---------------------------------------------------------------- roles


def _roles(trace: Trace) -> _Roles:
    train = {r.train_data.hash for r in trace.runs if r.train_data and r.train_data.hash}
    validation = {
        r.validation_data.hash for r in trace.runs if r.validation_data and r.validation_data.hash
    }
    evaluations = [e for e in trace.evaluations if e.api == "evaluate" and e.data]
    hashes = {e.data.hash for e in evaluations if e.data}
    separate_test = bool(hashes - train - validation)
    labelled: list[tuple[TraceEvaluation, Role]] = []
    for evaluation in evaluations:
        digest = evaluation.data.hash if evaluation.data else ""
        role: Role = "test"
        if digest in train:
            role = "train"
        elif digest in validation and separate_test:
            role = "validation"
        labelled.append((evaluation, role))
    return _Roles(train, validation, labelled)


def _validation_role(run: TraceRun, roles: _Roles) -> Role:
    data = run.validation_data
    return "test" if data is not None and data.hash in roles.test else "validation"


# ---------------------------------------------------------------- facts


def _fit_call(run: TraceRun, ref: EvidenceRef, in_loop: bool) -> FitCall:
    params = {k: v for k, v in run.hyperparams.items() if k in ("epochs", "batch_size")}
    if run.learning_rate is not None:
        params["learning_rate"] = f"{run.learning_rate:.6g}"
    for name, value in (("optimizer", run.optimizer), ("loss", run.loss)):
        if value:
            params[name] = value
    if run.validation != "none":
        params["validation"] = run.validation
    if run.api in ("custom_loop", "torch_loop") and run.steps is not None:
        params["steps"] = str(run.steps)
    return FitCall(
        ref=ref.model_copy(update={"excerpt": _describe(run)}),
        method=TRAINING_APIS.get(run.api, "train_loop"),
        receiver=run.model_name or run.model_class,
        hyperparams=params,
        validation=run.validation,
        in_loop=in_loop,
    )


def _training_run(run: TraceRun, ref: EvidenceRef) -> TrainingRun:
    epochs = tuple(
        EpochMetrics(epoch=e.epoch, metrics=e.metrics, seconds=e.seconds) for e in run.epochs
    )
    return TrainingRun(
        ref=ref.model_copy(update={"excerpt": _describe(run)}),
        source="trace",
        epochs=epochs,
        epochs_asked=run.epochs_asked,
    )


def _describe(run: TraceRun) -> str:
    parts = [f"{run.framework} {run.api}"]
    if run.model_class:
        parts.append(run.model_class)
    if run.optimizer:
        rate = f"(lr={run.learning_rate:.6g})" if run.learning_rate is not None else ""
        parts.append(run.optimizer + rate)
    for name in ("batch_size", "epochs"):
        if name in run.hyperparams:
            parts.append(f"{name}={run.hyperparams[name]}")
    if run.epochs:
        parts.append(f"{len(run.epochs)} epochs")
    elif run.steps:
        parts.append(f"{run.steps} steps")
    return ", ".join(parts)[:200]


def run_settings(run: TraceRun) -> dict[str, str]:
    """The comparable hyperparameters of a run (normalised names, values as text)."""
    settings = {k: v for k, v in run.hyperparams.items() if k in ("batch_size", "epochs")}
    if run.learning_rate is not None:
        settings["learning_rate"] = f"{run.learning_rate:.6g}"
    if run.optimizer:
        settings["optimizer"] = run.optimizer
    units = [layer.units or layer.filters for layer in run.layers if layer.units or layer.filters]
    if units:
        settings["units"] = "-".join(str(u) for u in units)
    rates = [layer.rate for layer in run.layers if layer.rate is not None]
    if rates:
        settings["dropout"] = "-".join(f"{r:g}" for r in rates)
    return settings


def _varied(runs: Sequence[TraceRun], ref: EvidenceRef) -> list[HyperparamSetting]:
    """Settings that differ between the runs of one cell (a loop over configurations)."""
    if len(runs) < 2:
        return []
    values: dict[str, list[str]] = defaultdict(list)
    for run in runs:
        for name, value in run_settings(run).items():
            if value not in values[name]:
                values[name].append(value)
    return [
        HyperparamSetting(
            ref=ref.model_copy(update={"excerpt": f"{name}={value}"}), name=name, value=value
        )
        for name, seen in values.items()
        if len(seen) >= 2
        for value in seen
    ]


def _splits(trace: Trace, notebook: str, roles: _Roles) -> list[SplitFact]:
    facts: list[SplitFact] = []
    for run in trace.runs:
        ref = EvidenceRef(source="trace", notebook=notebook, cell=run.cell)
        if run.validation == "validation_split":
            excerpt = f"validation_split={run.validation_split}"
            facts.append(_split_fact("validation_split", ref, excerpt, "validation"))
        elif run.validation == "validation_data":
            role = _validation_role(run, roles)
            facts.append(_split_fact("validation_data", ref, "validation_data", role))
    for split in trace.splits:
        ref = EvidenceRef(source="trace", notebook=notebook, cell=split.cell)
        held_out = (
            split.outputs[1] if split.api == "train_test_split" and len(split.outputs) > 1 else None
        )
        held_role: Role = "unknown"
        if held_out is not None and held_out.hash in roles.test:
            held_role = "test"
        elif held_out is not None and held_out.hash in roles.validation:
            held_role = "validation"
        kind: SplitKind = "train_test_split" if split.api == "train_test_split" else "random_split"
        facts.append(_split_fact(kind, ref, split.api, held_role))
    return facts


def _split_fact(kind: SplitKind, ref: EvidenceRef, excerpt: str, role: Role) -> SplitFact:
    return SplitFact(
        kind=kind,
        ref=ref.model_copy(update={"excerpt": excerpt}),
        role="unknown" if role == "train" else role,
    )


def merge_splits(static: Sequence[SplitFact], traced: Sequence[SplitFact]) -> list[SplitFact]:
    """The trace's splits replace the static ones of the same kind in the same cell; a traced
    fact keeps the static names (targets, arguments) and, if it has none, the static role."""
    by_key: dict[tuple[int | None, str], list[SplitFact]] = defaultdict(list)
    for fact in static:
        by_key[(fact.ref.cell, fact.kind)].append(fact)
    merged: list[SplitFact] = []
    used: set[tuple[int | None, str]] = set()
    paired: dict[tuple[int | None, str], int] = defaultdict(int)
    for fact in traced:
        key = (fact.ref.cell, fact.kind)
        twins = by_key.get(key, [])
        if twins:
            used.add(key)
            # The n-th traced split of a cell is the n-th split written in it.
            twin = twins[min(paired[key], len(twins) - 1)]
            paired[key] += 1
            role = fact.role if fact.role != "unknown" else twin.role
            fact = fact.model_copy(
                update={"targets": twin.targets, "arguments": twin.arguments, "role": role}
            )
        merged.append(fact)
    kept = [f for f in static if (f.ref.cell, f.kind) not in used]
    return sorted([*kept, *merged], key=lambda f: f.ref.cell if f.ref.cell is not None else -1)


def _readings(evaluation: TraceEvaluation, role: Role, notebook: str) -> list[MetricReading]:
    ref = EvidenceRef(source="trace", notebook=notebook, cell=evaluation.cell)
    readings = []
    for key, value in evaluation.results.items():
        named = metric_name(key.replace("_", " ", 1) if "_" in key else key)
        if named is None:
            continue
        excerpt = f"evaluate: {key}={value:.4g}"
        readings.append(
            MetricReading(
                ref=ref.model_copy(update={"excerpt": excerpt}),
                name=named[0],
                value=value,
                role=role,
            )
        )
    return readings


# ---------------------------------------------------------------- findings


def findings(trace: Trace, notebook: str, roles: _Roles | None = None) -> list[Finding]:
    """Problems a reviewer would flag: leakage, test as validation, unscaled test data …"""
    roles = roles or _roles(trace)
    found: list[Finding] = []
    held_out = {
        s.outputs[1].hash: s
        for s in trace.splits
        if s.api == "train_test_split" and len(s.outputs) > 1
    }
    for run in trace.runs:
        ref = EvidenceRef(source="trace", notebook=notebook, cell=run.cell, excerpt=_describe(run))
        found.extend(_run_findings(run, ref, roles, held_out))
    for evaluation, role in roles.evaluations:
        ref = EvidenceRef(
            source="trace", notebook=notebook, cell=evaluation.cell, excerpt="evaluate"
        )
        found.extend(_evaluation_findings(evaluation, role, ref, trace))
    return _unique(found)


def _run_findings(
    run: TraceRun, ref: EvidenceRef, roles: _Roles, held_out: Mapping[str, object]
) -> Iterable[Finding]:
    val, train = run.validation_data, run.train_data
    if val is not None and val.hash in roles.test:
        yield Finding(kind="test_as_validation", severity="critical", refs=(ref,))
    if val is not None and train is not None:
        overlap = run.validation_overlap
        share = overlap[0] / overlap[1] if overlap and overlap[1] else 0.0
        if val.hash == train.hash or share >= OVERLAP_SHARE:
            yield Finding(
                kind="validation_is_training", facts={"overlap": round(share, 3)}, refs=(ref,)
            )
        unscaled = _unscaled(train, val)
        if unscaled:
            yield Finding(
                kind="unscaled_test", facts={**unscaled, "data": "validation"}, refs=(ref,)
            )
    if train is not None and (train.hash in held_out or train.hash in roles.test):
        yield Finding(kind="overwritten_training_data", severity="critical", refs=(ref,))
    stalled = _not_converging(run)
    if stalled:
        yield Finding(kind="not_converging", facts=stalled, refs=(ref,))


def _evaluation_findings(
    evaluation: TraceEvaluation, role: Role, ref: EvidenceRef, trace: Trace
) -> Iterable[Finding]:
    overlap = evaluation.overlap_train
    if role == "test" and overlap and overlap[1] and overlap[0] / overlap[1] >= LEAK_SHARE:
        share = round(overlap[0] / overlap[1], 3)
        yield Finding(kind="leakage", severity="critical", facts={"overlap": share}, refs=(ref,))
    if role != "test" or evaluation.data is None:
        return
    earlier = [
        r for r in trace.runs if r.train_data is not None and _before(r.cell, evaluation.cell)
    ]
    if earlier and earlier[-1].train_data is not None:
        unscaled = _unscaled(earlier[-1].train_data, evaluation.data)
        if unscaled:
            yield Finding(kind="unscaled_test", facts={**unscaled, "data": "test"}, refs=(ref,))


def _before(run_cell: int | None, cell: int | None) -> bool:
    return run_cell is not None and cell is not None and run_cell <= cell


def _unscaled(train: DataFingerprint, other: DataFingerprint) -> dict[str, str | int | float]:
    """Value ranges that differ by :data:`UNSCALED_RATIO` or more (e.g. 1.0 against 16)."""
    if None in (train.max, train.min, other.max, other.min):
        return {}
    span = max(abs(train.max or 0.0), abs(train.min or 0.0))
    other_span = max(abs(other.max or 0.0), abs(other.min or 0.0))
    if not span or not other_span:
        return {}
    ratio = max(span, other_span) / min(span, other_span)
    if ratio < UNSCALED_RATIO:
        return {}
    return {
        "train_max": round(span, 4),
        "other_max": round(other_span, 4),
        "ratio": round(ratio, 1),
    }


def _not_converging(run: TraceRun) -> dict[str, str | int | float]:
    losses = [e.metrics["loss"] for e in run.epochs if "loss" in e.metrics]
    if len(losses) < 3:
        losses = [value for _, value in run.losses]
        if len(losses) < 10:
            return {}
        tenth = max(1, len(losses) // 10)
        first, last = sum(losses[:tenth]) / tenth, sum(losses[-tenth:]) / tenth
    else:
        first, last = losses[0], losses[-1]
    if last < first * 0.98:
        return {}
    return {"first_loss": round(first, 4), "last_loss": round(last, 4)}


def _unique(found: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int | None]] = set()
    unique = []
    for finding in found:
        key = (finding.kind, finding.refs[0].cell if finding.refs else None)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique
