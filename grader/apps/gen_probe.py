"""Probes for ``task: generation`` (gradio and flask/fastapi): request a class, read images.

Gradio: the class goes to the input that can take it (a Dropdown/Radio choice naming it, a
Slider/Number, a Textbox); the other inputs keep their defaults. Images come back as
``FileData`` and are fetched through the bridge. Flask/FastAPI: the class as a path
parameter, JSON ``{key: class}`` or a query parameter; the answer may be image bytes, JSON
(base64 images or arrays of numbers) or HTML with ``data:`` images. See docs/apps.md.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from typing import Any

import httpx

from grader.apps.answers import matches, summarize
from grader.apps.context import ProbeContext
from grader.apps.detect import Route
from grader.apps.generation import class_value, generation_probe
from grader.apps.images import (
    MAX_IMAGE_BYTES,
    Array,
    ImageRef,
    find_images,
    image_format,
    images_in_html,
    load_ref,
)
from grader.apps.samples import Sample
from grader.apps.transports.gradio import gradio_endpoint
from grader.judges.digits import digits_judge
from grader.records.app_result import MAX_ERROR_CHARS, AppProbe

__all__ = ["generate_gradio", "generate_http", "gradio_class_args"]

MAX_RESPONSE_BYTES = 8 * 1024 * 1024
MAX_ANSWER_PIXELS = 8_000_000
"""Pixels decoded per answer (later images are not read)."""
_CLASS_WORDS = ("label", "class", "digit", "number", "num", "target", "숫자", "클래스", "라벨")
_GEN_WORDS = ("generat", "sample", "draw", "creat", "gen", "make", "image", "predict")
_DEFAULT_KEYS = ("label", "digit", "class", "number")
_PLACEHOLDER = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)(?::\w+)?\}")
NO_INPUT = "클래스를 넣을 입력(Dropdown, Radio, Slider, Number, Textbox)을 찾지 못했습니다"


def _failed(sample: Sample, how: str, error: str) -> AppProbe:
    return AppProbe(
        input=f"{sample.id} ({how})" if how else sample.id,
        ok=False,
        expected=sample.label,
        error=error[:MAX_ERROR_CHARS],
    )


def read_images(
    refs: list[ImageRef], base_url: str, fetch: Callable[[str], bytes]
) -> tuple[list[Array], list[str]]:
    """Decoded images of ``refs`` and, for those that could not be used, why."""
    images: list[Array] = []
    errors: list[str] = []
    pixels = 0
    for number, ref in enumerate(refs, 1):
        if pixels >= MAX_ANSWER_PIXELS:
            errors.append(f"이미지 {number}번부터는 읽지 않았습니다 (픽셀 수 한도)")
            break
        try:
            image = load_ref(ref, base_url, fetch)
        except (ValueError, httpx.HTTPError) as exc:
            errors.append(f"이미지 {number}: {exc}"[:200])
            continue
        images.append(image)
        pixels += image.size
    return images, errors


def capped_get(client: httpx.Client, url: str) -> bytes:
    """GET ``url`` (no redirects), at most :data:`MAX_IMAGE_BYTES`; ``ValueError`` else."""
    with client.stream("GET", url) as response:
        if response.status_code != 200:
            raise ValueError(f"HTTP {response.status_code}")
        return _read_capped(response, MAX_IMAGE_BYTES)


def _read_capped(response: httpx.Response, cap: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise ValueError(f"answer over {cap // 1024 // 1024} MiB")
        chunks.append(chunk)
    return b"".join(chunks)


# --- gradio ----------------------------------------------------------------------------


def generate_gradio(ctx: ProbeContext) -> list[AppProbe]:
    """Ask the app's gradio endpoint for each sample's class and judge the images."""
    with gradio_endpoint(ctx) as found:
        if found is None:
            return []
        return _gradio_generation(ctx, found.client, found.name, found.params)


def _gradio_generation(
    ctx: ProbeContext, client: Any, endpoint: str, params: list[dict[str, Any]]
) -> list[AppProbe]:
    """Ask the gradio endpoint for each sample's class and judge the images it returns."""
    judge = digits_judge()
    probes = []
    with httpx.Client(timeout=ctx.timeout_s, follow_redirects=False) as http:

        def fetch(url: str) -> bytes:
            return capped_get(http, url)

        for sample in ctx.samples.samples:
            args, how = gradio_class_args(params, sample)
            if args is None:
                probes.append(_failed(sample, "", NO_INPUT))
                continue
            try:
                answer = client.predict(*args, api_name=endpoint)
            except Exception as exc:  # the app's error comes back as an exception
                probes.append(_failed(sample, how, f"{type(exc).__name__}: {exc}"))
                continue
            images, errors = read_images(find_images(answer), ctx.url, fetch)
            probes.append(generation_probe(sample, how, images, errors, summarize(answer), judge))
    return probes


