"""The check catalogue: the registry with every built-in check registered.

Importing :mod:`grader.rubric.checks` registers the built-in checks (each module decorates
its functions with :func:`~grader.rubric.registry.check`); rubric loading looks names up
here, so a rubric naming an unknown check fails when it is loaded.
"""

from __future__ import annotations

import grader.rubric.checks  # noqa: F401  (registers the built-in checks)
from grader.rubric.registry import CheckSpec, get_check, registered_checks

__all__ = ["known_checks", "lookup_check"]


def lookup_check(name: str) -> CheckSpec:
    """The built-in or plug-in check ``name``; :class:`UnknownCheckError` lists the known."""
    return get_check(name)


def known_checks() -> list[str]:
    """Every registered check name, built-in ones included, sorted."""
    return registered_checks()
