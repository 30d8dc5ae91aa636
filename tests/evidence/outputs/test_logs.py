"""Runs read from logs: one run per training, however many lines an epoch prints."""

from grader.evidence.outputs.collect import extract_outputs
from grader.evidence.outputs.logs import parse_logs
from tests.evidence.conftest import code, md, stream


def test_several_lines_per_epoch_are_one_epoch_of_one_run() -> None:
    text = "".join(
        f"Epoch {e}/3, Step {s}/600, d_loss:{0.5 + s / 1e4:.4f}, g_loss:{2.0 - e / 10:.4f}\n"
        for e in range(3)
        for s in (200, 400, 600)
    )
    [run] = parse_logs(text).runs
    assert [n for n, _ in run.epochs] == [0, 1, 2]
    assert run.epochs[-1][1] == {"disc_loss": 0.56, "gen_loss": 1.8}


def test_generator_and_discriminator_lines_of_one_gan_are_one_run() -> None:
    text = "".join(
        f"epoch {e}: gen_loss=1.{e}2\nepoch {e}: disc_loss=0.6{e}\n" for e in range(1, 5)
    )
    [run] = parse_logs(text).runs
    assert len(run.epochs) == 4
    assert run.epochs[0][1] == {"gen_loss": 1.12, "disc_loss": 0.61}


def test_early_stopping_ends_one_run_short_of_the_asked_epochs() -> None:
    log = "".join(
        f"Epoch {e}/40\n20/20 - 1s - loss: 0.{9 - e}0 - val_loss: 0.{9 - e}5\n" for e in range(1, 6)
    ) + "Epoch 5: early stopping\n"
    [run] = parse_logs(log).runs
    assert run.asked == 40 and len(run.epochs) == 5


def test_a_second_training_restarting_at_epoch_one_is_a_second_run() -> None:
    text = "epoch 1 loss: 0.9\nepoch 2 loss: 0.7\nepoch 1 loss: 0.8\nepoch 2 loss: 0.5\n"
    assert [len(r.epochs) for r in parse_logs(text).runs] == [2, 2]


def test_printed_results_table_and_markdown_notes_checked_against_outputs() -> None:
    printed = (
        "설정           val_acc     test_acc\n"
        "-------------------------------\n"
        "lr=0.01        0.8412      0.8377\n"
        "lr=0.001       0.8790      0.8741\n"
    )
    cells = [
        code(0, "print(table)", stream(printed)),
        md(1, "학습률을 낮추니 검증 정확도가 0.879로 올랐고 테스트는 87.4%였다."),
        md(2, "| 설정 | 정확도 |\n|---|---|\n| A | 0.912 |\n| B | 0.934 |"),
    ]
    found = extract_outputs("nb", cells, {})
    [printed_table] = [t for t in found.tables if t.ref.source == "output"]
    assert printed_table.rows == 2 and printed_table.row_labels == ("lr=0.01", "lr=0.001")
    notes = {n.ref.cell: (n.numbers, n.matched) for n in found.result_notes}
    assert notes[1] == (2, 2)
    [typed] = [t for t in found.tables if t.ref.source == "markdown"]
    assert typed.values_shown == 0  # typed results no output shows


def test_classification_report_is_not_a_results_table() -> None:
    report = (
        "              precision    recall  f1-score   support\n"
        "         cat       0.91      0.88      0.89       100\n"
        "         dog       0.88      0.91      0.90       100\n"
    )
    found = extract_outputs("nb", [code(0, "print(report)", stream(report))], {})
    assert found.tables == []


def test_printed_metric_names_may_hold_digits():
    from grader.evidence.outputs.logs import printed_metrics

    got = printed_metrics("테스트 R2: 0.5153\ntest f1=0.81\nepoch 3 loss: 0.2")
    assert got == {"test_r2": 0.5153, "test_f1": 0.81, "loss": 0.2}


def test_segmentation_metrics_are_read_with_their_role():
    from grader.evidence.outputs.logs import printed_metrics

    got = printed_metrics("test IoU: 0.9412\n검증 mean IoU: 0.93\ntest Dice: 0.97\nval_mean_io_u: 0.9")
    assert got == {"test_iou": 0.9412, "val_iou": 0.93, "test_dice": 0.97}
