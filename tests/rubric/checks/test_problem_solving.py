from __future__ import annotations

from grader.records.evidence import (
    CodeCellSummary,
    ConfigLoop,
    EpochMetrics,
    FigureOutput,
    FitCall,
    HyperparamSetting,
    MetricReading,
    PlotCall,
    TableOutput,
    TrainingRun,
)
from grader.rubric.checks.problem_solving import (
    TrialParams,
    hparam_trials,
    results_recorded,
    visual_comparison,
)
from tests.rubric.factories import code, evidence, notebook, ref, text


def run(cell: int) -> TrainingRun:
    return TrainingRun(
        ref=ref(cell, "output"),
        source="keras_log",
        epochs=(EpochMetrics(epoch=1, metrics={"loss": 0.5}),),
    )


def test_loop_over_learning_rates_that_ran_is_o():
    nb = notebook(
        code=(code(3, "for lr in [0.1, 0.01, 0.001]: model.fit(...)"),),
        config_loops=(
            ConfigLoop(
                ref=ref(3), variable="lr", values=("0.1", "0.01", "0.001"), contains_fit=True
            ),
        ),
        runs=(run(3), run(3), run(3)),
    )
    outcome = hparam_trials(evidence(nb), TrialParams())
    assert outcome.mark == "o"
    assert outcome.facts["runs"] == 3
    assert "learning_rate" in outcome.facts["varied"]


def test_trials_that_only_train_longer_are_triangle():
    # The legend: only "continue training for more epochs" is borderline, not a trial.
    nb = notebook(
        code=(code(3), code(5)),
        fits=(
            FitCall(ref=ref(3), method="fit", hyperparams={"epochs": "5"}),
            FitCall(ref=ref(5), method="fit", hyperparams={"epochs": "20"}),
        ),
        runs=(run(3), run(5)),
    )
    outcome = hparam_trials(evidence(nb), TrialParams())
    assert (outcome.mark, outcome.reason) == ("△", "only_architecture_or_epochs")
    assert outcome.facts["varied"] == ["epochs"]


def loop_cell(**state):
    loop = ConfigLoop(ref=ref(3), variable="lr", values=("0.1", "0.01"), contains_fit=True)
    return dict(config_loops=(loop,), **state)


def test_loop_in_a_notebook_never_run_is_planned_not_done():
    nb = notebook(code=(code(3, output=False),), never_run=True, ran_to_end=False, **loop_cell())
    outcome = hparam_trials(evidence(nb), TrialParams())
    assert (outcome.mark, outcome.reason) == ("△", "trials_planned_not_run")


def test_loop_after_the_notebook_stopped_is_x():
    unreached = CodeCellSummary(index=3, source="for lr in ...", executed=False)
    nb = notebook(code=(unreached,), ran_to_end=False, **loop_cell())
    outcome = hparam_trials(evidence(nb), TrialParams())
    assert (outcome.mark, outcome.reason) == ("x", "trials_not_completed")


def test_silent_loop_that_ran_without_visible_outcomes_is_triangle():
    nb = notebook(code=(code(3, output=False),), **loop_cell())
    outcome = hparam_trials(evidence(nb), TrialParams())
    assert (outcome.mark, outcome.reason) == ("△", "trial_outcomes_not_shown")


def test_claims_without_runs_are_triangle():
    nb = notebook(
        code=(code(3),),
        runs=(run(3),),
        texts=(text("learning rate를 0.1, 0.01, 0.001로 바꿔 가며 시도해 봤다."),),
    )
    outcome = hparam_trials(evidence(nb), TrialParams())
    assert (outcome.mark, outcome.reason) == ("△", "trials_only_claimed")


def test_single_run_is_x():
    nb = notebook(code=(code(3),), runs=(run(3),))
    assert hparam_trials(evidence(nb), TrialParams()).mark == "x"


def test_two_runs_same_settings_are_triangle():
    nb = notebook(
        code=(code(3), code(4)),
        runs=(run(3), run(4)),
        hyperparams=(HyperparamSetting(ref=ref(1), name="learning_rate", value="0.001"),),
    )
    assert hparam_trials(evidence(nb), TrialParams()).reason == "runs_without_variation"


