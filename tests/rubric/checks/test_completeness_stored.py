"""completeness from stored outputs, read like a careful reviewer (own small notebooks).

An error that later cells ran past is no stop; a Colab export without execution counts ran;
commented-out, empty and definition-only cells are not "unexecuted code"; mixed evidence is △
with its reason and never says later cells did not run when their outputs exist.
"""

from __future__ import annotations

from typing import Any

from nbformat import v4

from grader.evidence.build import notebook_evidence
from grader.execute.stored import stored_notebook
from grader.records.evidence import Evidence
from grader.records.submission import NotebookFile
from grader.rubric.checks.completeness import solves_quest
from grader.rubric.outcome import Outcome, ScoringContext

LOAD = "x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2)"
FIT = "history = model.fit(x_train, y_train, epochs=3, validation_split=0.2)"
EVAL = "loss, acc = model.evaluate(x_test, y_test)\nprint('test accuracy', acc)"


def out(text: str) -> Any:
    return v4.new_output("stream", name="stdout", text=text)


def error(name: str, value: str = "") -> Any:
    return v4.new_output("error", ename=name, evalue=value, traceback=[f"{name}: {value}"])


def cell(source: str, count: int | None, *outputs: Any) -> Any:
    return v4.new_code_cell(source, execution_count=count, outputs=list(outputs))


def judge(*cells: Any) -> Outcome:
    content = dict(v4.new_notebook(cells=list(cells)))
    executed = stored_notebook(NotebookFile(path="a.ipynb", member=None, content=content))
    evidence = Evidence(mode="stored_outputs", notebooks=(notebook_evidence(executed, None),))
    return solves_quest(evidence, ScoringContext(evidence=evidence), {})


def clean_cells() -> list[Any]:
    return [
        cell(LOAD, 1),
        cell(FIT, 2, out("Epoch 1/3\nloss: 0.9 - accuracy: 0.61 - val_accuracy: 0.60\n")),
        cell(EVAL, 3, out("test accuracy 0.83\n")),
    ]


def test_clean_run_names_its_final_result() -> None:
    outcome = judge(*clean_cells())
    assert (outcome.mark, outcome.reason) == ("o", "ran_to_end_no_assignment")
    assert outcome.facts["final"].endswith("셀 3")


def test_interrupt_followed_by_cells_that_ran_later_is_no_stop() -> None:
    interrupted = cell(FIT, 2, out("Epoch 1/50\n"), error("KeyboardInterrupt"))
    rerun = cell(FIT.replace("epochs=3", "epochs=2"), 3, out("Epoch 1/2\nloss: 0.8\n"))
    outcome = judge(cell(LOAD, 1), interrupted, rerun, cell(EVAL, 4, out("test accuracy 0.8\n")))
    assert (outcome.mark, outcome.reason) == ("o", "ran_past_error")
    assert outcome.facts["cell"].endswith("셀 2") and outcome.facts["ename"] == "KeyboardInterrupt"


def test_transient_error_then_a_later_rerun_of_the_cells_below_is_no_stop() -> None:
    flaky = cell("data = download(url)", 2, error("ConnectionError", "timed out"))
    later = [cell(FIT, 5, out("loss: 0.7\n")), cell(EVAL, 6, out("test accuracy 0.8\n"))]
    assert judge(cell(LOAD, 1), flaky, *later).mark == "o"


def test_error_in_the_last_cell_is_triangle_not_stop() -> None:
    cells = [*clean_cells(), cell("show_wordcloud(words)", 4, error("KeyboardInterrupt"))]
    outcome = judge(*cells)
    assert (outcome.mark, outcome.reason) == ("△", "stopped_at_end")
    assert outcome.facts["detail"] == ""


def test_error_with_older_outputs_below_is_triangle() -> None:
    broken = cell(FIT, 9, error("ValueError", "shapes differ"))
    older = cell(EVAL, 3, out("test accuracy 0.8\n"))
    outcome = judge(cell(LOAD, 1), broken, older)
    assert (outcome.mark, outcome.reason) == ("△", "error_after_outputs")


def test_error_with_nothing_run_after_it_still_stops() -> None:
    outcome = judge(cell(LOAD, 1), cell(FIT, 2, error("ValueError", "bad shape")), cell(EVAL, None))
    assert (outcome.mark, outcome.reason) == ("x", "stopped_with_error")


