"""``grader batch --backend ray``: each submission is a Ray task; the driver writes OUT.

:class:`RaySession` connects to a cluster (``--address auto`` or ``ray://HOST:PORT``) or starts
a local Ray with this machine's CPUs. :class:`RayScheduler` keeps a window of tasks in flight,
each asking for :func:`~grader.batch.resources.task_resources`, and takes results as they
arrive (``ray.wait``): the report folder the task sent back is renamed into ``OUT/<name>``,
then the row is written, exactly as a local worker's. Ray runs a task again when its worker
or node dies (``max_retries``); a task that still fails becomes a failed row with a Korean
reason, never a crash of the batch. Ray is imported only here, when the backend is chosen.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections import deque
from types import ModuleType
from typing import Any

from grader.batch.remote import RemoteOutcome, grade_remote, ship_entry, write_tree
from grader.batch.resources import MAX_RETRIES, TaskResources, task_resources
from grader.batch.runner import Done, Listener, StopRequest
from grader.batch.worker import JobOutcome, JobStatus, WorkerConfig
from grader.batch.workspace import publish, staging_dir
from grader.errors import BatchError, GraderError
from grader.extras import require
from grader.pipeline import Assignment
from grader.sandbox import discover_gpus
from grader.submission.discover import Entry

__all__ = ["RayScheduler", "RaySession", "failure_ko", "grader_env"]

log = logging.getLogger(__name__)


def import_ray() -> ModuleType:
    """Ray, or :class:`MissingExtraError` naming ``pip install 'grader[cluster]'``."""
    require(["cluster"])
    import ray

    return ray


class RaySession:
    """A connection to a Ray cluster for one batch (``with RaySession(address) as ray:``)."""

    def __init__(self, address: str | None) -> None:
        self.address = address
        self.ray = import_ray()

    def __enter__(self) -> RaySession:
        common: dict[str, Any] = {
            "log_to_driver": False,
            "logging_level": logging.ERROR,
            "runtime_env": {"env_vars": grader_env()},
        }
        try:
            if self.address is None:
                self.ray.init(address="local", num_cpus=_cores(), include_dashboard=False,
                              **common)
            else:
                self.ray.init(address=self.address, **common)
        except Exception as exc:  # Ray raises ConnectionError, ValueError, RuntimeError ...
            where = self.address or "이 컴퓨터"
            said = str(exc).strip().rstrip(".")
            raise BatchError(
                f"Ray 클러스터({where})에 연결하지 못했습니다. 헤드 노드에서 ray start --head를 "
                f"실행했는지, 주소가 맞는지 확인하세요. (Ray의 메시지: {said})",
                code="ray_unavailable",
                detail=said,
            ) from exc
        return self

    def __exit__(self, *exc: object) -> None:
        self.ray.shutdown()

    def cpus(self) -> int:
        """Logical CPUs of the cluster now (at least 1)."""
        return max(1, int(self.ray.cluster_resources().get("CPU", 1)))

    def resources(self, assignment: Assignment, run: bool) -> TaskResources:
        """What each task of this batch asks for."""
        spec = assignment.pack.spec if assignment.pack else None
        needs_gpu = run and spec is not None and spec.gpu
        return task_resources(spec, run=run,
                              gpu_memory_mib=self.gpu_memory_mib() if needs_gpu else None)

    def gpu_memory_mib(self) -> int | None:
        """The smallest GPU's memory over the cluster's GPU nodes (``None``: no GPU; 0: the
        nodes could not tell), asked of every such node by a task that takes no resources."""
        nodes = [n for n in self.ray.nodes() if n.get("Alive") and n["Resources"].get("GPU")]
        if not nodes:
            return None
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        probe = self.ray.remote(_gpu_memories)
        refs = [probe.options(num_cpus=0, scheduling_strategy=NodeAffinitySchedulingStrategy(
            n["NodeID"], soft=False)).remote() for n in nodes]
        memories = [m for found in self.ray.get(refs, timeout=120) for m in found]
        return min(memories) if memories and all(memories) else 0


def grader_env() -> dict[str, str]:
    """The driver's ``GRADER_*`` variables (data folder, kernel and home paths), which every
    task gets too: the nodes hold the same paths (docs/cluster.md)."""
    return {k: v for k, v in os.environ.items() if k.startswith("GRADER_")}


def _gpu_memories() -> list[int]:
    return [gpu.memory_mib for gpu in discover_gpus()]


def _cores() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


class RayScheduler:
    """At most ``window`` tasks in flight; each result is published and recorded once."""

    def __init__(
        self,
        ray: ModuleType,
        config: WorkerConfig,
        resources: TaskResources,
        window: int,
        stop: StopRequest,
        listener: Listener,
        done: Done,
    ) -> None:
        self.ray, self.config, self.window = ray, config, max(1, window)
        self.stop, self.listener, self.done = stop, listener, done
        self.task = ray.remote(grade_remote).options(**resources.options())
        self.config_ref = ray.put(config)
        self.batch_id = uuid.uuid4().hex
        self.running: dict[Any, Entry] = {}
        self.cancelled = False

    def run(self, todo: deque[Entry]) -> None:
        while (todo and not self.stop.soft) or self.running:
            self._fill(todo)
            ready, _ = self.ray.wait(list(self.running), num_returns=1, timeout=0.2)
            self._enforce_stop()
            for ref in ready:
                entry = self.running.pop(ref)
                self.done(self._outcome(ref, entry), entry)

    def _fill(self, todo: deque[Entry]) -> None:
        while todo and not self.stop.soft and len(self.running) < self.window:
            entry = todo.popleft()
            try:
                shipped = ship_entry(entry)
            except OSError as exc:  # gone or unreadable since discovery
                self.done(JobOutcome(entry.name, "failed", time.time(), 0.0,
                                     error_ko=f"제출물을 읽지 못했습니다: {exc}"), entry)
                continue
            self.running[self.task.remote(self.config_ref, shipped, self.batch_id)] = entry
            self.listener.started(entry)

    def _enforce_stop(self) -> None:
        if self.stop.hard and not self.cancelled:
            self.cancelled = True
            for ref in self.running:
                self.ray.cancel(ref, force=True)

    def _outcome(self, ref: Any, entry: Entry) -> JobOutcome:
        """The job the task returned, published to ``OUT``; a Ray failure as a failed job."""
        started = time.time()
        try:
            remote: RemoteOutcome = self.ray.get(ref)
        except self.ray.exceptions.RayError as exc:
            status: JobStatus = "interrupted" if self.stop.soft else "failed"
            log.warning("Ray task of %s failed: %r", entry.name, exc)
            return JobOutcome(entry.name, status, started, 0.0, error_ko=failure_ko(exc))
        if remote.job.status in ("graded", "rejected"):
            try:
                self._publish(entry.name, remote)
            except OSError as exc:
                return JobOutcome(entry.name, "failed", started, 0.0,
                                  error_ko=f"리포트를 출력 폴더에 쓰지 못했습니다: {exc}")
        return remote.job

    def _publish(self, name: str, remote: RemoteOutcome) -> None:
        staging = staging_dir(self.config.out_dir, name)
        write_tree(remote.files, staging)
        publish(staging, self.config.out_dir / name)


def failure_ko(exc: Exception) -> str:
    """Why a Ray task gave no result, in Korean (by the exception's class name, so the
    mapping needs no Ray import)."""
    kind = type(exc).__name__
    cause = getattr(exc, "cause", None)
    if isinstance(cause, GraderError):  # the task could not load the assignment or kernel
        return f"Ray 노드에서 채점을 준비하지 못했습니다: {cause.message_ko}"
    if kind in ("NodeDiedError", "WorkerCrashedError", "ActorDiedError", "LocalRayletDiedError"):
        return (f"채점 작업을 맡은 Ray 노드나 작업 프로세스가 멈췄고, {MAX_RETRIES}번 다시 "
                "시도해도 끝내지 못했습니다.")
    if kind == "OutOfMemoryError":
        return "Ray 노드의 메모리가 부족해 채점 작업이 중단되었습니다 (다시 시도해도 같았습니다)."
    if kind == "TaskCancelledError":
        return "채점 작업이 취소되었습니다."
    if kind in ("ObjectLostError", "ObjectFetchTimedOutError", "OwnerDiedError"):
        return "Ray가 채점 결과를 잃어버렸습니다 (결과를 가진 노드가 멈췄습니다)."
    if kind in ("RuntimeEnvSetupError", "TaskUnschedulableError"):
        return f"Ray가 이 채점 작업을 시작하지 못했습니다: {exc}"
    return f"Ray 채점 작업이 실패했습니다: {kind}: {str(exc)[:300]}"
