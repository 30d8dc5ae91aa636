"""Trace → evidence facts and findings, from literal traces (no kernel)."""

from __future__ import annotations

from grader.evidence.outputs.trace import findings, merge_splits, trace_evidence
from grader.records.evidence import EvidenceRef, SplitFact
from grader.records.trace import (
    DataFingerprint,
    Trace,
    TraceEpoch,
    TraceEvaluation,
    TraceLayer,
    TraceRun,
    TraceSplit,
)

TRAIN = DataFingerprint(hash="train", min=0.0, max=1.0)
VAL = DataFingerprint(hash="val", min=0.0, max=1.0)
TEST = DataFingerprint(hash="test", min=0.0, max=1.0)


def run(cell: int, **update) -> TraceRun:
    base = TraceRun(
        cell=cell,
        framework="keras",
        api="fit",
        train_data=TRAIN,
        hyperparams={"batch_size": "32", "epochs": "3"},
        learning_rate=0.001,
        optimizer="Adam",
        layers=(TraceLayer(type="Dense", units=16),),
        epochs=tuple(TraceEpoch(epoch=n, metrics={"loss": 1.0 / n}) for n in (1, 2, 3)),
    )
    return base.model_copy(update=update)


def evaluation(cell: int, data: DataFingerprint, **update) -> TraceEvaluation:
    base = TraceEvaluation(
        cell=cell, framework="keras", api="evaluate", data=data, results={"accuracy": 0.9}
    )
    return base.model_copy(update=update)


def kinds(trace: Trace) -> set[tuple[str, int | None]]:
    return {(f.kind, f.refs[0].cell) for f in findings(trace, "nb.ipynb")}


def test_config_loop_gives_varied_settings_and_loop_fits() -> None:
    trace = Trace(
        runs=(
            run(3, learning_rate=0.001),
            run(3, learning_rate=0.01, hyperparams={"batch_size": "64", "epochs": "3"}),
        )
    )
    found = trace_evidence("nb.ipynb", trace, visible=[3])
    assert {(h.name, h.value) for h in found.hyperparams} == {
        ("learning_rate", "0.001"),
        ("learning_rate", "0.01"),
        ("batch_size", "32"),
        ("batch_size", "64"),
    }
    assert all(f.in_loop and f.ref.source == "trace" for f in found.fits)
    assert found.fits[1].hyperparams["batch_size"] == "64" and len(found.runs) == 2


def test_silent_cells_add_fits_but_no_visible_runs_or_readings() -> None:
    trace = Trace(runs=(run(1),), evaluations=(evaluation(2, TEST),))
    found = trace_evidence("nb.ipynb", trace, visible=[])
    assert len(found.fits) == 1 and found.runs == [] and found.metrics == []


def test_roles_from_fingerprints() -> None:
    trace = Trace(
        runs=(run(1, validation="validation_data", validation_data=VAL),),
        evaluations=(evaluation(2, VAL), evaluation(3, TEST), evaluation(4, TRAIN)),
    )
    found = trace_evidence("nb.ipynb", trace, visible=[2, 3, 4])
    assert [(m.ref.cell, m.role) for m in found.metrics] == [
        (2, "validation"),
        (3, "test"),
        (4, "train"),
    ]
    assert [s.role for s in found.splits] == ["validation"]
    assert kinds(trace) == set()


def test_test_as_validation_and_overwritten_training_data() -> None:
    split = TraceSplit(framework="sklearn", api="train_test_split", outputs=(TRAIN, TEST))
    trace = Trace(
        runs=(run(1, validation="validation_data", validation_data=TEST),),
        evaluations=(evaluation(3, TEST),),
        splits=(split,),
    )
    assert kinds(trace) == {("test_as_validation", 1)}
    facts = trace_evidence("nb.ipynb", trace, visible=[1]).splits
    assert {(s.kind, s.role) for s in facts} == {
        ("validation_data", "test"),
        ("train_test_split", "test"),
    }
    overwritten = Trace(runs=(run(2, train_data=TEST),), splits=(split,))
    assert kinds(overwritten) == {("overwritten_training_data", 2)}


def test_leakage_unscaled_not_converging_and_validation_is_training() -> None:
    stalled = tuple(TraceEpoch(epoch=n, metrics={"loss": 2.3}) for n in (1, 2, 3))
    trace = Trace(
        runs=(
            run(
                1,
                epochs=stalled,
                validation="validation_data",
                validation_data=VAL,
                validation_overlap=(300, 360),
            ),
        ),
        evaluations=(
            evaluation(2, DataFingerprint(hash="t16", min=0.0, max=16.0), overlap_train=(40, 100)),
        ),
    )
    assert kinds(trace) == {
        ("not_converging", 1),
        ("validation_is_training", 1),
        ("leakage", 2),
        ("unscaled_test", 2),
    }


def test_merge_splits_keeps_static_names_and_replaces_same_kind() -> None:
    static = [
        SplitFact(
            kind="validation_data",
            ref=EvidenceRef(source="code", cell=4),
            arguments=("x_val", "y_val"),
            role="validation",
        ),
        SplitFact(kind="predefined", ref=EvidenceRef(source="code", cell=0)),
    ]
    traced = [
        SplitFact(kind="validation_data", ref=EvidenceRef(source="trace", cell=4), role="test")
    ]
    merged = merge_splits(static, traced)
    assert [(s.kind, s.ref.source, s.role, s.arguments) for s in merged] == [
        ("predefined", "code", "unknown", ()),
        ("validation_data", "trace", "test", ("x_val", "y_val")),
    ]


def test_two_traced_splits_in_one_cell_keep_their_own_static_roles() -> None:
    from grader.evidence.outputs.trace import merge_splits
    from grader.records.evidence import EvidenceRef, SplitFact

    def fact(role: str, targets: tuple[str, ...] = ()) -> SplitFact:
        return SplitFact(kind="train_test_split", ref=EvidenceRef(source="code", cell=3),
                         role=role, targets=targets)  # type: ignore[arg-type]

    static = [fact("test", ("x_tr", "x_test")), fact("validation", ("x_train", "x_val"))]
    traced = [fact("unknown"), fact("unknown")]
    merged = merge_splits(static, traced)
    assert [(f.role, f.targets[-1]) for f in merged] == [("test", "x_test"), ("validation", "x_val")]
