"""One entry per app kind: how to start it inside the sandbox and how to ask it something.

``register(KindSpec(...))`` adds a kind; :func:`get` raises ``KeyError`` listing the known
ones. A probe function gets a :class:`ProbeContext` and returns one :class:`AppProbe` per
sample; the answers are untrusted data and are only summarised and compared.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

import httpx

from grader.apps.answers import matches, read_label, summarize
from grader.apps.detect import AppTarget, Route
from grader.apps.diagnose import clean_log, last_error
from grader.apps.samples import Sample, SampleSet
from grader.records.app_result import MAX_ERROR_CHARS, AppProbe
from grader.safe_io import read_untrusted
from grader.sandbox import Service

__all__ = [
    "FIRST_SESSION",
    "SCHEMA_SAMPLE",
    "KindSpec",
    "ProbeContext",
    "get",
    "kind_names",
    "register",
]

log = logging.getLogger(__name__)

HARNESS_SOURCE = Path(__file__).with_name("st_harness.py")
_INPUT_KEYS = ("data", "input", "inputs", "features", "pixels", "x", "values", "image")
_ENDPOINT_WORDS = ("predict", "generat", "infer", "classif", "sample", "draw")
_PREDICT_WORDS = ("predict", "infer", "classif", "recogn", "score")
FIRST_SESSION = "첫 세션 (입력 없이)"
"""Input name of streamlit's first session run (taken out of the probes by the judge)."""
SCHEMA_SAMPLE = "API 예시 입력"
"""Sample id of the input built from the app's declared schema (gradio's API info)."""
_NUMBER_COMPONENTS = frozenset({"number", "slider"})
NOT_FITTED = "입력 형식을 맞출 수 없습니다"
NO_WIDGET = "입력 위젯(파일 업로드, 텍스트 입력)이 없습니다"
NOT_FED = frozenset({NOT_FITTED, NO_WIDGET})
"""Errors that say the probe could not feed the sample (not that the app failed)."""


@dataclass
class ProbeContext:
    """What a probe may use: the app's URL (through the bridge), its service, the samples."""

    url: str
    service: Service
    target: AppTarget
    samples: SampleSet
    script: str
    """The file the app runs, relative to its working folder (inside the sandbox)."""
    python: str
    timeout_s: float


@dataclass(frozen=True)
class KindSpec:
    """How one kind of app is started and probed."""

    name: str
    command: Callable[[str, str, int, AppTarget], list[str]]
    """``(python, script, port, target) -> argv`` run in the script's folder."""
    port: int
    """The port the grader asks for (the relay follows whatever the app really binds)."""
    probe: Callable[[ProbeContext], list[AppProbe]]
    env: dict[str, str]
    ready_path: str = "/"
    """GET path that answers 200 once the app is ready."""


_KINDS: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> None:
    """Add (or replace) the kind ``spec.name``."""
    _KINDS[spec.name] = spec


def get(name: str) -> KindSpec:
    """The kind ``name``; ``KeyError`` lists the known kinds."""
    try:
        return _KINDS[name]
    except KeyError:
        raise KeyError(f"unknown app kind {name!r} (known: {', '.join(kind_names())})") from None


def kind_names() -> tuple[str, ...]:
    """Registered kinds, sorted."""
    return tuple(sorted(_KINDS))


def _probe(sample: Sample, how: str, **fields: Any) -> AppProbe:
    predicted = fields.pop("predicted", None)
    error = str(fields.pop("error", ""))[:MAX_ERROR_CHARS]
    return AppProbe(
        input=f"{sample.id} ({how})" if how else sample.id,
        expected=sample.label,
        predicted=predicted,
        plausible=matches(predicted, sample.label),
        error=error,
        **fields,
    )


# --- flask / fastapi: plain HTTP ------------------------------------------------------


def probe_http(ctx: ProbeContext) -> list[AppProbe]:
    """POST each sample to the app's predict route (JSON numbers, or the PNG as a file)."""
    if ctx.samples.task == "generation":
        from grader.apps.gen_probe import probe_http_generation

        return probe_http_generation(ctx)
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
            probe = _probe(
                sample, label, ok=True, output=summarize(answer), predicted=read_label(answer)
            )
            return probe, [forms[position], *forms[:position], *forms[position + 1 :]]
        error = f"HTTP {response.status_code}: {response.text[:200]}"
        last = _probe(sample, label, ok=False, error=error)
        if response.status_code >= 500:
            break
    return last or _probe(sample, "", ok=False, error="보낼 수 있는 입력 형식이 없습니다"), forms


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


# --- gradio: gradio_client -----------------------------------------------------------


