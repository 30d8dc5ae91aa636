"""Post-import hooks: run a callback right after a module has been imported.

The recorder never imports a framework itself. :func:`when_imported` calls the callback at
once if the module is already in ``sys.modules``; otherwise a meta path finder wraps the
module's loader so the callback runs when the student's ``import`` finishes executing it.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from .safety import guard

__all__ = ["PostImportFinder", "uninstall", "when_imported"]

Hook = Callable[[ModuleType], None]
_hooks: dict[str, list[Hook]] = {}


def when_imported(name: str, hook: Hook) -> None:
    """Run ``hook(module)`` once ``name`` is imported (now, if it already is)."""
    module = sys.modules.get(name)
    if module is not None and not _is_initialising(module):
        guard(f"hook {name}", hook, module)
        return
    _hooks.setdefault(name, []).append(hook)
    _ensure_finder()


def _is_initialising(module: ModuleType) -> bool:
    spec = getattr(module, "__spec__", None)
    return bool(getattr(spec, "_initializing", False))


def _run_hooks(name: str) -> None:
    module = sys.modules.get(name)
    if module is None:
        return
    for hook in _hooks.pop(name, []):
        guard(f"hook {name}", hook, module)
    if not _hooks:
        uninstall()


class _LoaderWrapper(importlib.abc.Loader):
    def __init__(self, loader: Any, name: str) -> None:
        self.loader = loader
        self.name = name

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        create = getattr(self.loader, "create_module", None)
        return create(spec) if create else None

    def exec_module(self, module: ModuleType) -> None:
        try:
            self.loader.exec_module(module)  # the student's import error passes through
        finally:
            module.__loader__ = self.loader  # nothing of ours stays visible on the module
            if module.__spec__ is not None:
                module.__spec__.loader = self.loader
        _run_hooks(self.name)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.loader, attr)


class PostImportFinder(importlib.abc.MetaPathFinder):
    """Finds nothing itself: asks the other finders and wraps the loader of a watched name."""

    def __init__(self) -> None:
        self._busy: set[str] = set()

    def find_spec(
        self, fullname: str, path: Any = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _hooks or fullname in self._busy:
            return None
        self._busy.add(fullname)
        try:
            spec = _find_with_others(self, fullname, path, target)
        finally:
            self._busy.discard(fullname)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _LoaderWrapper(spec.loader, fullname)
        return spec


def _find_with_others(
    me: PostImportFinder, fullname: str, path: Any, target: ModuleType | None
) -> importlib.machinery.ModuleSpec | None:
    for finder in sys.meta_path:
        if finder is me:
            continue
        find = getattr(finder, "find_spec", None)
        if find is None:
            continue
        spec = find(fullname, path, target)
        if spec is not None:
            return spec  # type: ignore[no-any-return]
    return None


_finder: list[PostImportFinder] = []


def _ensure_finder() -> None:
    if not _finder:
        _finder.append(PostImportFinder())
        sys.meta_path.insert(0, _finder[0])


def uninstall() -> None:
    """Remove the finder (pending hooks are forgotten)."""
    for finder in _finder:
        if finder in sys.meta_path:
            sys.meta_path.remove(finder)
    _finder.clear()


def clear() -> None:
    """Forget every pending hook and remove the finder (tests)."""
    _hooks.clear()
    uninstall()


CellHook = Callable[[], None]
cell_start: list[CellHook] = []
"""Called before each cell (IPython ``pre_run_cell``)."""
cell_end: list[CellHook] = []
"""Called after each cell, even one that failed (IPython ``post_run_cell``)."""
before_display: list[CellHook] = []
"""Called after each cell before the inline backend shows and closes figures (``post_execute``)."""


def run_cell_hooks(hooks: list[CellHook]) -> None:
    """Run each hook; a failing hook is reported and the others still run."""
    for hook in list(hooks):
        guard(f"cell hook {getattr(hook, '__qualname__', hook)}", hook)
