"""What a Ray task of a batch asks for: CPU, the pack's memory, a GPU or a share of one."""

from __future__ import annotations

import pytest

from grader.assignments.pack import AssignmentSpec, PackLimits
from grader.batch.resources import MAX_RETRIES, WORKER_MIB, gpu_share, task_resources
from grader.sandbox import GpuInfo, GpuLeasePool


def spec(**fields: object) -> AssignmentSpec:
    base = {"id": "p", "title": "과제", "topic": "주제", "framework": "pytorch"}
    return AssignmentSpec.model_validate({**base, **fields})


def test_stored_outputs_ask_one_cpu_and_the_grader_process_memory_only():
    gpu_pack = spec(gpu=True, limits=PackLimits(memory_mb=9000))
    resources = task_resources(gpu_pack, run=False, gpu_memory_mib=16384)
    assert (resources.num_cpus, resources.memory_mib, resources.num_gpus) == (1, WORKER_MIB, 0)


def test_executed_tasks_ask_the_kernel_memory_of_the_pack_on_top():
    resources = task_resources(spec(limits=PackLimits(memory_mb=2048)), run=True,
                               gpu_memory_mib=None)
    assert resources.memory_mib == 2048 + WORKER_MIB and resources.num_gpus == 0
    options = resources.options()
    assert options["memory"] == (2048 + WORKER_MIB) * 2**20 and "num_gpus" not in options


def test_a_gpu_pack_asks_a_whole_gpu_without_gpu_memory_mb_and_a_share_with_it():
    whole = task_resources(spec(gpu=True), run=True, gpu_memory_mib=16384)
    shared = task_resources(spec(gpu=True, gpu_memory_mb=4096), run=True, gpu_memory_mib=16384)
    assert whole.num_gpus == 1.0 and shared.num_gpus == 0.25
    assert shared.options()["num_gpus"] == 0.25
    assert "GPU 0.25개" in shared.describe_ko()


def test_a_gpu_pack_on_a_cluster_without_gpus_runs_on_cpu_as_a_local_batch_does():
    assert task_resources(spec(gpu=True), run=True, gpu_memory_mib=None).num_gpus == 0


@pytest.mark.parametrize(("job", "gpu"), [(1000, 6000), (3000, 10000), (4096, 81559), (7, 80)])
def test_the_share_lets_as_many_tasks_on_a_gpu_as_the_lease_pool_does(job: int, gpu: int):
    share = gpu_share(job, gpu)
    capacity = GpuLeasePool([GpuInfo(0, "GPU-x", "fake", gpu)], job_memory_mib=job).capacity(
        GpuInfo(0, "GPU-x", "fake", gpu))
    assert round(share, 4) == share  # Ray keeps four decimals
    assert capacity * share <= 1.0 < (capacity + 1) * share


def test_unknown_gpu_memory_or_a_job_larger_than_the_gpu_takes_a_whole_gpu():
    assert gpu_share(4096, 0) == 1.0
    assert gpu_share(None, 16384) == 1.0
    assert gpu_share(40000, 16384) == 1.0


def test_node_deaths_are_retried_but_grading_errors_are_not():
    options = task_resources(None, run=False, gpu_memory_mib=None).options()
    assert options["max_retries"] == MAX_RETRIES > 0
    assert options["retry_exceptions"] is False
