"""Figures: data URIs from execution outputs, untrusted bytes refused."""

from __future__ import annotations

import base64

from grader.records import Cell, CellOutput, EvidenceRef, ExecutedNotebook, Execution, Result
from grader.report.figures import MAX_FIGURE_BYTES, find_figure, item_figures
from tests_report_helpers import execution_with  # noqa: F401  (placeholder, replaced below)
