"""Every limit hit carries a reason code for machines (result.json) and the report."""

from __future__ import annotations

import pytest

from grader.records.execution import LimitHit


@pytest.mark.parametrize(
    ("kind", "limit", "code"),
    [
        ("cell_timeout", "20s", "TIME_LIMIT"),
        ("total_timeout", "60s", "TIME_LIMIT"),
        ("memory", "384MiB", "MEMORY_LIMIT"),
        ("output_cap", "64KiB", "OUTPUT_LIMIT"),
        ("kernel_died", "", "KERNEL_DIED"),
        ("other", "disk 48MiB", "DISK_LIMIT"),
        ("other", "processes 64", "PROCESS_LIMIT"),
        ("other", "CPU 60s", "TIME_LIMIT"),
        ("other", "network (none in the sandbox)", "NETWORK_BLOCKED"),
        ("other", "something new", "OTHER_LIMIT"),
    ],
)
def test_the_code_follows_the_kind_and_the_limit(kind, limit, code):
    hit = LimitHit(kind=kind, limit=limit)
    assert hit.code == code
    again = LimitHit.model_validate_json(hit.model_dump_json())
    assert again == hit and '"code":"' + code + '"' in hit.model_dump_json()


def test_a_given_code_is_kept():
    assert LimitHit(kind="other", limit="disk 1MiB", code="OTHER_LIMIT").code == "OTHER_LIMIT"


def test_running_out_of_gpu_memory_has_its_own_code():
    hit = LimitHit(kind="gpu_memory", cell_index=3)
    assert hit.code == "GPU_OOM"
    assert LimitHit.model_validate_json(hit.model_dump_json()) == hit
