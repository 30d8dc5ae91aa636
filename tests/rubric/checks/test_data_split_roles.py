"""problem_solving.data_split: which roles (train / validation / test) the data plays.

Two of the three roles is △ without an assignment (a careful reviewer hesitates: the test set
doubles as validation, or there is no test set) and x when an assignment asks for all three.
"""

from __future__ import annotations

from nbformat import v4

from grader.evidence.build import notebook_evidence
from grader.execute.stored import stored_notebook
from grader.records.evidence import (
    EvaluateCall,
    Evidence,
    MetricReading,
    ModelDefinition,
    SplitFact,
)
from grader.records.submission import NotebookFile
from grader.rubric.checks.split import data_split
from grader.rubric.outcome import Outcome, ScoringContext
from tests.rubric.factories import code, evidence, notebook, ref


def split(kind: str, role: str = "unknown", cell: int = 1, **facts: object) -> SplitFact:
    return SplitFact(kind=kind, role=role, ref=ref(cell), **facts)  # type: ignore[arg-type]


def on_test(cell: int = 7) -> EvaluateCall:
    return EvaluateCall(ref=ref(cell), method="evaluate", role="test")


def assigned(ev):  # type: ignore[no-untyped-def]
    return ScoringContext(evidence=ev, assignment_id="cnn-digits")


def test_three_way_split_with_the_test_evaluated_is_o():
    ev = evidence(
        notebook(
            splits=(split("train_test_split", "test"), split("train_test_split", "validation", 2)),
            evaluations=(on_test(),),
        )
    )
    outcome = data_split(ev)
    assert (outcome.mark, outcome.reason) == ("o", "three_way_split")
    assert outcome.facts["evaluated"] == "a.ipynb 셀 8"


def test_validation_split_plus_predefined_test_evaluated_is_o():
    ev = evidence(
        notebook(
            splits=(split("predefined"), split("validation_split", cell=4)),
            evaluations=(on_test(),),
        )
    )
    assert data_split(ev).mark == "o"


def test_evaluation_on_test_counts_as_test_set():
    ev = evidence(notebook(splits=(split("validation_split"),), evaluations=(on_test(),)))
    assert data_split(ev).mark == "o"


def test_a_printed_test_score_is_an_evaluation():
    score = MetricReading(ref=ref(9, "output"), name="accuracy", value=0.9, role="test")
    ev = evidence(
        notebook(splits=(split("predefined"), split("validation_split", cell=4)), metrics=(score,))
    )
    assert data_split(ev).mark == "o"


def test_test_variable_passed_to_a_later_call_is_an_evaluation():
    test = split("predefined", "test", targets=("test_loader",))
    nb = notebook(
        splits=(test, split("validation_split", cell=4)),
        code=(code(1), code(6, "acc = run_epoch(model, test_loader)\nprint(acc)")),
    )
    assert data_split(evidence(nb)).reason == "three_way_split"


def test_test_set_that_is_never_evaluated_is_triangle():
    ev = evidence(notebook(splits=(split("predefined", "test"), split("validation_split", cell=4))))
    outcome = data_split(ev)
    assert (outcome.mark, outcome.reason) == ("△", "test_not_evaluated")
    assert outcome.facts["test"] == "a.ipynb 셀 2"


def test_test_set_as_validation_data_is_triangle_without_an_assignment():
    misused = split("validation_data", "test", 5, arguments=("x_test", "y_test"))
    ev = evidence(notebook(splits=(split("train_test_split", "test"), misused)))
    outcome = data_split(ev)
    assert (outcome.mark, outcome.reason) == ("△", "test_used_as_validation")
    assert outcome.facts["where"] == "a.ipynb 셀 6"
    assert outcome.facts["data"] == "x_test, y_test"


def test_test_set_as_validation_data_is_x_when_the_assignment_asks_for_three_roles():
    ev = evidence(
        notebook(splits=(split("train_test_split", "test"), split("validation_data", "test", 5)))
    )
    outcome = data_split(ev, assigned(ev))
    assert (outcome.mark, outcome.reason) == ("x", "test_used_as_validation")


