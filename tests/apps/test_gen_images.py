"""Reading generated digits out of untrusted answers (no sandbox: pure functions)."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from PIL import Image
from sklearn.datasets import load_digits

from grader.apps.detect import Route
from grader.apps.gen_probe import gradio_class_args, http_forms, pick_generation_route
from grader.apps.generation import UNRECOGNISED, generation_probe, judge_images
from grader.apps.images import (
    ImageRef,
    decode_image,
    find_images,
    images_in_html,
    numbers_to_arrays,
    same_origin_url,
)
from grader.apps.samples import Sample
from grader.judges.digits import digits_judge

BASE = "http://127.0.0.1:4242"


def _png(array: np.ndarray, mode: str = "L") -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array, mode=mode).save(buffer, format="PNG")
    return buffer.getvalue()


def _strip(label: int, count: int, scale: int, black_on_white: bool) -> np.ndarray:
    digits = load_digits()
    images = digits.images[digits.target == label][:count] / 16.0
    row = np.kron(np.concatenate(list(images), axis=1), np.ones((scale, scale)))
    return 1.0 - row if black_on_white else row


def test_rejects_what_is_not_a_small_png_jpeg_webp() -> None:
    with pytest.raises(ValueError, match="not a PNG"):
        decode_image(b"GIF89a" + b"\0" * 100)
    with pytest.raises(ValueError, match="not a PNG"):
        decode_image(b"<html>not an image</html>")
    with pytest.raises(ValueError, match="size"):
        decode_image(_png(np.zeros((2000, 2100), dtype=np.uint8)))  # over the pixel cap
    with pytest.raises(ValueError, match="decode"):
        decode_image(_png(np.zeros((64, 64), dtype=np.uint8))[:60])  # truncated
    with pytest.raises(ValueError, match="MiB"):
        decode_image(b"\x89PNG\r\n\x1a\n" + b"\0" * (5 * 1024 * 1024))


@pytest.mark.parametrize("black_on_white", [True, False])
@pytest.mark.parametrize("scale", [1, 4, 8])
def test_strip_of_real_digits_is_read_in_either_polarity(scale: int, black_on_white: bool) -> None:
    judge = digits_judge()
    for label in (0, 3, 7):
        row = _strip(label, 5, scale, black_on_white)
        image = decode_image(_png((255 * row).astype(np.uint8)))
        reading = judge_images([image], judge)
        assert reading.count == 5
        assert reading.matching(label) == 5, (label, reading)


def test_noise_is_not_recognised() -> None:
    rng = np.random.default_rng(1)
    noise = (255 * rng.uniform(size=(64, 320))).astype(np.uint8)
    sample = Sample(id="class-4", label="4", values=(4,))
    probe = generation_probe(sample, "선택", [decode_image(_png(noise))], [], "", digits_judge())
    assert probe.ok and probe.plausible is False
    assert probe.predicted == UNRECOGNISED


def test_transparent_background_keeps_the_ink() -> None:
    digits = load_digits()
    ink = (255 * digits.images[digits.target == 2][0] / 16.0).astype(np.uint8)
    rgba = np.zeros((8, 8, 4), dtype=np.uint8)
    rgba[..., 3] = ink  # black ink, transparent background
    image = decode_image(_png(np.kron(rgba, np.ones((8, 8, 1), dtype=np.uint8)), mode="RGBA"))
    assert judge_images([image], digits_judge()).matching(2) == 1


def test_finds_images_in_answers() -> None:
    png = _png(np.zeros((16, 16), dtype=np.uint8))
    data_url = "data:image/png;base64," + base64.b64encode(png).decode()
    file_data = {"path": "/tmp/gradio/x/image.webp", "url": f"{BASE}/gradio_api/file=/x.webp"}
    gallery = [{"image": file_data, "caption": None}, {"image": file_data, "caption": "2"}]
    assert [r.url for r in find_images(file_data)] == [file_data["url"]]
    assert len(find_images(gallery)) == 2
    assert find_images({"image": data_url})[0].data == png
    assert find_images(base64.b64encode(png).decode())[0].data == png
    assert len(find_images({"images": np.zeros((3, 8, 8)).tolist()})) == 3
    assert len(images_in_html(f'<img src="{data_url}">')) == 1
    assert find_images({"label": "7", "confidences": [0.1] * 10}) == []
    assert find_images("plain words, no image at all") == []
    assert numbers_to_arrays([[1, 2], [3, 4]]) == []  # too small to be a digit image
    assert len(find_images([file_data] * 40)) == 16  # capped


def test_image_urls_never_leave_the_app() -> None:
    own = ImageRef(url=f"{BASE}/gradio_api/file=/tmp/a.webp")
    assert same_origin_url(own, BASE) == own.url
    elsewhere = ImageRef(url="http://169.254.169.254/gradio_api/file=/tmp/a.webp")
    assert same_origin_url(elsewhere, BASE) == f"{BASE}/gradio_api/file=/tmp/a.webp"
    assert same_origin_url(ImageRef(url="http://example.com/a.png"), BASE) is None
    by_path = same_origin_url(ImageRef(path="/tmp/gradio/a b.webp"), BASE)
    assert by_path == f"{BASE}/gradio_api/file=/tmp/gradio/a%20b.webp"


def _param(
    component: str, label: str, default: object = None, enum: list[str] | None = None
) -> dict[str, object]:
    return {
        "component": component,
        "label": label,
        "parameter_name": label,
        "parameter_has_default": default is not None,
        "parameter_default": default,
        "type": {"type": "string", "enum": enum} if enum else {"type": "number"},
    }


def test_gradio_class_goes_to_the_input_that_takes_it() -> None:
    sample = Sample(id="class-7", label="7", text="7", values=(7,))
    count = _param("Slider", "개수", default=8)
    choices = _param("Dropdown", "숫자", default="3", enum=[str(i) for i in range(10)])
    assert gradio_class_args([choices, count], sample) == (["7", 8], "선택")
    assert gradio_class_args([count, choices], sample) == ([8, "7"], "선택")
    worded = _param("Radio", "digit", default="숫자 0", enum=[f"숫자 {i}" for i in range(10)])
    assert gradio_class_args([worded], sample)[0] == ["숫자 7"]
    number = _param("Number", "label")
    assert gradio_class_args([count, number], sample) == ([8, 7], "숫자")
    assert gradio_class_args([_param("Textbox", "class")], sample) == (["7"], "텍스트")
    names = _param("Dropdown", "숫자", enum=["zero", "one"])
    assert gradio_class_args([names], sample) == (None, "")
    assert gradio_class_args([_param("Image", "그림")], sample) == (None, "")


def test_http_forms_for_generation() -> None:
    flask = Route("/generate/<int:digit>", ("GET",), "generate")
    assert http_forms(flask)[0] == ("path", "digit")
    fastapi = Route("/sample", ("POST",), "sample", params=("label",))
    forms = http_forms(fastapi)
    assert forms[0] == ("json", "label") and ("query", "label") in forms
    home = Route("/", ("GET",), "home")
    assert pick_generation_route((home, fastapi)) == fastapi


def test_many_large_images_are_judged_within_a_row_budget() -> None:
    from grader.apps.generation import MAX_JUDGED_ROWS

    judge = digits_judge()
    judged: list[int] = []

    class Counting:
        def judge(self, pixels: np.ndarray) -> dict:
            judged.append(len(pixels))
            return judge.judge(pixels)

    rng = np.random.default_rng(2)
    images = [rng.uniform(size=(800, 800)).astype(np.float32) for _ in range(16)]
    reading = judge_images(images, Counting())
    assert sum(reading.recognised) == 0
    assert len(judged) < len(images)  # later images are skipped once the budget is spent
    assert sum(judged) - max(judged) < MAX_JUDGED_ROWS
