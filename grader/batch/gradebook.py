"""The gradebook: ``OUT/gradebook.sqlite``, one row per submission (stdlib sqlite3, WAL).

A row is reused when its key — content hash, assignment, rubric version, grader version and
mode — matches the entry's, so a rerun grades only what is missing or changed. Only the
batch's main process writes; a row is committed after its report folder was renamed into
place (:mod:`grader.batch.workspace`), so a row always points at a complete report.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from grader import __version__
from grader.errors import BatchError
from grader.pipeline import Assignment
from grader.records.base import Record
from grader.records.verdict import Result
from grader.submission.discover import Entry

__all__ = ["GRADEBOOK_FILE", "GradeKey", "Gradebook", "GradebookRow", "RunCounts"]

GRADEBOOK_FILE = "gradebook.sqlite"
RowStatus = Literal["graded", "rejected", "failed"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    name TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    assignment TEXT NOT NULL,
    rubric_version TEXT NOT NULL,
    grader_version TEXT NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL,
    entry_json TEXT NOT NULL,
    result_json TEXT,
    error_ko TEXT NOT NULL DEFAULT '',
    score REAL,
    started_at REAL NOT NULL,
    duration_s REAL NOT NULL,
    limits_hit TEXT NOT NULL DEFAULT '[]',
    reports TEXT NOT NULL DEFAULT '[]',
    texts TEXT NOT NULL DEFAULT '[]',
    run_id INTEGER
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at REAL NOT NULL,
    finished_at REAL,
    class_dir TEXT NOT NULL,
    mode TEXT NOT NULL,
    jobs INTEGER NOT NULL,
    total INTEGER NOT NULL,
    graded INTEGER NOT NULL DEFAULT 0,
    reused INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'running',
    context_json TEXT NOT NULL DEFAULT '{}'
);
"""


@dataclass(frozen=True)
class GradeKey:
    """What a stored grade depends on; two equal keys give the same result."""

    content_hash: str
    assignment: str
    rubric_version: str
    grader_version: str
    mode: str

    @classmethod
    def of(cls, entry: Entry, assignment: Assignment, mode: str) -> GradeKey:
        return cls(entry.content_hash, assignment.id or "", rubric_version(assignment),
                   __version__, mode)

    def digest(self) -> str:
        parts = (self.content_hash, self.assignment, self.rubric_version, self.grader_version,
                 self.mode)
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def rubric_version(assignment: Assignment) -> str:
    """A short hash of the validated common and project rubrics."""
    loaded = assignment.rubric
    text = loaded.rubric.model_dump_json()
    text += loaded.project.model_dump_json() if loaded.project else ""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class GradebookRow(Record):
    """One graded (or failed) submission."""

    name: str
    key: str
    entry: Entry
    status: RowStatus
    result: dict[str, Any] | None = None
    """The ``result.json`` document (``None`` when grading failed)."""
    error_ko: str = ""
    started_at: float
    duration_s: float
    limits_hit: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    """Report paths relative to ``OUT``."""
    texts: tuple[str, ...] = ()
    """Code and prose of the submission, for the similarity check of ``batch summary``."""

    def parsed_result(self) -> Result | None:
        return Result.from_contract(self.result) if self.result is not None else None


@dataclass(frozen=True)
class RunCounts:
    """How one batch run went."""

    total: int
    graded: int = 0
    reused: int = 0
    failed: int = 0


class Gradebook:
    """The SQLite file of one ``OUT`` folder."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / GRADEBOOK_FILE
        try:
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise BatchError(
                f"채점 기록({self.path})을 열 수 없습니다: {exc}. 손상되었다면 파일을 지우고 "
                "--force로 다시 채점하세요.",
                code="gradebook_unreadable",
            ) from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reusable(self, name: str, key: GradeKey) -> GradebookRow | None:
        """The stored row of ``name`` when it was graded under ``key`` (failures never are)."""
        row = self._db.execute(
            "SELECT * FROM submissions WHERE name = ? AND key = ? AND status != 'failed'",
            (name, key.digest()),
        ).fetchone()
        return _row(row, self._columns()) if row else None

    def record(self, row: GradebookRow, key: GradeKey, run_id: int) -> None:
        """Insert or replace the row of ``row.name`` (one row per submission)."""
        score = row.result.get("score") if row.result else None
        self._db.execute(
            "INSERT OR REPLACE INTO submissions VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row.name, key.digest(), key.content_hash, key.assignment, key.rubric_version,
                key.grader_version, key.mode, row.status, row.entry.model_dump_json(),
                json.dumps(row.result, ensure_ascii=False) if row.result is not None else None,
                row.error_ko, score, row.started_at, row.duration_s,
                json.dumps(row.limits_hit), json.dumps(row.reports, ensure_ascii=False),
                json.dumps(row.texts, ensure_ascii=False), run_id,
            ),
        )

    def rows(self, names: Sequence[str] | None = None) -> list[GradebookRow]:
        """Every row (or those of ``names``, in that order), in name order."""
        columns = self._columns()
        found = [_row(r, columns) for r in self._db.execute(
            "SELECT * FROM submissions ORDER BY name")]
        if names is None:
            return found
        by_name = {row.name: row for row in found}
        return [by_name[n] for n in names if n in by_name]

    def start_run(
        self, class_dir: Path, mode: str, jobs: int, total: int, context: dict[str, Any]
    ) -> int:
        """A new run; ``context`` (entry names, roster gaps ...) rebuilds its summary later."""
        cursor = self._db.execute(
            "INSERT INTO runs (started_at, class_dir, mode, jobs, total, context_json) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (time.time(), str(class_dir), mode, jobs, total,
             json.dumps(context, ensure_ascii=False)),
        )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, counts: RunCounts, status: str) -> None:
        self._db.execute(
            "UPDATE runs SET finished_at = ?, graded = ?, reused = ?, failed = ?, status = ? "
            "WHERE id = ?",
            (time.time(), counts.graded, counts.reused, counts.failed, status, run_id),
        )

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first, as column → value."""
        with closing(self._db.execute("SELECT * FROM runs ORDER BY id")) as cursor:
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, r, strict=True)) for r in cursor]

    def last_run(self) -> dict[str, Any] | None:
        """The latest run, its ``context`` parsed."""
        runs = self.runs()
        if not runs:
            return None
        run = runs[-1]
        run["context"] = json.loads(run.pop("context_json"))
        return run

    def _columns(self) -> list[str]:
        return [r[1] for r in self._db.execute("PRAGMA table_info(submissions)")]


def _row(values: Sequence[Any], columns: Sequence[str]) -> GradebookRow:
    data = dict(zip(columns, values, strict=True))
    return GradebookRow(
        name=data["name"],
        key=data["key"],
        entry=Entry.model_validate_json(data["entry_json"]),
        status=data["status"],
        result=json.loads(data["result_json"]) if data["result_json"] else None,
        error_ko=data["error_ko"],
        started_at=data["started_at"],
        duration_s=data["duration_s"],
        limits_hit=tuple(json.loads(data["limits_hit"])),
        reports=tuple(json.loads(data["reports"])),
        texts=tuple(json.loads(data["texts"])),
    )


def iter_results(rows: Sequence[GradebookRow]) -> Iterator[tuple[GradebookRow, Result]]:
    """The rows that hold a result, with it parsed."""
    for row in rows:
        result = row.parsed_result()
        if result is not None:
            yield row, result
