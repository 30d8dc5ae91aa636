"""Data fingerprints: shape, dtype, min/max/mean of a sample and a content hash.

Works by duck typing (numpy arrays, tensors with ``.numpy()``, torch tensors, pandas objects,
lists): never imports a framework. Cost is bounded: statistics come from at most
:data:`MAX_SAMPLE` evenly spaced values, the hash from the first and last rows and a strided
sample, so that equal hashes mean "the same data" and different preprocessing shows in the
ranges. Row hashes (:func:`row_hashes`) let the recorder count rows shared by two arrays.
"""

from __future__ import annotations

import hashlib
import sys
from typing import Any

__all__ = ["as_array", "fingerprint", "row_hashes"]

MAX_SAMPLE = 100_000
EDGE_ROWS = 8
STRIDED_ROWS = 64


def as_array(value: Any) -> Any:
    """A numpy array view of ``value``, or ``None`` when it is not array-like."""
    numpy = sys.modules.get("numpy")
    if numpy is None or value is None:
        return None
    if isinstance(value, numpy.ndarray):
        return value
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # torch tensor
        return value.detach().cpu().numpy()
    if hasattr(value, "numpy") and hasattr(value, "shape") and hasattr(value, "dtype"):
        return value.numpy()  # tf tensor / keras variable (eager)
    if hasattr(value, "to_numpy"):  # pandas
        return value.to_numpy()
    if isinstance(value, list | tuple) and value and not isinstance(value[0], str | bytes):
        try:
            array = numpy.asarray(value)
        except (ValueError, TypeError):
            return None
        return array if array.dtype != object else None
    return None


def fingerprint(value: Any) -> dict[str, Any] | None:
    """A capped description of ``value``; ``None`` when nothing useful can be said."""
    if value is None:
        return None
    array = as_array(value)
    if array is None:
        return _opaque(value)
    numpy = sys.modules["numpy"]
    described: dict[str, Any] = {
        "type": type(value).__name__,
        "shape": [int(n) for n in array.shape],
        "dtype": str(array.dtype),
        "hash": _content_hash(numpy, array),
    }
    if array.size and (array.dtype.kind in "biuf"):
        flat = array.reshape(-1)
        sample = flat[:: max(1, flat.size // MAX_SAMPLE)]
        described.update(
            min=float(sample.min()), max=float(sample.max()), mean=float(sample.mean())
        )
    return described


def _opaque(value: Any) -> dict[str, Any]:
    described: dict[str, Any] = {"type": type(value).__name__}
    length = _length(value)
    if length is not None:
        described["len"] = length
    batch = getattr(value, "batch_size", None) or getattr(value, "_batch_size", None)
    if isinstance(batch, int):
        described["batch_size"] = batch
    described["id"] = format(id(value) & 0xFFFFFFFF, "x")
    return described


def _length(value: Any) -> int | None:
    try:
        length = len(value)
    except Exception:
        return None
    return length if isinstance(length, int) else None


def _content_hash(numpy: Any, array: Any) -> str:
    digest = hashlib.blake2b(digest_size=8)
    digest.update(f"{array.shape}|{array.dtype}".encode())
    if array.ndim == 0 or array.dtype == object:
        digest.update(repr(array.tolist())[:10_000].encode())
        return digest.hexdigest()
    rows = array.shape[0]
    picks = sorted(
        set(range(min(EDGE_ROWS, rows)))
        | set(range(max(0, rows - EDGE_ROWS), rows))
        | set(range(0, rows, max(1, rows // STRIDED_ROWS)))
    )
    digest.update(numpy.ascontiguousarray(array[picks]).tobytes())
    return digest.hexdigest()


def row_hashes(value: Any, limit: int) -> set[int]:
    """Hashes of up to ``limit`` evenly spaced rows of ``value`` (empty if not an array)."""
    array = as_array(value)
    if array is None or array.ndim == 0 or array.dtype == object or not array.shape[0]:
        return set()
    rows = array.shape[0]
    step = max(1, rows // limit)
    sample = array[::step][:limit]
    sample = sample.reshape(sample.shape[0], -1)
    numpy = sys.modules["numpy"]
    sample = numpy.ascontiguousarray(sample)
    return {hash(row.tobytes()) for row in sample}
