"""Hyperparameter trials judged like a careful reader (issue 9, experiments)."""

from grader.rubric.checks.problem_solving import TrialParams, hparam_trials
from tests.evidence.conftest import code, md, result, stream

from .real_cells import TUNER, evidence_of, keras_log

GAN_CELLS = (
    code(0, "class Generator(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
            "        self.net = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 784))"),
    code(1, "class Discriminator(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
            "        self.net = nn.Sequential(nn.Linear(784, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1))"),
    code(2, "def fit(epochs):\n    for epoch in range(epochs):\n        for i, x in enumerate(loader):\n"
            "            d_loss.backward()\n            opt_d.step()\n"
            "            if i % 100 == 0:\n"
            "                print(f'Epoch {epoch}/{epochs}, Step {i}, d_loss:{d:.3f}, g_loss:{g:.3f}')"),
    code(3, "fit(3)", stream("".join(
        f"Epoch {e}/3, Step {s}, d_loss:0.{5 + e}00, g_loss:1.{s // 100}00\n"
        for e in range(3) for s in (100, 200, 300)))),
)


def test_one_gan_printing_several_lines_per_epoch_is_one_run() -> None:
    outcome = hparam_trials(evidence_of(*GAN_CELLS), TrialParams())
    assert (outcome.mark, outcome.reason) == ("x", "single_trial")
    assert outcome.facts["runs"] == 1


def test_comparing_model_families_only_is_triangle() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "lstm = Sequential([Embedding(5000, 64), LSTM(32), Dense(1)])\n"
                "lstm.compile(optimizer='adam', loss='binary_crossentropy')\n"
                "lstm.fit(x_tr, y_tr, epochs=3)", stream(keras_log(3, 0.84))),
        code(1, "cnn = Sequential([Embedding(5000, 64), Conv1D(32, 5), GlobalMaxPooling1D(), Dense(1)])\n"
                "cnn.compile(optimizer='adam', loss='binary_crossentropy')\n"
                "cnn.fit(x_tr, y_tr, epochs=3)", stream(keras_log(3, 0.82))),
    ), TrialParams())
    assert (outcome.mark, outcome.reason) == ("△", "only_architecture_or_epochs")
    assert outcome.facts["varied"] == ["architecture"]


def test_same_rate_written_two_ways_is_not_a_variation() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "model.compile(optimizer=Adam(learning_rate=1e-3))\nmodel.fit(x, y, epochs=3)",
             stream(keras_log(3, 0.90))),
        code(1, "model2.compile(optimizer=Adam(learning_rate=0.001))\nmodel2.fit(x, y, epochs=3)",
             stream(keras_log(3, 0.91))),
    ), TrialParams())
    assert outcome.mark == "△" and "learning_rate" not in outcome.facts["varied"]


def test_own_training_function_called_with_two_rates_is_o() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "def run_experiment(lr, epochs):\n    m = build()\n"
                "    m.compile(optimizer=Adam(lr), loss='mse')\n    return m.fit(x, y, epochs=epochs)"),
        code(1, "h1 = run_experiment(lr=0.01, epochs=3)", stream(keras_log(3, 0.80))),
        code(2, "h2 = run_experiment(lr=0.001, epochs=3)", stream(keras_log(3, 0.86))),
    ), TrialParams())
    assert (outcome.mark, outcome.reason) == ("o", "trials_found")
    assert "learning_rate" in outcome.facts["varied"] and "셀 2" in outcome.facts["where"]


TABLE = ("<table><thead><tr><th>Epoch</th><th>Training Loss</th><th>Validation Loss</th>"
         "<th>Accuracy</th></tr></thead><tbody><tr><td>1</td><td>0.40</td><td>0.35</td>"
         "<td>{acc}</td></tr></tbody></table>")


def test_hugging_face_runs_with_other_batch_sizes_are_o_even_if_a_cell_no_longer_parses() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "args = TrainingArguments('o', per_device_train_batch_size=16, num_train_epochs=1)\n"
                "trainer = Trainer(model=m, args=args)\ntrainer.train()",
             result("<HTML>", TABLE.format(acc="0.861"))),
        code(1, "args = TrainingArguments('o', per_device_train_batch_size=4,  x # 줄임\n"
                "trainer = Trainer(model=m, args=args)\ntrainer.train()",
             result("<HTML>", TABLE.format(acc="0.874"))),
    ), TrialParams())
    assert (outcome.mark, outcome.reason) == ("o", "trials_found")
    assert outcome.facts["runs"] == 2 and outcome.facts["varied"] == ["batch_size"]


def test_a_numbered_plan_table_is_not_a_claim_of_trials() -> None:
    outcome = hparam_trials(evidence_of(
        md(0, "| 단계 | 내용 |\n|---|---|\n| 1️⃣ 준비 | 데이터 확보 |\n"
              "| 2️⃣ 실험 | 하이퍼파라미터 튜닝과 비교 |"),
        code(1, "model.fit(x, y, epochs=3)", stream(keras_log(3, 0.88))),
    ), TrialParams())
    assert (outcome.mark, outcome.reason) == ("x", "single_trial")


