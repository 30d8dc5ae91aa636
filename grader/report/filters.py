"""Jinja filters for the reports: marks, evidence references and safe student text.

Student text (code excerpts, markdown, outputs) is untrusted. In HTML it is escaped by
autoescape; in Markdown it goes only through :func:`code_block` (fenced) or
:func:`md_escape` (inline).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath
from typing import Any

from markupsafe import Markup

from grader.records import EvidenceRef

__all__ = [
    "FILTERS",
    "cell_ref",
    "cell_refs",
    "code_block",
    "layer_list",
    "layer_phrase",
    "mark_badge",
    "mark_ko",
    "mark_symbol",
    "md_escape",
    "thousands",
    "trim_excerpt",
]

_MARK_KO = {"o": "충족", "x": "미흡", "△": "확인 필요", "n/a": "해당 없음"}
_MARK_MD = {"o": "[o]", "x": "[x]", "△": "[△]", "n/a": "[-]"}
_MARK_CSS = {"o": "o", "x": "x", "△": "tri", "n/a": "na"}

MAX_EXCERPT_LINES = 14
MAX_LINE_CHARS = 160
EXCERPT_CAP = 200
"""Evidence excerpts are stored capped at this many characters (``excerpt[:200]``)."""

_MD_INLINE = re.compile(r"([\\`*_\[\]|#~])")


def mark_ko(mark: str) -> str:
    """Korean word for a mark: ``o`` → 충족, ``x`` → 미흡, ``△`` → 확인 필요."""
    return _MARK_KO.get(mark, mark)


def mark_symbol(mark: str) -> str:
    """The peer-review template's Markdown box: ``[o]``, ``[x]``, ``[△]``, ``[-]`` (n/a)."""
    return _MARK_MD.get(mark, "[?]")


def mark_badge(mark: str) -> Markup:
    """A coloured HTML badge for a mark (the mark itself is escaped)."""
    css = _MARK_CSS.get(mark, "na")
    text = mark_ko(mark) if mark == "n/a" else f"{mark} {mark_ko(mark)}"
    return Markup('<span class="badge badge-{}">{}</span>').format(css, text)


def cell_ref(ref: EvidenceRef, multi_notebook: bool = False) -> str:
    """Where evidence was seen, for readers: ``셀 5 [3]`` (Jupyter's position, counting every
    cell, and its execution count), ``README``, ``app.py``."""
    if ref.source == "readme":
        return "README"
    name = PurePosixPath(ref.notebook).name if ref.notebook else ""
    if ref.cell is None:
        return name or ("파일" if ref.source == "file" else "노트북")
    where = f"셀 {ref.cell + 1}"
    if ref.execution_count is not None:
        where += f" [{ref.execution_count}]"
    if ref.source == "output":
        where += " 출력"
    elif ref.source == "trace":
        where += " 실행 기록"
    return f"{name} {where}" if multi_notebook and name else where


def cell_refs(refs: Iterable[EvidenceRef], multi_notebook: bool = False) -> str:
    """Distinct :func:`cell_ref` labels of ``refs`` joined with commas, in order."""
    labels = dict.fromkeys(cell_ref(ref, multi_notebook) for ref in refs)
    return ", ".join(labels)