def probe_gradio(ctx: ProbeContext) -> list[AppProbe]:
    """Call the app's first named endpoint with each sample through gradio_client."""
    from gradio_client import Client  # heavy: imported only when probing

    client = Client(
        ctx.url + "/",
        verbose=False,
        download_files=False,
        analytics_enabled=False,
        httpx_kwargs={"timeout": ctx.timeout_s},
    )
    try:
        api = client.view_api(print_info=False, return_format="dict")
        endpoint, params = _gradio_endpoint(api if isinstance(api, dict) else {})
        if endpoint is None:
            return []
        if ctx.samples.task == "generation":
            from grader.apps.gen_probe import probe_gradio_generation

            return probe_gradio_generation(ctx, client, endpoint, params)
        probes = _gradio_calls(client, endpoint, params, _gradio_samples(ctx.samples), ctx)
        if (
            ctx.samples.origin != "assignment"
            and ctx.samples.samples
            and all(p.error == NOT_FITTED for p in probes)
        ):
            probes = _gradio_calls(client, endpoint, params, (Sample(id=SCHEMA_SAMPLE),), ctx)
        return probes
    finally:
        with contextlib.suppress(Exception):
            client.close()


def _gradio_calls(
    client: Any,
    endpoint: str,
    params: list[dict[str, Any]],
    samples: tuple[Sample, ...],
    ctx: ProbeContext,
) -> list[AppProbe]:
    """One ``predict`` call per sample that fits the endpoint's inputs."""
    from gradio_client import handle_file

    probes = []
    for sample in samples:
        args, how = _gradio_args(params, sample, ctx.samples, handle_file)
        if args is None:
            probes.append(_probe(sample, "", ok=False, error=NOT_FITTED))
            continue
        try:
            answer = client.predict(*args, api_name=endpoint)
        except Exception as exc:  # the app's error comes back as an exception
            probes.append(_probe(sample, how, ok=False, error=f"{type(exc).__name__}: {exc}"))
            continue
        probes.append(
            _probe(sample, how, ok=True, output=summarize(answer), predicted=read_label(answer))
        )
    return probes


def _gradio_endpoint(api: dict[str, Any]) -> tuple[str | None, list[dict[str, Any]]]:
    named = api.get("named_endpoints") or {}
    if not isinstance(named, dict) or not named:
        return None, []
    preferred = [n for n in named if any(w in str(n).lower() for w in _ENDPOINT_WORDS)]
    name = "/predict" if "/predict" in named else next(iter(preferred or named))
    params = named[name].get("parameters", []) if isinstance(named[name], dict) else []
    return str(name), [p for p in params if isinstance(p, dict)]


def _gradio_samples(samples: SampleSet) -> tuple[Sample, ...]:
    """The samples, or (without any) one input built from the app's API info."""
    if samples.samples or samples.origin == "assignment":
        return samples.samples
    return (Sample(id=SCHEMA_SAMPLE),)


def _gradio_args(
    params: list[dict[str, Any]],
    sample: Sample,
    samples: SampleSet,
    handle_file: Callable[[str], Any],
) -> tuple[list[Any] | None, str]:
    args: list[Any] = []
    hows: list[str] = []
    numbers = list(sample.values or ()) if _count_numbers(params) > 1 else []
    for param in params:
        component = str(param.get("component", "")).lower()
        image = samples.image_path(sample)
        if component in _NUMBER_COMPONENTS and numbers:
            args.append(numbers.pop(0))
            hows.append("숫자")
        elif component in {"image", "sketchpad", "imageeditor", "paint", "file"} and image:
            value: Any = handle_file(str(image))
            if component in {"sketchpad", "imageeditor", "paint"}:
                value = {"background": value, "layers": [], "composite": value}
            args.append(value)
            hows.append("이미지")
        elif component in {"textbox", "text"} and (sample.values or sample.text):
            args.append(sample.text or ", ".join(f"{v:g}" for v in sample.values or ()))
            hows.append("텍스트")
        elif component == "dataframe" and sample.values:
            args.append({"headers": None, "data": [list(sample.values)]})
            hows.append("표")
        elif component in _NUMBER_COMPONENTS and sample.values and len(sample.values) == 1:
            args.append(sample.values[0])
            hows.append("숫자")
        elif param.get("parameter_has_default"):
            args.append(param.get("parameter_default"))
        elif samples.origin != "assignment" and "example_input" in param:
            args.append(param["example_input"])
            hows.append("API 예시")
        else:
            return None, ""
    return args, "+".join(dict.fromkeys(hows))


def _count_numbers(params: list[dict[str, Any]]) -> int:
    return sum(1 for p in params if str(p.get("component", "")).lower() in _NUMBER_COMPONENTS)


# --- streamlit: AppTest harness next to the running server ---------------------------


