"""Tables: displayed DataFrames (HTML outputs) and markdown tables."""

from __future__ import annotations

import html
import re

from grader.records.evidence import EvidenceRef, TableOutput

MAX_HTML_CHARS = 1_000_000
MAX_TABLES = 50
_TABLE = re.compile(r"<table\b.*?</table>", re.IGNORECASE | re.DOTALL)
_THEAD = re.compile(r"<thead\b.*?</thead>", re.IGNORECASE | re.DOTALL)
_TR = re.compile(r"<tr\b.*?</tr>", re.IGNORECASE | re.DOTALL)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.IGNORECASE | re.DOTALL)
_TD = re.compile(r"<td\b[^>]*>(.*?)</td>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def is_number(text: str) -> bool:
    """A cell that holds a number (``0.97``, ``97.2%``, ``1,024``)."""
    cleaned = text.strip().rstrip("%").replace(",", "")
    try:
        float(cleaned)
    except ValueError:
        return False
    return bool(cleaned)


def _text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()


def html_tables(markup: str, ref: EvidenceRef) -> list[TableOutput]:
    """Tables in an HTML output (pandas ``<table class="dataframe">`` and others)."""
    tables = []
    for table in _TABLE.findall(markup[:MAX_HTML_CHARS])[:MAX_TABLES]:
        head = _THEAD.search(table)
        body = table[head.end() :] if head else table
        header_cells = _TH.findall(head.group(0)) if head else []
        rows = [r for r in _TR.findall(body) if _TD.search(r)]
        data = [_text(cell) for row in rows for cell in _TD.findall(row)]
        tables.append(
            TableOutput(
                ref=ref,
                rows=len(rows),
                columns=tuple(_text(c)[:80] for c in header_cells[:100]),
                numeric=any(is_number(cell) for cell in data),
            )
        )
    return tables


def markdown_tables(text: str, ref: EvidenceRef) -> list[TableOutput]:
    """Pipe tables in markdown: a header row, a ``|---|`` row, then data rows."""
    lines = text.splitlines()
    tables: list[TableOutput] = []
    i = 1
    while i < len(lines) and len(tables) < MAX_TABLES:
        if "|" in lines[i - 1] and _SEPARATOR.match(lines[i]) and "-" in lines[i]:
            columns = _pipe_cells(lines[i - 1])
            end = i + 1
            while end < len(lines) and "|" in lines[end] and lines[end].strip():
                end += 1
            data = [cell for line in lines[i + 1 : end] for cell in _pipe_cells(line)]
            tables.append(
                TableOutput(
                    ref=ref,
                    rows=end - i - 1,
                    columns=tuple(columns),
                    numeric=any(is_number(cell) for cell in data),
                )
            )
            i = end
        i += 1
    return tables


def _pipe_cells(line: str) -> list[str]:
    cells = line.strip().strip("|").split("|")
    return [cell.strip()[:80] for cell in cells][:100]
