"""Visual comparison judged like a careful reader (issue 9, visual comparison)."""

from grader.rubric.checks.problem_solving import visual_comparison
from tests.evidence.conftest import code, image, md, result, stream

from .real_cells import evidence_of, keras_log

TWO_RUNS = (
    code(0, "h_small = small.fit(x, y, epochs=3, validation_split=0.2)", stream(keras_log(3, 0.8))),
    code(1, "h_big = big.fit(x, y, epochs=3, validation_split=0.2)", stream(keras_log(3, 0.9))),
)


def judge(*cells):
    outcome = visual_comparison(evidence_of(*cells))
    return outcome.mark, outcome.reason


def test_results_bar_chart_over_configurations_is_o() -> None:
    cells = (*TWO_RUNS, code(2, "res = pd.DataFrame(rows)\n"
                                "res.plot(x='config', y='val_accuracy', kind='bar')", image()))
    assert judge(*cells) == ("o", "comparison_plot")


def test_two_runs_overlaid_in_one_axes_is_o() -> None:
    cells = (*TWO_RUNS, code(2, "plt.plot(h_small.history['val_loss'], label='small')\n"
                                "plt.plot(h_big.history['val_loss'], label='big')\nplt.legend()",
                             image()))
    assert judge(*cells) == ("o", "comparison_plot")


def test_train_and_validation_curves_of_one_run_are_x() -> None:
    cells = (TWO_RUNS[0], code(1, "plt.plot(h_small.history['loss'])\n"
                                  "plt.plot(h_small.history['val_loss'])", image()))
    assert judge(*cells) == ("x", "single_run_curve")


def test_generator_and_discriminator_losses_are_one_run() -> None:
    cells = (code(0, "plt.plot(x, y1, label='G_loss')\nplt.plot(x, y2, label='D_loss')", image()),)
    assert judge(*cells) == ("x", "single_run_curve")


def test_loop_over_metric_names_of_one_run_is_x() -> None:
    cells = (TWO_RUNS[0], code(1, "for i, m in enumerate(['loss', 'accuracy']):\n"
                                  "    ax[i].plot(h_small.history[m])\n"
                                  "    ax[i].plot(h_small.history['val_' + m])", image()))
    assert judge(*cells) == ("x", "single_run_curve")


def test_one_figure_per_run_is_triangle() -> None:
    cells = (
        TWO_RUNS[0], code(1, "plt.plot(h_small.history['loss'])\nplt.show()", image()),
        TWO_RUNS[1], code(3, "plt.plot(h_big.history['loss'])\nplt.show()", image()),
    )
    cells = tuple(c.model_copy(update={"index": i}) for i, c in enumerate(cells))
    assert judge(*cells) == ("△", "plots_per_experiment")


def test_class_histogram_and_sample_images_are_not_run_plots() -> None:
    cells = (code(0, "plt.hist(labels, bins=10)", image()),
             code(1, "for i in range(9):\n    plt.imshow(x_train[i])", image()))
    assert judge(*cells) == ("x", "no_plot")


def test_plotting_helper_called_in_another_cell_has_its_figure_there() -> None:
    cells = (
        *TWO_RUNS,
        code(2, "def compare(hs):\n    for name, h in hs.items():\n"
                "        plt.plot(h.history['val_loss'], label=name)\n    plt.legend()"),
        code(3, "compare({'small': h_small, 'big': h_big})", image()),
    )
    assert judge(*cells) == ("o", "comparison_plot")


RESULTS_HTML = (
    "<table><thead><tr><th></th><th>model</th><th>val_accuracy</th></tr></thead><tbody>"
    "<tr><th>0</th><td>small</td><td>0.871</td></tr>"
    "<tr><th>1</th><td>big</td><td>0.903</td></tr></tbody></table>"
)


def test_results_dataframe_of_two_runs_is_o() -> None:
    cells = (*TWO_RUNS, code(2, "pd.DataFrame(rows)", result("  model  val_accuracy", RESULTS_HTML)))
    assert judge(*cells) == ("o", "comparison_table")


def test_results_table_typed_into_markdown_without_runs_is_x() -> None:
    cells = (
        md(0, "| 학습률 | 정확도 |\n|---|---|\n| 0.1 | 0.41 |\n| 0.01 | 0.88 |"),
        TWO_RUNS[0],
    )
    cells = tuple(c.model_copy(update={"index": i}) for i, c in enumerate(cells))
    assert judge(*cells) == ("x", "no_plot")


def _frame(columns: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{c}</th>" for c in ["", *columns])
    body = "".join(
        "<tr><th>" + str(i) + "</th>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>"
        for i, row in enumerate(rows)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def test_a_data_preview_is_no_comparison_table() -> None:
    preview = _frame(
        ["title", "Price", "Previous Owners", "Doors"],
        [["car a", 6900, 3.0, 5], ["car b", 1495, 4.0, 3], ["car c", 949, 1.0, 5]],
    )
    cells = (code(0, "df.head()", result("", html=preview)),
             TWO_RUNS[0])
    assert judge(*cells)[0] == "x"


def test_a_results_table_beside_one_training_compares_nothing() -> None:
    table = _frame(["model", "val_accuracy"], [["cnn", 0.91], ["cnn+dropout", 0.93]])
    cells = (TWO_RUNS[0], code(1, "pd.DataFrame(rows)", result("", html=table)))
    assert judge(*cells)[0] != "o"


def test_a_results_table_of_runs_that_ran_is_o() -> None:
    table = _frame(["model", "val_accuracy"], [["small", 0.8], ["big", 0.9]])
    cells = (*TWO_RUNS, code(2, "pd.DataFrame(rows)", result("", html=table)))
    assert judge(*cells) == ("o", "comparison_table")


def test_a_results_chart_without_runs_is_undecided() -> None:
    cells = (code(0, "scores = pd.DataFrame({'before': [0.3, 0.5], 'after': [0.1, 0.2]})\n"
                     "scores.plot(kind='bar')", image()),)
    assert judge(*cells) == ("△", "comparison_without_runs")
