"""Gradio apps through gradio_client: the app's first named endpoint, one call per sample.

:func:`gradio_endpoint` is the transport (client, endpoint and its parameters) that both
tasks use; :func:`classify_gradio` asks it for labels, :mod:`grader.apps.gen_probe` for
images.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from grader.apps.answers import read_label, summarize
from grader.apps.context import NOT_FITTED, SCHEMA_SAMPLE, ProbeContext, sample_probe
from grader.apps.samples import Sample, SampleSet
from grader.records.app_result import AppProbe

__all__ = ["GradioEndpoint", "classify_gradio", "gradio_endpoint"]

_ENDPOINT_WORDS = ("predict", "generat", "infer", "classif", "sample", "draw")
_NUMBER_COMPONENTS = frozenset({"number", "slider"})


@dataclass(frozen=True)
class GradioEndpoint:
    """A connected gradio_client and the endpoint the probe calls."""

    client: Any
    name: str
    params: list[dict[str, Any]]


@contextlib.contextmanager
def gradio_endpoint(ctx: ProbeContext) -> Iterator[GradioEndpoint | None]:
    """The app's first named endpoint through gradio_client (``None``: it has none)."""
    # gradio_client is heavy (seconds to import) and only needed when a gradio app is probed
    from gradio_client import Client

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
        yield None if endpoint is None else GradioEndpoint(client, endpoint, params)
    finally:
        with contextlib.suppress(Exception):
            client.close()


def classify_gradio(ctx: ProbeContext) -> list[AppProbe]:
    """Call the app's first named endpoint with each sample through gradio_client."""
    with gradio_endpoint(ctx) as found:
        if found is None:
            return []
        client, endpoint, params = found.client, found.name, found.params
        probes = _gradio_calls(client, endpoint, params, _gradio_samples(ctx.samples), ctx)
        if (
            ctx.samples.origin != "assignment"
            and ctx.samples.samples
            and all(p.error == NOT_FITTED for p in probes)
        ):
            probes = _gradio_calls(client, endpoint, params, (Sample(id=SCHEMA_SAMPLE),), ctx)
        return probes


def _gradio_calls(
    client: Any,
    endpoint: str,
    params: list[dict[str, Any]],
    samples: tuple[Sample, ...],
    ctx: ProbeContext,
) -> list[AppProbe]:
    """One ``predict`` call per sample that fits the endpoint's inputs."""
    from gradio_client import handle_file  # heavy, as in gradio_endpoint

    probes = []
    for sample in samples:
        args, how = _gradio_args(params, sample, ctx.samples, handle_file)
        if args is None:
            probes.append(sample_probe(sample, "", ok=False, error=NOT_FITTED))
            continue
        try:
            answer = client.predict(*args, api_name=endpoint)
        except Exception as exc:  # the app's error comes back as an exception
            probes.append(sample_probe(sample, how, ok=False, error=f"{type(exc).__name__}: {exc}"))
            continue
        output, predicted = summarize(answer), read_label(answer)
        probes.append(sample_probe(sample, how, ok=True, output=output, predicted=predicted))
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
