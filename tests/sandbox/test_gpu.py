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