def test_sweep_loop_that_overwrites_its_metric_shows_one_outcome() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "for lr in [0.1, 0.01, 0.001]:\n    m = build(lr)\n"
                "    m.fit(x, y, epochs=3, verbose=0)\n    score = m.evaluate(x_te, y_te)\n"
                "print('test accuracy:', score)", stream("test accuracy: 0.8731\n")),
    ), TrialParams())
    assert (outcome.mark, outcome.reason) == ("△", "trial_outcomes_not_shown")
    assert outcome.facts["hidden"] == 2


def test_sweep_loop_printing_each_runs_result_is_o() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "for lr in [0.1, 0.01, 0.001]:\n    m = build(lr)\n"
                "    m.fit(x, y, epochs=3, verbose=0)\n"
                "    print(lr, 'test accuracy:', m.evaluate(x_te, y_te))",
             stream("0.1 test accuracy: 0.41\n0.01 test accuracy: 0.86\n"
                    "0.001 test accuracy: 0.88\n")),
    ), TrialParams())
    assert (outcome.mark, outcome.reason) == ("o", "trials_found")
    assert outcome.facts["runs"] == 3


def test_a_search_that_ran_is_o_and_says_so_even_with_one_model_family() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "grid = GridSearchCV(SVC(), {'C': [0.1, 1, 10]}, cv=3)\ngrid.fit(X, y)",
             result("GridSearchCV(cv=3, estimator=SVC())")),
        code(1, "print('best score:', grid.best_score_)", stream("best score: 0.9123\n")),
        code(2, "final = SVC(C=1).fit(X, y)", result("SVC(C=1)")),
    ), TrialParams())
    assert (outcome.mark, outcome.reason) == ("o", "search_ran")
    assert outcome.facts["where"].endswith("셀 1")


def test_a_tuner_that_shows_only_its_last_trial_has_hidden_trials() -> None:
    outcome = hparam_trials(evidence_of(*TUNER), TrialParams())
    assert (outcome.mark, outcome.reason) == ("△", "search_trials_not_shown")
    assert outcome.facts["where"].endswith("셀 1")


def test_a_search_logging_every_trial_is_o() -> None:
    log = "".join(f"Trial {t} finished with value: 0.8{t}1 and parameters: {{'lr': 0.0{t}}}\n"
                  for t in range(1, 5))
    outcome = hparam_trials(evidence_of(
        code(0, "study = optuna.create_study()\nstudy.optimize(objective, n_trials=4)", stream(log)),
        code(1, "def objective(trial):\n    m = build(trial.suggest_float('lr', 1e-4, 1e-1))\n"
                "    return m.fit(x, y).history['val_loss'][-1]"),
        code(2, "best = build(study.best_params['lr'])\nbest.fit(x, y, epochs=3)",
             stream(keras_log(3, 0.9))),
    ), TrialParams())
    assert outcome.mark == "o"


def test_two_dropout_layers_of_one_model_are_one_configuration() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "model = Sequential([Conv2D(32, 3), Dropout(0.25), Flatten(), Dense(64),"
                " Dropout(0.5), Dense(10)])\nmodel.compile(optimizer='adam')\n"
                "model.fit(x, y, epochs=3)", stream(keras_log(3, 0.7))),
        code(1, "model.fit(x, y, epochs=3)", stream(keras_log(3, 0.75))),
    ), TrialParams())
    assert (outcome.mark, outcome.reason) == ("△", "runs_without_variation")


def test_moving_from_the_default_rate_to_another_is_a_learning_rate_trial() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "model.compile(optimizer='adam', loss='mse')\nmodel.fit(x, y, epochs=3)",
             stream(keras_log(3, 0.7))),
        code(1, "model.compile(optimizer=Adam(learning_rate=0.01), loss='mse')\n"
                "model.fit(x, y, epochs=3)", stream(keras_log(3, 0.6))),
    ), TrialParams())
    assert (outcome.mark, outcome.reason) == ("o", "trials_found")
    assert outcome.facts["varied"] == ["learning_rate"]


def test_loop_variables_name_settings_only_when_they_are_settings() -> None:
    from grader.evidence.derived.trials import _loop_setting

    assert _loop_setting("lr", ("0.01", "0.001")) == "learning_rate"
    assert _loop_setting("dropout", ("0.2", "0.5")) == "dropout"
    assert _loop_setting("i, config", ()) == "config"
    assert _loop_setting("rate", ("0.1", "1e-3")) == "rate"
    assert _loop_setting("lang", ("'ko'", "'en'")) is None  # datasets, not a sweep
    assert _loop_setting("i", ()) is None


def test_a_loop_over_datasets_is_no_hyperparameter_sweep() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "for lang in ['ko', 'en']:\n"
                "    model = build()\n"
                "    model.fit(x[lang], y[lang], epochs=2)",
             stream(keras_log(2, 0.80) + keras_log(2, 0.85))),
    ), TrialParams())
    assert outcome.mark != "o"
    assert "lang" not in outcome.facts["varied"]


def test_a_loop_over_numbers_varies_that_setting() -> None:
    outcome = hparam_trials(evidence_of(
        code(0, "for rate in [0.2, 0.5]:\n"
                "    model = build(rate)\n"
                "    model.fit(x, y, epochs=2)",
             stream(keras_log(2, 0.80) + keras_log(2, 0.85))),
    ), TrialParams())
    assert outcome.mark == "o" and "rate" in outcome.facts["varied"]
