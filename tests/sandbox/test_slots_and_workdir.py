"""Slot leases and the host-side work folder helpers."""

from __future__ import annotations

import os

import pytest

from grader.errors import SandboxError
from grader.sandbox.slots import SlotPool
from grader.sandbox.workdir import chown_tree, tree_size


def test_slots_are_exclusive_across_pools_sharing_a_lock_dir(tmp_path):
    first, second = SlotPool("s", 2, tmp_path), SlotPool("s", 2, tmp_path)
    a = first.try_acquire()
    b = second.try_acquire()
    assert a and b and a.index != b.index
    assert first.try_acquire() is None
    with pytest.raises(SandboxError):
        second.acquire(timeout_s=0.1, poll_s=0.05)
    a.release()
    assert second.try_acquire() is not None


def test_tree_size_counts_files_not_symlink_targets(tmp_path):
    (tmp_path / "a").write_bytes(b"x" * 10000)
    big = tmp_path.parent / "big-outside"
    big.write_bytes(b"y" * 1_000_000)
    (tmp_path / "link").symlink_to(big)
    size, entries = tree_size(tmp_path)
    assert 10000 <= size < 100_000 and entries == 2


@pytest.mark.skipif(os.geteuid() != 0, reason="chown needs root")
def test_chown_tree_does_not_follow_symlinks(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("secret")
    root = tmp_path / "root"
    root.mkdir()
    (root / "f").write_text("x")
    (root / "link").symlink_to(victim)
    chown_tree(root, 61999, 61999)
    assert (root / "f").stat().st_uid == 61999
    assert victim.stat().st_uid == 0


def test_each_lease_is_remembered_with_its_span_on_the_boot_clock(tmp_path):
    from grader.sandbox.slots import boot_clock, leased_here

    pool = SlotPool("spans-test", 2, lock_dir=tmp_path)
    before = boot_clock()
    with pool.acquire() as lease:
        [(start, end)] = leased_here("spans-test")[lease.index]
        assert before <= start <= boot_clock() and end is None
    [(start, end)] = leased_here("spans-test")[lease.index]
    assert end is not None and start <= end <= boot_clock()
    assert leased_here("another-pool") == {}
