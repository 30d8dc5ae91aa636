"""The Jinja environment: overridable template folders, strict and autoescaped for HTML."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2

from grader.paths import templates_dir
from grader.report.filters import FILTERS

__all__ = ["make_environment", "template_dirs"]

_AUTOESCAPE_EXTENSIONS = ("html", "htm", "xml", "html.j2", "htm.j2", "xml.j2")


def template_dirs(extra_dirs: Sequence[Path] = (), pack_dir: Path | None = None) -> list[Path]:
    """Existing template folders in lookup order: ``extra_dirs``, the pack's, the defaults.

    Folders that do not exist are skipped (a pack without ``templates/`` is normal); the
    CLI checks that a ``--templates`` folder exists before it gets here.
    """
    pack = [pack_dir / "templates"] if pack_dir is not None else []
    found = [Path(d) for d in (*extra_dirs, *pack) if Path(d).is_dir()]
    return [*dict.fromkeys(found), templates_dir()]


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
