"""``task: generation``: ask the app for one class, judge the digits it draws.

Each image read from the answer (:mod:`grader.apps.images`) may hold one digit or a strip /
grid of them, drawn white-on-black or black-on-white. Every way of cutting it into roughly
square tiles (up to 16 x 16, at most 64 tiles, tiles of 8 px or more) in both polarities is
turned into 8x8 arrays on load_digits' 0-16 scale (area averaging, ink high) and shown to the
digits judge of :mod:`grader.judges.digits` (the same judge as the saved samples); the
reading the judge recognises most digits in is kept. The choice never looks at the requested
class, so it cannot favour a right answer, only a readable one.

A tile is *recognised as the requested class* when the judge is confident, the tile is close
to the real digits and its class is the one asked for; a probe is plausible when at least
:data:`PROBE_SHARE` of its tiles are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.apps.images import Array
from grader.apps.samples import Sample
from grader.records.app_result import MAX_ERROR_CHARS, AppProbe

__all__ = [
    "PROBE_SHARE",
    "UNRECOGNISED",
    "Reading",
    "class_value",
    "generation_probe",
    "judge_images",
    "to_digits",
]

PROBE_SHARE = 0.5
"""Share of a probe's digits that must be recognised as the requested class."""
MAX_SIDE_TILES = 16
MAX_TILES = 64
MIN_TILE_PX = 8
MAX_JUDGED_ROWS = 12_000
"""Candidate tiles judged per answer (about 2 s of the judge): later images are skipped."""
UNRECOGNISED = "인식 안 됨"
_SIDE = 8


@dataclass(frozen=True)
class Reading:
    """The judge's view of one answer: per digit tile, its class and whether recognised."""

    predicted: tuple[int, ...]
    recognised: tuple[bool, ...]

    @property
    def count(self) -> int:
        return len(self.predicted)

    def matching(self, label: int) -> int:
        """Tiles recognised as ``label``."""
        pairs = zip(self.predicted, self.recognised, strict=True)
        return sum(1 for p, r in pairs if r and p == label)

    def top(self) -> str:
        """The class most recognised tiles show, or :data:`UNRECOGNISED`."""
        shown = Counter(p for p, r in zip(self.predicted, self.recognised, strict=True) if r)
        if not shown:
            return UNRECOGNISED
        return str(min(shown, key=lambda c: (-shown[c], c)))


def class_value(sample: Sample) -> int | None:
    """The class a generation sample asks for, as an int (``label``, else ``values[0]``)."""
    for raw in (sample.label, sample.text, *(sample.values or ())[:1]):
        try:
            value = float(str(raw).strip()) if raw is not None else None
        except ValueError:
            continue
        if value is not None and value.is_integer():
            return int(value)
    return None


def _layouts(height: int, width: int) -> list[tuple[int, int]]:
    """(rows, cols) that cut an image into roughly square tiles of at least 8 px."""
    found = []
    for rows in range(1, MAX_SIDE_TILES + 1):
        for cols in range(1, MAX_SIDE_TILES + 1):
            tile_h, tile_w = height / rows, width / cols
            if rows * cols > MAX_TILES or min(tile_h, tile_w) < MIN_TILE_PX:
                continue
            if 0.75 <= tile_h / tile_w <= 1.34:
                found.append((rows, cols))
    return found or [(1, 1)]


def _tiles(image: Array, rows: int, cols: int) -> Array:
    """``(rows*cols, 64)`` area-averaged 8x8 tiles of ``image`` (values kept in [0, 1])."""
    height, width = image.shape
    out = np.empty((rows * cols, _SIDE * _SIDE))
    ys = np.linspace(0, height, rows + 1)
    xs = np.linspace(0, width, cols + 1)
    index = 0
    for r in range(rows):
        for c in range(cols):
            top, bottom = round(float(ys[r])), round(float(ys[r + 1]))
            left, right = round(float(xs[c])), round(float(xs[c + 1]))
            tile = image[top:bottom, left:right]
            out[index] = _area_resize(tile).reshape(-1)
            index += 1
    return out


