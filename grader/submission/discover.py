"""The entries of a class folder: one submission each (a notebook, a folder or a zip).

An LMS export with one folder per student (``lms/<student>/cnn.ipynb``) is named after the
folder; a folder that holds nothing but one notebook or zip (Moodle's
``<name>_<id>_assignsubmission_file_/``) is graded as that file, still named after the folder.
:func:`looks_like_class` tells a class folder from a team's, so that ``grader grade`` can
refuse the first.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path
from typing import Literal

from grader.errors import BatchError, SubmissionError
from grader.records.base import Record
from grader.submission.paths import is_ignored, nfc

__all__ = ["Discovery", "Entry", "Student", "discover", "looks_like_class", "refuse_class_folder"]

EntryKind = Literal["notebook", "folder", "zip"]
SUBMISSION_SUFFIXES: dict[str, EntryKind] = {".ipynb": "notebook", ".zip": "zip"}
LMS_NOISE = frozenset({"assignsubmission", "file", "onlinetext", "late", "submission"})
"""Words LMS exports add to a student's folder or file name (Moodle, Canvas)."""
MAX_TEAM_NOTEBOOKS = 8
"""More notebooks than this directly in one folder is a class, not a team."""
MAX_HASHED_FILES = 5000
_STUDENT_ID = re.compile(r"\d{5,}")


class Student(Record):
    """One roster row."""

    student_id: str
    name: str
    team: str = ""


class Entry(Record):
    """One submission of the class folder."""

    name: str
    """Unique, file-system-safe name: the report folder ``OUT/<name>`` and the gradebook key."""
    path: str
    """Absolute path graded (the file inside a one-file LMS folder)."""
    kind: EntryKind
    content_hash: str
    display_name: str
    """The student's (or team's) name as the entry shows it, LMS noise removed."""
    student_id: str | None = None
    """A student number found in the entry's name (``20231234_김민지``)."""
    students: tuple[Student, ...] = ()
    """Roster students this entry belongs to (:func:`grader.batch.roster.match_roster`)."""


class Discovery(Record):
    """What a class folder holds."""

    entries: tuple[Entry, ...]
    skipped: tuple[str, ...] = ()
    """Names of files that are no submission (``roster.csv``, ``notes.pdf``)."""


def discover(class_dir: Path) -> Discovery:
    """One :class:`Entry` per notebook, zip and folder directly in ``class_dir``."""
    if not class_dir.is_dir():
        raise BatchError(
            f"반 폴더({class_dir})를 찾을 수 없습니다. 제출물이 든 폴더를 지정해 주세요.",
            code="class_dir_missing",
        )
    entries: list[Entry] = []
    skipped: list[str] = []
    taken: set[str] = set()
    for child in sorted(class_dir.iterdir(), key=lambda p: nfc(p.name)):
        if is_ignored((child.name,)) or child.is_symlink():
            continue
        entry = _entry(child, taken)
        if entry is None:
            skipped.append(nfc(child.name))
        else:
            entries.append(entry)
    return Discovery(entries=tuple(entries), skipped=tuple(skipped))


def _entry(child: Path, taken: set[str]) -> Entry | None:
    target = _graded_path(child)
    if target is None:
        return None
    kind: EntryKind = "folder" if target.is_dir() else SUBMISSION_SUFFIXES[target.suffix.lower()]
    label = nfc(child.name if child.is_dir() else child.stem)
    display, student_id = lms_identity(label)
    return Entry(
        name=_unique(display, taken),
        path=str(target.resolve()),
        kind=kind,
        content_hash=content_hash(target),
        display_name=display,
        student_id=student_id,
    )


def _graded_path(child: Path) -> Path | None:
    """What to grade for ``child``; ``None`` for a file that is no submission."""
    if child.is_file():
        return child if child.suffix.lower() in SUBMISSION_SUFFIXES else None
    if not child.is_dir():
        return None
    inside = [p for p in child.iterdir() if not is_ignored((p.name,))]
    if len(inside) == 1 and inside[0].is_file() and not inside[0].is_symlink():
        only = inside[0]
        if only.suffix.lower() in SUBMISSION_SUFFIXES:
            return only
    return child


