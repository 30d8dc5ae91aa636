"""Real small trainings in a real kernel, recorded end to end (slow)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from grader.evidence.build import notebook_evidence
from grader.execute import ExecLimits, NbclientExecutor
from grader.records.execution import ExecutedNotebook
from grader.submission import load_submission

pytestmark = pytest.mark.slow

LIMITS = ExecLimits(cell_timeout_s=180, total_timeout_s=400)

DATA = """\
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
X, y = load_digits(return_X_y=True)
X = X.astype('float32')
x_train, x_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
x_train = x_train / 16.0  # the test set is left unscaled on purpose
x_tr, x_val, y_tr, y_val = train_test_split(x_train, y_train, test_size=0.2, random_state=0)
"""
MODEL = """\
import keras
def make(units, rate=0.2, lr=1e-3):
    model = keras.Sequential([
        keras.Input((64,)),
        keras.layers.Dense(units, activation='relu'),
        keras.layers.Dropout(rate),
        keras.layers.Dense(10, activation='softmax'),
    ])
    model.compile(optimizer=keras.optimizers.Adam(lr), loss='sparse_categorical_crossentropy',
                  metrics=['accuracy'])
    return model
"""
LOOP = """\
for units, batch, lr in [(8, 32, 1e-3), (16, 64, 3e-3), (32, 128, 1e-2)]:
    make(units, lr=lr).fit(x_tr, y_tr, epochs=2, batch_size=batch, validation_split=0.2, verbose=0)
print('done')
"""
VAL_DATA = "m = make(16)\nh = m.fit(x_tr, y_tr, epochs=2, validation_data=(x_val, y_val), verbose=0)\nprint(len(h.history['loss']))"
TEST_AS_VAL = "m2 = make(16)\nm2.fit(x_tr, y_tr, epochs=2, validation_data=(x_test, y_test), verbose=0)\nprint('ok')"
EVALUATE = "m.evaluate(x_test, y_test, verbose=0)"
PLOT = """\
import matplotlib.pyplot as plt
for name in ['a', 'b', 'c']:
    plt.plot([1, 2, 3], label=name)
plt.legend(); plt.title('비교'); plt.xlabel('epoch')
plt.show()
"""
STUDENT_ERROR = """\
class Boom(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        raise ValueError('학생 콜백 오류')

def train_badly():
    m.fit(x_tr, y_tr, epochs=1, callbacks=[Boom()], verbose=0)

train_badly()
"""


def execute(tmp_path: Path, *sources: str) -> ExecutedNotebook:
    nb = v4.new_notebook(cells=[v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, tmp_path / "nb.ipynb")
    submission = load_submission(tmp_path / "nb.ipynb", work_dir=tmp_path / "work")
    return NbclientExecutor(LIMITS).run(submission).notebooks[0]


@pytest.fixture(scope="module")
def keras_nb(tmp_path_factory: pytest.TempPathFactory) -> ExecutedNotebook:
    tmp = tmp_path_factory.mktemp("keras")
    return execute(tmp, DATA, MODEL, LOOP, VAL_DATA, TEST_AS_VAL, EVALUATE, PLOT, STUDENT_ERROR)


def test_a_loop_over_three_configurations_gives_three_runs(keras_nb: ExecutedNotebook) -> None:
    assert keras_nb.trace is not None and keras_nb.trace.errors == ()
    loop = [r for r in keras_nb.trace.runs if r.cell == 2]
    assert [r.hyperparams["batch_size"] for r in loop] == ["32", "64", "128"]
    assert [r.learning_rate for r in loop] == [0.001, 0.003, 0.01]
    assert [r.layers[0].units for r in loop] == [8, 16, 32]
    assert all(r.epochs_asked == 2 and len(r.epochs) == 2 for r in loop)
    assert all(r.optimizer == "Adam" and r.loss == "sparse_categorical_crossentropy" for r in loop)
    assert loop[0].layers[1].type == "Dropout" and loop[0].layers[1].rate == 0.2
    evidence = notebook_evidence(keras_nb, None)
    varied = {h.name for h in evidence.hyperparams if h.ref.source == "trace"}
    assert {"batch_size", "learning_rate", "units"} <= varied
    assert len([r for r in evidence.runs if r.ref.cell == 2]) == 3


def test_validation_kinds_are_told_apart(keras_nb: ExecutedNotebook) -> None:
    assert keras_nb.trace is not None
    kinds = {r.cell: r.validation for r in keras_nb.trace.runs}
    assert kinds[2] == "validation_split" and kinds[3] == "validation_data"
    evidence = notebook_evidence(keras_nb, None)
    roles = {(s.ref.cell, s.kind): s.role for s in evidence.splits if s.ref.source == "trace"}
    assert roles[(2, "validation_split")] == "validation"
    assert roles[(3, "validation_data")] == "validation"
    assert roles[(4, "validation_data")] == "test"  # the test set used as validation
    [reading] = [m for m in evidence.metrics if m.ref.cell == 5 and m.name == "accuracy"]
    assert reading.role == "test" and reading.ref.source == "trace"


def test_findings_flag_unscaled_test_and_test_as_validation(keras_nb: ExecutedNotebook) -> None:
    from grader.evidence.outputs.trace import findings

    assert keras_nb.trace is not None
    found = {(f.kind, f.refs[0].cell) for f in findings(keras_nb.trace, keras_nb.path)}
    assert ("unscaled_test", 5) in found
    assert ("test_as_validation", 4) in found
    assert not any(kind == "leakage" for kind, _ in found)


def test_figure_series_are_counted(keras_nb: ExecutedNotebook) -> None:
    assert keras_nb.trace is not None
    [figure] = [f for f in keras_nb.trace.figures if f.cell == 6]
    [axes] = figure.axes
    assert (axes.lines, axes.legend, axes.title, axes.xlabel) == (
        3,
        ("a", "b", "c"),
        "비교",
        "epoch",
    )


def test_student_exception_inside_fit_reaches_the_student(keras_nb: ExecutedNotebook) -> None:
    assert keras_nb.error is not None
    assert (keras_nb.error.cell_index, keras_nb.error.ename) == (7, "ValueError")
    assert keras_nb.error.evalue == "학생 콜백 오류"
    tail = keras_nb.error.traceback_tail
    assert "on_epoch_end" in tail and "call_original" not in tail
    assert keras_nb.trace is not None
    [failed] = [r for r in keras_nb.trace.runs if r.cell == 7]
    assert failed.status == "error" and failed.error == "ValueError"


CUSTOM_GAN = """\
import numpy as np, tensorflow as tf, keras
gen = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation='relu'), keras.layers.Dense(2)])
disc = keras.Sequential([keras.Input((2,)), keras.layers.Dense(8, activation='relu'), keras.layers.Dense(1)])
g_opt, d_opt = keras.optimizers.Adam(1e-3), keras.optimizers.Adam(1e-3)
bce = keras.losses.BinaryCrossentropy(from_logits=True)
real = np.random.normal(size=(64, 2)).astype('float32')

