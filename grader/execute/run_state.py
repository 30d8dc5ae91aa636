"""How far a notebook saved with its outputs was run (stored-outputs mode).

A stored notebook is read like a careful reviewer reads it: an error followed by cells that ran
later (higher execution counts, outputs present) did not stop it; cells of a Colab/Drive export
that kept their outputs without execution counts ran; empty, commented-out and definition-only
cells are not "unexecuted code"; a cell whose code does not parse and has no output would stop a
Run-All there.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass

from grader.records.execution import Cell, StoredRun

MAX_PARSED_CHARS = 200_000
_MAGIC_PREFIXES = ("%", "?")
_SETUP = re.compile(r"!\s*(pip|conda|apt(-get)?)\s+install\b")
"""Environment set-up (``!pip install``) is not part of the solution's run."""
_PRINTING_CALLS = frozenset(
    {"print", "display", "show", "imshow", "plot", "summary", "head", "describe", "evaluate"}
)
_DEFINITIONS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass(frozen=True)
class _CodeCell:
    """A code cell with what its source says about it."""

    cell: Cell
    kind: str
    """``blank`` (empty/comments), ``definition``, ``work``, ``printing`` (work that shows
    output when run) or ``broken`` (does not parse)."""

    @property
    def ran(self) -> bool:
        return self.cell.execution_count is not None or bool(self.cell.outputs)

    @property
    def shown(self) -> bool:
        return any(o.output_type != "error" for o in self.cell.outputs)

    @property
    def failed(self) -> bool:
        return any(o.output_type == "error" for o in self.cell.outputs)


def stored_run(cells: Sequence[Cell]) -> StoredRun:
    """Stops, recovered errors and cells never run of one notebook as saved."""
    code = [_CodeCell(c, cell_kind(c.source)) for c in cells if c.cell_type == "code"]
    code = [c for c in code if c.kind != "blank"]
    stripped = any(c.cell.execution_count is None and c.cell.outputs for c in code)
    recovered, stop, stop_kind = _errors(code)
    unrun = tuple(c.cell.index for c in code if _unrun(c, stripped))
    broken = tuple(c.cell.index for c in code if c.kind == "broken" and not c.ran)
    return StoredRun(
        counts_stripped=stripped,
        recovered_errors=recovered,
        stop_cell=stop,
        stop_kind=stop_kind,
        unrun_cells=unrun,
        broken_cells=broken,
        unrun_tail=_tail(code, set(unrun) | set(broken)),
        work_cells=len(code),
    )


def cell_kind(source: str) -> str:
    """What a code cell's source is: blank, definition, work, printing or broken."""
    lines = source[:MAX_PARSED_CHARS].splitlines()
    if lines and lines[0].lstrip().startswith("%%"):
        return "work"
    try:
        tree = ast.parse("\n".join(_neutral(line) for line in lines))
    except (SyntaxError, ValueError):
        return "broken"
    except (RecursionError, MemoryError):
        return "work"  # too deep to read: assume it does something
    body = [s for s in tree.body if not _is_noise(s)]
    if not body:
        return "blank"
    if all(_defines(s) for s in body):
        return "definition"
    return "printing" if _prints(body) else "work"


def _neutral(line: str) -> str:
    """Line magics and installs become ``pass``; another shell command (``!mkdir``) is work."""
    stripped = line.lstrip()
    indent = line[: len(line) - len(stripped)]
    if stripped.startswith(_MAGIC_PREFIXES) or _SETUP.match(stripped):
        return indent + "pass"
    if stripped.startswith("!") or "= !" in stripped or "=!" in stripped:
        return indent + "shell()"
    return line


def _is_noise(stmt: ast.stmt) -> bool:
    """``pass`` (a neutralised magic) or a bare string (a docstring or pasted text)."""
    if isinstance(stmt, ast.Pass):
        return True
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)


def _defines(stmt: ast.stmt) -> bool:
    if isinstance(stmt, _DEFINITIONS):
        return True
    if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
        return not any(isinstance(n, ast.Call) for n in ast.walk(stmt.value))
    return False


def _prints(body: list[ast.stmt]) -> bool:
    last = body[-1]
    if isinstance(last, ast.Expr) and not isinstance(last.value, ast.Call):
        return True
    statements = [s for s in body if not isinstance(s, _DEFINITIONS)]
    return any(_printing_call(n) for s in statements for n in ast.walk(s))


def _printing_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in _PRINTING_CALLS


def _unrun(cell: _CodeCell, stripped: bool) -> bool:
    """Work that shows no sign of having run (in a count-stripped export, only code that
    would have printed something tells)."""
    if cell.ran or cell.kind in ("definition", "broken"):
        return False
    return cell.kind == "printing" or not stripped


def _errors(code: list[_CodeCell]) -> tuple[tuple[int, ...], int | None, str]:
    """Errors that later cells ran past, and the first one nothing ran after."""
    recovered: list[int] = []
    for position, cell in enumerate(code):
        if not cell.failed:
            continue
        later = code[position + 1 :]
        if any(_ran_after(other, cell) for other in later):
            recovered.append(cell.cell.index)
            continue
        if not any(c.kind != "definition" for c in later):
            return tuple(recovered), cell.cell.index, "at_end"
        kind = "stale" if any(c.shown for c in later) else "stopped"
        return tuple(recovered), cell.cell.index, kind
    return tuple(recovered), None, "none"


def _ran_after(other: _CodeCell, failed: _CodeCell) -> bool:
    """A higher execution count, or outputs where the counts were stripped."""
    before, after = failed.cell.execution_count, other.cell.execution_count
    if before is not None and after is not None:
        return after > before
    return other.shown


def _tail(code: list[_CodeCell], missing: set[int]) -> int:
    """How many work cells at the end never ran (nothing after them ran either)."""
    count = 0
    for cell in reversed(code):
        if cell.ran:
            break
        if cell.cell.index in missing:
            count += 1
    return count
