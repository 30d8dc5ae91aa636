"""Where training happens: own training functions, Hugging Face Trainer, estimators."""

from grader.evidence.build import notebook_evidence
from grader.evidence.code.collect import extract_code
from tests.evidence.conftest import code, notebook, result, stream


def fits(*sources: str):
    return extract_code("nb.ipynb", [code(i, s) for i, s in enumerate(sources)]).fits


def test_call_of_own_training_function_is_the_training_cell() -> None:
    found = fits(
        "def train_model(model, lr, epochs=5):\n"
        "    model.compile(optimizer=Adam(lr), loss='mse')\n"
        "    return model.fit(x_tr, y_tr, epochs=epochs)",
        "hist_a = train_model(small, lr=1e-3, epochs=10)",
        "hist_b = train_model(large, lr=1e-4, epochs=10)",
    )
    calls = [f for f in found if f.method == "train_model"]
    assert [f.ref.cell for f in calls] == [1, 2]
    assert calls[0].hyperparams == {"lr": "0.001", "epochs": "10"}
    assert calls[1].hyperparams["lr"] == "0.0001"


def test_gan_train_loop_in_a_function_is_trained_where_it_is_called() -> None:
    found = fits(
        "@tf.function\ndef step(batch):\n    with tf.GradientTape() as g:\n        pass\n"
        "    gen_opt.apply_gradients(zip(grads, gen.trainable_variables))",
        "def train(ds, epochs):\n    for e in range(epochs):\n        for b in ds:\n"
        "            step(b)",
        "train(dataset, 30)",
    )
    assert [f.method for f in found if f.ref.cell == 2] == ["train"]


def test_hugging_face_trainer_train_is_training_but_torch_mode_switch_is_not() -> None:
    found = fits(
        "args = TrainingArguments('out', learning_rate=2e-5, num_train_epochs=2)\n"
        "trainer = Trainer(model=bert, args=args, train_dataset=ds_tr)\ntrainer.train()",
        "net.train()\nfor xb, yb in loader:\n    pass",
    )
    assert [(f.ref.cell, f.method) for f in found] == [(0, "train")]


def test_fitting_a_vectorizer_built_inline_is_not_training() -> None:
    found = fits("vec = TfidfVectorizer().fit(texts)", "clf = LogisticRegression().fit(X, y)")
    assert [f.ref.cell for f in found] == [1]


TRAINER_TABLE = (
    "<table><thead><tr><th>Epoch</th><th>Training Loss</th><th>Validation Loss</th>"
    "<th>Accuracy</th></tr></thead><tbody>"
    "<tr><td>1</td><td>0.412</td><td>0.350</td><td>0.851</td></tr>"
    "<tr><td>2</td><td>No log</td><td>0.331</td><td>0.866</td></tr></tbody></table>"
)


def test_trainer_progress_table_is_a_training_run() -> None:
    nb = notebook(
        code(0, "trainer.train()", result("<IPython.core.display.HTML object>", TRAINER_TABLE)),
        code(1, "trainer.evaluate()", stream("{'eval_accuracy': 0.866}\n")),
    )
    evidence = notebook_evidence(nb, None)
    [run] = evidence.runs
    assert run.source == "table" and run.ref.cell == 0
    assert [e.metrics for e in run.epochs] == [
        {"loss": 0.412, "val_loss": 0.35, "accuracy": 0.851},
        {"val_loss": 0.331, "accuracy": 0.866},
    ]
