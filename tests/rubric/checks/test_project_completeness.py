from __future__ import annotations

from grader.records.evidence import CodeCellSummary, ErrorFact, MetricReading, ModelDefinition
from grader.records.verdict import Verdict
from grader.rubric.checks.completeness import solves_quest
from grader.rubric.checks.project import (
    MetricParams,
    UsesAnyParams,
    error_analysis,
    metric_threshold,
    uses_any,
)
from grader.rubric.outcome import ScoringContext
from tests.rubric.factories import code, evidence, notebook, ref, text

ACC = MetricParams(metric="accuracy", role="test", at_least=0.95)


def reading(value: float, role: str = "test") -> MetricReading:
    return MetricReading(ref=ref(9, "output"), name="accuracy", value=value, role=role)  # type: ignore[arg-type]


def test_best_test_accuracy_meets_threshold():
    ev = evidence(notebook(metrics=(reading(0.91), reading(0.972))))
    outcome = metric_threshold(ev, ACC)
    assert outcome.mark == "o" and outcome.facts["value"] == "97.2%"


def test_test_accuracy_below_threshold_is_x():
    assert (
        metric_threshold(evidence(notebook(metrics=(reading(0.93),))), ACC).reason == "metric_below"
    )


def test_only_validation_accuracy_is_triangle():
    outcome = metric_threshold(evidence(notebook(metrics=(reading(0.99, "validation"),))), ACC)
    assert (outcome.mark, outcome.reason) == ("△", "metric_other_data")


def test_training_accuracy_never_counts():
    assert metric_threshold(evidence(notebook(metrics=(reading(0.99, "train"),))), ACC).mark == "x"


REG = UsesAnyParams(layers=("Dropout",), calls=("EarlyStopping",))


def test_dropout_layer_in_executed_model_is_o():
    nb = notebook(
        code=(code(4),),
        models=(ModelDefinition(ref=ref(4), style="sequential", layers=("Conv2D", "Dropout")),),
    )
    assert uses_any(evidence(nb), REG).mark == "o"


def test_early_stopping_call_site_counts():
    nb = notebook(
        code=(code(6, "es = EarlyStopping(patience=3)"),), call_sites={"EarlyStopping": (6,)}
    )
    outcome = uses_any(evidence(nb), REG)
    assert outcome.mark == "o" and outcome.facts["names"] == ["EarlyStopping"]


def test_technique_missing_is_x():
    assert uses_any(evidence(notebook(code=(code(1),))), REG).mark == "x"


CM = "cm = confusion_matrix(y, p)"
READING = text("혼동 행렬을 보면 3과 8을 서로 헷갈리는 경우가 가장 많았다.", cell=11)
SITES = {"confusion_matrix": (10,)}


def test_confusion_matrix_shown_and_interpreted_is_o():
    nb = notebook(code=(code(10, CM, image=True),), call_sites=SITES, texts=(READING,))
    assert error_analysis(evidence(nb)).mark == "o"


def test_confusion_matrix_without_interpretation_is_triangle():
    nb = notebook(code=(code(10, CM, image=True),), call_sites=SITES)
    assert error_analysis(evidence(nb)).reason == "analysis_without_interpretation"


def test_confusion_matrix_code_never_executed_is_x():
    unreached = CodeCellSummary(index=10, source=CM, executed=False)
    nb = notebook(code=(unreached,), call_sites=SITES, ran_to_end=False, texts=(READING,))
    assert error_analysis(evidence(nb)).reason == "analysis_not_executed"


def test_analysis_claimed_in_text_only_is_triangle():
    nb = notebook(code=(code(1, "x = 1"),), texts=(READING,))
    assert error_analysis(evidence(nb)).reason == "analysis_only_claimed"


def verdict(item: str, mark: str) -> Verdict:
    return Verdict(id=item, label=item, section="completeness", mark=mark, reason="r", comment="c")  # type: ignore[arg-type]


def context(ev, prior):  # type: ignore[no-untyped-def]
    return ScoringContext(
        evidence=ev, project_criteria=tuple(prior), required_criteria=2, prior=prior
    )


