"""GPU discovery and leasing with a fake inventory (no GPU on the development machine)."""

from __future__ import annotations

import pytest

from grader.sandbox.gpu import GpuLeasePool, discover_gpus, parse_nvidia_smi

FAKE_SMI = (
    "0, GPU-aaaa-0000, NVIDIA A100-SXM4-40GB, 40960\n"
    "1, GPU-bbbb-1111, NVIDIA A100-SXM4-40GB, 40960\n"
)


def test_parse_nvidia_smi_csv():
    gpus = parse_nvidia_smi(FAKE_SMI + "garbage line\n")
    assert [(g.index, g.uuid, g.memory_mib) for g in gpus] == [
        (0, "GPU-aaaa-0000", 40960),
        (1, "GPU-bbbb-1111", 40960),
    ]


def test_discover_with_a_fake_runner():
    seen = []
    gpus = discover_gpus(runner=lambda argv: seen.append(argv) or FAKE_SMI)
    assert len(gpus) == 2 and "--query-gpu=index,uuid,name,memory.total" in seen[0]


@pytest.fixture
def pool(tmp_path):
    return GpuLeasePool(parse_nvidia_smi(FAKE_SMI), jobs_per_gpu=2, lock_dir=tmp_path)


def test_leases_spread_over_gpus_then_share_them(pool):
    leases = [pool.try_acquire(0.5) for _ in range(4)]
    assert all(leases)
    assert sorted(lease.gpu.index for lease in leases) == [0, 0, 1, 1]
    assert pool.try_acquire() is None
    leases[0].release()
    again = pool.try_acquire()
    assert again is not None and again.gpu.index == leases[0].gpu.index


def test_shared_lease_env_pins_the_gpu_and_caps_memory(pool):
    lease = pool.try_acquire(0.25)
    env = lease.env()
    assert env["CUDA_VISIBLE_DEVICES"] == lease.gpu.uuid
    assert env["TF_FORCE_GPU_ALLOW_GROWTH"] == "true"
    assert env["GRADER_GPU_MEMORY_MIB"] == str(40960 // 4)
    assert env["XLA_PYTHON_CLIENT_MEM_FRACTION"] == "0.25"


def test_lease_binds_only_its_own_device(pool):
    lease = pool.try_acquire()
    dests = [b.dest for b in lease.binds()]
    assert f"/dev/nvidia{lease.gpu.index}" in dests and "/dev/nvidiactl" in dests
    other = 1 - lease.gpu.index
    assert f"/dev/nvidia{other}" not in dests
    assert all(b.optional for b in lease.binds())


def test_no_gpu_means_no_lease(tmp_path):
    assert GpuLeasePool((), lock_dir=tmp_path).acquire() is None


ONE_GPU = "0, GPU-cccc-2222, NVIDIA T4, 16384\n"


def test_the_pack_memory_sets_how_many_notebooks_share_a_gpu(tmp_path):
    pool = GpuLeasePool(parse_nvidia_smi(FAKE_SMI + "2, GPU-dddd, small, 6000\n"),
                        lock_dir=tmp_path, job_memory_mib=8000)
    assert [pool.capacity(g) for g in pool.gpus] == [5, 5, 1]
    lease = pool.try_acquire()
    assert lease.memory_mib == 8000 and lease.shared
    assert lease.env()["GRADER_GPU_MEMORY_MIB"] == "8000"


def test_two_notebooks_share_a_gpu_and_a_third_waits(tmp_path):
    import threading

    pool = GpuLeasePool(parse_nvidia_smi(ONE_GPU), lock_dir=tmp_path, job_memory_mib=7000)
    first, second = pool.try_acquire(), pool.try_acquire()
    assert first and second and first.gpu == second.gpu
    assert pool.try_acquire() is None
    got: list[object] = []
    third = threading.Thread(target=lambda: got.append(pool.acquire(timeout_s=30)))
    third.start()
    third.join(timeout=1.2)
    assert third.is_alive() and got == []  # still waiting for a share
    second.release()
    third.join(timeout=5)
    assert not third.is_alive() and got and got[0].gpu == first.gpu


def test_a_gpu_too_small_for_the_pack_still_runs_one_notebook(tmp_path):
    pool = GpuLeasePool(parse_nvidia_smi(ONE_GPU), lock_dir=tmp_path, job_memory_mib=40000)
    lease = pool.try_acquire()
    assert lease is not None and lease.memory_mib == 16384 and not lease.shared
    assert pool.try_acquire() is None


def test_a_waiting_notebook_gives_up_with_a_korean_error(tmp_path):
    from grader.errors import SandboxError

    pool = GpuLeasePool(parse_nvidia_smi(ONE_GPU), lock_dir=tmp_path)
    assert pool.try_acquire() is not None
    with pytest.raises(SandboxError, match="GPU"):
        pool.acquire(timeout_s=0.6)
