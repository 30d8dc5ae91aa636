"""A class roster (CSV: student id, name, team) mapped onto the entries of a class folder.

An entry belongs to the students whose id appears in its name, to every member of the team
it is named after, or to the one student whose name it carries. Entries that match nobody
and students without an entry are listed for the instructor.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from grader.errors import BatchError
from grader.records.base import Record
from grader.submission.discover import Entry, Student
from grader.submission.paths import nfc

__all__ = ["RosterMatch", "match_roster", "read_roster"]

ID_HEADERS = frozenset({"student_id", "studentid", "student id", "id", "학번", "번호"})
NAME_HEADERS = frozenset({"name", "student_name", "이름", "성명"})
TEAM_HEADERS = frozenset({"team", "group", "팀", "조", "팀명"})
MAX_ROSTER_BYTES = 5_000_000


class RosterMatch(Record):
    """Entries with their students, and what did not match."""

    entries: tuple[Entry, ...]
    unmatched_entries: tuple[str, ...] = ()
    missing_students: tuple[Student, ...] = ()


def read_roster(path: Path) -> tuple[Student, ...]:
    """Students of a roster CSV (UTF-8, BOM allowed); with a header row naming the columns
    (학번/이름/팀 or student_id/name/team) or, without one, in that order."""
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise _bad(path, "파일이 너무 큽니다")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(path, "UTF-8 CSV 파일로 읽을 수 없습니다") from exc
    rows = [row for row in csv.reader(text.splitlines()) if any(cell.strip() for cell in row)]
    if not rows:
        raise _bad(path, "학생이 한 명도 없습니다")
    columns = _columns(rows[0])
    body = rows[1:] if columns is not None else rows
    columns = columns or (0, 1, 2)
    students = [_student(row, columns) for row in body]
    found = tuple(s for s in students if s is not None)
    if not found:
        raise _bad(path, "학번과 이름이 있는 줄이 없습니다")
    return found


def _columns(header: Sequence[str]) -> tuple[int, int, int | None] | None:
    keys = [cell.strip().casefold() for cell in header]

    def find(names: frozenset[str]) -> int | None:
        return next((i for i, key in enumerate(keys) if key in names), None)

    sid, name, team = find(ID_HEADERS), find(NAME_HEADERS), find(TEAM_HEADERS)
    if sid is None or name is None:
        return None
    return sid, name, team


def _student(row: Sequence[str], columns: tuple[int, int, int | None]) -> Student | None:
    def cell(index: int | None) -> str:
        return nfc(row[index].strip()) if index is not None and index < len(row) else ""

    sid, name, team = (cell(i) for i in columns)
    if not sid or not name:
        return None
    return Student(student_id=sid, name=name, team=team)


def _bad(path: Path, why: str) -> BatchError:
    return BatchError(
        f"명단 파일({path.name})을 쓸 수 없습니다: {why}. 첫 줄이 '학번,이름,팀'인 CSV를 "
        "준비해 주세요.",
        code="roster_invalid",
        detail=str(path),
    )


def match_roster(entries: Sequence[Entry], students: Sequence[Student]) -> RosterMatch:
    """Attach each entry's students; list entries and students left without a match."""
    matched: list[Entry] = []
    unmatched: list[str] = []
    for entry in entries:
        owners = _owners(entry, students)
        matched.append(entry.model_copy(update={"students": owners}))
        if not owners:
            unmatched.append(entry.name)
    covered = {s.student_id for e in matched for s in e.students}
    missing = tuple(s for s in students if s.student_id not in covered)
    return RosterMatch(
        entries=tuple(matched), unmatched_entries=tuple(unmatched), missing_students=missing
    )


def _owners(entry: Entry, students: Sequence[Student]) -> tuple[Student, ...]:
    """By student id, else by team name, else by a name that only one student has."""
    tokens = _tokens(entry.display_name) | _tokens(Path(entry.path).stem)
    if entry.student_id:
        tokens.add(entry.student_id.casefold())
    by_id = tuple(s for s in students if s.student_id.casefold() in tokens)
    if by_id:
        return by_id
    label = _key(entry.display_name)
    by_team = tuple(s for s in students if s.team and _key(s.team) == label)
    if by_team:
        return by_team
    by_name = [s for s in students if _key(s.name) == label or _key(s.name) in tokens]
    return (by_name[0],) if len(by_name) == 1 else ()


def _key(text: str) -> str:
    return re.sub(r"[\s_.-]+", "", nfc(text)).casefold()


def _tokens(text: str) -> set[str]:
    return {t.casefold() for t in re.split(r"[\s_.-]+", nfc(text)) if t}