def plot(cell: int, *, series: int = 2, loop: bool = False, history: bool = True) -> PlotCall:
    return PlotCall(
        ref=ref(cell), function="plt.plot", series=series, in_loop=loop, mentions_history=history
    )


def fig(cell: int) -> FigureOutput:
    return FigureOutput(ref=ref(cell, "output"))


def test_history_plot_in_loop_with_figure_is_comparison():
    nb = notebook(code=(code(6, image=True),), plots=(plot(6, loop=True),), figures=(fig(6),))
    assert visual_comparison(evidence(nb)).mark == "o"


def test_single_learning_curve_is_triangle():
    nb = notebook(code=(code(6, image=True),), plots=(plot(6, series=2),), figures=(fig(6),))
    assert visual_comparison(evidence(nb)).reason == "single_run_curve"


def test_plot_code_without_figure_is_triangle():
    nb = notebook(code=(code(6, output=False),), plots=(plot(6, loop=True),))
    assert visual_comparison(evidence(nb)).reason == "plot_without_figure"


def test_no_plot_is_x():
    assert visual_comparison(evidence()).mark == "x"


def test_several_runs_with_results_only_printed_are_triangle():
    nb = notebook(
        code=(code(3), code(5), code(8)),
        fits=(FitCall(ref=ref(3), method="fit", hyperparams={"epochs": "5"}),
              FitCall(ref=ref(5), method="fit", hyperparams={"epochs": "9"})),
        runs=(run(3), run(5)),
        metrics=(MetricReading(ref=ref(8, "output"), name="accuracy", value=0.97, role="test"),),
    )
    outcome = results_recorded(evidence(nb))
    assert (outcome.mark, outcome.reason) == ("△", "results_only_printed")


def test_a_single_experiment_with_its_results_is_o():
    nb = notebook(
        code=(code(3), code(8)),
        fits=(FitCall(ref=ref(3), method="fit"),),
        runs=(run(3),),
        metrics=(MetricReading(ref=ref(8, "output"), name="accuracy", value=0.97, role="test"),),
    )
    outcome = results_recorded(evidence(nb))
    assert (outcome.mark, outcome.reason) == ("o", "results_recorded")


def test_training_cell_without_output_is_triangle():
    nb = notebook(
        code=(code(3), code(5, output=False), code(8)),
        fits=(FitCall(ref=ref(3), method="fit"), FitCall(ref=ref(5), method="fit")),
        runs=(run(3),),
        metrics=(MetricReading(ref=ref(8, "output"), name="accuracy", value=0.9, role="test"),),
    )
    outcome = results_recorded(evidence(nb))
    assert (outcome.mark, outcome.reason) == ("△", "some_results_missing")


def test_results_table_covers_silent_training_cells():
    nb = notebook(
        code=(code(3, output=False), code(9)),
        fits=(FitCall(ref=ref(3), method="fit", in_loop=True),),
        runs=(run(3), run(3)),
        tables=(TableOutput(ref=ref(9, "output"), rows=3, numeric=True),),
    )
    assert results_recorded(evidence(nb)).mark == "o"


def test_never_run_has_no_results():
    nb = notebook(code=(code(3, output=False),), fits=(FitCall(ref=ref(3), method="fit"),))
    assert results_recorded(evidence(nb)).reason == "no_results_visible"


def test_one_curve_per_experiment_is_triangle():
    nb = notebook(
        code=(code(3, image=True), code(5, image=True)),
        plots=(plot(3, series=2), plot(5, series=2)),
        figures=(fig(3), fig(5)),
        runs=(run(3), run(5)),
    )
    outcome = visual_comparison(evidence(nb))
    assert (outcome.mark, outcome.reason) == ("△", "plots_per_experiment")


def test_two_curves_of_the_same_single_run_are_not_a_comparison():
    nb = notebook(code=(code(3, image=True), code(5, image=True)), plots=(plot(3), plot(5)),
                  figures=(fig(3), fig(5)), runs=(run(3),))
    assert visual_comparison(evidence(nb)).mark == "x"


def test_varied_settings_read_as_korean_names_then_loop_variables():
    from grader.rubric.checks.problem_solving import changed_text

    assert changed_text(["f", "learning_rate", "rate"]) == "학습률, 반복 변수 f, rate"
    assert changed_text(["batch_size"]) == "배치 크기"
    assert changed_text([]) == "없음"
