"""What a prepared submission folder holds: notebooks, README, app files, content hash."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from grader.errors import SubmissionError
from grader.records.submission import NotebookFile, SubmissionProblem
from grader.submission.limits import LoadLimits
from grader.submission.members import member_name
from grader.submission.notebook import read_notebook

_APP_IMPORT = re.compile(
    rb"^\s*(?:import|from)\s+(?:gradio|streamlit|flask|fastapi)\b", re.MULTILINE
)
_README_CUT = "\n… (README가 너무 길어 잘렸습니다)"


@dataclass(frozen=True)
class Contents:
    notebooks: tuple[NotebookFile, ...]
    problems: tuple[SubmissionProblem, ...]
    readme: str | None
    app_files: tuple[str, ...]
    content_hash: str


def read_contents(root: Path, *, team: bool, limits: LoadLimits) -> Contents:
    """Validate every notebook under ``root`` (a copy the grader owns, without links).

    ``team``: name members after the notebooks when there are two or more. A bad notebook
    becomes a problem; the caller decides what to do when no notebook is left.
    """
    files = sorted(p for p in root.rglob("*") if p.is_file())
    paths = [p for p in files if p.suffix == ".ipynb"]
    notebooks, problems = _notebooks(root, paths, limits)
    if team and len(paths) >= 2:
        notebooks = [
            nb.model_copy(update={"member": member_name(nb.path, nb.content)}) for nb in notebooks
        ]
    return Contents(
        notebooks=tuple(notebooks),
        problems=tuple(problems),
        readme=_readme(root, limits),
        app_files=tuple(_rel(root, p) for p in files if _is_app(p, limits)),
        content_hash=_hash(root, files),
    )


def _notebooks(
    root: Path, paths: list[Path], limits: LoadLimits
) -> tuple[list[NotebookFile], list[SubmissionProblem]]:
    notebooks: list[NotebookFile] = []
    problems: list[SubmissionProblem] = []
    for path in paths:
        rel = _rel(root, path)
        try:
            checked = read_notebook(path, rel, limits)
        except SubmissionError as exc:
            problems.append(SubmissionProblem(code=exc.code, path=rel, message_ko=exc.message_ko))
            continue
        notebooks.append(NotebookFile(path=rel, content=checked.content))
        problems.extend(checked.problems)
    return notebooks, problems


def _readme(root: Path, limits: LoadLimits) -> str | None:
    found = sorted(p for p in root.iterdir() if p.is_file() and p.name.lower() == "readme.md")
    if not found:
        return None
    data = found[0].read_bytes()
    text = _decode(data[: limits.max_readme_bytes])
    return text + _README_CUT if len(data) > limits.max_readme_bytes else text


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else CP949 (Korean Windows), else UTF-8 with �."""
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def _is_app(path: Path, limits: LoadLimits) -> bool:
    """``app.py``, a ``.py`` named after streamlit, or a ``.py`` importing an app framework."""
    name = path.name.lower()
    if path.suffix != ".py":
        return False
    if name == "app.py" or "streamlit" in name:
        return True
    with path.open("rb") as handle:
        return bool(_APP_IMPORT.search(handle.read(limits.max_app_scan_bytes)))


def _hash(root: Path, files: list[Path]) -> str:
    """sha256 over (relative path, bytes) of every file, in path order, length-prefixed."""
    digest = hashlib.sha256()
    for rel, path in sorted((_rel(root, p), p) for p in files):
        encoded = rel.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)
        digest.update(path.stat().st_size.to_bytes(8, "big"))
        with path.open("rb") as handle:
            while chunk := handle.read(1024 * 1024):
                digest.update(chunk)
    return digest.hexdigest()


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()