def test_two_of_three_criteria_is_o():
    ev = evidence()
    prior = {
        "project.a": verdict("project.a", "o"),
        "project.b": verdict("project.b", "o"),
        "project.c": verdict("project.c", "x"),
    }
    assert solves_quest(ev, context(ev, prior), prior).mark == "o"


def test_one_met_one_uncertain_is_triangle():
    ev = evidence()
    prior = {
        "project.a": verdict("project.a", "o"),
        "project.b": verdict("project.b", "△"),
        "project.c": verdict("project.c", "x"),
    }
    assert solves_quest(ev, context(ev, prior), prior).mark == "△"


def test_notebook_stopping_with_error_is_x_even_with_criteria_met():
    nb = notebook(
        ran_to_end=False,
        errors=(ErrorFact(ref=ref(7, "output"), ename="ValueError", evalue="shape mismatch"),),
    )
    ev = evidence(nb)
    prior = {"project.a": verdict("project.a", "o"), "project.b": verdict("project.b", "o")}
    outcome = solves_quest(ev, context(ev, prior), prior)
    assert (outcome.mark, outcome.reason) == ("x", "stopped_with_error")
    assert outcome.facts["cell"] == 8 and outcome.facts["ename"] == "ValueError"


def test_never_run_notebook_is_x():
    ev = evidence(notebook(ran_to_end=False, never_run=True))
    assert solves_quest(ev, context(ev, {}), {}).reason == "never_run"


def test_without_assignment_a_run_to_an_evaluated_result_is_enough():
    ev = evidence(notebook(metrics=(reading(0.97),)))
    outcome = solves_quest(ev, context(ev, {}), {})
    assert (outcome.mark, outcome.reason) == ("o", "ran_to_end_no_assignment")
    assert outcome.facts["final"].endswith("셀 10")


def test_a_notebook_without_any_run_code_is_not_complete():
    ev = evidence(notebook(code=()))
    assert solves_quest(ev, context(ev, {}), {}).reason == "no_code_run"


def test_an_r2_threshold_is_said_as_a_plain_number_not_a_percentage():
    r2 = MetricReading(ref=ref(9, "output"), name="r2", value=0.5153, role="test")
    outcome = metric_threshold(evidence(notebook(metrics=(r2,))), MetricParams(metric="r2", at_least=0.45))
    assert outcome.mark == "o"
    assert outcome.facts["value"] == "0.5153" and outcome.facts["bound"] == "0.45"
    assert outcome.facts["metric"] == "R2"


def test_an_upper_bound_is_said_as_at_most():
    from grader.rubric.messages import render_comment

    ppl = MetricReading(ref=ref(9, "output"), name="perplexity", value=1.51, role="test")
    params = MetricParams(metric="perplexity", at_most=2.0)
    met = metric_threshold(evidence(notebook(metrics=(ppl,))), params)
    assert (met.mark, met.reason) == ("o", "metric_within")
    assert "기준 2 이하입니다" in render_comment(met.reason, {**met.facts, "where": "셀 10"})
    high = ppl.model_copy(update={"value": 45.4})
    missed = metric_threshold(evidence(notebook(metrics=(high,))), params)
    assert (missed.mark, missed.reason) == ("x", "metric_above")


def test_a_test_score_measured_on_training_data_is_x_with_its_own_reason():
    line = "test accuracy: 0.9533"
    claimed = MetricReading(ref=ref(15, "output", line), name="accuracy", value=0.9533, role="train")
    other = reading(0.94, "validation")
    outcome = metric_threshold(evidence(notebook(metrics=(claimed, other))), ACC)
    assert (outcome.mark, outcome.reason) == ("x", "metric_claimed_on_train")
    assert outcome.facts["value"] == "95.3%"
    plain = MetricReading(ref=ref(3, "output", "accuracy: 0.99"), name="accuracy", value=0.99, role="train")
    assert metric_threshold(evidence(notebook(metrics=(plain, other))), ACC).reason == "metric_other_data"