def probe_streamlit(ctx: ProbeContext) -> list[AppProbe]:
    """Run the script with streamlit's AppTest once per sample, inside the same sandbox.

    Generation samples are not driven here (no probes: ``not_driven``)."""
    if ctx.samples.task != "classification":
        return []
    harness = ctx.service.ipc / "st_harness.py"
    harness.write_bytes(HARNESS_SOURCE.read_bytes())
    payload = [_streamlit_sample(s, ctx.samples) for s in ctx.samples.samples]
    samples_file = ctx.service.ipc / "st_samples.json"
    samples_file.write_text(json.dumps(payload), encoding="utf-8")
    samples_file.chmod(0o644)
    harness.chmod(0o644)
    budget = ctx.timeout_s * (len(payload) + 1) + 10
    result_file = ctx.service.ipc / "st_result.jsonl"
    argv = [ctx.python, str(harness), ctx.script, str(samples_file), str(ctx.timeout_s)]
    done = ctx.service.exec([*argv, str(result_file)], timeout_s=budget)
    rows = _json_lines(read_untrusted(result_file, 256 * 1024).decode("utf-8", "replace"))
    by_id = {str(r.get("id")): r for r in rows}
    probes = [_first_session(by_id.get("None"), done.stderr + done.stdout)]
    for sample in ctx.samples.samples:
        row = by_id.get(sample.id)
        if row is None:
            error = last_error(clean_log(done.stderr + done.stdout)) or "응답 없음"
            probes.append(_probe(sample, "", ok=False, error=error))
            continue
        probes.append(_streamlit_probe(sample, row))
    return probes


def _first_session(row: dict[str, Any] | None, output: str) -> AppProbe:
    """The script's run without input: did a real session render without an exception?"""
    first = Sample(id=FIRST_SESSION)
    if row is None:
        error = last_error(clean_log(output)) or "첫 세션 결과가 없습니다"
        return _probe(first, "", ok=False, error=error)
    error = str(row.get("error", ""))[:MAX_ERROR_CHARS]
    texts = [str(t)[:300] for t in row.get("texts", []) if t][:20]
    shown = " / ".join(texts)[:300]
    return _probe(
        first, "", ok=not error, error=error, output=f"표시된 글 {len(texts)}개: {shown}"[:300]
    )


def _streamlit_sample(sample: Sample, samples: SampleSet) -> dict[str, Any]:
    image = samples.image_path(sample)
    return {
        "id": sample.id,
        "values": list(sample.values) if sample.values else None,
        "image_bytes": image.read_bytes().hex() if image else None,
    }


def _streamlit_probe(sample: Sample, row: dict[str, Any]) -> AppProbe:
    how = str(row.get("how", ""))[:40]
    error = str(row.get("error", ""))[:MAX_ERROR_CHARS]
    texts = [str(t)[:300] for t in row.get("texts", []) if t][:20]
    if error:
        return _probe(sample, how.strip("-"), ok=False, error=error)
    if not how:
        return _probe(sample, "", ok=False, error=NO_WIDGET)
    shown = " / ".join(texts)[:300]
    predicted = shown or None
    return _probe(
        sample, how, ok=bool(texts), output=f"표시된 글 {len(texts)}개", predicted=predicted
    )


def _json_lines(text: str) -> list[dict[str, Any]]:
    rows = []
    for line in text.splitlines()[:200]:
        with contextlib.suppress(ValueError):
            row = json.loads(line)
            if isinstance(row, dict):
                rows.append(row)
    return rows


# --- the registry ----------------------------------------------------------------------


def _module_of(script: str) -> str:
    return PurePosixPath(script).stem


register(
    KindSpec(
        name="gradio",
        command=lambda py, script, port, target: [py, script],
        port=7860,
        probe=probe_gradio,
        env={
            "GRADIO_SERVER_NAME": "127.0.0.1",
            "GRADIO_SERVER_PORT": "7860",
            "GRADIO_ANALYTICS_ENABLED": "False",
        },
        ready_path="/config",
    )
)
register(
    KindSpec(
        name="streamlit",
        command=lambda py, script, port, target: [
            *(py, "-m", "streamlit", "run", script, "--server.headless=true"),
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
            "--global.developmentMode=false",
        ],
        port=8501,
        probe=probe_streamlit,
        env={"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"},
        ready_path="/_stcore/health",
    )
)
register(
    KindSpec(
        name="flask",
        command=lambda py, script, port, target: [
            *(py, "-m", "flask", "--app", f"{script}:{target.variable}", "run"),
            *("--host=127.0.0.1", f"--port={port}"),
            "--no-reload",
            "--no-debugger",
        ],
        port=5000,
        probe=probe_http,
        env={},
    )
)
register(
    KindSpec(
        name="fastapi",
        command=lambda py, script, port, target: [
            *(py, "-m", "uvicorn", f"{_module_of(script)}:{target.variable}", "--host=127.0.0.1"),
            f"--port={port}",
        ],
        port=8000,
        probe=probe_http,
        env={},
        ready_path="/openapi.json",
    )
)
