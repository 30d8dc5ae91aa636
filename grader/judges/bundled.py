"""Bundled data the judges trust: scikit-learn's real 8x8 digits, read with numpy.

The ``sklearn`` import alone costs about a second, so the bundled ``digits.csv.gz`` is read
directly. The test split reproduces ``train_test_split(np.arange(1797), test_size=0.2,
random_state=0)`` exactly (a ``RandomState(0)`` permutation; its first 360 rows are the test
split, in that order), which tests check against scikit-learn itself.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.judges.base import ArtifactProblem

if TYPE_CHECKING:
    import numpy as np

__all__ = ["bundled_digits", "digits_test_images", "digits_test_indices"]

DIGITS_TEST_SIZE = 0.2
DIGITS_SEED = 0


@lru_cache(maxsize=1)
def bundled_digits() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """``(1797, 64)`` pixels on the 0-16 scale and ``(1797,)`` targets."""
    import numpy as np

    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise ArtifactProblem("artifact_no_judge", "scikit-learn is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "data" / "digits.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        table = np.loadtxt(handle, delimiter=",")
    return table[:, :-1].astype(np.float64), table[:, -1].astype(np.int64)


def digits_test_indices(count: int, test_size: float, seed: int) -> np.ndarray[Any, Any]:
    """The test indices ``train_test_split(np.arange(count), test_size=..., random_state=seed)``
    returns (scikit-learn's ShuffleSplit: a ``RandomState(seed)`` permutation, test first)."""
    import math

    import numpy as np

    n_test = math.ceil(test_size * count)
    return np.random.RandomState(seed).permutation(count)[:n_test]


def digits_test_images() -> np.ndarray[Any, Any]:
    """``sklearn.digits:test``: the test split's images in order, ``(360, 8, 8)`` in [0, 1]."""
    pixels, _ = bundled_digits()
    rows = digits_test_indices(pixels.shape[0], DIGITS_TEST_SIZE, DIGITS_SEED)
    images: np.ndarray[Any, Any] = (pixels[rows] / 16.0).reshape(-1, 8, 8)
    return images
