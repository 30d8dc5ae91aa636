"""Flask and FastAPI apps over plain HTTP: classification samples POSTed to a predict route.

JSON numbers, or the sample's PNG as a file upload; FastAPI's OpenAPI schema names the body
keys it declares. Generation over HTTP is :mod:`grader.apps.gen_probe`.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import Any

import httpx

from grader.apps.answers import read_label, summarize
from grader.apps.context import ProbeContext, sample_probe
from grader.apps.detect import Route
from grader.apps.samples import Sample, SampleSet
from grader.records.app_result import AppProbe

__all__ = ["classify_http", "declared_body_keys"]

_INPUT_KEYS = ("data", "input", "inputs", "features", "pixels", "x", "values", "image")
_PREDICT_WORDS = ("predict", "infer", "classif", "recogn", "score")


def classify_http(ctx: ProbeContext) -> list[AppProbe]:
    """POST each sample to the app's predict route (JSON numbers, or the PNG as a file)."""
    route = _pick_route(ctx.target.routes)
    if route is None:
        return []
    probes = []
    with httpx.Client(base_url=ctx.url, timeout=ctx.timeout_s) as client:
        if ctx.target.kind == "fastapi":
            route = _with_declared_keys(route, _openapi(client))
        forms = _payload_forms(route, ctx.samples)
        for sample in ctx.samples.samples:
            probe, forms = _post_sample(client, route, sample, forms, ctx.samples)
            probes.append(probe)
    return probes


def _openapi(client: httpx.Client) -> dict[str, Any]:
    """FastAPI's declared schema (``/openapi.json``), ``{}`` when it cannot be read."""
    try:
        answer = client.get("/openapi.json")
        data = answer.json() if answer.status_code == 200 else {}
    except (httpx.HTTPError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _with_declared_keys(route: Route, openapi: dict[str, Any]) -> Route:
    """``route`` with the JSON body fields its OpenAPI schema declares put first."""
    keys = declared_body_keys(openapi, route.path)
    if not keys:
        return route
    return replace(route, keys=tuple(dict.fromkeys([*keys, *route.keys]))[:8])


def declared_body_keys(openapi: dict[str, Any], path: str) -> tuple[str, ...]:
    """Property names of the JSON request body of ``POST path`` in an OpenAPI document."""
    operation = _dict(_dict(_dict(openapi.get("paths")).get(path)).get("post"))
    content = _dict(_dict(operation.get("requestBody")).get("content"))
    schema = _dict(_dict(content.get("application/json")).get("schema"))
    reference = str(schema.get("$ref", ""))
    if reference.startswith("#/components/schemas/"):
        name = reference.rsplit("/", 1)[-1]
        schema = _dict(_dict(_dict(openapi.get("components")).get("schemas")).get(name))
    properties = _dict(schema.get("properties"))
    return tuple(str(k)[:60] for k in list(properties)[:8])


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _pick_route(routes: tuple[Route, ...]) -> Route | None:
    def rank(route: Route) -> tuple[bool, bool, bool]:
        text = f"{route.path} {route.function}".lower()
        wanted = any(w in text for w in _PREDICT_WORDS)
        return ("POST" not in route.methods, not wanted, route.path == "/")

    usable = [r for r in routes if "POST" in r.methods or r.path != "/"]
    return min(usable, key=rank) if usable else None


def _payload_forms(route: Route, samples: SampleSet) -> list[tuple[str, str]]:
    """``(how, key)`` pairs to try, best first: a file upload, one JSON field per column or
    per key the handler reads (several numeric fields), then one JSON key holding the input."""
    keys = [k for k in route.keys if k not in {"POST", "GET", "Content-Type"}]
    forms = [("file", k) for k in (keys[:1] or ["file"])] if route.uses_files else []
    if samples.columns and set(keys) & set(samples.columns):
        forms.append(("columns", ""))
    if len(keys) >= 2 and not set(keys) & set(_INPUT_KEYS):
        forms.append(("fields", ""))
    forms += [("json", k) for k in dict.fromkeys([*keys[:3], *_INPUT_KEYS[:4]])]
    return forms


def _json_body(route: Route, sample: Sample, how: str, key: str, samples: SampleSet) -> Any:
    """The JSON body of one form; ``None`` when the sample cannot be sent that way."""
    if how in ("columns", "fields"):
        names = samples.columns if how == "columns" else route.keys
        if sample.values is None or len(names) > len(sample.values):
            return None
        return {name: value for name, value in zip(names, sample.values, strict=False)}
    if sample.values is None and sample.text is None:
        return None
    value: Any = list(sample.values) if sample.values is not None else sample.text
    return {key: value}


def _post_sample(
    client: httpx.Client,
    route: Route,
    sample: Sample,
    forms: list[tuple[str, str]],
    samples: SampleSet,
) -> tuple[AppProbe, list[tuple[str, str]]]:
    """Try ``forms`` until one is accepted; the accepted one goes first for the next sample."""
    last: AppProbe | None = None
    for position, (how, key) in enumerate(forms):
        response = _send(client, route, sample, how, key, samples)
        if response is None:
            continue
        label = f"{how} '{key}'" if key else f"json {how}"
        if response.status_code < 400:
            answer = _decode(response)
            probe = sample_probe(
                sample, label, ok=True, output=summarize(answer), predicted=read_label(answer)
            )
            return probe, [forms[position], *forms[:position], *forms[position + 1 :]]
        error = f"HTTP {response.status_code}: {response.text[:200]}"
        last = sample_probe(sample, label, ok=False, error=error)
        if response.status_code >= 500:
            break
    nothing = "보낼 수 있는 입력 형식이 없습니다"
    return last or sample_probe(sample, "", ok=False, error=nothing), forms


def _send(
    client: httpx.Client, route: Route, sample: Sample, how: str, key: str, samples: SampleSet
) -> httpx.Response | None:
    try:
        if how == "file":
            path = samples.image_path(sample)
            if path is None:
                return None
            files = {key: (path.name, path.read_bytes(), "image/png")}
            return client.post(route.path, files=files)
        body = _json_body(route, sample, how, key, samples)
        return None if body is None else client.post(route.path, json=body)
    except httpx.HTTPError as exc:
        return httpx.Response(599, text=f"{type(exc).__name__}: {exc}")


def _decode(response: httpx.Response) -> Any:
    with contextlib.suppress(ValueError):
        return response.json()
    return response.text[:2000]