def test_colab_export_without_counts_but_with_outputs_ran() -> None:
    cells = [
        cell(LOAD, None),
        cell(FIT, None, out("Epoch 1/3\nloss: 0.9\n")),
        cell("model.compile(optimizer='adam', loss='mse')", None),
        cell(EVAL, None, out("test accuracy 0.83\n")),
    ]
    assert judge(*cells).mark == "o"


def test_commented_empty_and_definition_cells_are_not_unexecuted_code() -> None:
    cells = [
        *clean_cells(),
        cell("# model.fit(x_train, y_train, epochs=100)\n# 시간이 오래 걸려 주석 처리", None),
        cell("", None),
        cell("def plot_history(h):\n    plt.plot(h.history['loss'])", None),
        cell("'''\n옛날 실험 코드\n'''", None),
    ]
    assert judge(*cells).reason == "ran_to_end_no_assignment"


def test_a_needed_cell_never_run_among_run_cells_is_triangle() -> None:
    cells = clean_cells()
    cells.insert(2, cell("model.save('best.keras')\nprint('saved')", None))
    outcome = judge(*cells)
    assert (outcome.mark, outcome.reason) == ("△", "cells_never_run")
    assert outcome.facts["cells"] == "셀 3"
    assert outcome.facts["excerpt"] == "model.save('best.keras')"


def test_code_that_no_longer_parses_and_has_no_output_is_triangle() -> None:
    cells = [*clean_cells(), cell("정리:\n검증 정확도가 가장 높았다", None)]
    outcome = judge(*cells)
    assert (outcome.mark, outcome.reason) == ("△", "cell_does_not_parse")


def test_a_long_unrun_tail_is_not_run_to_end() -> None:
    tail = [cell(FIT, None), cell(EVAL, None), cell("plt.plot(history.history['loss'])", None)]
    outcome = judge(cell(LOAD, 1), cell("print(x.shape)", 2, out("(100, 4)\n")), *tail)
    assert (outcome.mark, outcome.reason) == ("x", "not_run_to_end")
    assert outcome.facts["count"] == 3


def test_results_shown_before_the_training_ran_are_triangle() -> None:
    cells = [
        cell(LOAD, 1),
        cell(FIT, 40, out("Epoch 1/3\nloss: 0.9 - accuracy: 0.6\n")),
        cell(EVAL, 12, out("test accuracy 0.83\n")),
    ]
    outcome = judge(*cells)
    assert (outcome.mark, outcome.reason) == ("△", "results_before_training")


def test_without_training_or_evaluation_the_quest_is_undecided() -> None:
    cells = [cell("img = load('cat.png')", 1), cell("plt.imshow(blur(img))", 2, out("done\n"))]
    assert judge(*cells).reason == "no_training_result"


GAN = (
    "def make_generator():\n    return Sequential([Dense(64)])\n"
    "def make_discriminator():\n    return Sequential([Dense(1)])"
)
LOSS_CURVE = "plt.plot(g_losses, label='G')\nplt.plot(d_losses, label='D')\nplt.show()"


def image() -> Any:
    return v4.new_output(
        "display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}
    )


def test_gan_showing_only_loss_curves_has_no_visible_result() -> None:
    cells = [
        cell(GAN, 1),
        cell("history = train(dataset, epochs=20)", 2, out("epoch 20 gen_loss 0.9\n")),
        cell(LOSS_CURVE, 3, image()),
    ]
    outcome = judge(*cells)
    assert (outcome.mark, outcome.reason) == ("△", "no_generated_samples")


def test_gan_showing_generated_samples_is_complete() -> None:
    cells = [
        cell(GAN, 1),
        cell("history = train(dataset, epochs=20)", 2, out("epoch 20 gen_loss 0.9\n")),
        cell("imgs = generator(noise)\nplt.imshow(imgs[0])", 3, image()),
    ]
    assert judge(*cells).mark == "o"


def test_a_few_scratch_cells_never_run_after_the_result_are_triangle() -> None:
    scratch = [cell(f"print(model.layers[{i}].name)", None) for i in range(3)]
    setup = [cell(f"step_{i}(data)", 10 + i, out("ok\n")) for i in range(8)]
    outcome = judge(*clean_cells(), *setup, *scratch)
    assert (outcome.mark, outcome.reason) == ("△", "cells_never_run")
