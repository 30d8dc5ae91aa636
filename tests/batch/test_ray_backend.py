"""The Ray backend's driver side against a fake Ray (windows, publishing, failures, stops),
and the real thing in a slow test: a two-node local cluster that loses a node mid-run."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from grader.batch.gradebook import Gradebook, GradebookRow, GradeKey
from grader.batch.ray_backend import RayScheduler, RaySession, failure_ko
from grader.batch.remote import RemoteOutcome, ShippedEntry
from grader.batch.resources import MAX_RETRIES, TaskResources
from grader.batch.runner import Done, StopRequest, run_batch
from grader.batch.worker import JobOutcome, WorkerConfig
from grader.errors import BatchError, KernelEnvError
from grader.paths import project_root
from grader.submission.discover import Entry, discover

ray = pytest.importorskip("ray")
EXAMPLES = project_root() / "examples" / "submissions" / "cnn-digits"


class FakeRay:
    """``remote``/``put``/``wait``/``get``/``cancel`` over canned results, one ready per wait."""

    exceptions = ray.exceptions

    def __init__(self, results: dict[str, RemoteOutcome | Exception]) -> None:
        self.results = results
        self.options: dict[str, Any] = {}
        self.in_flight: list[str] = []
        self.most_in_flight = 0
        self.cancelled: list[str] = []
        self.on_get: Any = None

    def remote(self, function: Any) -> FakeTask:
        return FakeTask(self)

    def put(self, value: Any) -> Any:
        return value

    def wait(self, refs: list[str], num_returns: int, timeout: float) -> tuple[list, list]:
        return refs[:1], refs[1:]

    def get(self, ref: str) -> RemoteOutcome:
        self.in_flight.remove(ref)
        if self.on_get:
            self.on_get(ref)
        result = self.results[ref]
        if isinstance(result, Exception):
            raise result
        return result

    def cancel(self, ref: str, force: bool) -> None:
        self.cancelled.append(ref)


class FakeTask:
    def __init__(self, fake: FakeRay) -> None:
        self.fake = fake

    def options(self, **options: Any) -> FakeTask:
        self.fake.options = options
        return self

    def remote(self, config: WorkerConfig, shipped: ShippedEntry, batch_id: str) -> str:
        name = shipped.entry.name
        assert shipped.files and Path(shipped.entry.path).name in shipped.files[0][0]
        self.fake.in_flight.append(name)
        self.fake.most_in_flight = max(self.fake.most_in_flight, len(self.fake.in_flight))
        return name


class Recorder:
    """The progress display's side of the runner."""

    def __init__(self) -> None:
        self.started_names: list[str] = []
        self.finished_names: list[str] = []

    def begin(self, total: int, reused: int) -> None: ...

    def started(self, entry: Entry) -> None:
        self.started_names.append(entry.name)

    def finished(self, row: GradebookRow) -> None:
        self.finished_names.append(row.name)

    def stopping(self, hard: bool) -> None: ...


def graded(name: str) -> RemoteOutcome:
    job = JobOutcome(name, "graded", time.time(), 0.5, result={"score": 0.5},
                     reports=(f"{name}/report.md",))
    return RemoteOutcome(job, (("report.md", f"# {name}".encode()),))


@pytest.fixture
def entries(tmp_path: Path) -> list[Entry]:
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    for i in range(5):
        shutil.copyfile(EXAMPLES / "weak.ipynb", class_dir / f"s{i}.ipynb")
    return list(discover(class_dir).entries)


@pytest.fixture
def config(tmp_path: Path) -> WorkerConfig:
    return WorkerConfig(out_dir=tmp_path / "out", temp_root=tmp_path / "tmp",
                        assignment_id="cnn-digits", run=False, formats=("md",), parent_pid=0)


