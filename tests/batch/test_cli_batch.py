"""``grader batch`` end to end on a 13-submission class (stored outputs, worker processes)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.batch.workspace import WORK_DIR, temp_root
from grader.paths import project_root
from tests.batch.conftest import ENTRY_COUNT, build_class
from tests.report.test_gradescope import validate

pytestmark = pytest.mark.slow


def batch(*args: str, **popen: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(project_root())}
    return subprocess.Popen([sys.executable, "-m", "grader", "batch", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def run_batch(*args: str) -> tuple[int, str, str]:
    proc = batch(*args)
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, " ".join(err.split())  # rich wraps lines at 80 columns


def rows(out: Path) -> list[tuple[str, str]]:
    db = sqlite3.connect(out / "gradebook.sqlite")
    try:
        return db.execute("SELECT name, status FROM submissions ORDER BY name").fetchall()
    finally:
        db.close()


def children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def wait_gone(pids: set[int], limit_s: float = 30) -> set[int]:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        pids = {p for p in pids if Path(f"/proc/{p}").exists()
                and "Z" not in Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1][:3]}
        if not pids:
            return pids
        time.sleep(0.2)
    return pids


def test_a_class_in_parallel_then_resumed_with_roster(tmp_path: Path, class_dir: Path,
                                                      roster_csv: Path):
    out = tmp_path / "out"
    code, stdout, stderr = run_batch(str(class_dir), "-a", "cnn-digits", "-o", str(out),
                                     "--jobs", "2", "--roster", str(roster_csv))
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert f"새로 채점 {ENTRY_COUNT}개, 이전 결과 재사용 0개" in stdout
    assert stdout.count(f"/{ENTRY_COUNT}] ") == ENTRY_COUNT  # a line per submission, no TTY
    assert "결석생(20230099)" in stderr  # roster student without a submission
    assert len(rows(out)) == ENTRY_COUNT
    for name in ("김민지", "정하늘", "팀알파", "최유나"):
        result = json.loads((out / name / "result.json").read_text(encoding="utf-8"))
        assert result["submission"] == name  # the LMS folder's or file's student, not "cnn"
        validate(json.loads((out / name / "results.json").read_text(encoding="utf-8")))
    grades = (out / "grades.csv").read_text(encoding="utf-8-sig")
    assert "20230005,정하늘,,정하늘," in grades and "20230014,문가은,팀알파,팀알파," in grades
    summary = (out / "class_summary.md").read_text(encoding="utf-8")
    assert "**김민지** ↔ **박준호**: 파일이 완전히 같습니다" in summary
    assert "**한도윤**" in summary.split("## 서로 비슷한 제출물")[1]
    assert "**윤지우**" not in summary.split("## 서로 비슷한 제출물")[1]  # copied starter
    assert not (out / WORK_DIR).exists() and not temp_root(out).exists()

    html_before = (out / "class_summary.html").read_text(encoding="utf-8")
    code, stdout, _ = run_batch(str(class_dir), "-a", "cnn-digits", "-o", str(out),
                                "--roster", str(roster_csv))
    assert code == 0 and f"새로 채점 0개, 이전 결과 재사용 {ENTRY_COUNT}개" in stdout
    (out / "class_summary.html").unlink()
    code, stdout, _ = run_batch("summary", str(out))
    assert code == 0 and (out / "class_summary.html").read_text(encoding="utf-8") == html_before

    code, stdout, _ = run_batch(str(class_dir), "-a", "cnn-digits", "-o", str(out), "--force")
    assert code == 0 and f"새로 채점 {ENTRY_COUNT}개" in stdout
    assert len(rows(out)) == ENTRY_COUNT


def test_kill_9_then_rerun_grades_only_what_is_missing(tmp_path: Path, class_dir: Path):
    out = tmp_path / "out"
    proc = batch(str(class_dir), "-a", "cnn-digits", "-o", str(out), "--jobs", "2")
    assert proc.stdout is not None
    workers: set[int] = set()
    for line in proc.stdout:
        workers |= children(proc.pid)
        if line.startswith("[3/"):
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert not wait_gone(workers), "worker processes outlived the batch"
    done = rows(out)
    assert 3 <= len(done) < ENTRY_COUNT
    code, stdout, stderr = run_batch(str(class_dir), "-a", "cnn-digits", "-o", str(out))
    assert code == 0, stderr
    assert f"새로 채점 {ENTRY_COUNT - len(done)}개, 이전 결과 재사용 {len(done)}개" in stdout
    names = [name for name, _ in rows(out)]
    assert len(names) == len(set(names)) == ENTRY_COUNT
    assert not (out / WORK_DIR).exists() and not temp_root(out).exists()
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted(names)


def test_sigint_finishes_running_jobs_and_exits_130(tmp_path: Path, class_dir: Path):
    out = tmp_path / "out"
    proc = batch(str(class_dir), "-a", "cnn-digits", "-o", str(out), "--jobs", "1",
                 start_new_session=True)
    assert proc.stdout is not None and proc.stderr is not None
    for line in proc.stdout:
        if line.startswith("[1/"):
            break
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "중단" in stderr and "Traceback" not in stderr
    finished = rows(out)
    assert 1 <= len(finished) < ENTRY_COUNT
    assert all(status != "failed" for _, status in finished)  # the running job completed
    assert f"새로 채점 {len(finished)}개" in stdout
    summary = (out / "class_summary.md").read_text(encoding="utf-8")
    assert f"제출물 {len(finished)}개를 채점했습니다" in summary
    assert not (out / WORK_DIR).exists()


def test_usage_errors_and_ungraded_submissions(tmp_path: Path):
    code, _, stderr = run_batch(str(tmp_path / "none"), "-o", str(tmp_path / "o"))
    assert code == 2 and "반 폴더" in stderr and "Traceback" not in stderr
    code, _, stderr = run_batch(str(tmp_path), "--jobs", "0", "-o", str(tmp_path / "o"))
    assert code == 2 and "--jobs" in stderr
    small = tmp_path / "small"
    small.mkdir()
    (small / "망가진.ipynb").write_text("{not json", encoding="utf-8")
    build_class(tmp_path / "unused")
    (small / "좋은.ipynb").write_bytes((tmp_path / "unused" / "김민지_20230001.ipynb").read_bytes())
    code, _, stderr = run_batch(str(small), "-a", "cnn-digits", "-o", str(tmp_path / "o2"))
    assert code == 1 and "채점하지 못함:" in stderr and "망가진" in stderr