def _area_resize(tile: Array) -> Array:
    """Area averaging to 8x8 (each output pixel: the mean of the input area it covers)."""
    height, width = tile.shape
    rows = _weights(height)
    cols = _weights(width)
    resized: Array = rows @ tile @ cols.T
    return resized


def _weights(size: int) -> Array:
    """``(8, size)``: how much of input pixel j falls into output pixel i, rows sum to 1."""
    edges = np.linspace(0, size, _SIDE + 1)
    starts = np.arange(size)
    overlap = np.clip(
        np.minimum(edges[1:, None], starts[None, :] + 1) - np.maximum(edges[:-1, None], starts),
        0,
        None,
    )
    weights: Array = overlap / overlap.sum(axis=1, keepdims=True)
    return weights


def _stretch(image: Array) -> Array:
    """The image's own range mapped to [0, 1] (a flat image stays as it is)."""
    low, high = float(image.min()), float(image.max())
    if high - low < 0.2:
        return image
    stretched: Array = (image - low) / (high - low)
    return stretched


def to_digits(image: Array, judge: Any) -> tuple[Array, Any, int]:
    """The best reading of ``image`` as digits: ``(N, 64)`` 0-16 tiles, the judge's result
    and how many candidate tiles were judged."""
    image = _stretch(np.clip(np.nan_to_num(image.astype(np.float64)), 0.0, 1.0))
    height, width = image.shape
    if (height, width) == (_SIDE, _SIDE):
        layouts = [(1, 1)]
    else:
        layouts = _layouts(height, width)
    border = np.concatenate([image[0], image[-1], image[:, 0], image[:, -1]])
    border_bright = float(np.median(border)) > 0.5
    candidates: list[tuple[int, Array]] = []
    for invert in (border_bright, not border_bright):  # the border's polarity wins ties
        source = 1.0 - image if invert else image
        candidates += [(r * c, _tiles(source, r, c) * 16.0) for r, c in layouts]
    everything = judge.judge(np.concatenate([pixels for _, pixels in candidates]))  # one call
    best: tuple[tuple[float, float, int], Array, dict[str, Any]] | None = None
    start = 0
    for tiles, pixels in candidates:
        result = {key: value[start : start + tiles] for key, value in everything.items()}
        start += tiles
        recognised = result["confident"] & result["near"]
        score = (float(recognised.mean()), float(result["confidence"].mean()), -tiles)
        if best is None or score > best[0]:
            best = (score, pixels, result)
    assert best is not None
    return best[1], best[2], start


def judge_images(images: list[Array], judge: Any) -> Reading:
    """Every digit in ``images`` through the judge (until :data:`MAX_JUDGED_ROWS`)."""
    predicted: list[int] = []
    recognised: list[bool] = []
    judged = 0
    for image in images:
        if image.ndim != 2 or min(image.shape) < 1 or judged >= MAX_JUDGED_ROWS:
            continue
        _, result, rows = to_digits(image, judge)
        judged += rows
        ok = result["confident"] & result["near"]
        predicted += [int(p) for p in result["pred"]]
        recognised += [bool(v) for v in ok]
    return Reading(tuple(predicted), tuple(recognised))


def generation_probe(
    sample: Sample, how: str, images: list[Array], errors: list[str], summary: str, judge: Any
) -> AppProbe:
    """The probe of one requested class: answered, read as digits, judged."""
    label = class_value(sample)
    described = f"{sample.id} ({how})" if how else sample.id
    error = "; ".join(errors)[:MAX_ERROR_CHARS]
    if not images:
        output = f"{summary}, 이미지 없음" if summary else "이미지 없음"
        return AppProbe(
            input=described, ok=True, output=output[:200], expected=sample.label, error=error
        )
    reading = judge_images(images, judge)
    matching = reading.matching(label) if label is not None else 0
    plausible = (
        reading.count > 0 and matching / reading.count >= PROBE_SHARE if label is not None else None
    )
    recognised = sum(reading.recognised)
    output = (
        f"이미지 {len(images)}장, 숫자 {reading.count}개 중 {recognised}개 인식, "
        f"요청한 숫자로 인식 {matching}개"
    )
    return AppProbe(
        input=described,
        ok=True,
        output=output[:200],
        predicted=reading.top(),
        expected=sample.label,
        plausible=plausible,
        error=error,
    )
