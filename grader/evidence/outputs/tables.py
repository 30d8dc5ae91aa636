"""Tables: displayed DataFrames (HTML outputs) and markdown tables."""

from __future__ import annotations

import html
import re

from grader.evidence.names import metric_name
from grader.records.evidence import EvidenceRef, TableOutput

MAX_HTML_CHARS = 1_000_000
MAX_TABLES = 50
MAX_ROWS = 200
MAX_VALUES = 400
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
    return [_table(ref, header, rows) for header, rows in parsed_html_tables(markup)[:MAX_TABLES]]


def parsed_html_tables(markup: str) -> list[tuple[list[str], list[list[str]]]]:
    """Header cells and data rows (cell texts) of each HTML table."""
    tables = []
    for table in _TABLE.findall(markup[:MAX_HTML_CHARS])[:MAX_TABLES]:
        head = _THEAD.search(table)
        body = table[head.end() :] if head else table
        header = [_text(c)[:80] for c in _TH.findall(head.group(0))[:100]] if head else []
        rows = [
            [_text(c)[:80] for c in _TH.findall(r)[:1] + _TD.findall(r)]
            for r in _TR.findall(body)
            if _TD.search(r)
        ]
        tables.append((header, rows))
    return tables


def _table(ref: EvidenceRef, header: list[str], rows: list[list[str]]) -> TableOutput:
    return TableOutput(
        ref=ref,
        rows=len(rows),
        columns=tuple(header),
        numeric=any(is_number(cell) for row in rows for cell in row),
        row_labels=tuple(row[0] for row in rows[:MAX_ROWS] if row),
        values=tuple(_numbers(rows)),
    )


def _numbers(rows: list[list[str]]) -> list[float]:
    values = []
    for row in rows[:MAX_ROWS]:
        for cell in row:
            if is_number(cell):
                values.append(float(cell.strip().rstrip("%").replace(",", "")))
    return values[:MAX_VALUES]


def epoch_rows(header: list[str], rows: list[list[str]]) -> list[tuple[int, dict[str, float]]]:
    """Per-epoch metrics of a training-progress table (Hugging Face ``Trainer`` shows one:
    ``Epoch | Training Loss | Validation Loss | Accuracy``); [] for any other table."""
    if not header or header[0].strip().lower() not in {"epoch", "epochs", "에폭"}:
        return []
    epochs = []
    for row in rows[:MAX_ROWS]:
        if not row or not is_number(row[0]):
            continue
        metrics = dict(
            key
            for name, cell in zip(header[1:], row[1:], strict=False)
            if is_number(cell) and (key := _metric(name, float(cell))) is not None
        )
        if metrics:
            epochs.append((int(float(row[0])), metrics))
    return epochs


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
            rows = [_pipe_cells(line) for line in lines[i + 1 : end]]
            tables.append(_table(ref, columns, rows))
            i = end
        i += 1
    return tables


def _pipe_cells(line: str) -> list[str]:
    cells = line.strip().strip("|").split("|")
    return [cell.strip()[:80] for cell in cells][:100]


_LONG_ROLES = re.compile(r"^(training|validation|eval)[\s_]+")


def _metric(header: str, value: float) -> tuple[str, float] | None:
    """``("val_loss", 0.3)`` for a ``Validation Loss`` column (role prefix kept)."""
    lowered = header.strip().lower()
    short = _LONG_ROLES.sub(lambda m: {"training": "train "}.get(m.group(1), "val "), lowered)
    named = metric_name(short)
    if named is None:
        return None
    name, role = named
    return {"validation": "val_", "test": "test_"}.get(role, "") + name, value


_TEXT_SPLIT = re.compile(r"\s{2,}|\t|\s*\|\s*")
_TEXT_METRIC = re.compile(
    r"acc|loss|f1|precision|recall|auc|mae|mse|rmse|r2|score|bleu|rouge|iou|dice|정확도|손실|성능|점수",
    re.IGNORECASE,
)
_RULE = re.compile(r"^[\s=\-+|]*$")


def text_tables(text: str, ref: EvidenceRef) -> list[TableOutput]:
    """Results printed as a plain-text table: a header naming a metric, then rows that each
    start with a label and hold numbers (``lr=0.01   0.8512``). A classification report
    (``support`` column) describes one model and is left out."""
    lines = [line for line in text.splitlines()[: MAX_ROWS * 5] if not _RULE.match(line)]
    tables: list[TableOutput] = []
    for i, line in enumerate(lines):
        header = [c for c in _TEXT_SPLIT.split(line.strip()) if c]
        if len(header) < 2 or not _TEXT_METRIC.search(line) or "support" in line.lower():
            continue
        if any(is_number(c) for c in header):
            continue
        rows = _text_rows(lines[i + 1 :])
        if len(rows) >= 2:
            tables.append(_table(ref, header, rows))
        if len(tables) >= MAX_TABLES:
            break
    return tables


def _text_rows(lines: list[str]) -> list[list[str]]:
    rows = []
    for line in lines[:MAX_ROWS]:
        cells = [c for c in _TEXT_SPLIT.split(line.strip()) if c]
        if len(cells) < 2 or is_number(cells[0]) or not any(is_number(c) for c in cells[1:]):
            break
        rows.append([c.replace(",", "") if is_number(c) else c for c in cells])
    return rows


_STATED = re.compile(r"(?<![\w.,])(\d+\.\d+|\d{1,3}(?:,\d{3})+|\d{4,})(\s?%)?(?![\w.,]?\d)")
_IN_RESULT_LINE = re.compile(r"-?\d+(?:\.\d+)?")


def result_line_numbers(text: str) -> list[float]:
    """Numbers of printed lines that name a metric (``점수 117290``, ``val acc 0.91``)."""
    numbers = []
    for line in text.splitlines()[: MAX_ROWS * 5]:
        if len(line) <= 300 and _TEXT_METRIC.search(line):
            numbers += [float(n) for n in _IN_RESULT_LINE.findall(line.replace(",", ""))]
    return numbers[:MAX_VALUES]


def stated_numbers(text: str) -> list[tuple[str, bool]]:
    """Result-like numbers in prose, as written: decimals (``0.873``, ``87.3%``) and large whole
    numbers (``117,290``). Small whole numbers (``30%``, ``3``) are too coarse to tell which
    output they restate."""
    return [(m.group(1).replace(",", ""), bool(m.group(2))) for m in _STATED.finditer(text)][
        :MAX_VALUES
    ]


def shown_forms(numbers: list[float]) -> set[str]:
    """Every way a reader might restate the numbers an output shows: rounded to 1-4 decimals,
    as fractions and as percents (``0.87881`` -> ``0.88``, ``0.879``, ``87.88`` ...)."""
    forms: set[str] = set()
    for value in numbers[: MAX_VALUES * 25]:
        for scaled in (value, value * 100):
            for places in range(0, 5):
                forms.add(f"{scaled:.{places}f}")
    return forms


def matches(number: str, forms: set[str]) -> bool:
    return number in forms or number.rstrip("0").rstrip(".") in forms
