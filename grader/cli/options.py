"""Option checks done before any work: paths, folders and report formats (Korean errors)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from grader.cli.common import fail
from grader.cli.usage import usage_error
from grader.errors import GraderError
from grader.extras import require
from grader.report.formats import format_names

__all__ = ["parse_formats", "require_dirs", "require_paths", "require_run_extras"]


def require_paths(paths: Iterable[Path]) -> None:
    """Every submission path exists, else a usage error (exit 2) naming the missing ones."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise usage_error(f"경로를 찾을 수 없습니다: {', '.join(missing)}")


def require_dirs(folders: Iterable[Path], option: str) -> None:
    """Every folder given to ``option`` exists and is a folder."""
    bad = [str(p) for p in folders if not p.is_dir()]
    if bad:
        raise usage_error(f"{option}에 준 폴더를 찾을 수 없습니다: {', '.join(bad)}")


def parse_formats(text: str, allowed: Sequence[str] | None = None) -> tuple[str, ...]:
    """``"md,html"`` → ``("md", "html")``; an unknown or empty list is a usage error."""
    known = list(allowed) if allowed is not None else format_names()
    formats = tuple(dict.fromkeys(f.strip() for f in text.split(",") if f.strip()))
    unknown = [f for f in formats if f not in known]
    if unknown or not formats:
        got = ", ".join(unknown) if unknown else "(없음)"
        raise usage_error(
            f"--format에 알 수 없는 형식이 있습니다: {got}. 사용할 수 있는 형식: {', '.join(known)}"
        )
    return formats


def require_run_extras(run: bool, sandbox: bool = True) -> None:
    """``--run`` needs the ``run`` extra (with the sandbox) and ``apps`` (the app probe)."""
    if not run:
        return
    try:
        require(["run", "apps"] if sandbox else ["apps"])
    except GraderError as exc:
        raise fail(exc) from exc
