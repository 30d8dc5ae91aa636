"""Output formats of a per-submission report: a registry of renderers by name."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from grader.errors import ReportError
from grader.records import Execution, Result
from grader.report.context import build_context
from grader.report.environment import make_environment
from grader.report.junit import render_junit
from grader.report.pdf import write_pdf

__all__ = [
    "DEFAULT_FORMATS",
    "Renderer",
    "ReportFormat",
    "format_names",
    "get_format",
    "register_format",
    "render_report",
    "render_template",
    "write_reports",
]

Renderer = Callable[[Result, "Execution | None", jinja2.Environment], str]
"""``(result, execution, env) -> text`` of one report."""

DEFAULT_FORMATS = ("md", "html", "json")

# Errors a (possibly user-written) template can raise while rendering.
_RENDER_ERRORS = (jinja2.TemplateError, TypeError, ValueError, LookupError, AttributeError)


@dataclass(frozen=True)
class ReportFormat:
    """A registered format: its renderer and the file name it is written to."""

    name: str
    filename: str
    render: Renderer
    write: Callable[[str, Path], None] | None = None
    """Turns the rendered text into the file (PDF: print the HTML); default: UTF-8 text."""


_FORMATS: dict[str, ReportFormat] = {}


def register_format(
    name: str,
    renderer: Renderer,
    *,
    filename: str | None = None,
    write: Callable[[str, Path], None] | None = None,
) -> None:
    """Register (or replace) format ``name``, written to ``filename`` (``report.<name>``)."""
    _FORMATS[name] = ReportFormat(name, filename or f"report.{name}", renderer, write)


def get_format(name: str) -> ReportFormat:
    """The format called ``name``; a :class:`ReportError` lists the known ones."""
    try:
        return _FORMATS[name]
    except KeyError:
        known = ", ".join(format_names())
        raise ReportError(
            f"알 수 없는 보고서 형식 '{name}'입니다. 사용할 수 있는 형식: {known}",
            code="unknown_format",
            detail=name,
        ) from None


def format_names() -> list[str]:
    return sorted(_FORMATS)


def render_template(
    env: jinja2.Environment, name: str, result: Result, execution: Execution | None, fmt: str
) -> str:
    """Render template ``name`` with :func:`build_context`; template faults → ReportError."""
    try:
        template = env.get_template(name)
        return template.render(build_context(result, execution, fmt))
    except _RENDER_ERRORS as exc:
        raise ReportError(
            f"보고서 템플릿 '{name}'을(를) 만들지 못했습니다.",
            code="template_failed",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc


def template_renderer(template: str, fmt: str) -> Renderer:
    """A renderer for a Jinja template found through the environment's loaders."""

    def render(result: Result, execution: Execution | None, env: jinja2.Environment) -> str:
        return render_template(env, template, result, execution, fmt)

    return render


def render_json(result: Result, execution: Execution | None, env: jinja2.Environment) -> str:
    """``result.json``: the stable contract, Hangul kept readable."""
    return json.dumps(result.to_contract(), ensure_ascii=False, indent=2) + "\n"


def render_report(
    result: Result, execution: Execution | None, fmt: str, env: jinja2.Environment | None = None
) -> str:
    """Render ``result`` in format ``fmt`` (``md``, ``html``, ``json`` or a registered one)."""
    report_format = get_format(fmt)
    return report_format.render(result, execution, make_environment() if env is None else env)


def write_reports(
    result: Result,
    execution: Execution | None,
    out_dir: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    env: jinja2.Environment | None = None,
) -> list[Path]:
    """Write one file per format into ``out_dir`` (UTF-8); return their paths.

    Every format is rendered before anything is written, so a template error leaves no
    half-written set of reports.
    """
    env = make_environment() if env is None else env
    rendered = [(get_format(fmt), render_report(result, execution, fmt, env)) for fmt in formats]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for report_format, text in rendered:
        path = out_dir / report_format.filename
        if report_format.write is not None:
            report_format.write(text, path)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


register_format("md", template_renderer("report.md.j2", "md"))
register_format("html", template_renderer("report.html.j2", "html"))
register_format("json", render_json, filename="result.json")
register_format("junit", render_junit, filename="report.junit.xml")
register_format("pdf", template_renderer("report.html.j2", "html"), write=write_pdf)
