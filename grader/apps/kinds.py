"""One entry per app kind: how to start it inside the sandbox and what to ask it, per task.

``register(KindSpec(...))`` adds a kind; :func:`get` raises ``KeyError`` listing the known
ones. A kind's ``probes`` map each task (``classification``, ``generation``) to a probe that
gets a :class:`~grader.apps.context.ProbeContext` and returns one :class:`AppProbe` per
sample; a task without a probe drives nothing (``not_driven``). The transports are in
:mod:`grader.apps.transports`, generation in :mod:`grader.apps.gen_probe`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from grader.apps.context import ProbeContext
from grader.apps.detect import AppTarget
from grader.apps.gen_probe import generate_gradio, generate_http
from grader.apps.transports.gradio import classify_gradio
from grader.apps.transports.http import classify_http
from grader.apps.transports.streamlit import classify_streamlit
from grader.records.app_result import AppProbe

__all__ = ["KindSpec", "Probe", "get", "kind_names", "register"]

Probe = Callable[[ProbeContext], list[AppProbe]]


@dataclass(frozen=True)
class KindSpec:
    """How one kind of app is started and probed."""

    name: str
    command: Callable[[str, str, int, AppTarget], list[str]]
    """``(python, script, port, target) -> argv`` run in the script's folder."""
    port: int
    """The port the grader asks for (the relay follows whatever the app really binds)."""
    probes: Mapping[str, Probe]
    """Task (``SampleSet.task``) -> the probe that asks the app for it."""
    env: dict[str, str]
    ready_path: str = "/"
    """GET path that answers 200 once the app is ready."""

    def probe(self, ctx: ProbeContext) -> list[AppProbe]:
        """Ask the app for the samples' task; no probes when the kind cannot do that task."""
        probe = self.probes.get(ctx.samples.task)
        return probe(ctx) if probe else []


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


def _module_of(script: str) -> str:
    return PurePosixPath(script).stem


register(
    KindSpec(
        name="gradio",
        command=lambda py, script, port, target: [py, script],
        port=7860,
        probes={"classification": classify_gradio, "generation": generate_gradio},
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
        probes={"classification": classify_streamlit},
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
        probes={"classification": classify_http, "generation": generate_http},
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
        probes={"classification": classify_http, "generation": generate_http},
        env={},
        ready_path="/openapi.json",
    )
)
