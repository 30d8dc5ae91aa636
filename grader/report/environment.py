"""The Jinja environment: overridable template folders, strict and autoescaped for HTML."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2

from grader.errors import ReportError
from grader.paths import templates_dir
from grader.report.filters import FILTERS

__all__ = ["make_environment", "template_dirs"]

_AUTOESCAPE_EXTENSIONS = ("html", "htm", "xml", "html.j2", "htm.j2", "xml.j2")


def template_dirs(extra_dirs: Sequence[Path] = (), pack_dir: Path | None = None) -> list[Path]:
    """Template folders in lookup order: ``--templates`` dirs, the pack's, the defaults.

    A folder the user named must exist; a pack without ``templates/`` is skipped.
    """
    dirs: list[Path] = []
    for directory in extra_dirs:
        if not Path(directory).is_dir():
            raise ReportError(
                f"템플릿 폴더 '{directory}'를 찾을 수 없습니다.",
                code="templates_dir_missing",
                detail=str(directory),
            )
        dirs.append(Path(directory))
    if pack_dir is not None and (pack_dir / "templates").is_dir():
        dirs.append(pack_dir / "templates")
    dirs.append(templates_dir())
    return dirs


def make_environment(
    extra_dirs: Sequence[Path] = (), *, pack_dir: Path | None = None
) -> jinja2.Environment:
    """Build the report environment.

    ``extra_dirs`` are the user's ``--templates`` folders (first match wins); ``pack_dir`` is
    an assignment pack root whose ``templates/`` folder, if any, comes next; the project's
    ``report_templates/`` is the fallback. Undefined variables raise, and templates named
    ``*.html`` or ``*.html.j2`` are autoescaped.
    """
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(d, encoding="utf-8") for d in template_dirs(extra_dirs, pack_dir)]
    )
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(
            enabled_extensions=_AUTOESCAPE_EXTENSIONS, default_for_string=False, default=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env
