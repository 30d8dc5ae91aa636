"""What a course kernel holds: requirement lines, constraints, and the digest that names a build."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from grader.errors import KernelEnvError

DEFAULT_NAME = "course"
"""The kernel every pack uses unless it adds packages of its own."""

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_REQUIREMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\[\], -]*(\s*[<>=!~]=?\s*[\w.*+!-]+\s*,?)*$")
"""A plain PEP 508 name with extras and version bounds: no URLs, no options, no paths."""


@dataclass(frozen=True)
class KernelRequest:
    """A kernel to build: its name, the packages and the constraints bounding them."""

    name: str
    requirements: tuple[str, ...]
    constraints: tuple[str, ...]
    python: str = f"{sys.version_info.major}.{sys.version_info.minor}"

    def digest(self) -> str:
        """Changes whenever what would be installed could change."""
        data = json.dumps([self.requirements, self.constraints, self.python])
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def read_lines(text: str) -> tuple[str, ...]:
    """Requirement lines of a requirements-style text (comments and blank lines dropped)."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


def default_requirements() -> tuple[str, ...]:
    """The course set shipped with the grader (``grader/kernels/course.txt``)."""
    return read_lines(resources.files(__package__).joinpath("course.txt").read_text("utf-8"))


def default_constraints() -> tuple[str, ...]:
    """The CPU-build pins shipped with the grader (``grader/kernels/constraints.txt``)."""
    text = resources.files(__package__).joinpath("constraints.txt").read_text("utf-8")
    return read_lines(text)


def kernel_name(pack_id: str | None, additions: Sequence[str]) -> str:
    """``course`` for packs that add nothing, ``course-<pack>`` for those that do."""
    if not additions or pack_id is None:
        return DEFAULT_NAME
    return f"{DEFAULT_NAME}-{pack_id}"


def kernel_request(
    pack_id: str | None = None,
    additions: Sequence[str] = (),
    *,
    requirements_file: Path | None = None,
    constraints_file: Path | None = None,
) -> KernelRequest:
    """The kernel a pack runs in: the course set (or ``requirements_file``) plus its additions."""
    base = _file_lines(requirements_file) if requirements_file else default_requirements()
    constraints = _file_lines(constraints_file) if constraints_file else default_constraints()
    requirements = _checked((*base, *additions))
    return KernelRequest(_checked_name(kernel_name(pack_id, additions)), requirements, constraints)


def _file_lines(path: Path) -> tuple[str, ...]:
    try:
        return read_lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        message = f"커널 패키지 목록 파일을 읽을 수 없습니다: {path}"
        raise KernelEnvError(message, code="kernel_requirements", detail=repr(exc)) from None


def _checked(lines: Iterable[str]) -> tuple[str, ...]:
    """Requirement lines, each a plain name with bounds (an option or URL is refused)."""
    checked: list[str] = []
    for line in lines:
        if not _REQUIREMENT.match(line):
            raise KernelEnvError(
                f"커널 패키지 목록에 쓸 수 없는 줄이 있습니다: {line!r} "
                "(패키지 이름과 버전 조건만 쓸 수 있습니다)",
                code="kernel_requirements",
            )
        if line not in checked:
            checked.append(line)
    return tuple(checked)


def _checked_name(name: str) -> str:
    if not _NAME.match(name):
        raise KernelEnvError(f"커널 이름으로 쓸 수 없습니다: {name!r}", code="kernel_name")
    return name