def trim_excerpt(text: str, max_lines: int = MAX_EXCERPT_LINES) -> str:
    """Shorten an excerpt like the human review does: head, a ``...`` line, tail; an excerpt
    cut at the stored cap ends at a line boundary (or a word) with an explicit ``…``."""
    lines = [_trim_line(line) for line in _whole_lines(text).strip("\n").splitlines()]
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) > max_lines:
        head = max(1, (max_lines * 2) // 3)
        tail = max(0, max_lines - head - 1)
        rest = lines[-tail:] if tail else []
        lines = [*lines[:head], _indent_of(rest[0] if rest else lines[head - 1]) + "...", *rest]
    return "\n".join(lines)


def _whole_lines(text: str) -> str:
    """``text`` without the partial last line (or word) the storage cap left, marked ``…``."""
    if len(text) != EXCERPT_CAP or text.endswith("\n"):
        return text
    head, newline, _ = text.rpartition("\n")
    if newline and head.strip():
        return f"{head}\n{_indent_of(head.splitlines()[-1])}…"
    words = text.rsplit(None, 1)
    return (words[0] if len(words) == 2 else text) + " …"


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _trim_line(line: str) -> str:
    line = line.rstrip()
    return line if len(line) <= MAX_LINE_CHARS else line[: MAX_LINE_CHARS - 2] + " …"


def code_block(text: str, lang: str = "python", max_lines: int = MAX_EXCERPT_LINES) -> str:
    """Fence ``text`` for Markdown with a fence longer than any backtick run inside it."""
    body = trim_excerpt(text, max_lines)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    info = lang if re.fullmatch(r"[A-Za-z0-9_+-]*", lang) else ""
    return f"{fence}{info}\n{body}\n{fence}"


def md_escape(text: Any) -> str:
    """Make untrusted text inert inline in Markdown (also inside table cells).

    HTML is neutralised (``<`` → ``&lt;``), Markdown punctuation is backslash-escaped and
    line breaks become spaces, so the text can neither open a block nor close a table cell.
    """
    value = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MD_INLINE.sub(r"\\\1", value)
    return " ".join(value.split())


def layer_list(layers: Iterable[str]) -> str:
    """``("Conv2D", "Conv2D", "Flatten")`` -> ``Conv2D 2개, Flatten``."""
    counts: dict[str, int] = {}
    for layer in layers:
        counts[layer] = counts.get(layer, 0) + 1
    return ", ".join(f"{name} {n}개" if n > 1 else name for name, n in counts.items())


def layer_phrase(layers: Iterable[str]) -> str:
    """Group layer names: ``("Dense", "Dense")`` -> ``Dense 층 2개``."""
    counts: dict[str, int] = {}
    for layer in layers:
        counts[layer] = counts.get(layer, 0) + 1
    if len(counts) == 1:
        [(name, n)] = counts.items()
        return f"{name} 층 {n}개" if n > 1 else f"{name} 층"
    return ", ".join(f"{name} {n}개" if n > 1 else name for name, n in counts.items()) + " 층"


def thousands(value: int | None) -> str:
    """``12345`` -> ``12,345``; ``None`` -> ``?``."""
    return "?" if value is None else f"{value:,}"


def ref_links(
    refs: Iterable[EvidenceRef], item_id: str, excerpts: int, multi_notebook: bool = False
) -> list[tuple[str, str | None]]:
    """Distinct reference labels of an item, each with the anchor of its quoted excerpt (the
    first ``excerpts`` references with an excerpt are quoted, anchored ``<item>-q<n>``)."""
    refs = list(refs)
    quoted = [r for r in refs if r.excerpt][:excerpts]
    links: dict[str, str | None] = {}
    for ref in refs:
        label = cell_ref(ref, multi_notebook)
        anchor = excerpt_anchor(item_id, quoted.index(ref)) if ref in quoted else None
        if label not in links or (links[label] is None and anchor):
            links[label] = anchor
    return list(links.items())


def excerpt_anchor(item_id: str, index: int) -> str:
    """The HTML id of an item's ``index``-th quoted excerpt (0-based)."""
    return f"{re.sub(r'[^A-Za-z0-9_-]', '-', item_id)}-q{index + 1}"


def in_list(label: str) -> str:
    """A checklist label as an entry of a comma list: no sentence-final period."""
    return label.strip().rstrip(".").rstrip()


FILTERS: dict[str, Callable[..., Any]] = {
    "in_list": in_list,
    "ref_links": ref_links,
    "excerpt_anchor": excerpt_anchor,
    "cell_ref": cell_ref,
    "cell_refs": cell_refs,
    "code_block": code_block,
    "mark_badge": mark_badge,
    "mark_ko": mark_ko,
    "mark_symbol": mark_symbol,
    "layer_list": layer_list,
    "layer_phrase": layer_phrase,
    "md_escape": md_escape,
    "thousands": thousands,
    "trim_excerpt": trim_excerpt,
}
"""Every filter, by the name templates use."""
