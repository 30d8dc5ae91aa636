"""An animated GIF of training progress from the frames a notebook drew (GAN sample grids).

A cell that displayed at least :data:`MIN_FRAMES` images (e.g. a grid of generated digits
each epoch) becomes one GIF for the HTML report. Frames are untrusted image bytes: sizes are
capped before decoding and Pillow's decompression-bomb guard is tightened.
"""

from __future__ import annotations

import base64
import binascii
import io
import warnings

from PIL import Image

from grader.records import ExecutedNotebook, Execution

__all__ = ["MIN_FRAMES", "progress_gifs"]

MIN_FRAMES = 3
MAX_FRAMES = 40
MAX_FRAME_BYTES = 1024 * 1024
MAX_FRAME_PIXELS = 4_000_000
MAX_WIDTH = 480
FRAME_MS = 400


def progress_gifs(execution: Execution | None) -> dict[str, str]:
    """Notebook path -> ``data:image/gif`` URI of its busiest image cell, when it has frames."""
    if execution is None:
        return {}
    gifs = {}
    for notebook in execution.notebooks:
        frames = _busiest_cell_frames(notebook)
        if len(frames) >= MIN_FRAMES:
            gif = _animate(frames)
            if gif is not None:
                gifs[notebook.path] = "data:image/gif;base64," + base64.b64encode(gif).decode()
    return gifs


def _busiest_cell_frames(notebook: ExecutedNotebook) -> list[bytes]:
    best: list[bytes] = []
    for cell in notebook.cells:
        images = [
            o.image_png for o in cell.outputs if o.image_png and o.image_mime in (None, "image/png")
        ]
        if len(images) > len(best):
            best = [raw for raw in map(_decode, images) if raw is not None]
    return best[-MAX_FRAMES:]


def _decode(data: str) -> bytes | None:
    try:
        raw = base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if raw.startswith(b"\x89PNG\r\n\x1a\n") and len(raw) <= MAX_FRAME_BYTES else None


def _animate(frames: list[bytes]) -> bytes | None:
    images = [image for image in map(_open, frames) if image is not None]
    if len(images) < MIN_FRAMES:
        return None
    size = _target_size(images[0].size)
    converted = [image.convert("RGB").resize(size) for image in images]
    buffer = io.BytesIO()
    converted[0].save(
        buffer, format="GIF", save_all=True, append_images=converted[1:], duration=FRAME_MS, loop=0
    )
    return buffer.getvalue()


def _open(raw: bytes) -> Image.Image | None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(raw))
            if image.width * image.height > MAX_FRAME_PIXELS:
                return None
            image.load()
        except (OSError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError):
            return None
    return image


def _target_size(size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    if width <= MAX_WIDTH:
        return width, height
    return MAX_WIDTH, max(1, round(height * MAX_WIDTH / width))