def test_test_as_validation_next_to_a_real_validation_set_is_a_leak_triangle():
    splits = (split("validation_split", cell=3), split("validation_data", "test", 5))
    ev = evidence(notebook(splits=splits, evaluations=(on_test(),)))
    assert data_split(ev, assigned(ev)).mark == "△"


def test_train_and_test_only_is_triangle_missing_validation():
    ev = evidence(notebook(splits=(split("train_test_split", "test", 2),)))
    outcome = data_split(ev)
    assert (outcome.mark, outcome.reason) == ("△", "no_validation_split")
    assert outcome.facts["where"] == "a.ipynb 셀 3"


def test_train_and_validation_only_is_triangle_missing_test():
    ev = evidence(notebook(splits=(split("slice", "validation", 4),)))
    outcome = data_split(ev)
    assert (outcome.mark, outcome.reason) == ("△", "no_test_split")
    assert data_split(ev, assigned(ev)).mark == "x"


def test_no_split_at_all_is_x():
    assert data_split(evidence()).reason == "no_split"


def test_a_gan_without_an_assignment_has_no_split_to_judge():
    models = (
        ModelDefinition(ref=ref(3), name="make_generator_model", style="sequential"),
        ModelDefinition(ref=ref(4), name="make_discriminator_model", style="sequential"),
    )
    ev = evidence(notebook(models=models, splits=(split("predefined", "test"),)))
    assert data_split(ev).mark == "n/a"
    assert data_split(ev, assigned(ev)).reason == "no_validation_split"


def test_test_set_renamed_as_validation_names_both():
    renamed = split("validation_data", "test", 3, targets=("x_val",), arguments=("x_test / 255.0",))
    ev = evidence(notebook(splits=(renamed, split("predefined", "test"))))
    outcome = data_split(ev)
    assert (outcome.mark, outcome.reason) == ("△", "test_renamed_as_validation")
    assert outcome.facts["names"] == "x_val"


def from_cells(*sources: str) -> Outcome:
    """data_split over a small stored notebook (every cell ran and printed something)."""
    cells = [
        v4.new_code_cell(s, execution_count=i + 1, outputs=[v4.new_output("stream", text="ok\n")])
        for i, s in enumerate(sources)
    ]
    content = dict(v4.new_notebook(cells=cells))
    executed = stored_notebook(NotebookFile(path="a.ipynb", member=None, content=content))
    return data_split(
        Evidence(mode="stored_outputs", notebooks=(notebook_evidence(executed, None),))
    )


def test_torch_random_split_of_train_plus_provided_test_evaluated_in_own_function():
    outcome = from_cells(
        "full = datasets.CIFAR10('.', train=True)\ntest_set = datasets.CIFAR10('.', train=False)",
        "train_set, val_set = random_split(full, [45000, 5000])",
        "for epoch in range(3):\n    loss.backward()\n    optimizer.step()",
        "acc = accuracy_on(model, DataLoader(test_set))\nprint(acc)",
    )
    assert outcome.mark == "o"


def test_directories_with_test_evaluated():
    outcome = from_cells(
        "train_ds = image_dataset_from_directory(d, validation_split=0.2, subset='training')\n"
        "val_ds = image_dataset_from_directory(d, validation_split=0.2, subset='validation')\n"
        "test_ds = image_dataset_from_directory(test_dir)",
        "model.fit(train_ds, validation_data=val_ds, epochs=5)",
        "model.evaluate(test_ds)",
    )
    assert outcome.reason == "three_way_split"


def test_hf_split_into_validation_with_a_test_prediction():
    outcome = from_cells(
        "parts = raw['train'].train_test_split(test_size=0.1)\n"
        "train_ds, valid_ds = parts['train'], parts['test']",
        "trainer = Trainer(model=m, train_dataset=train_ds, eval_dataset=valid_ds)\ntrainer.train()",
        "out = trainer.predict(test_ds)\nprint(out.metrics)",
    )
    assert outcome.mark == "o"
