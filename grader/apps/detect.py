"""Find the apps of a submission (statically: nothing runs here).

An app is a file (``app.py``, a streamlit script, a flask/fastapi module, a gradio script)
or a notebook code cell that builds a gradio ``Interface``/``Blocks`` and calls
``.launch()``; or the predict function the assignment names.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from grader.notebook.code import callee, clean_source, dotted, writefile_target
from grader.notebook.files import read_capped
from grader.records.app_result import AppKind, app_kind_of_imports
from grader.records.submission import Submission

__all__ = ["AppTarget", "Route", "detect_apps", "with_written_apps"]

_GRADIO_BUILDERS = frozenset({"Interface", "Blocks", "ChatInterface", "TabbedInterface"})
MAX_TARGETS = 3


@dataclass(frozen=True)
class Route:
    """An HTTP route of a flask/fastapi app."""

    path: str
    methods: tuple[str, ...]
    function: str
    keys: tuple[str, ...] = ()
    """Names the handler reads from the request (``request.json["x"]``, ``files["image"]``)."""
    uses_files: bool = False
    params: tuple[str, ...] = ()
    """The handler's own parameter names (FastAPI query/path parameters, flask ``<int:x>``)."""


@dataclass(frozen=True)
class AppTarget:
    """One app to start: where it is, its kind, and what the code says about it."""

    kind: AppKind
    entry: str
    """Shown to people: ``app.py`` or ``project.ipynb#셀 12``."""
    file: str | None = None
    """File relative to the submission root (``None`` for a notebook cell)."""
    notebook: str | None = None
    cell: int | None = None
    """0-based index of the app cell in ``notebook``."""
    variable: str = "app"
    """Name bound to the Flask/FastAPI object."""
    routes: tuple[Route, ...] = field(default=())
    function: str | None = None
    """The predict function's name (kind ``predict_function``)."""


def detect_apps(submission: Submission, predict_function: str | None = None) -> list[AppTarget]:
    """Apps of ``submission``: files first, then notebook cells; empty when there is none."""
    targets: list[AppTarget] = []
    for relative in submission.app_files:
        target = _file_target(submission.root, relative)
        if target is not None:
            targets.append(target)
    for notebook in submission.notebooks:
        targets += _notebook_targets(notebook.path, notebook.content)
    if predict_function and not any(t.kind != "predict_function" for t in targets):
        found = _predict_target(submission, predict_function)
        targets += [found] if found else []
    return targets[:MAX_TARGETS]


def with_written_apps(submission: Submission) -> Submission:
    """``submission`` with the ``.py`` files its notebooks wrote by ``%%writefile`` (and that
    exist now, after ``--run``) added to its app files."""
    root = Path(submission.root)
    written = []
    for notebook in submission.notebooks:
        folder = PurePosixPath(notebook.path).parent
        for cell in notebook.content.get("cells", []):
            target = writefile_target(_source(cell)) if cell.get("cell_type") == "code" else None
            relative = _inside(folder, target[0]) if target else None
            if relative and relative.endswith(".py") and (root / relative).is_file():
                written.append(relative)
    known = set(submission.app_files)
    extra = tuple(dict.fromkeys(w for w in written if w not in known))
    return submission.model_copy(update={"app_files": (*submission.app_files, *extra)})


def _inside(folder: PurePosixPath, name: str) -> str | None:
    """``folder/name`` normalised, ``None`` when it leaves the submission."""
    parts: list[str] = []
    for part in (folder / name).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", "/"):
            parts.append(part)
    return "/".join(parts) or None


def _file_target(root: str, relative: str) -> AppTarget | None:
    source = read_capped(Path(root), relative)
    tree = _parse(source) if source is not None else None
    if tree is None:
        return None
    kind = _kind_of(tree)
    if kind is None:
        return None
    variable = _app_variable(tree, kind)
    routes = tuple(_routes(tree, variable)) if kind in ("flask", "fastapi") else ()
    return AppTarget(kind, relative, file=relative, variable=variable, routes=routes)


