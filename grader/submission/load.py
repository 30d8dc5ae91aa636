"""Stage 1: turn a submitted notebook, folder or zip into a validated :class:`Submission`.

Everything is copied (or extracted) into a fresh folder under ``work_dir`` first, so that
later stages, and untrusted execution, only ever touch the grader's copy.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from grader.errors import SubmissionError
from grader.records.submission import Submission, SubmissionKind, SubmissionProblem
from grader.submission.archive import extract_zip
from grader.submission.contents import read_contents
from grader.submission.limits import DEFAULT_LIMITS, LoadLimits
from grader.submission.notebook import check_notebook_size
from grader.submission.paths import nfc
from grader.submission.tree import copy_folder

__all__ = ["LoadLimits", "load_submission"]


def load_submission(
    path: Path,
    *,
    work_dir: Path,
    limits: LoadLimits = DEFAULT_LIMITS,
    root: Path | None = None,
) -> Submission:
    """Load ``path`` (``.ipynb``, folder or ``.zip``) into a copy under ``work_dir`` (or into
    ``root``, an empty folder made ready for it: a warm kernel's).

    Parts that cannot be graded become :attr:`Submission.problems`; raises
    :class:`SubmissionError` when nothing gradable is left.
    """
    path = path.resolve()
    kind = _kind(path)
    name = nfc(path.stem if kind != "folder" else path.name) or "submission"
    root = root or _fresh_folder(work_dir, name)
    try:
        problems = _materialize(path, kind, root, limits)
        contents = read_contents(root, team=kind != "notebook", limits=limits)
        if not contents.notebooks:
            raise _nothing_to_grade(kind, name, contents.problems)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return Submission(
        name=name,
        kind=kind,
        root=str(root),
        content_hash=contents.content_hash,
        notebooks=contents.notebooks,
        readme=contents.readme,
        app_files=contents.app_files,
        problems=(*problems, *contents.problems),
    )


def _kind(path: Path) -> SubmissionKind:
    if not path.exists():
        raise SubmissionError(
            f"제출물({path.name})을 찾을 수 없습니다. 경로를 확인해 주세요.",
            code="submission_not_found",
            detail=str(path),
        )
    if path.is_dir():
        return "folder"
    suffix = path.suffix.lower()
    if suffix == ".ipynb":
        return "notebook"
    if suffix == ".zip":
        return "zip"
    raise SubmissionError(
        f"{path.name}은(는) 채점할 수 있는 형식이 아닙니다. .ipynb 노트북, 노트북이 든 폴더, "
        "또는 .zip 파일로 제출해 주세요.",
        code="unsupported_type",
        detail=str(path),
    )


def _fresh_folder(work_dir: Path, name: str) -> Path:
    """``work_dir/<name>``, or a unique sibling when that exists already."""
    work_dir.mkdir(parents=True, exist_ok=True)
    root = work_dir / name
    try:
        root.mkdir()
    except FileExistsError:
        root = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work_dir))
    return root


def _materialize(
    path: Path, kind: SubmissionKind, root: Path, limits: LoadLimits
) -> list[SubmissionProblem]:
    if kind == "zip":
        return extract_zip(path, root, limits)
    if kind == "folder":
        return copy_folder(path, root, limits)
    check_notebook_size(path.stat().st_size, path.name, limits)
    shutil.copyfile(path, root / nfc(path.name))
    return []


def _nothing_to_grade(
    kind: SubmissionKind, name: str, problems: tuple[SubmissionProblem, ...]
) -> SubmissionError:
    refused = [p for p in problems if p.path.endswith(".ipynb")]
    if kind == "notebook" and refused:
        return SubmissionError(refused[0].message_ko, code=refused[0].code, detail=refused[0].path)
    if not refused:
        return SubmissionError(
            f"제출물({name})에서 노트북(.ipynb) 파일을 찾지 못했습니다. 노트북 파일을 넣어 "
            "다시 제출해 주세요.",
            code="no_notebook",
        )
    reasons = " / ".join(p.message_ko for p in refused)
    return SubmissionError(
        f"제출물({name})의 노트북 {len(refused)}개를 모두 채점할 수 없습니다: {reasons}",
        code="no_valid_notebook",
        detail=", ".join(p.path for p in refused),
    )