def scheduler(fake: FakeRay, config: WorkerConfig, listener: Recorder, window: int = 2) -> Any:
    def build(stop: StopRequest, done: Done) -> RayScheduler:
        return RayScheduler(fake, config, TaskResources(), window, stop, listener, done)  # type: ignore[arg-type]

    return build


def batch(fake: FakeRay, entries: list[Entry], config: WorkerConfig, window: int = 2) -> Any:
    keys = {e.name: GradeKey(e.content_hash, "cnn-digits", "r", "v", "stored") for e in entries}
    config.out_dir.mkdir(parents=True, exist_ok=True)
    listener = Recorder()
    with Gradebook(config.out_dir) as gradebook:
        outcome = run_batch(entries, keys, gradebook, 1, config, jobs=window, force=False,
                            listener=listener, scheduler=scheduler(fake, config, listener, window))
        rows = gradebook.rows()
    return outcome, rows, listener


def test_results_are_published_and_recorded_once_each_as_they_arrive(entries, config):
    fake = FakeRay({e.name: graded(e.name) for e in entries})
    seen_rows: list[int] = []
    fake.on_get = lambda ref: seen_rows.append(len(list((config.out_dir).glob("s*"))))
    outcome, rows, listener = batch(fake, entries, config, window=2)
    assert [r.name for r in rows] == sorted(e.name for e in entries)
    assert sorted(listener.finished_names) == sorted(e.name for e in entries)
    assert len(set(listener.finished_names)) == len(entries)
    assert seen_rows == [0, 1, 2, 3, 4]  # each report lands before the next result is taken
    assert (config.out_dir / "s3" / "report.md").read_text(encoding="utf-8") == "# s3"
    assert not list((config.out_dir / ".work").glob("*"))
    assert fake.most_in_flight == 2 and outcome.counts.graded == 5
    assert fake.options["max_retries"] == MAX_RETRIES and fake.options["retry_exceptions"] is False


def test_a_task_that_fails_after_its_retries_is_a_korean_failed_row_and_the_rest_go_on(
    entries, config
):
    results: dict[str, Any] = {e.name: graded(e.name) for e in entries}
    results["s1"] = ray.exceptions.WorkerCrashedError()
    results["s2"] = ray.exceptions.OutOfMemoryError("node ran out of memory")
    outcome, rows, _ = batch(FakeRay(results), entries, config)
    by_name = {r.name: r for r in rows}
    assert by_name["s1"].status == "failed" and f"{MAX_RETRIES}번 다시" in by_name["s1"].error_ko
    assert by_name["s2"].status == "failed" and "메모리가 부족" in by_name["s2"].error_ko
    assert [r.name for r in outcome.failed] == ["s1", "s2"]
    assert outcome.counts.graded == 3 and not (config.out_dir / "s1").exists()


def test_a_submission_gone_since_discovery_is_a_failed_row_without_a_task(entries, config):
    Path(entries[2].path).unlink()
    fake = FakeRay({e.name: graded(e.name) for e in entries})
    _, rows, listener = batch(fake, entries, config)
    by_name = {r.name: r for r in rows}
    assert by_name["s2"].status == "failed" and "제출물을 읽지 못했습니다" in by_name["s2"].error_ko
    assert "s2" not in listener.started_names and len(rows) == len(entries)


def test_a_grading_failure_the_task_reported_is_kept_as_it_came(entries, config):
    results: dict[str, Any] = {e.name: graded(e.name) for e in entries}
    results["s0"] = RemoteOutcome(JobOutcome("s0", "failed", 0.0, 1.0, error_ko="채점 중 오류: X"))
    _, rows, _ = batch(FakeRay(results), entries, config)
    assert (rows[0].name, rows[0].status, rows[0].error_ko) == ("s0", "failed", "채점 중 오류: X")


