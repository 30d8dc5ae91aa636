from __future__ import annotations

import base64
import io

from PIL import Image

from grader.records import Cell, CellOutput, ExecutedNotebook, Execution
from grader.report.animation import progress_gifs


def png(shade: int, size: tuple[int, int] = (64, 32)) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", size, (shade, shade, shade)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def execution(*images: str) -> Execution:
    outputs = tuple(
        CellOutput(output_type="display_data", image_png=i, image_mime="image/png") for i in images
    )
    cell = Cell(index=4, cell_type="code", source="train(...)", outputs=outputs)
    return Execution(
        mode="executed",
        notebooks=(ExecutedNotebook(path="gan.ipynb", cells=(cell,), ran_to_end=True),),
    )


def test_frames_of_one_cell_become_an_animated_gif():
    gifs = progress_gifs(execution(png(0), png(120), png(250)))
    uri = gifs["gan.ipynb"]
    assert uri.startswith("data:image/gif;base64,")
    gif = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert gif.n_frames == 3 and gif.size == (64, 32)


def test_too_few_frames_or_garbage_give_no_gif():
    assert progress_gifs(execution(png(0), png(10))) == {}
    assert progress_gifs(execution("bm90IGFuIGltYWdl", "!!!", png(0))) == {}
    assert progress_gifs(None) == {}


def test_wide_frames_are_scaled_down():
    gifs = progress_gifs(execution(*(png(s, (1200, 300)) for s in (0, 90, 180))))
    gif = Image.open(io.BytesIO(base64.b64decode(gifs["gan.ipynb"].split(",", 1)[1])))
    assert gif.size == (480, 120)
