"""Generated samples saved as arrays are drawn as a grid the report shows."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import numpy as np
from PIL import Image

from grader.api import grade
from grader.evidence.outputs.sample_grid import GAP, GRID_COLUMNS, TILE_SCALE, sample_grid_png
from grader.paths import project_root


def _image(png: str) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(png)))


def test_the_grid_spreads_over_the_file_and_draws_dark_on_white():
    pixels = np.zeros((500, 64))
    pixels[450:] = 16.0  # the last class is all ink: a grid of the first tiles would miss it
    image = np.asarray(_image(sample_grid_png(pixels)))
    cell = 8 * TILE_SCALE + GAP
    assert image.shape == (4 * cell + GAP, GRID_COLUMNS * cell + GAP)
    assert image.max() == 255 and image.min() == 0  # white tiles and the black ones at the end
    assert sample_grid_png(np.zeros((0, 64))) is None


def test_the_team_report_shows_the_generated_samples(tmp_path: Path):
    team = project_root() / "examples" / "submissions" / "gan-digits" / "team-seed"
    [graded] = grade([team], "gan-digits", tmp_path, formats=("html", "json"))
    [grid] = [g for g in graded.result.sample_grids if g.path.endswith("generated_samples.npy")][:1]
    html = (graded.out_dir / "report.html").read_text(encoding="utf-8")
    assert grid.png[:40] in html
    assert _image(grid.png).size[0] > 300
