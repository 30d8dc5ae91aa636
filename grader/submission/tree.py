"""Listing and copying a submitted folder without following links out of it."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from grader.errors import SubmissionError
from grader.records.submission import SubmissionProblem
from grader.submission.limits import LoadLimits, human_size
from grader.submission.paths import is_ignored, nfc


@dataclass(frozen=True)
class _Entry:
    source: Path
    parts: tuple[str, ...]
    """Destination path parts (NFC-normalised)."""


def copy_folder(source: Path, dest: Path, limits: LoadLimits) -> list[SubmissionProblem]:
    """Copy the regular files under ``source`` into the existing folder ``dest``.

    Symlinks (files or folders) are never followed: they are skipped and reported, as are
    files over ``max_file_bytes`` and special files. Hidden entries are ignored. The totals
    are checked before anything is copied.
    """
    entries, problems = _walk(source, limits)
    for entry in entries:
        target = dest.joinpath(*entry.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(entry.source, target, follow_symlinks=False)
    return problems


def _walk(source: Path, limits: LoadLimits) -> tuple[list[_Entry], list[SubmissionProblem]]:
    entries: list[_Entry] = []
    problems: list[SubmissionProblem] = []
    total = 0
    pending: list[tuple[Path, tuple[str, ...]]] = [(source, ())]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as scan:
            for item in sorted(scan, key=lambda e: e.name):
                parts = (*prefix, nfc(item.name))
                rel = "/".join(parts)
                if is_ignored(parts):
                    continue
                if item.is_symlink():
                    problems.append(symlink_problem(rel))
                elif item.is_dir(follow_symlinks=False):
                    pending.append((Path(item.path), parts))
                elif not item.is_file(follow_symlinks=False):
                    continue
                elif (size := item.stat(follow_symlinks=False).st_size) > limits.max_file_bytes:
                    problems.append(oversized_problem(rel, size, limits))
                else:
                    total += size
                    entries.append(_Entry(Path(item.path), parts))
                    check_totals(len(entries), total, limits)
    return entries, problems


def check_totals(count: int, total: int, limits: LoadLimits) -> None:
    """Refuse a submission with too many files or too many bytes in all."""
    if count > limits.max_files:
        raise SubmissionError(
            f"제출물의 파일이 {limits.max_files}개를 넘습니다. 데이터셋·체크포인트·가상환경 "
            "폴더는 빼고 노트북과 꼭 필요한 파일만 제출해 주세요.",
            code="too_many_files",
            detail=f"{count} > {limits.max_files}",
        )
    if total > limits.max_total_bytes:
        raise SubmissionError(
            f"제출물 전체 크기가 {human_size(total)}로 제한({human_size(limits.max_total_bytes)})"
            "을 넘습니다. 데이터셋이나 학습된 모델 파일은 빼고 다시 제출해 주세요.",
            code="submission_too_large",
            detail=f"{total} > {limits.max_total_bytes}",
        )


def symlink_problem(rel: str) -> SubmissionProblem:
    return SubmissionProblem(
        code="symlink_skipped",
        path=rel,
        message_ko=f"{rel}은(는) 심볼릭 링크라서 건너뛰었습니다. 링크 대신 실제 파일을 넣어 "
        "제출해 주세요.",
    )


def oversized_problem(rel: str, size: int, limits: LoadLimits) -> SubmissionProblem:
    return SubmissionProblem(
        code="file_too_large",
        path=rel,
        message_ko=f"{rel}의 크기가 {human_size(size)}로 파일 하나의 제한"
        f"({human_size(limits.max_file_bytes)})을 넘어 채점에서 뺐습니다. 데이터나 모델 파일이라면 "
        "제출물에 넣지 않아도 됩니다.",
    )
