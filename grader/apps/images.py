"""Images out of an app's answer (untrusted): find them, fetch them, decode them safely.

An answer may hold images as gradio ``FileData`` (``{"path", "url"}``: fetched from the app
through the bridge, never from another host), ``data:image/...;base64`` URLs, raw base64 of
an image file, image bytes (an HTTP ``image/*`` body) or nested lists of numbers.

Decoding: at most :data:`MAX_IMAGE_BYTES` per image, only PNG / JPEG / WEBP (checked by the
file signature, and Pillow is told to try only those formats), the header's size checked
against :data:`MAX_PIXELS` before any pixel is decoded. The result is a grayscale float array
in [0, 1] (transparent pixels composited so the ink stays visible).
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import numpy as np

__all__ = [
    "MAX_IMAGES",
    "MAX_IMAGE_BYTES",
    "MAX_PIXELS",
    "ImageRef",
    "decode_image",
    "find_images",
    "images_in_html",
    "load_ref",
    "numbers_to_arrays",
]

MAX_IMAGE_BYTES = 4 * 1024 * 1024
MAX_PIXELS = 4_000_000
MAX_IMAGES = 16
"""Images read per answer (more are ignored)."""
MAX_NUMBERS = 200_000
MAX_DEPTH = 6
_FORMATS = ("PNG", "JPEG", "WEBP")
_DATA_URL = re.compile(r"data:image/(?:png|jpeg|jpg|webp);base64,([A-Za-z0-9+/=\s]{16,})")
_FILE_PATH = re.compile(r"/(?:gradio_api/)?file=")

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class ImageRef:
    """One image found in an answer: a URL/path to fetch, encoded bytes, or numbers."""

    url: str | None = None
    path: str | None = None
    data: bytes | None = None
    array: Array | None = None


def image_format(data: bytes) -> str | None:
    """``PNG``/``JPEG``/``WEBP`` by the file signature, else ``None``."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def decode_image(data: bytes) -> Array:
    """``(H, W)`` float32 grayscale in [0, 1]; ``ValueError`` (short) when unusable."""
    from PIL import Image  # Pillow comes with gradio / matplotlib in the course environment

    if len(data) > MAX_IMAGE_BYTES:
        raise ValueError(f"image over {MAX_IMAGE_BYTES // 1024 // 1024} MiB")
    kind = image_format(data)
    if kind is None:
        raise ValueError("not a PNG/JPEG/WEBP file")
    try:
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            width, height = image.size
            if width < 1 or height < 1 or width * height > MAX_PIXELS:
                raise ValueError(f"image size {width}x{height} not allowed")
            image.seek(0)
            return _gray(image)
    except ValueError:
        raise
    except Exception as exc:  # any decoder error on hostile data
        raise ValueError(f"cannot decode image: {type(exc).__name__}") from None


