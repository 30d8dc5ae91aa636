"""Write the unet-segmentation pack's stand-in data: ``python prepare.py --out DIR``.

``DIR/shapes-seg/`` follows the Oxford-IIIT Pet layout the course's U-Net lab uses:

    images/<stem>.png                64x64 RGB: filled shapes on a striped, noisy background
    annotations/trimaps/<stem>.png   64x64 uint8 trimap: 1 = shape, 2 = background, 3 = border
    train.txt, test.txt              one file stem per line (240 train, 80 test)
    test_masks.npy                   the grader's truth: (80, 64, 64) uint8, trimap != 2 of
                                     the test stems in test.txt order

The border (class 3) is the ring one pixel either side of a shape's outline, as the Pet
dataset marks its uncertain outline; the quest's binary mask is "shape or border"
(``trimap != 2``). Everything is drawn from one seeded generator (PIL + numpy): the same
files on every run, no network, nothing written outside DIR.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

NAME = "shapes-seg"
SIDE = 64
N_TRAIN = 240
N_TEST = 80
SEED = 2024
SHAPE, BACKGROUND, BORDER = 1, 2, 3


def background(rng: np.random.Generator) -> np.ndarray:
    """A random colour with diagonal stripes and strong per-pixel noise, (SIDE, SIDE, 3) floats."""
    yy, xx = np.mgrid[0:SIDE, 0:SIDE].astype(np.float64)
    angle = rng.uniform(0, np.pi)
    period = rng.uniform(5, 14)
    stripes = np.sin((xx * np.cos(angle) + yy * np.sin(angle)) * 2 * np.pi / period)
    base = rng.uniform(40, 215, size=3)
    tint = rng.uniform(-60, 60, size=3)
    image = base + stripes[..., None] * tint + rng.normal(0, 40, size=(SIDE, SIDE, 3))
    return image


def shape_mask(rng: np.random.Generator) -> np.ndarray:
    """A boolean mask of one to three circles, rectangles or triangles."""
    canvas = Image.new("L", (SIDE, SIDE), 0)
    draw = ImageDraw.Draw(canvas)
    for _ in range(int(rng.integers(1, 4))):
        cx, cy = rng.integers(12, SIDE - 12, size=2)
        r = int(rng.integers(7, 17))
        kind = int(rng.integers(0, 3))
        box = [int(cx - r), int(cy - r), int(cx + r), int(cy + r)]
        if kind == 0:
            draw.ellipse(box, fill=255)
        elif kind == 1:
            w = int(r * rng.uniform(0.6, 1.0))
            draw.rectangle([int(cx - r), int(cy - w), int(cx + r), int(cy + w)], fill=255)
        else:
            x, y = int(cx), int(cy)
            corners = [(x, y - r), (x - r, y + r), (x + r, y + r)]
            draw.polygon(corners, fill=255)
    return np.asarray(canvas) > 0


def trimap_of(mask: np.ndarray) -> np.ndarray:
    """Oxford-style trimap: shape 1, background 2, border 3 (a pixel either side of the outline)."""
    as_image = Image.fromarray(mask.astype(np.uint8) * 255)
    grown = np.asarray(as_image.filter(ImageFilter.MaxFilter(3))) > 0
    shrunk = np.asarray(as_image.filter(ImageFilter.MinFilter(3))) > 0
    trimap = np.full(mask.shape, BACKGROUND, dtype=np.uint8)
    trimap[mask] = SHAPE
    trimap[grown & ~shrunk] = BORDER
    return trimap


def sample(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """One (image uint8 RGB, trimap uint8) pair."""
    image = background(rng)
    mask = shape_mask(rng)
    colour = rng.uniform(20, 235, size=3)
    shaded = colour + rng.normal(0, 5, size=(SIDE, SIDE, 3))
    image[mask] = shaded[mask]
    return np.clip(image, 0, 255).astype(np.uint8), trimap_of(mask)


def write(out: Path) -> Path:
    """Write the dataset under ``out/shapes-seg`` and return that folder."""
    root = out / NAME
    (root / "images").mkdir(parents=True, exist_ok=True)
    (root / "annotations" / "trimaps").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    stems = [f"shape_{i:04d}" for i in range(N_TRAIN + N_TEST)]
    for stem in stems:
        image, trimap = sample(rng)
        Image.fromarray(image).save(root / "images" / f"{stem}.png")
        Image.fromarray(trimap).save(root / "annotations" / "trimaps" / f"{stem}.png")
    order = rng.permutation(len(stems))
    train = sorted(stems[i] for i in order[:N_TRAIN])
    test = sorted(stems[i] for i in order[N_TRAIN:])
    (root / "train.txt").write_text("\n".join(train) + "\n", encoding="utf-8")
    (root / "test.txt").write_text("\n".join(test) + "\n", encoding="utf-8")
    np.save(root / "test_masks.npy", truth_masks(root, test))
    return root


def truth_masks(root: Path, stems: list[str]) -> np.ndarray:
    """The binary truth of ``stems`` (shape or border = 1), stacked in their order; it works
    on a real Pet-layout folder as well, so instructors can write it for their own data."""
    trimaps = [np.asarray(Image.open(root / "annotations" / "trimaps" / f"{s}.png")) for s in stems]
    return (np.stack(trimaps) != BACKGROUND).astype(np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the shapes-seg stand-in data set.")
    parser.add_argument("--out", type=Path, required=True, help="data directory to write into")
    args = parser.parse_args()
    root = write(args.out)
    print(f"wrote {N_TRAIN + N_TEST} images to {root}")


if __name__ == "__main__":
    main()
