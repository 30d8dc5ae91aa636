from grader.evidence.outputs.collect import extract_outputs
from grader.evidence.outputs.logs import parse_logs
from tests.evidence.conftest import code, error, image, md, result, stream

KERAS3 = (
    "Epoch 1/2\n"
    "\x1b[1m 1/12\x1b[0m ━━━━━━━━━━━━━━━━━━━━ 5s 500ms/step - accuracy: 0.2000 - loss: 2.3000"
    "\r\x1b[1m12/12\x1b[0m ━━━━━━━━━━━━━━━━━━━━ 1s 20ms/step - accuracy: 0.8100 - loss: 0.6200"
    " - val_accuracy: 0.9000 - val_loss: 0.3300\n"
    "Epoch 2/2\n"
    "12/12 ━━━━━━━━━━━━━━━━━━━━ 0s 9ms/step - accuracy: 0.9100 - loss: 0.3000"
    " - val_accuracy: 0.9300 - val_loss: 0.2500\n"
)


def test_keras3_log_with_carriage_returns() -> None:
    parsed = parse_logs(KERAS3)
    [run] = parsed.runs
    assert run.source == "keras_log" and run.asked == 2
    number, metrics = run.epochs[0]
    assert number == 1 and metrics.pop("epoch_seconds") == 0.24  # 12 steps × 20ms
    assert metrics == {"accuracy": 0.81, "loss": 0.62, "val_accuracy": 0.9, "val_loss": 0.33}
    assert run.epochs[1][1]["val_accuracy"] == 0.93
    assert parsed.evaluate_lines == []


def test_verbose2_and_keras2_logs_and_new_run_on_epoch_one() -> None:
    text = ("Epoch 1/3\n12/12 - 0s - 5ms/step - accuracy: 0.50 - loss: 1.00\n"
            "Epoch 2/3\n12/12 - 0s - 5ms/step - accuracy: 0.60 - loss: 0.90\n"
            "Epoch 1/5\n1875/1875 [==============================] - 3s 2ms/step"
            " - loss: 0.2 - acc: 0.94 - val_loss: 0.1 - val_acc: 0.97\n")
    runs = parse_logs(text).runs
    assert [len(r.epochs) for r in runs] == [2, 1]
    assert runs[1].asked == 5
    assert runs[1].epochs[0][1]["val_accuracy"] == 0.97


def test_print_and_tqdm_and_korean_epoch_lines() -> None:
    text = ("Epoch 1/10, loss=0.52, val_acc=0.80\nEpoch 2/10, loss=0.41, val_acc=0.88\n"
            "[Epoch 3] train loss: 0.41 | val acc: 88.2%\n"
            "에폭 1/3 - 손실: 0.90, 검증 정확도: 71.5%\n에폭 2/3 - 손실: 0.70, 검증 정확도: 80%\n")
    runs = parse_logs(text).runs
    assert [len(r.epochs) for r in runs] == [3, 2]
    assert runs[0].epochs[2] == (3, {"loss": 0.41, "val_accuracy": 0.882})
    assert runs[1].epochs[1][1] == {"loss": 0.70, "val_accuracy": 0.80}
    tqdm = parse_logs("Epoch 3/10: 100%|██████████| 469/469 [00:10<00:00, 45.6it/s, "
                      "loss=0.41, acc=0.88]\n").runs
    assert tqdm[0].source == "tqdm" and tqdm[0].epochs[0][1] == {"loss": 0.41, "accuracy": 0.88}


def test_fit_then_evaluate_in_one_cell_gives_test_reading_not_epoch() -> None:
    cell = code(0, "model.fit(x_train, y_train, epochs=2)\nmodel.evaluate(x_test, y_test)",
                stream(KERAS3 + "313/313 ━━━━━━━━━━━━━━━━━━━━ 1s 2ms/step - accuracy: 0.9722"
                       " - loss: 0.0900\n"))
    found = extract_outputs("nb", [cell], {0: "test"})
    assert len(found.runs) == 1 and len(found.runs[0].epochs) == 2
    readings = {(m.name, m.role): m.value for m in found.metrics}
    assert readings == {("accuracy", "test"): 0.9722, ("loss", "test"): 0.09}


def test_printed_readings_percent_and_korean() -> None:
    cell = code(0, "print(...)", stream("Test accuracy: 0.9722\n테스트 정확도: 97.22%\n"
                                        "검증 정확도: 0.91\nval_acc = 0.9\nTotal params: 50,890\n"))
    found = extract_outputs("nb", [cell], {})
    got = [(m.name, m.role, round(m.value, 4)) for m in found.metrics]
    assert got == [("accuracy", "test", 0.9722), ("accuracy", "test", 0.9722),
                   ("accuracy", "validation", 0.91), ("accuracy", "validation", 0.9)]


