from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from grader.batch.gradebook import GRADEBOOK_FILE, Gradebook, GradebookRow, GradeKey, RunCounts
from grader.errors import BatchError
from grader.submission.discover import Entry

ENTRY = Entry(name="김민지", path="/c/김민지.ipynb", kind="notebook", content_hash="h1",
              display_name="김민지")


def key(**changes: str) -> GradeKey:
    values = {"content_hash": "h1", "assignment": "cnn-digits", "rubric_version": "r1",
              "grader_version": "0.1.0", "mode": "stored_outputs", **changes}
    return GradeKey(**values)


def row(status: str = "graded", score: float = 0.5) -> GradebookRow:
    return GradebookRow(name=ENTRY.name, key=key().digest(), entry=ENTRY, status=status,
                        result={"score": score, "submission": "김민지"}, started_at=1.0,
                        duration_s=0.5, reports=("김민지/report.md",), texts=("print(1)",))


def test_a_row_is_reused_only_under_the_same_key(tmp_path: Path):
    with Gradebook(tmp_path) as book:
        book.record(row(), key(), run_id=1)
        stored = book.reusable("김민지", key())
        assert stored is not None and stored.result == {"score": 0.5, "submission": "김민지"}
        assert stored.texts == ("print(1)",) and stored.reports == ("김민지/report.md",)
        for changed in ({"content_hash": "h2"}, {"rubric_version": "r2"},
                        {"grader_version": "0.2"}, {"mode": "executed"}, {"assignment": "x"}):
            assert book.reusable("김민지", key(**changed)) is None


def test_one_row_per_submission_and_failures_are_not_reused(tmp_path: Path):
    with Gradebook(tmp_path) as book:
        book.record(row(score=0.1), key(), run_id=1)
        book.record(row(score=0.9), key(), run_id=2)
        assert [r.result["score"] for r in book.rows() if r.result] == [0.9]
        book.record(row(status="failed"), key(), run_id=3)
        assert book.reusable("김민지", key()) is None
        assert len(book.rows()) == 1


def test_gradebook_is_sqlite_in_wal_mode_with_runs(tmp_path: Path):
    with Gradebook(tmp_path) as book:
        run_id = book.start_run(tmp_path, "stored_outputs", 2, 13, {"entries": ["김민지"]})
        book.finish_run(run_id, RunCounts(total=13, graded=10, reused=3), "done")
        last = book.last_run()
    assert last is not None and last["reused"] == 3 and last["context"]["entries"] == ["김민지"]
    db = sqlite3.connect(tmp_path / GRADEBOOK_FILE)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_damaged_gradebook_is_a_korean_error(tmp_path: Path):
    (tmp_path / GRADEBOOK_FILE).write_bytes(b"not a database" * 100)
    with pytest.raises(BatchError, match="채점 기록"):
        Gradebook(tmp_path)