def _gray(image: Any) -> Array:
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = np.asarray(image.convert("RGBA"), dtype=np.float32) / 255.0
        alpha = rgba[..., 3]
        luma = rgba[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        shown = alpha > 0.5
        ink_dark = bool(shown.any()) and float(luma[shown].mean()) < 0.5
        background = 1.0 if ink_dark else 0.0  # transparent areas contrast with the ink
        gray: Array = luma * alpha + background * (1.0 - alpha)
        return gray
    return np.asarray(image.convert("L"), dtype=np.float32) / 255.0


def _b64_image(text: str) -> bytes | None:
    if len(text) > MAX_IMAGE_BYTES * 4 // 3 + 64:
        return None
    try:
        data = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if image_format(data) else None


def _from_string(text: str) -> ImageRef | None:
    match = _DATA_URL.search(text[:64])  # a data URL starts the string
    if match:
        data = _b64_image(text[text.index(",") + 1 :])
        return ImageRef(data=data) if data else None
    if len(text) >= 64 and not text.startswith(("/", "http")):
        data = _b64_image(text)
        return ImageRef(data=data) if data else None
    return None


def find_images(answer: Any, depth: int = 0, found: list[ImageRef] | None = None) -> list[ImageRef]:
    """Image references in ``answer`` (a JSON-like value), at most :data:`MAX_IMAGES`."""
    found = [] if found is None else found
    if depth > MAX_DEPTH or len(found) >= MAX_IMAGES or answer is None:
        return found
    if isinstance(answer, str):
        ref = _from_string(answer)
        if ref is not None:
            found.append(ref)
    elif isinstance(answer, dict):
        url, path = answer.get("url"), answer.get("path")
        if isinstance(url, str) or isinstance(path, str):  # gradio FileData
            ref = _from_string(url) if isinstance(url, str) else None
            found.append(
                ref
                or ImageRef(
                    url=url if isinstance(url, str) else None,
                    path=path if isinstance(path, str) else None,
                )
            )
            return found
        for value in list(answer.values())[:50]:
            find_images(value, depth + 1, found)
    elif isinstance(answer, list | tuple):
        arrays = numbers_to_arrays(answer)
        if arrays:
            found.extend(ImageRef(array=a) for a in arrays[: MAX_IMAGES - len(found)])
            return found
        for value in list(answer)[:100]:
            find_images(value, depth + 1, found)
    return found[:MAX_IMAGES]


def images_in_html(text: str) -> list[ImageRef]:
    """``data:image`` URLs embedded in an HTML/text answer (``<img src="data:...">``)."""
    found = []
    for match in _DATA_URL.finditer(text[: MAX_IMAGE_BYTES * 2]):
        data = _b64_image(match.group(1))
        if data:
            found.append(ImageRef(data=data))
        if len(found) >= MAX_IMAGES:
            break
    return found


def numbers_to_arrays(value: Any) -> list[Array]:
    """A nested list of numbers as images: ``(H, W)`` -> one, ``(N, H, W)`` / ``(N, H, W, 1)``
    -> N, ``(N, 64)`` -> N 8x8 ones; ``[]`` when it is not such a list."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (ValueError, TypeError, OverflowError):
        return []
    if array.size == 0 or array.size > MAX_NUMBERS or not np.isfinite(array).all():
        return []
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim == 2 and array.shape[1] == 64 and array.shape[0] != 64:
        array = array.reshape(-1, 8, 8)
    if array.ndim == 2 and min(array.shape) >= 8:
        return [_unit(array)]
    if array.ndim == 3 and min(array.shape[1:]) >= 8:
        return [_unit(a) for a in array[:MAX_IMAGES]]
    return []


def _unit(array: Array) -> Array:
    """Numbers on any scale (0-1, -1-1, 0-16, 0-255) to [0, 1] by the array's own range."""
    low, high = float(array.min()), float(array.max())
    if high - low < 1e-9:
        return np.zeros_like(array)
    scaled: Array = (array - low) / (high - low)
    return scaled


def load_ref(ref: ImageRef, base_url: str, fetch: Callable[[str], bytes]) -> Array:
    """The image of ``ref`` in [0, 1]; URLs are fetched from ``base_url``'s host only."""
    if ref.array is not None:
        return ref.array
    if ref.data is not None:
        return decode_image(ref.data)
    url = same_origin_url(ref, base_url)
    if url is None:
        raise ValueError("image URL outside the app")
    return decode_image(fetch(url))


def same_origin_url(ref: ImageRef, base_url: str) -> str | None:
    """The URL to fetch ``ref`` from: its own when it is on the app's host, else the app's
    file route for its path (another host is never contacted)."""
    base = urlsplit(base_url)
    if ref.url:
        parts = urlsplit(ref.url)
        if (parts.scheme, parts.netloc) == (base.scheme, base.netloc):
            return ref.url
        if _FILE_PATH.match(parts.path):
            query = f"?{parts.query}" if parts.query else ""
            return f"{base.scheme}://{base.netloc}{parts.path}{query}"
    if ref.path:
        return f"{base.scheme}://{base.netloc}/gradio_api/file={quote(ref.path)}"
    return None
