import os
from pathlib import Path

import pytest

from grader.evidence.build import build_evidence
from grader.evidence.code import collect
from grader.evidence.text.course import CourseText
from grader.notebook.files import read_capped
from grader.records.evidence import Evidence

from .conftest import code, error, execution, image, md, notebook, stream, submission

README = "# 팀 회고\n## 배운 점\n데이터 증강이 과적합을 줄인다는 걸 배웠다.\n## 아쉬운 점\n시간 부족"


def sample_notebook():
    return notebook(
        md(0, "# CIFAR-10 분류\n## 데이터 전처리\n픽셀 값을 255로 나눠 0~1로 맞췄습니다."),
        code(1, "(x_train, y_train), (x_test, y_test) = cifar10.load_data()\nx_train = x_train / 255.0"),
        code(2, "history = model.fit(x_train, y_train, epochs=1, validation_data=(x_test, y_test))",
             stream("Epoch 1/1\n12/12 ━━━━━━━━━━━━━━━━━━━━ 1s 20ms/step - accuracy: 0.81"
                    " - loss: 0.62 - val_accuracy: 0.90 - val_loss: 0.33\n")),
        code(3, "model.evaluate(x_test, y_test)\n%timeit x", count=None),
        code(4, "def oops(:"),
    )


def test_build_composes_everything(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("import gradio as gr\ngr.Interface(fn=f).launch()\n",
                                     encoding="utf-8")
    (tmp_path / "server.py").write_text("from flask import Flask\napp = Flask(__name__)\n",
                                        encoding="utf-8")
    sub = submission(tmp_path, README, ("app.py", "server.py", "missing.py"))
    course = CourseText(["# CIFAR-10 분류"])
    evidence = build_evidence(sub, execution(sample_notebook()), course)
    [nb] = evidence.notebooks
    assert nb.code_cells == 4 and nb.executed_cells == 3 and nb.ran_to_end
    assert nb.splits[1].kind == "validation_data" and nb.splits[1].role == "test"
    assert nb.runs[0].epochs[0].metrics["val_accuracy"] == 0.9
    assert [ref.cell for ref in nb.syntax_errors] == [4]
    assert [s.heading for s in nb.sections] == ["CIFAR-10 분류", "데이터 전처리"]
    assert not nb.sections[1].course_text
    assert {(m.name, m.role) for m in nb.metrics} == set()
    assert {s.heading for s in evidence.readme_sections} >= {"배운 점", "아쉬운 점"}
    assert [a.kind for a in evidence.apps] == ["gradio", "flask"]
    assert evidence.apps[0].ref.source == "file"
    assert Evidence.from_json(evidence.to_json()) == evidence


def test_symlinks_escapes_and_big_files_are_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.py"
    outside.write_text("import streamlit", encoding="utf-8")
    root = tmp_path / "sub"
    root.mkdir()
    os.symlink(outside, root / "link.py")
    (root / "big.py").write_text("import gradio\n" + "#" * 2_000_000, encoding="utf-8")
    assert read_capped(root, "link.py") is None
    assert read_capped(root, "../secret.py") is None
    assert read_capped(root, "/etc/passwd") is None
    assert read_capped(root, "big.py") is None
    sub = submission(root, None, ("link.py", "../secret.py", "big.py"))
    assert build_evidence(sub, execution(), None).apps == ()


def test_one_failing_extractor_is_recorded_not_raised(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    def boom(cell, ctx):
        raise ValueError("bad cell")

    monkeypatch.setitem(collect._EXTRACTORS, "plots", boom)
    nb = notebook(code(0, "model.fit(x, y)\nplt.plot(h)"))
    [result] = build_evidence(submission(tmp_path), execution(nb), None).notebooks
    assert len(result.fits) == 1
    assert result.extraction_failures[0].excerpt.startswith("plots: ValueError")


def test_hostile_content_does_not_crash(tmp_path: Path) -> None:
    deep = "x = " + "(" * 5000 + "1" + ")" * 5000
    cells = (code(0, deep), code(1, "\x00\x01"), md(2, "#" * 10_000 + "\n" + "| a |\n" * 1000),
             code(3, "print(1)", stream("\r" * 10_000 + "Epoch 1/1\n" * 1000)))
    result = build_evidence(submission(tmp_path, "**" * 5000), execution(notebook(*cells)), None)
    assert result.notebooks[0].code_cells == 3


def test_code_summaries_and_call_sites(tmp_path: Path) -> None:
    nb = notebook(
        code(0, "from tensorflow.keras.callbacks import EarlyStopping\nes = EarlyStopping(patience=3)",
             count=1),
        code(1, "cm = confusion_matrix(y_test, pred)\nplt.imshow(cm)", image(), count=2),
        code(2, "model.fit(x, y, callbacks=[es])", error("ValueError", "bad shape"), count=3),
        code(3, "print('never ran')", count=None),
    )
    ev = build_evidence(submission(tmp_path), execution(nb), None).notebooks[0]
    assert ev.call_sites["EarlyStopping"] == (0,)
    assert ev.call_sites["confusion_matrix"] == (1,)
    assert ev.call_sites["fit"] == (2,)
    by_index = {c.index: c for c in ev.code}
    assert by_index[0].executed and not by_index[0].has_output
    assert by_index[1].has_image and by_index[1].has_output
    assert by_index[2].error and not by_index[2].has_output
    assert not by_index[3].executed


def test_test_score_of_training_data_evaluation_is_read_as_training(tmp_path: Path) -> None:
    printed = "print(f'test accuracy: {acc:.4f}')"
    nb = notebook(
        code(0, f"loss, acc = model.evaluate(X_train, y_train)\n{printed}",
             stream("test accuracy: 0.9612\n")),
        code(1, f"loss, acc = model.evaluate(X_test, y_test)\n{printed}",
             stream("test accuracy: 0.9300\n")),
        code(2, f"model.evaluate(X_train, y_train)\nloss, acc = model.evaluate(X_test, y_test)\n"
                f"{printed}", stream("test accuracy: 0.9310\n")),
        code(3, f"loss, acc = model.evaluate(padded, labels)\n{printed}",
             stream("test accuracy: 0.9320\n")),
    )
    evidence = build_evidence(submission(tmp_path), execution(nb), None)
    roles = [(m.ref.cell, m.role) for m in evidence.notebooks[0].metrics]
    assert roles == [(0, "train"), (1, "test"), (2, "test"), (3, "test")]


def test_with_a_trace_a_test_claim_on_training_data_stays_as_a_training_reading() -> None:
    from grader.evidence.build import merge_trace
    from grader.evidence.code.collect import CodeEvidence
    from grader.evidence.outputs.collect import OutputEvidence
    from grader.evidence.outputs.trace import TraceEvidence
    from grader.records.evidence import EvidenceRef, MetricReading

    def reading(cell: int, role: str, excerpt: str, source: str = "output") -> MetricReading:
        where = EvidenceRef(source=source, notebook="nb", cell=cell, excerpt=excerpt)  # type: ignore[arg-type]
        return MetricReading(ref=where, name="accuracy", value=0.95, role=role)  # type: ignore[arg-type]

    printed = [reading(0, "test", "test accuracy: 0.95"), reading(1, "test", "test accuracy: 0.95")]
    traced = TraceEvidence(
        metrics=[reading(0, "train", "evaluate: accuracy=0.95", "trace"),
                 reading(1, "test", "evaluate: accuracy=0.95", "trace")],
        metric_cells={0, 1},
    )
    outputs = OutputEvidence(metrics=list(printed))
    merge_trace(CodeEvidence(), outputs, traced)
    found = sorted((m.ref.cell, m.ref.source, m.role) for m in outputs.metrics)
    assert found == [(0, "output", "train"), (0, "trace", "train"), (1, "trace", "test")]


def test_saved_files_are_measured_with_the_truth_of_the_data_directory(tmp_path: Path) -> None:
    import numpy as np

    from grader.assignments.pack import SampleArtifacts

    data, sub = tmp_path / "data", tmp_path / "sub"
    data.mkdir()
    sub.mkdir()
    np.save(data / "truth.npy", np.ones((2, 3, 3), np.uint8))
    pred = np.ones((2, 3, 3), np.uint8)
    pred[0, 0, 0] = 0  # a model's output, not the truth copied
    np.save(sub / "pred_masks.npy", pred)
    names = SampleArtifacts(samples="pred_masks.npy", judge="mask_iou", truth="truth.npy")
    nb = notebook(code(0, "np.save('pred_masks.npy', masks)"))
    with_data = build_evidence(submission(sub), execution(nb), None, names, data_dir=data)
    without = build_evidence(submission(sub), execution(nb), None, names)
    [measured], [unmeasured] = with_data.artifacts, without.artifacts
    assert measured.measurement is not None
    assert 0.9 < measured.measurement.metrics["mean_iou"] < 1.0
    assert unmeasured.problem == "truth_no_data_dir"
    assert with_data.samples == ()  # the digits judge's samples stay its own
