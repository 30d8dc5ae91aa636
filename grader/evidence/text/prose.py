"""Prose helpers: markdown stripping, normalisation, comments and docstrings of code."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from typing import Literal

from grader.notebook.code import clean_source

MAX_TEXT_CHARS = 4_000
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HTML = re.compile(r"<[^>\n]{1,200}>")
_LINE_MARKERS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+", re.MULTILINE)
_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def strip_markdown(text: str) -> str:
    """Markdown to plain text (images, links, tags, markers and emphasis removed)."""
    text = _IMAGE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML.sub(" ", text)
    text = _LINE_MARKERS.sub("", text)
    return text.replace("**", "").replace("__", "").replace("`", "")


def normalise(text: str) -> str:
    """Lowercase words only: markdown syntax, punctuation and extra whitespace removed."""
    plain = _NON_WORD.sub(" ", strip_markdown(text).lower())
    return _SPACES.sub(" ", plain).strip()


def cap(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """``text`` cut to ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class CodeProse:
    """A comment block or docstring found in a code cell."""

    line: int
    kind: Literal["comment", "docstring"]
    text: str


_CODE_LIKE = re.compile(r"[=(\[]|^\s*(import|from|def|class|return|print)\b")
_HANGUL = re.compile(r"[가-힣]")


def code_prose(source: str) -> list[CodeProse]:
    """Comment blocks (consecutive ``#`` lines, commented-out code dropped) and docstrings."""
    cleaned = clean_source(source)
    if cleaned is None:
        return []
    return _comments(cleaned) + _docstrings(cleaned)


def _comments(source: str) -> list[CodeProse]:
    blocks: list[CodeProse] = []
    lines: list[str] = []
    start = last = -2
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        text = token.string.lstrip("#").strip()
        if not text or _is_commented_code(text):
            continue
        row = token.start[0]
        if row != last + 1 and lines:
            blocks.append(CodeProse(start, "comment", cap("\n".join(lines))))
            lines = []
        if not lines:
            start = row
        lines.append(text)
        last = row
    if lines:
        blocks.append(CodeProse(start, "comment", cap("\n".join(lines))))
    return blocks


def _is_commented_code(text: str) -> bool:
    if _HANGUL.search(text) or not _CODE_LIKE.search(text):
        return False
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


def _docstrings(source: str) -> list[CodeProse]:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return []
    found: list[CodeProse] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module):
            doc = ast.get_docstring(node)
            if doc and doc.strip():
                line = node.body[0].lineno if node.body else 1
                found.append(CodeProse(line, "docstring", cap(doc.strip())))
    return found
