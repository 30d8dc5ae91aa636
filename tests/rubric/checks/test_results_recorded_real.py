"""Recorded results judged like a careful reader (issue 9, results recorded)."""

from grader.records.evidence import EpochMetrics, FitCall, TrainingRun
from grader.rubric.checks.problem_solving import results_recorded
from tests.evidence.conftest import code, md, stream
from tests.rubric.factories import code as summary
from tests.rubric.factories import evidence, notebook, ref

from .real_cells import TUNER, evidence_of, keras_log

RUNS = (
    code(0, "h1 = m1.fit(x, y, epochs=3, validation_split=0.2)", stream(keras_log(3, 0.8412))),
    code(1, "h2 = m2.fit(x, y, epochs=3, validation_split=0.2)", stream(keras_log(3, 0.8790))),
)


def judge(*cells):
    outcome = results_recorded(evidence_of(*cells))
    return outcome.mark, outcome.reason, outcome


def test_several_runs_whose_results_are_only_printed_are_triangle() -> None:
    mark, reason, outcome = judge(*RUNS)
    assert (mark, reason) == ("△", "results_only_printed")
    assert outcome.facts["trainings"] == 2


def test_markdown_restating_the_printed_results_is_o() -> None:
    note = md(2, "작은 모델은 검증 정확도 0.8012, 큰 모델은 0.8390으로 큰 모델이 나았다.")
    mark, reason, outcome = judge(*RUNS, note)
    assert (mark, reason) == ("o", "results_written")
    assert outcome.facts["where"].endswith("셀 3")


def test_markdown_numbers_no_output_shows_are_not_a_record() -> None:
    note = md(2, "| 모델 | 정확도 |\n|---|---|\n| 작은 모델 | 0.9312 |\n| 큰 모델 | 0.9577 |")
    mark, reason, _ = judge(*RUNS, note)
    assert (mark, reason) == ("△", "results_only_printed")


def test_a_loop_that_overwrites_its_metric_shows_only_the_last_run() -> None:
    loop = code(0, "for lr in [0.1, 0.01, 0.001]:\n    m = build(lr)\n"
                   "    hist = m.fit(x, y, epochs=3, verbose=0)\n"
                   "acc = m.evaluate(x_te, y_te)\nprint('test accuracy:', acc)",
                stream("test accuracy: 0.8731\n"))
    mark, reason, _ = judge(loop, code(1, "m2.fit(x, y, epochs=3)", stream(keras_log(3, 0.85))))
    assert (mark, reason) == ("△", "loop_results_overwritten")


def test_one_run_with_its_printed_metric_is_recorded() -> None:
    mark, reason, _ = judge(RUNS[0], code(1, "model.evaluate(x_te, y_te)",
                                          stream("test accuracy: 0.8377\n")))
    assert (mark, reason) == ("o", "results_recorded")


def test_one_cell_sweep_that_overwrites_its_metric_is_triangle() -> None:
    loop = code(0, "for units in [16, 64, 256]:\n    m = build(units)\n"
                   "    m.fit(x, y, epochs=3, verbose=0)\n    score = m.evaluate(x_te, y_te)\n"
                   "print('test accuracy:', score)", stream("test accuracy: 0.8731\n"))
    mark, reason, outcome = judge(loop)
    assert (mark, reason) == ("△", "loop_results_overwritten")
    assert outcome.facts["hidden"] == 2 and outcome.facts["where"].endswith("셀 1")


def test_a_run_only_the_recorder_traced_is_not_recorded_for_a_reader() -> None:
    traced = TrainingRun(
        ref=ref(3, "trace"), source="trace", epochs=(EpochMetrics(epoch=1, metrics={"loss": 0.3}),)
    )
    nb = notebook(
        code=(summary(3, "model.fit(x, y, verbose=0)", output=False),),
        fits=(FitCall(ref=ref(3, "trace"), method="fit"),),
        runs=(traced,),
    )
    outcome = results_recorded(evidence(nb))
    assert (outcome.mark, outcome.reason) == ("x", "no_results_visible")


def test_a_tuner_that_shows_only_its_last_trial_has_not_recorded_every_trial() -> None:
    final = code(2, "best.fit(x, y, epochs=3)", stream(keras_log(3, 0.88)))
    mark, reason, _ = judge(*TUNER, final)
    assert (mark, reason) == ("△", "search_trials_not_shown")