def lms_identity(label: str) -> tuple[str, str | None]:
    """``(name, student id)`` from an LMS-made name: ``김민지_20231234``,
    ``Kim Minji_123456_assignsubmission_file_``; other names come back unchanged."""
    tokens = [t for t in label.split("_") if t]
    ids = [t for t in tokens if _STUDENT_ID.fullmatch(t)]
    if not ids and not any(t.lower() in LMS_NOISE for t in tokens[1:]):
        return label, None
    rest = [t for t in tokens if t not in ids and t.lower() not in LMS_NOISE]
    return (" ".join(rest) or label), (ids[0] if ids else None)


def _unique(display: str, taken: set[str]) -> str:
    base = re.sub(r"[^\w.-]+", "_", display).strip("._") or "submission"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def content_hash(path: Path) -> str:
    """SHA-256 of a file's bytes, or of a folder's relative paths and file contents (hidden
    entries and links left out, as loading leaves them out)."""
    digest = hashlib.sha256()
    if path.is_file():
        _hash_file(path, digest)
        return digest.hexdigest()
    files = sorted(_regular_files(path), key=lambda p: p.relative_to(path).as_posix())
    for file in files[:MAX_HASHED_FILES]:
        digest.update(nfc(file.relative_to(path).as_posix()).encode("utf-8") + b"\0")
        _hash_file(file, digest)
    digest.update(str(len(files)).encode())
    return digest.hexdigest()


def _hash_file(path: Path, digest: hashlib._Hash) -> None:
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)


def _regular_files(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not is_ignored((d,))]
        for name in files:
            path = Path(folder) / name
            if not is_ignored((name,)) and stat.S_ISREG(os.lstat(path).st_mode):
                found.append(path)
    return found


def looks_like_class(folder: Path) -> bool:
    """A folder that holds a class rather than one team: two or more sub-folders or zips that
    each hold a submission, more than :data:`MAX_TEAM_NOTEBOOKS` notebooks, or loose
    notebooks beside a sub-submission with no README or app that would make it a team's."""
    if not folder.is_dir():
        return False
    children = [c for c in folder.iterdir() if not is_ignored((c.name,)) and not c.is_symlink()]
    notebooks = [c for c in children if c.is_file() and c.suffix.lower() == ".ipynb"]
    zips = [c for c in children if c.is_file() and c.suffix.lower() == ".zip"]
    nested = [c for c in children if c.is_dir() and _holds_submission(c)]
    if len(nested) + len(zips) >= 2 or len(notebooks) > MAX_TEAM_NOTEBOOKS:
        return True
    team_files = {c.name.lower() for c in children if c.is_file()} & {"readme.md", "app.py"}
    return bool(notebooks) and bool(nested or zips) and not team_files


def _holds_submission(folder: Path) -> bool:
    try:
        return any(
            p.suffix.lower() in SUBMISSION_SUFFIXES and not is_ignored(p.relative_to(folder).parts)
            for p in folder.rglob("*")
        )
    except OSError:
        return False


def refuse_class_folder(path: Path) -> None:
    """Raise :class:`SubmissionError` with a hint to use ``grader batch`` when ``path`` is a
    class folder (graded as one team it would give one meaningless score)."""
    if looks_like_class(path):
        raise SubmissionError(
            f"{nfc(path.name)} 폴더는 한 팀의 제출물이 아니라 여러 학생의 제출물을 모은 반 "
            "폴더로 보입니다. 반 전체를 채점하려면 "
            f"`grader batch {path} -a 과제id -o 출력폴더`를 쓰세요. 한 팀의 제출물이 맞다면 "
            "노트북과 README, 앱 파일만 담아 주세요.",
            code="class_folder",
            detail=str(path),
        )
