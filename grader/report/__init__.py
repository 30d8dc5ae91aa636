"""Stage 5, render: per-submission reports (Markdown, self-contained HTML, JSON).

Korean wording lives in the templates (``report_templates/``); an instructor can point
``--templates DIR`` at their own folder, which is searched first.
"""

from grader.report.context import build_context
from grader.report.environment import make_environment, template_dirs
from grader.report.formats import (
    DEFAULT_FORMATS,
    ReportFormat,
    format_names,
    get_format,
    register_format,
    render_report,
    write_reports,
)

__all__ = [
    "DEFAULT_FORMATS",
    "ReportFormat",
    "build_context",
    "format_names",
    "get_format",
    "make_environment",
    "register_format",
    "render_report",
    "template_dirs",
    "write_reports",
]