def gradio_class_args(params: list[dict[str, Any]], sample: Sample) -> tuple[list[Any] | None, str]:
    """Arguments for the endpoint: the class in the input best able to take it, the other
    inputs at their defaults; ``(None, "")`` when no input can take it."""
    label = class_value(sample)
    if label is None:
        return None, ""
    ranked = []
    for index, param in enumerate(params):
        found = _class_slot(param, sample, label)
        if found is not None:
            ranked.append((found[0], index, found[1], found[2]))
    if not ranked:
        return None, ""
    _, chosen, value, how = min(ranked, key=lambda r: (r[0], r[1]))
    args: list[Any] = []
    for index, param in enumerate(params):
        if index == chosen:
            args.append(value)
        elif param.get("parameter_has_default"):
            args.append(param.get("parameter_default"))
        else:
            return None, ""
    return args, how


def _class_slot(param: dict[str, Any], sample: Sample, label: int) -> tuple[int, Any, str] | None:
    """``(rank, value, how)`` when ``param`` can take the class (lower rank is better)."""
    component = str(param.get("component", "")).lower()
    named = any(w in _param_text(param) for w in _CLASS_WORDS)
    if component in {"dropdown", "radio"}:
        choice = _choice(param, sample, label)
        return (0, choice, "선택") if choice is not None else None
    if component in {"slider", "number"}:
        return (1 if named else 2), label, "숫자"
    if component in {"textbox", "text"}:
        return (3 if named else 4), sample.text or str(label), "텍스트"
    return None


def _param_text(param: dict[str, Any]) -> str:
    return f"{param.get('label', '')} {param.get('parameter_name', '')}".lower()


def _choice(param: dict[str, Any], sample: Sample, label: int) -> Any:
    kind = param.get("type")
    choices = kind.get("enum") if isinstance(kind, dict) else None
    if not isinstance(choices, list):
        return None
    want = sample.label or str(label)
    exact = [c for c in choices if str(c).strip() == want]
    if exact:
        return exact[0]
    worded = [c for c in choices if isinstance(c, str) and matches(c, want)]
    return worded[0] if len(worded) == 1 else None


# --- flask / fastapi -------------------------------------------------------------------


def generate_http(ctx: ProbeContext) -> list[AppProbe]:
    """Request each sample's class from the app's generate route and judge the images."""
    route = pick_generation_route(ctx.target.routes)
    if route is None:
        return []
    judge = digits_judge()
    forms = http_forms(route)
    probes = []
    with httpx.Client(base_url=ctx.url, timeout=ctx.timeout_s, follow_redirects=False) as client:

        def fetch(url: str) -> bytes:
            return capped_get(client, url)

        for sample in ctx.samples.samples:
            label = class_value(sample)
            if label is None:
                probes.append(_failed(sample, "", "요청할 클래스가 없습니다"))
                continue
            probe, forms = _request_sample(client, route, sample, label, forms, fetch, judge)
            probes.append(probe)
    return probes


