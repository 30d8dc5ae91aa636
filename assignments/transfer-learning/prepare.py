"""Write the transfer-learning pack's stand-in data under ``--out DIR``.

    python prepare.py --out DIR

* ``DIR/cifar10/cifar-10-batches-py/``: ``data_batch_1`` .. ``data_batch_5``, ``test_batch`` and
  ``batches.meta`` in the real CIFAR-10 python format (pickled dicts with bytes keys, ``b"data"``
  an (N, 3072) uint8 array of R, G, B planes, ``b"labels"`` a list of ints). The images are
  generated 32x32 pictures: each of the ten classes is one shape drawn with one texture, in
  random colours, sizes and positions, with noise. They stand in for the real CIFAR-10 the
  instructor mounts.
* ``DIR/backbone/backbone.pt``: the ``state_dict`` of ``SmallResNet`` (the starter's backbone)
  pretrained on a *different* generated task, 24 classes of shape x texture with other
  shapes and textures mixed in. It stands in for ImageNet weights: its features help the
  CIFAR task, which is what the quest measures.

Deterministic (fixed seeds), no network, writes nothing outside DIR, about 30 s of CPU.
Runs with the course kernel's Python (numpy, torch).
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

import numpy as np
import torch
from torch import nn

SIZE = 32
PER_BATCH = 200
"""Images per training batch file (the real set has 10,000)."""
TEST_IMAGES = 500
SOURCE_IMAGES = 8000
PRETRAIN_EPOCHS = 5
SHAPES = ("disk", "square", "triangle", "ring", "cross", "diamond", "hbar", "vbar")
TEXTURES = ("flat", "stripes", "checker")
LABEL_NAMES = (
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"
)
TARGET_CLASSES = (
    ("disk", "flat"), ("square", "stripes"), ("triangle", "checker"), ("ring", "flat"),
    ("cross", "stripes"), ("diamond", "checker"), ("disk", "stripes"), ("square", "checker"),
    ("triangle", "flat"), ("ring", "checker"),
)
"""CIFAR stand-in: class k is shape x texture TARGET_CLASSES[k]."""


# --- backbone (the starter defines the same modules) -------------------------------------
class BasicBlock(nn.Module):
    """Two 3x3 convolutions with batch norm and a shortcut connection (ResNet's basic block)."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + self.shortcut(x))


class SmallResNet(nn.Module):
    """A small ResNet-like feature extractor: 3x32x32 image -> 64 features."""

    out_features = 64

    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, 16, 3, 2, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU()
        )
        self.layer1 = BasicBlock(16, 16)
        self.layer2 = BasicBlock(16, 32, stride=2)
        self.layer3 = BasicBlock(32, 64, stride=2)
        self.pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.layer3(self.layer2(self.layer1(self.stem(x))))
        return self.pool(x).flatten(1)
# --- end of backbone ---------------------------------------------------------------------


def _shape_mask(shape: str, yy: np.ndarray, xx: np.ndarray, radius: float) -> np.ndarray:
    ay, ax = np.abs(yy), np.abs(xx)
    masks = {
        "disk": yy**2 + xx**2 <= radius**2,
        "square": np.maximum(ay, ax) <= radius * 0.85,
        "triangle": (yy <= radius * 0.8) & (yy >= 1.6 * ax - radius),
        "ring": (yy**2 + xx**2 <= radius**2) & (yy**2 + xx**2 >= (radius * 0.55) ** 2),
        "cross": (np.minimum(ay, ax) <= radius * 0.3) & (np.maximum(ay, ax) <= radius),
        "diamond": ay + ax <= radius,
        "hbar": (ay <= radius * 0.35) & (ax <= radius),
        "vbar": (ax <= radius * 0.35) & (ay <= radius),
    }
    return masks[shape]


