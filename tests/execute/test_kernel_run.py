"""What a failed cell's error says about the limits it reached (no kernel needed)."""

from __future__ import annotations

import pytest

from grader.execute.kernel_run import error_hits, gpu_out_of_memory

TORCH_OOM = (
    "OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total "
    "capacity; 5.12 GiB already allocated)"
)
TF_OOM = (
    "ResourceExhaustedError: {{function_node __wrapped__MatMul}} OOM when allocating tensor "
    "with shape[8192,8192] and type float on /job:localhost/replica:0/task:0/device:GPU:0"
)


@pytest.mark.parametrize(
    ("text", "oom"),
    [
        (TORCH_OOM, True),
        (TF_OOM, True),
        ("RuntimeError: CUDA error: CUDA_ERROR_OUT_OF_MEMORY", True),
        ("RuntimeError: CUDA error: CUBLAS_STATUS_ALLOC_FAILED when calling cublasCreate", True),
        ("MemoryError: Unable to allocate 8.00 GiB for an array", False),
        ("RuntimeError: CUDA error: device-side assert triggered", False),
        ("ValueError: shapes (3,) and (4,) not aligned", False),
    ],
)
def test_gpu_out_of_memory_is_told_apart_from_host_memory_and_other_errors(text, oom):
    assert gpu_out_of_memory(text) is oom


def test_error_hits_name_the_cell_and_the_code():
    [hit] = error_hits(TORCH_OOM, 6)
    assert (hit.kind, hit.code, hit.cell_index) == ("gpu_memory", "GPU_OOM", 6)
    assert error_hits("ValueError: bad", 2) == []
    [network] = error_hits("OSError: [Errno 101] Network is unreachable", 1)
    assert network.code == "NETWORK_BLOCKED"