def pick_generation_route(routes: tuple[Route, ...]) -> Route | None:
    """The route most likely to generate: a generate/sample/draw name first, not ``/``."""

    def rank(route: Route) -> tuple[bool, bool, bool]:
        text = f"{route.path} {route.function}".lower()
        wanted = any(w in text for w in _GEN_WORDS)
        return (not wanted, route.path == "/", "POST" not in route.methods)

    usable = [r for r in routes if r.path != "/" or "POST" in r.methods]
    return min(usable, key=rank) if usable else None


def http_forms(route: Route) -> list[tuple[str, str]]:
    """``(how, key)`` to try, best first: path parameter, JSON keys, query parameters."""
    forms: list[tuple[str, str]] = []
    placeholder = _PLACEHOLDER.search(route.path)
    if placeholder:
        forms.append(("path", placeholder.group(1) or placeholder.group(2)))
    keys = [k for k in route.keys if k not in {"POST", "GET", "Content-Type"}]
    json_keys = list(dict.fromkeys([*keys[:3], *route.params[:2], *_DEFAULT_KEYS]))[:6]
    query_keys = list(dict.fromkeys([*route.params[:2], *_DEFAULT_KEYS[:2]]))[:3]
    if "POST" in route.methods:
        forms += [("json", k) for k in json_keys]
    forms += [("query", k) for k in query_keys]
    return forms


def _request_sample(
    client: httpx.Client,
    route: Route,
    sample: Sample,
    label: int,
    forms: list[tuple[str, str]],
    fetch: Callable[[str], bytes],
    judge: Any,
) -> tuple[AppProbe, list[tuple[str, str]]]:
    last: AppProbe | None = None
    for position, (how, key) in enumerate(forms):
        described = f"{how} '{key}'"
        try:
            status, kind, body = _send(client, route, how, key, label)
        except (httpx.HTTPError, ValueError) as exc:
            last = _failed(sample, described, f"{type(exc).__name__}: {exc}")
            break
        if status < 400:
            refs, summary = _refs_in(kind, body)
            images, errors = read_images(refs, str(client.base_url), fetch)
            probe = generation_probe(sample, described, images, errors, summary, judge)
            reordered = [forms[position], *forms[:position], *forms[position + 1 :]]
            return probe, reordered
        text = body[:200].decode("utf-8", "replace")
        last = _failed(sample, described, f"HTTP {status}: {text}")
        if status >= 500:
            break
    return last or _failed(sample, "", "보낼 수 있는 입력 형식이 없습니다"), forms


def _send(
    client: httpx.Client, route: Route, how: str, key: str, label: int
) -> tuple[int, str, bytes]:
    method = "POST" if "POST" in route.methods else "GET"
    path = route.path
    kwargs: dict[str, Any] = {}
    if how == "path":
        path = _PLACEHOLDER.sub(str(label), path, count=1)
    elif how == "json":
        kwargs["json"] = {key: label}
    else:
        kwargs["params"] = {key: label}
    request = client.build_request(method, path, **kwargs)
    response = client.send(request, stream=True)
    try:
        body = _read_capped(response, MAX_RESPONSE_BYTES)
    finally:
        response.close()
    return response.status_code, response.headers.get("content-type", ""), body


def _refs_in(content_type: str, body: bytes) -> tuple[list[ImageRef], str]:
    """Images in an HTTP answer and a summary of it."""
    if content_type.startswith("image/") or image_format(body):
        return [ImageRef(data=body)], f"{content_type or '이미지'} {len(body)} bytes"
    answer: Any = None
    with contextlib.suppress(ValueError):
        answer = json.loads(body)
    if answer is not None:
        return find_images(answer), summarize(answer)
    text = body.decode("utf-8", "replace")
    return images_in_html(text), f"text {len(body)} bytes"