@tf.function
def train_step(batch):
    noise = tf.random.normal((16, 4))
    with tf.GradientTape() as gt, tf.GradientTape() as dt:
        fake = gen(noise, training=True)
        r, f = disc(batch, training=True), disc(fake, training=True)
        g_loss = bce(tf.ones_like(f), f)
        d_loss = bce(tf.ones_like(r), r) + bce(tf.zeros_like(f), f)
    g_opt.apply_gradients(zip(gt.gradient(g_loss, gen.trainable_variables), gen.trainable_variables))
    d_opt.apply_gradients(zip(dt.gradient(d_loss, disc.trainable_variables), disc.trainable_variables))
    return g_loss, d_loss
"""
GAN_LOOP = """\
for epoch in range(2):
    for i in range(0, 64, 16):
        train_step(real[i:i + 16])
print('trained')
"""
TORCH_LOOP = """\
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split
data = TensorDataset(torch.randn(96, 8), torch.randint(0, 2, (96,)))
train_set, val_set = random_split(data, [64, 32])
net = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Dropout(0.1), nn.Linear(16, 2))
opt = torch.optim.SGD(net.parameters(), lr=0.05)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(3):
    net.train()
    for xb, yb in DataLoader(train_set, batch_size=16, shuffle=True):
        opt.zero_grad()
        loss = loss_fn(net(xb), yb)
        loss.backward()
        opt.step()
print('torch done')
"""


def test_custom_loops_are_training_runs(tmp_path: Path) -> None:
    nb = execute(tmp_path, CUSTOM_GAN, GAN_LOOP, TORCH_LOOP)
    assert nb.ran_to_end and nb.trace is not None and nb.trace.errors == ()
    [gan] = [r for r in nb.trace.runs if r.cell == 1]
    assert (gan.framework, gan.api, gan.steps) == ("keras", "custom_loop", 8)
    [loop] = [r for r in nb.trace.runs if r.cell == 2]
    assert (loop.framework, loop.api, loop.steps) == ("torch", "torch_loop", 12)
    assert loop.optimizer == "SGD" and loop.learning_rate == 0.05 and len(loop.epochs) == 3
    assert all("loss" in e.metrics for e in loop.epochs) and loop.model_name == "net"
    assert [layer.type for layer in loop.layers] == ["Linear", "ReLU", "Dropout", "Linear"]
    [split] = nb.trace.splits
    assert split.api == "random_split" and split.params["lengths"] == "64.0,32.0"
    evidence = notebook_evidence(nb, None)
    assert {(r.ref.cell, r.source) for r in evidence.runs} >= {(1, "trace"), (2, "trace")}


def test_rows_of_the_data_fed_to_the_model_are_kept_once_per_source(
    keras_nb: ExecutedNotebook,
) -> None:
    assert keras_nb.trace is not None
    kept = {r.source: r for r in keras_nb.trace.rows}
    assert {"split_test", "split_train", "fit", "validation", "evaluate"} <= set(kept)
    evaluated = kept["evaluate"]
    assert evaluated.framework == "keras" and evaluated.cell == 5
    assert evaluated.shape == (360, 64) and evaluated.dtype == "float32"
    assert len(evaluated.rows) == 3 and len(evaluated.rows[0]) == 64  # type: ignore[arg-type]
    assert len(keras_nb.trace.rows) == len(kept)  # each source once