def test_a_hard_stop_cancels_the_tasks_in_flight_and_leaves_them_for_the_next_run(
    entries, config
):
    fake = FakeRay({e.name: graded(e.name) for e in entries})
    listener = Recorder()
    stop = StopRequest()
    recorded: list[str] = []

    def done(job: JobOutcome, entry: Entry) -> None:
        recorded.append(f"{entry.name}:{job.status}")
        stop.soft = stop.hard = True  # Ctrl-C twice after the first result

    fake.results["s1"] = ray.exceptions.TaskCancelledError()
    todo = deque(entries)
    RayScheduler(fake, config, TaskResources(), 2, stop, listener, done).run(todo)  # type: ignore[arg-type]
    assert fake.cancelled == ["s1"]
    assert recorded == ["s0:graded", "s1:interrupted"]
    assert [e.name for e in todo] == ["s2", "s3", "s4"]


def test_failures_are_said_in_korean_by_kind():
    assert "노드" in failure_ko(ray.exceptions.NodeDiedError("died"))
    missing = KernelEnvError("코스 커널이 없습니다.")
    wrapped = ray.exceptions.RayTaskError("grade_remote", "Traceback ...", missing)
    assert failure_ko(wrapped) == "Ray 노드에서 채점을 준비하지 못했습니다: 코스 커널이 없습니다."
    assert "취소" in failure_ko(ray.exceptions.TaskCancelledError())
    assert "Ray 채점 작업이 실패했습니다" in failure_ko(RuntimeError("x"))


def test_tasks_get_the_drivers_grader_variables_and_nothing_else(monkeypatch):
    monkeypatch.setenv("GRADER_DATA", "/srv/data")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")
    seen: dict[str, Any] = {}
    session = RaySession("auto")
    session.ray = SimpleNamespace(init=lambda **kwargs: seen.update(kwargs))  # type: ignore[assignment]
    session.__enter__()
    env = seen["runtime_env"]["env_vars"]
    assert env["GRADER_DATA"] == "/srv/data" and "AWS_SECRET_ACCESS_KEY" not in env
    assert seen["address"] == "auto" and seen["log_to_driver"] is False


def test_an_unreachable_cluster_is_a_korean_usage_error():
    def refuse(**kwargs: Any) -> None:
        raise ConnectionError("Could not find any running Ray instance")

    session = RaySession("10.0.0.1:6379")
    session.ray = SimpleNamespace(init=refuse)  # type: ignore[assignment]
    with pytest.raises(BatchError) as info, session:
        pass
    assert "Ray 클러스터(10.0.0.1:6379)에 연결하지 못했습니다" in info.value.message_ko
    assert info.value.code == "ray_unavailable"


class ProbeTask:
    def __init__(self, memories: dict[str, list[int]], pinned: list[str]) -> None:
        self.memories, self.pinned, self.node = memories, pinned, ""

    def options(self, **options: Any) -> ProbeTask:
        assert options["num_cpus"] == 0 and options["scheduling_strategy"].soft is False
        self.node = options["scheduling_strategy"].node_id
        return self

    def remote(self) -> list[int]:
        self.pinned.append(self.node)
        return self.memories[self.node]


def probing_session(nodes: list[dict[str, Any]], memories: dict[str, list[int]]) -> Any:
    pinned: list[str] = []
    session = RaySession(None)
    session.ray = SimpleNamespace(  # type: ignore[assignment]
        nodes=lambda: nodes, remote=lambda function: ProbeTask(memories, pinned),
        get=lambda refs, timeout: refs,
    )
    return session, pinned


IDS = {name: name * 56 for name in "abcd"}  # node ids are 28 bytes of hex


def node(name: str, alive: bool = True, **resources: float) -> dict[str, Any]:
    return {"NodeID": IDS[name], "Alive": alive, "Resources": resources}


def test_the_smallest_gpu_of_the_alive_gpu_nodes_sets_the_share():
    nodes = [node("a", GPU=2, CPU=8), node("b", GPU=1), node("c", CPU=16),
             node("d", alive=False, GPU=8)]
    session, pinned = probing_session(nodes, {IDS["a"]: [81559, 81559], IDS["b"]: [16384]})
    assert session.gpu_memory_mib() == 16384
    assert pinned == [IDS["a"], IDS["b"]]  # one probe per alive GPU node, pinned to it


