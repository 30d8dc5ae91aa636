"""Parse untrusted code cells into ASTs and walk them with loop/function context.

Nothing here executes student code: IPython magics and shell lines are neutralised and the
rest is only parsed with :mod:`ast`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from grader.records.evidence import EvidenceRef

MAX_CELL_CHARS = 200_000
EXCERPT_CHARS = 200
_KEPT_CELL_MAGICS = frozenset({"%%time", "%%timeit", "%%capture"})
_LINE_PREFIXES = ("%", "!", "?")


def clean_source(source: str) -> str | None:
    """Blank out magics and shell lines; ``None`` when a cell magic makes it non-Python."""
    lines = source[:MAX_CELL_CHARS].splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        if lines[first].split()[0] not in _KEPT_CELL_MAGICS:
            return None
        lines[first] = ""
    return "\n".join(_clean_line(line) for line in lines)


def _clean_line(line: str) -> str:
    stripped = line.lstrip()
    indent = line[: len(line) - len(stripped)]
    if stripped.startswith(_LINE_PREFIXES) or (stripped.endswith("?") and "#" not in stripped):
        return indent + "pass"
    if "= !" in stripped or "=!" in stripped or "= %" in stripped:
        return indent + "pass"
    return line


def writefile_target(source: str) -> tuple[str, str] | None:
    """``(file name, body)`` of a ``%%writefile`` cell, ``None`` for any other cell."""
    lines = source.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].lstrip().startswith("%%writefile"):
        return None
    words = [w for w in lines[first].split()[1:] if not w.startswith("-")]
    if not words:
        return None
    return words[0].strip("'\""), "\n".join(lines[first + 1 :])


@dataclass(frozen=True)
class ParsedCell:
    """A code cell parsed into an AST, with what is needed to cite it."""

    notebook: str
    index: int
    source: str
    tree: ast.Module

    def excerpt(self, node: ast.AST) -> str:
        """Source text of ``node`` (first lines, capped)."""
        return excerpt_of(self.source, node)

    def ref(self, node: ast.AST) -> EvidenceRef:
        """An :class:`EvidenceRef` pointing at ``node`` in this cell."""
        return EvidenceRef(
            source="code", notebook=self.notebook, cell=self.index, excerpt=self.excerpt(node)
        )


def excerpt_of(source: str, node: ast.AST) -> str:
    """Source segment of ``node`` capped to :data:`EXCERPT_CHARS`."""
    text = ast.get_source_segment(source, node) or ""
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def parse_cell(notebook: str, index: int, source: str) -> ParsedCell | None:
    """Parse one code cell; ``None`` for skipped cell magics. Raises ``SyntaxError``."""
    cleaned = clean_source(source)
    if cleaned is None:
        return None
    return ParsedCell(notebook, index, cleaned, ast.parse(cleaned))


def src(node: ast.AST | None) -> str:
    """Unparsed source of a node (capped), '' for ``None``."""
    if node is None:
        return ""
    try:
        text = ast.unparse(node)
    except (ValueError, TypeError, RecursionError):
        return ""
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def dotted(node: ast.AST) -> str:
    """``a.b.c`` for Name/Attribute chains ('' otherwise; calls become ``f()``)."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call):
        inner = dotted(node.func)
        if not inner:
            return ""
        parts.append(inner + "()")
    else:
        return ""
    return ".".join(reversed(parts))


def callee(call: ast.Call) -> str:
    """Last name of the called function (``fit`` for ``model.fit``)."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def receiver(call: ast.Call) -> str:
    """Source of the object a method is called on ('' for plain functions)."""
    return src(call.func.value) if isinstance(call.func, ast.Attribute) else ""


def kwarg(call: ast.Call, name: str) -> ast.expr | None:
    """Value of keyword ``name`` in ``call``, if given."""
    return next((k.value for k in call.keywords if k.arg == name), None)


def target_names(node: ast.AST) -> tuple[str, ...]:
    """Names bound by an assignment target (tuples flattened, attributes as dotted)."""
    if isinstance(node, ast.Tuple | ast.List):
        return tuple(name for elt in node.elts for name in target_names(elt))
    if isinstance(node, ast.Starred):
        return target_names(node.value)
    name = dotted(node)
    return (name,) if name else ()


@dataclass(frozen=True)
class WalkContext:
    """Where a node sits: enclosing loops (outermost first) and function."""

    loops: tuple[ast.For | ast.AsyncFor | ast.While, ...] = ()
    function: str | None = None
    assigned_to: tuple[str, ...] = ()
    """Names the enclosing statement assigns to (for calls in ``x = f(...)``)."""


def walk(
    tree: ast.AST, context: WalkContext | None = None
) -> Iterator[tuple[ast.AST, WalkContext]]:
    """Yield every node with its :class:`WalkContext` (iterative, depth-first)."""
    stack: list[tuple[ast.AST, WalkContext]] = [(tree, context or WalkContext())]
    while stack:
        node, ctx = stack.pop()
        yield node, ctx
        inner = _inner_context(node, ctx)
        children = list(ast.iter_child_nodes(node))
        stack.extend((child, inner) for child in reversed(children))


def _inner_context(node: ast.AST, ctx: WalkContext) -> WalkContext:
    if isinstance(node, ast.For | ast.AsyncFor | ast.While):
        return WalkContext((*ctx.loops, node), ctx.function, ())
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return WalkContext((), node.name, ())
    if isinstance(node, ast.Assign):
        names = tuple(n for t in node.targets for n in target_names(t))
        return WalkContext(ctx.loops, ctx.function, names)
    if isinstance(node, ast.AnnAssign | ast.AugAssign):
        return WalkContext(ctx.loops, ctx.function, target_names(node.target))
    if isinstance(node, ast.stmt):
        return WalkContext(ctx.loops, ctx.function, ())
    return ctx