def _notebook_targets(path: str, content: dict[str, Any]) -> list[AppTarget]:
    targets = []
    for index, cell in enumerate(content.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        tree = _parse(_source(cell))
        if tree is not None and _launches_gradio(tree):
            targets.append(AppTarget("gradio", f"{path}#셀 {index + 1}", notebook=path, cell=index))
    return targets


def _predict_target(submission: Submission, name: str) -> AppTarget | None:
    for notebook in submission.notebooks:
        for index, cell in enumerate(notebook.content.get("cells", [])):
            tree = _parse(_source(cell)) if cell.get("cell_type") == "code" else None
            if tree is not None and any(
                isinstance(n, ast.FunctionDef) and n.name == name for n in tree.body
            ):
                entry = f"{notebook.path}#셀 {index + 1}"
                return AppTarget(
                    "predict_function", entry, notebook=notebook.path, cell=index, function=name
                )
    return None


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _parse(source: str | None) -> ast.Module | None:
    cleaned = clean_source(source or "")
    if cleaned is None:
        return None
    try:
        return ast.parse(cleaned)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _imports(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def _kind_of(tree: ast.Module) -> AppKind | None:
    modules = _imports(tree)
    return app_kind_of_imports(modules)


def _launches_gradio(tree: ast.Module) -> bool:
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    builds = any(
        callee(c) in _GRADIO_BUILDERS and dotted(c.func).startswith(("gr.", "gradio."))
        for c in calls
    )
    return builds and any(callee(c) == "launch" for c in calls)


def _app_variable(tree: ast.Module, kind: AppKind) -> str:
    wanted = {"flask": "Flask", "fastapi": "FastAPI"}.get(kind)
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            if wanted and callee(node.value) == wanted and isinstance(node.targets[0], ast.Name):
                return node.targets[0].id
    return "app"


def _routes(tree: ast.Module, variable: str) -> list[Route]:
    routes = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            route = _route_of(decorator, variable, node)
            if route is not None:
                routes.append(route)
    return routes


def _route_of(
    decorator: ast.expr, variable: str, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> Route | None:
    if not isinstance(decorator, ast.Call) or not decorator.args:
        return None
    name = dotted(decorator.func)
    owner, _, method = name.rpartition(".")
    path = decorator.args[0]
    if owner != variable or not isinstance(path, ast.Constant) or not isinstance(path.value, str):
        return None
    if method == "route":
        methods = _route_methods(decorator)
    elif method in {"get", "post", "put"}:
        methods = (method.upper(),)
    else:
        return None
    keys, files = _request_keys(function)
    params = tuple(a.arg for a in function.args.args if a.arg not in {"self", "request"})[:8]
    return Route(path.value, methods, function.name, keys, files, params)


def _route_methods(decorator: ast.Call) -> tuple[str, ...]:
    for keyword in decorator.keywords:
        if keyword.arg == "methods" and isinstance(keyword.value, ast.List | ast.Tuple):
            return tuple(
                str(e.value).upper() for e in keyword.value.elts if isinstance(e, ast.Constant)
            )
    return ("GET",)


def _request_keys(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[tuple[str, ...], bool]:
    """String keys the handler subscripts or ``.get``s, and whether it reads uploaded files."""
    keys: list[str] = []
    files = False
    for node in ast.walk(function):
        text = dotted(node) if isinstance(node, ast.Attribute) else ""
        if text.endswith(".files") or (isinstance(node, ast.Name) and node.id == "UploadFile"):
            files = True
        key = _string_key(node)
        if key and key not in keys:
            keys.append(key)
    for arg in function.args.args:
        annotation = dotted(arg.annotation) if arg.annotation else ""
        if annotation.endswith("UploadFile"):
            files = True
            keys.insert(0, arg.arg)
    return tuple(keys[:8]), files


def _string_key(node: ast.AST) -> str | None:
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        value = node.slice.value
        return value if isinstance(value, str) else None
    if isinstance(node, ast.Call) and callee(node) == "get" and node.args:
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None
