"""The suites' "no process left" check sees only this process's sandboxes: another grader
using the sandbox on the same machine (same slot uids) does not make it fail."""

from __future__ import annotations

import os
import subprocess
import time

import pytest

from grader.sandbox.launch import FIRST_SLOT_UID
from grader.sandbox.slots import SlotPool
from tests.security.harness import sandbox_processes

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="slot uids are used only as root")


def _as_uid(uid: int) -> subprocess.Popen[bytes]:
    def drop() -> None:
        os.setgid(uid)
        os.setuid(uid)

    return subprocess.Popen(["sleep", "30"], preexec_fn=drop)


def test_a_slot_process_of_another_grader_is_not_ours(tmp_path):
    pool = SlotPool("slot", 40, lock_dir=tmp_path)  # the harness looks at the "slot" pool
    with pool.acquire() as lease:
        index = lease.index
    time.sleep(0.05)  # released: what starts with that uid now belongs to someone else
    other = _as_uid(FIRST_SLOT_UID + index)
    try:
        time.sleep(0.2)
        assert other.pid not in sandbox_processes()
    finally:
        other.kill()
        other.wait()


def test_a_process_started_while_we_hold_the_slot_is_ours(tmp_path):
    pool = SlotPool("slot", 40, lock_dir=tmp_path)
    with pool.acquire() as lease:
        mine = _as_uid(FIRST_SLOT_UID + lease.index)
        try:
            time.sleep(0.2)
            assert mine.pid in sandbox_processes()
        finally:
            mine.kill()
            mine.wait()