def test_figures_tables_errors() -> None:
    frame = ('<table border="1" class="dataframe"><thead><tr><th></th><th>lr</th>'
             "<th>val_acc</th></tr></thead><tbody><tr><th>0</th><td>0.01</td><td>0.91</td></tr>"
             "<tr><th>1</th><td>0.001</td><td>0.93</td></tr></tbody></table>")
    cells = [code(0, "plt.show()", image()), code(1, "df", result("...", html=frame)),
             code(2, "1/0", error("ZeroDivisionError", "division by zero")),
             md(3, "| 실험 | lr | 정확도 |\n|---|---|---|\n| A | 0.01 | 91% |\n| B | 0.1 | 85% |")]
    found = extract_outputs("nb", cells, {})
    assert [f.ref.cell for f in found.figures] == [0]
    html_table, md_table = found.tables
    assert html_table.rows == 2 and html_table.columns == ("", "lr", "val_acc")
    assert html_table.numeric
    assert md_table.rows == 2 and md_table.columns == ("실험", "lr", "정확도") and md_table.numeric
    assert md_table.ref.source == "markdown"
    assert found.errors[0].ename == "ZeroDivisionError"


def test_split_stream_outputs_are_joined() -> None:
    cell = code(0, "model.fit(x, y)", stream("Epoch 1/1\n12/12 ━━ 1s - acc"),
                stream("uracy: 0.5 - loss: 0.7\n"))
    found = extract_outputs("nb", [cell], {})
    assert found.runs[0].epochs[0].metrics == {"accuracy": 0.5, "loss": 0.7}


def test_param_counts_from_model_summaries() -> None:
    from grader.evidence.outputs.collect import param_counts
    from grader.records.evidence import EvidenceRef

    text = ('Model: "discriminator"\n┃ Layer (type) ┃\n Total params: 212,865 (831.50 KB)\n'
            ' Trainable params: 212,865\nModel: "generator"\n Total params: 2,330,944 (8.89 MB)\n')
    counts = param_counts(text, EvidenceRef(source="output", cell=3))
    assert [(c.model, c.total) for c in counts] == [("discriminator", 212865), ("generator", 2330944)]


def test_epoch_wall_time_from_keras_steps() -> None:
    from grader.evidence.outputs.logs import EPOCH_SECONDS, parse_logs

    text = ("Epoch 1/2\n45/45 ━━━━━━━━━━━━━━━━━━━━ 1s 7ms/step - accuracy: 0.51 - loss: 2.02\n"
            "Epoch 2/2\n36/36 - 0s - 5ms/step - accuracy: 0.91 - loss: 0.27\n")
    [run] = parse_logs(text).runs
    assert [round(m[EPOCH_SECONDS], 3) for _, m in run.epochs] == [0.315, 0.18]


def test_printed_epoch_lines_carry_their_time() -> None:
    from grader.evidence.outputs.logs import EPOCH_SECONDS, parse_logs

    text = ("[cGAN] epoch  5 | gen_loss 0.8454 | disc_loss 1.2888 | 0.24s\n"
            "[cGAN] epoch 10 | gen_loss 0.7538 | disc_loss 1.3442 | 0.30s\n"
            "Epoch 3/10 loss=0.41 120.5it/s\n")
    runs = parse_logs(text).runs
    assert [m.get(EPOCH_SECONDS) for _, m in runs[0].epochs] == [0.24, 0.30]
    assert all(EPOCH_SECONDS not in m for r in runs[1:] for _, m in r.epochs)


def test_a_test_score_printed_by_a_cell_that_evaluated_training_data_is_a_training_score() -> None:
    cell = code(0, "loss, acc = model.evaluate(x_train, y_train)\nprint(f'test accuracy: {acc}')",
                stream("test accuracy: 0.9612\n"))
    claimed = extract_outputs("nb", [cell], {0: "train"}, frozenset({0}))
    assert [(m.name, m.role, m.value) for m in claimed.metrics] == [("accuracy", "train", 0.9612)]
    honest = extract_outputs("nb", [cell], {0: "train"})
    assert [m.role for m in honest.metrics] == ["test"]
    validation = code(1, "print(f'val accuracy: {acc}')", stream("val accuracy: 0.9\n"))
    kept = extract_outputs("nb", [validation], {}, frozenset({1}))
    assert [m.role for m in kept.metrics] == ["validation"]