def test_no_gpu_node_means_no_gpu_asked_and_unknown_memory_means_whole_gpus():
    session, pinned = probing_session([node("c", CPU=16)], {})
    assert session.gpu_memory_mib() is None and pinned == []
    session, _ = probing_session([node("a", GPU=1)], {IDS["a"]: [0]})
    assert session.gpu_memory_mib() == 0


# --- the real cluster ------------------------------------------------------------------------

SUBMISSIONS = 8


def _grading_on(raylet: int, limit_s: float = 60) -> bool:
    """Wait until a worker process of the node of ``raylet`` is running a grading task
    (Ray titles it ``ray::grade_remote`` while it runs)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                title = (stat.parent / "cmdline").read_bytes()
            except (OSError, IndexError, ValueError):
                continue
            if parent == raylet and title.startswith(b"ray::grade_remote"):
                return True
        time.sleep(0.05)
    return False


def _rows(out: Path) -> list[tuple[str, str]]:
    db = sqlite3.connect(out / "gradebook.sqlite")
    try:
        return db.execute("SELECT name, status FROM submissions ORDER BY name").fetchall()
    finally:
        db.close()


@pytest.mark.slow
def test_a_two_node_cluster_loses_a_node_mid_run_and_grades_every_submission_once(
    tmp_path: Path,
):
    from ray.cluster_utils import Cluster

    class_dir = tmp_path / "class"
    class_dir.mkdir()
    for i in range(SUBMISSIONS):
        example = ("strong", "weak", "claims-only", "never-run")[i % 4]
        shutil.copyfile(EXAMPLES / f"{example}.ipynb", class_dir / f"학생{i}.ipynb")
    out = tmp_path / "out"
    node = {"num_cpus": 1, "object_store_memory": 100 * 2**20}
    started = time.monotonic()
    cluster = Cluster(initialize_head=True,
                      head_node_args={**node, "include_dashboard": False})
    worker = cluster.add_node(**node)
    cluster.wait_for_nodes()
    up_s = time.monotonic() - started
    try:
        env = {**os.environ, "PYTHONPATH": str(project_root())}
        command = [sys.executable, "-m", "grader", "batch", str(class_dir), "-a", "cnn-digits",
                   "-o", str(out), "--backend", "ray", "--address", cluster.address]
        proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("[1/"):
                raylet = worker.all_processes["raylet"][0].process.pid
                assert _grading_on(raylet), "no task reached the worker node"
                cluster.remove_node(worker, allow_graceful=False)  # mid-task, 7 to go
                killed_s = time.monotonic() - started
                break
        rest, err = proc.communicate(timeout=240)
        lines += rest.splitlines(keepends=True)
        graded_s = time.monotonic() - started
        assert proc.returncode == 0, err[-3000:]
        results = [line.split()[1] for line in lines if line.startswith("[")]
        names = [f"학생{i}" for i in range(SUBMISSIONS)]
        assert sorted(results) == sorted(names)  # each finished exactly once
        assert _rows(out) == [(n, "graded") for n in sorted(names)]
        assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted(names)
        logs = Path(cluster.head_node.get_logs_dir_path())
        retried = sum(log.read_text(errors="replace").count("Attempting to resubmit task")
                      for log in logs.glob("python-core-driver-*.log"))
        print(f"cluster up {up_s:.1f} s, node killed at {killed_s:.1f} s, "
              f"batch done at {graded_s:.1f} s, tasks resubmitted by Ray: {retried}")
        assert retried >= 1  # the task that was running on the dead node ran again

        again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr[-3000:]
        assert f"이전 결과 재사용 {SUBMISSIONS}개" in again.stdout  # resume: nothing regraded
    finally:
        cluster.shutdown()

