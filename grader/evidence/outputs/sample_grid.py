"""A picture of generated samples: tiles from across a samples file as one PNG grid, so the
report shows what the notebook generated instead of a ``.npy`` file name."""

from __future__ import annotations

import base64
import io
from typing import Any

import numpy as np

GRID_COLUMNS = 10
GRID_ROWS = 4
TILE_SCALE = 4
"""Each 8x8 sample is drawn 32x32 (nearest neighbour: the pixels stay visible)."""
GAP = 2


def sample_grid_png(pixels: np.ndarray[Any, Any], side: int = 8) -> str | None:
    """Base64 PNG of ``GRID_COLUMNS x GRID_ROWS`` samples spread over ``(N, side*side)``
    pixels on the 0-16 scale (files are often sorted by class: every part is shown), dark
    digits on white like the course's plots."""
    from PIL import Image  # Pillow is a core dependency; imported only when drawing

    if pixels.shape[0] == 0:
        return None
    shown = min(pixels.shape[0], GRID_COLUMNS * GRID_ROWS)
    spread = np.linspace(0, pixels.shape[0] - 1, shown).round().astype(int)  # every class
    tiles = np.nan_to_num(pixels[spread], nan=0.0)
    tiles = np.clip(tiles / 16.0, 0.0, 1.0).reshape(-1, side, side)
    rows = -(-len(tiles) // GRID_COLUMNS)
    cell = side * TILE_SCALE + GAP
    canvas = np.ones((rows * cell + GAP, GRID_COLUMNS * cell + GAP))
    for index, tile in enumerate(tiles):
        top, left = GAP + (index // GRID_COLUMNS) * cell, GAP + (index % GRID_COLUMNS) * cell
        big = np.kron(1.0 - tile, np.ones((TILE_SCALE, TILE_SCALE)))
        canvas[top : top + side * TILE_SCALE, left : left + side * TILE_SCALE] = big
    image = Image.fromarray((canvas * 255).astype(np.uint8), mode="L")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