def _texture(texture: str, rng: np.random.Generator) -> np.ndarray:
    yy, xx = np.mgrid[0:SIZE, 0:SIZE]
    phase = rng.integers(0, 4)
    if texture == "stripes":
        return ((yy + xx + phase) // 2 % 2).astype(float)
    if texture == "checker":
        return ((yy // 3 + xx // 3 + phase) % 2).astype(float)
    return np.ones((SIZE, SIZE))


def draw(shape: str, texture: str, rng: np.random.Generator) -> np.ndarray:
    """One 32x32x3 uint8 picture: a textured shape on a plain background, with noise."""
    cy, cx = rng.uniform(11, 21, size=2)
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(float)
    mask = _shape_mask(shape, yy - cy, xx - cx, rng.uniform(7, 11))
    background, foreground = rng.uniform(0, 1, size=(2, 3))
    pattern = _texture(texture, rng)[..., None]
    colour = foreground * (0.35 + 0.65 * pattern)
    image = np.where(mask[..., None], colour, background)
    image = image + rng.normal(0, 0.12, size=image.shape)
    return (np.clip(image, 0, 1) * 255).astype(np.uint8)


def cifar_batch(count: int, rng: np.random.Generator) -> tuple[np.ndarray, list[int]]:
    """``count`` target images as CIFAR rows (R, G, B planes) and their labels."""
    labels = rng.integers(0, len(TARGET_CLASSES), size=count).tolist()
    images = np.stack([draw(*TARGET_CLASSES[k], rng) for k in labels])
    return images.transpose(0, 3, 1, 2).reshape(count, -1), labels


def _dump(path: Path, payload: dict[bytes, object]) -> None:
    with path.open("wb") as handle:
        pickle.dump(payload, handle, protocol=2)


def write_cifar(folder: Path, rng: np.random.Generator) -> None:
    """The five training batches, the test batch and batches.meta, as the real set has them."""
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"data_batch_{i}" for i in range(1, 6)]
    for name, count in [*((n, PER_BATCH) for n in names), ("test_batch", TEST_IMAGES)]:
        data, labels = cifar_batch(count, rng)
        files = [f"{LABEL_NAMES[k]}_s_{i:06d}.png".encode() for i, k in enumerate(labels)]
        title = "testing batch 1 of 1" if name == "test_batch" else f"training batch {name[-1]} of 5"
        payload = {b"batch_label": title.encode(), b"labels": labels, b"data": data, b"filenames": files}
        _dump(folder / name, payload)
    meta = {
        b"num_cases_per_batch": PER_BATCH,
        b"label_names": [n.encode() for n in LABEL_NAMES],
        b"num_vis": SIZE * SIZE * 3,
    }
    _dump(folder / "batches.meta", meta)


def source_task(rng: np.random.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """The pretraining task: every shape x texture pair is a class (24 classes)."""
    pairs = [(s, t) for s in SHAPES for t in TEXTURES]
    labels = rng.integers(0, len(pairs), size=SOURCE_IMAGES)
    images = np.stack([draw(*pairs[k], rng) for k in labels]).astype(np.float32) / 255.0
    x = torch.tensor(images).permute(0, 3, 1, 2)
    return (x - 0.5) / 0.25, torch.tensor(labels)


def pretrain(x: torch.Tensor, y: torch.Tensor) -> SmallResNet:
    """A few epochs of Adam on the source task; returns the trained backbone."""
    torch.manual_seed(0)
    backbone = SmallResNet()
    model = nn.Sequential(backbone, nn.Linear(SmallResNet.out_features, int(y.max()) + 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(PRETRAIN_EPOCHS):
        order = torch.randperm(len(x))
        for start in range(0, len(x), 128):
            idx = order[start : start + 128]
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x[idx]), y[idx]).backward()
            optimizer.step()
    return backbone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    out = parser.parse_args().out
    write_cifar(out / "cifar10" / "cifar-10-batches-py", np.random.default_rng(10))
    torch.set_num_threads(1)
    backbone = pretrain(*source_task(np.random.default_rng(2024)))
    (out / "backbone").mkdir(parents=True, exist_ok=True)
    torch.save(backbone.state_dict(), out / "backbone" / "backbone.pt")


if __name__ == "__main__":
    main()
