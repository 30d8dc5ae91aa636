"""stored_execution / convert_notebook: outputs as saved in the notebook."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import nbformat
from nbformat import v4

from grader.execute import ReplayExecutor, StoredOutputsExecutor, stored_execution
from grader.execute.convert import OutputCaps, convert_notebook
from grader.records.submission import NotebookFile, Submission

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nfake").decode()


def code(source: str, count: int | None, *outputs: Any) -> Any:
    return v4.new_code_cell(source, execution_count=count, outputs=list(outputs))


def submission(*cells: Any, member: str | None = None) -> Submission:
    content = dict(v4.new_notebook(cells=list(cells)))
    nb = NotebookFile(path="nb/a.ipynb", member=member, content=content)
    return Submission(name="a", kind="notebook", root="/x", content_hash="h", notebooks=(nb,))


def test_clean_run_is_ran_to_end() -> None:
    sub = submission(
        v4.new_markdown_cell("# 제목"),
        code("print('hi')", 1, v4.new_output("stream", name="stdout", text="hi\n")),
        code("", None),  # an empty code cell never counts
        member="김민지",
    )
    execution = stored_execution(sub)
    nb = execution.notebooks[0]
    assert execution.mode == "stored_outputs"
    assert (nb.path, nb.member, nb.ran_to_end, nb.never_run, nb.error) == (
        "nb/a.ipynb",
        "김민지",
        True,
        False,
        None,
    )
    assert [c.index for c in nb.cells] == [0, 1, 2]
    assert nb.cells[1].outputs[0].text == "hi\n"


def test_error_output_with_ansi_traceback() -> None:
    traceback = [
        "\x1b[0;31m---------\x1b[0m",
        *[f"line {i}" for i in range(30)],
        "\x1b[0;31mValueError\x1b[0m: bad",
    ]
    error = v4.new_output("error", ename="ValueError", evalue="bad", traceback=traceback)
    sub = submission(code("x = 1", 1), code("raise ValueError('bad')", 2, error), code("y", None))
    nb = stored_execution(sub).notebooks[0]
    assert nb.ran_to_end is False
    assert nb.error is not None
    assert (nb.error.cell_index, nb.error.ename, nb.error.evalue) == (1, "ValueError", "bad")
    lines = nb.error.traceback_tail.splitlines()
    assert len(lines) == 15 and lines[-1] == "ValueError: bad"
    assert "\x1b" not in nb.error.traceback_tail
    assert nb.cells[1].outputs[0].output_type == "error"
    assert nb.cells[1].outputs[0].text == "ValueError: bad"


def test_half_run_notebook_is_not_ran_to_end() -> None:
    nb = stored_execution(submission(code("x = 1", 1), code("model.fit(x)", None))).notebooks[0]
    assert (nb.ran_to_end, nb.never_run, nb.error) == (False, False, None)


def test_never_run() -> None:
    nb = stored_execution(submission(code("x = 1", None), code("y = 2", None))).notebooks[0]
    assert (nb.ran_to_end, nb.never_run) == (False, True)


def test_images_html_and_text() -> None:
    png = v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})
    jpeg = v4.new_output("display_data", data={"image/jpeg": PNG + "\n"})
    table = v4.new_output(
        "execute_result",
        data={"text/html": "<table></table>", "text/plain": "df"},
        execution_count=1,
    )
    outputs = (
        stored_execution(submission(code("plot()", 1, png, jpeg, table)))
        .notebooks[0]
        .cells[0]
        .outputs
    )
    assert (outputs[0].image_png, outputs[0].image_mime, outputs[0].text) == (
        PNG,
        "image/png",
        "<Figure>",
    )
    assert (outputs[1].image_png, outputs[1].image_mime) == (PNG, "image/jpeg")
    assert (outputs[2].output_type, outputs[2].html, outputs[2].text) == (
        "execute_result",
        "<table></table>",
        "df",
    )


def test_caps_on_images_and_text() -> None:
    big = v4.new_output("display_data", data={"image/png": "A" * 5000})
    long = v4.new_output("stream", name="stdout", text="가" * 5000)
    content = v4.new_notebook(cells=[code("x", 1, big, long)])
    caps = OutputCaps(max_text_bytes=1000, max_image_bytes=1000)
    outputs = convert_notebook(content, path="a.ipynb", caps=caps).cells[0].outputs
    assert outputs[0].image_png is None and "이미지가 너무 커서" in outputs[0].text
    assert outputs[1].text.endswith("(출력이 너무 길어 잘렸습니다)")
    assert len(outputs[1].text.encode()) < 1100


def test_streams_are_joined_and_progress_bars_collapse() -> None:
    parts = [
        "Epoch 1/2\n",
        "1/3 [=>...]\x08\x08\x08\r",
        "3/3 [====] - loss: 0.5\n",
        "\x1b[32mdone\x1b[0m\n",
    ]
    outputs = [v4.new_output("stream", name="stdout", text=p) for p in parts]
    outputs.append(v4.new_output("stream", name="stderr", text="warning\n"))
    cell = stored_execution(submission(code("fit()", 1, *outputs))).notebooks[0].cells[0]
    assert [o.text for o in cell.outputs] == [
        "Epoch 1/2\n3/3 [====] - loss: 0.5\ndone\n",
        "warning\n",
    ]


def test_executors_around_stored_outputs(tmp_path: Path) -> None:
    sub = submission(code("x = 1", 1))
    execution = StoredOutputsExecutor().run(sub)
    assert execution == stored_execution(sub)
    execution.save(tmp_path / "execution.json")
    assert ReplayExecutor(tmp_path / "execution.json").run(sub) == execution
    assert ReplayExecutor(execution).run(sub) is execution


def test_nbformat_node_input_is_accepted() -> None:
    node = nbformat.from_dict(v4.new_notebook(cells=[code("x", 1)]))
    assert convert_notebook(node, path="a.ipynb").ran_to_end


def stdout(text: str) -> Any:
    return v4.new_output("stream", name="stdout", text=text)


def interrupt() -> Any:
    return v4.new_output("error", ename="KeyboardInterrupt", evalue="", traceback=[])


def test_error_that_later_cells_ran_past_is_recovered_not_a_stop() -> None:
    sub = submission(
        code("model.fit(x, y, epochs=100)", 4, stdout("Epoch 1/100\n"), interrupt()),
        code("model.fit(x, y, epochs=5)", 5, stdout("Epoch 1/5\n")),
    )
    nb = stored_execution(sub).notebooks[0]
    assert nb.ran_to_end is True
    assert nb.stored_run is not None
    assert nb.stored_run.recovered_errors == (0,) and nb.stored_run.stop_cell is None


def test_error_in_the_last_cell_is_a_stop_at_the_end() -> None:
    sub = submission(code("x = load()", 1), code("draw_cloud(x)", 2, interrupt()))
    run = stored_execution(sub).notebooks[0].stored_run
    assert run is not None and (run.stop_cell, run.stop_kind) == (1, "at_end")


def test_colab_export_keeps_outputs_without_counts() -> None:
    sub = submission(
        code("df = load()", None),
        code("model.compile(loss='mse')", None),  # silent: may have run
        code("print(df.shape)", None, stdout("(3, 2)\n")),
    )
    nb = stored_execution(sub).notebooks[0]
    assert nb.ran_to_end is True and nb.stored_run is not None
    assert nb.stored_run.counts_stripped is True and nb.stored_run.unrun_cells == ()


def test_colab_export_cell_that_would_print_but_shows_nothing_never_ran() -> None:
    sub = submission(code("print(df.head())", None), code("print(1)", None, stdout("1\n")))
    run = stored_execution(sub).notebooks[0].stored_run
    assert run is not None and run.unrun_cells == (0,)


def test_blank_comment_definition_and_shell_cells() -> None:
    sub = submission(
        code("x = 1", 1, stdout("")),
        code("# old: model.fit(x, y)", None),
        code("def helper(a):\n    return a + 1", None),
        code("!mkdir -p out", None),
        code("정리: 잘 됐다", None),
        code("print(helper(x))", 2, stdout("2\n")),
    )
    run = stored_execution(sub).notebooks[0].stored_run
    assert run is not None
    assert run.unrun_cells == (3,)  # the shell command is work; comments/definitions are not
    assert run.broken_cells == (4,)


def test_a_silent_cell_with_a_higher_count_ran_after_the_error() -> None:
    sub = submission(
        code("model.fit(x, y)", 4, interrupt()),
        code("model.save('m.keras')", 7),
        code("y = 2", None),
    )
    run = stored_execution(sub).notebooks[0].stored_run
    assert run is not None and run.recovered_errors == (0,)


def test_an_install_line_never_run_is_environment_set_up() -> None:
    sub = submission(
        code("!pip install koreanize-matplotlib", None), code("print(1)", 1, stdout("1\n"))
    )
    nb = stored_execution(sub).notebooks[0]
    assert nb.ran_to_end is True
