"""The sandbox's seccomp filter: the system calls student code never needs, refused.

Built once per process with libseccomp (through ``pyseccomp``, its ctypes binding) and handed
to bubblewrap as a compiled BPF program (``bwrap --seccomp FD``), which installs it just before
the sandboxed command starts. Refused calls fail with ``EPERM``; ``clone3`` fails with
``ENOSYS`` so the C library falls back to ``clone``, whose flags the filter can read: a new
namespace of any kind is refused, ordinary threads and processes are not.
"""

from __future__ import annotations

import errno
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from grader.errors import SandboxError

DENIED = (
    # namespaces and mounts: no user namespace inside, no new mount table
    "unshare",
    "setns",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "move_mount",
    "open_tree",
    "mount_setattr",
    # looking into or steering other processes
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "pidfd_getfd",
    # kernel interfaces with a long record of privilege escalations
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "io_uring_setup",
    "open_by_handle_at",
    "name_to_handle_at",
    # the machine itself
    "kexec_load",
    "kexec_file_load",
    "init_module",
    "finit_module",
    "delete_module",
    "reboot",
    "swapon",
    "swapoff",
    "acct",
    "quotactl",
    "syslog",
    "settimeofday",
    "clock_settime",
    "clock_adjtime",
    "adjtimex",
    "iopl",
    "ioperm",
    "vhangup",
)
"""System calls refused with ``EPERM`` (names unknown to this architecture are skipped)."""

NAMESPACE_FLAGS = (
    0x10000000,  # CLONE_NEWUSER
    0x00020000,  # CLONE_NEWNS
    0x20000000,  # CLONE_NEWPID
    0x40000000,  # CLONE_NEWNET
    0x04000000,  # CLONE_NEWUTS
    0x08000000,  # CLONE_NEWIPC
    0x02000000,  # CLONE_NEWCGROUP
)

UNAVAILABLE_KO = (
    "샌드박스의 시스템 호출 필터(seccomp)를 만들지 못해 학생 노트북을 실행하지 않았습니다. "
    "libseccomp2(`sudo apt-get install -y libseccomp2`)와 pyseccomp(`make setup`)이 "
    "설치되어 있는지 확인하세요."
)


@lru_cache(maxsize=1)
def filter_program() -> bytes:
    """The compiled BPF filter for this machine's architecture (built once)."""
    try:
        import pyseccomp as seccomp  # optional (the `run` extra): a missing one is a SandboxError

        rules = seccomp.SyscallFilter(seccomp.ALLOW)
        for name in DENIED:
            _deny(rules, seccomp, name, seccomp.ERRNO(errno.EPERM))
        _deny(rules, seccomp, "clone3", seccomp.ERRNO(errno.ENOSYS))
        for flag in NAMESPACE_FLAGS:
            rules.add_rule(
                seccomp.ERRNO(errno.EPERM), "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag)
            )
        with tempfile.TemporaryFile() as handle:
            rules.export_bpf(handle)
            handle.seek(0)
            return handle.read()
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        raise SandboxError(UNAVAILABLE_KO, code="seccomp_unavailable", detail=repr(exc)) from None


def _deny(rules: object, seccomp: object, name: str, action: object) -> None:
    try:
        rules.add_rule(action, name)  # type: ignore[attr-defined]
    except (ValueError, RuntimeError, OSError):  # not a system call of this architecture
        return


def open_program(folder: Path) -> int:
    """An inheritable read fd of the filter (written into ``folder``), for ``bwrap --seccomp``."""
    path = folder / "seccomp.bpf"
    path.write_bytes(filter_program())
    fd = os.open(path, os.O_RDONLY)
    os.set_inheritable(fd, True)
    return fd
