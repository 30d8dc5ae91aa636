"""Attacks on what the kernel may do inside: namespaces, tracing, mounts, kernel interfaces,
the sandbox's own command line, the grader's code and the recorder, forged training logs."""

from __future__ import annotations

import platform

import pytest

from grader.evidence.build import notebook_evidence
from tests.security.harness import exec_limits

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]

CALL = (
    "import ctypes, os\n"
    "libc = ctypes.CDLL(None, use_errno=True)\n"
    "def call(name, *args):\n"
    "    result = getattr(libc, name)(*args)\n"
    "    print(name, 'ALLOWED' if result >= 0 else 'refused', os.strerror(ctypes.get_errno()))\n"
)
SYSCALL_NUMBERS = {
    "x86_64": {"keyctl": 250, "bpf": 321, "perf_event_open": 298, "userfaultfd": 323},
    "aarch64": {"keyctl": 219, "bpf": 280, "perf_event_open": 241, "userfaultfd": 282},
}


def test_a_user_namespace_cannot_be_made(arena):
    run = arena.run(
        "import subprocess\n"
        "done = subprocess.run(['unshare', '-U', '-r', 'id'], capture_output=True, text=True)\n"
        "print('exit', done.returncode, done.stdout.strip() or done.stderr.strip())\n"
        + CALL + "call('unshare', 0x10000000)\ncall('unshare', 0x00020000)"
    )
    assert "exit 0" not in run.text and "uid=0" not in run.text
    assert run.text.count("unshare refused") == 2


def test_ptrace_is_refused(arena):
    run = arena.run(
        CALL + "call('ptrace', 0, 0, 0, 0)\n"  # PTRACE_TRACEME
        "import subprocess\n"
        "child = subprocess.Popen(['sleep', '5'])\n"
        "call('ptrace', 16, child.pid, 0, 0)\n"  # PTRACE_ATTACH to its own child
        "child.kill()"
    )
    assert run.text.count("ptrace refused Operation not permitted") == 2


def test_mount_is_refused(arena):
    run = arena.run(
        CALL + "call('mount', b'none', b'/tmp', b'tmpfs', 0, None)\ncall('umount2', b'/tmp', 2)"
    )
    assert "mount refused" in run.text and "umount2 refused" in run.text


@pytest.mark.skipif(platform.machine() not in SYSCALL_NUMBERS, reason="syscall numbers")
def test_kernel_interfaces_with_a_history_of_escalations_are_refused(arena):
    numbers = SYSCALL_NUMBERS[platform.machine()]
    calls = "".join(f"call('syscall', {n})  # {name}\n" for name, n in numbers.items())
    run = arena.run(CALL + calls)
    assert run.text.count("syscall refused Operation not permitted") == len(numbers), run.text


def test_threads_processes_and_pools_still_work(arena):
    run = arena.run(
        "import os, threading, subprocess, multiprocessing as mp\n"
        "t = threading.Thread(target=print, args=('thread ok',)); t.start(); t.join()\n"
        "print(subprocess.run(['echo', 'subprocess ok'], capture_output=True, text=True).stdout)\n"
        "with mp.get_context('fork').Pool(2) as pool:\n    print('pool', sum(pool.map(abs, [-1, -2])))"
    )
    assert "thread ok" in run.text and "subprocess ok" in run.text and "pool 3" in run.text
    assert run.notebook.ran_to_end


def test_the_sandbox_command_line_and_mounts_are_not_readable(arena):
    run = arena.run(
        "for name in ['cmdline', 'environ', 'mountinfo', 'mounts']:\n"
        "    try:\n        print(name, repr(open(f'/proc/1/{name}', 'rb').read()[:200]))\n"
        "    except OSError as e:\n        print(name, 'blocked', e.errno)"
    )
    assert "bwrap" not in run.text and "--bind" not in run.text
    assert str(arena.work) not in run.text and "grader-run-" not in run.text
    assert run.text.count("b''") + run.text.count("blocked") == 4


def test_the_grader_is_not_importable_inside(arena):
    run = arena.run(
        "import importlib.util, sys\n"
        "print('grader', importlib.util.find_spec('grader'))\n"
        "print('paths', [p for p in sys.path if 'grader' in p and 'kernels' not in p])\n"
        "import grader"
    )
    assert "grader None" in run.text and "paths []" in run.text
    assert run.notebook.error is not None and run.notebook.error.ename == "ModuleNotFoundError"


def test_the_recorder_cannot_be_imported_by_name(arena):
    run = arena.run(
        "import sys\nprint('loaded', sorted(n for n in sys.modules if 'recorder' in n))",
        "import _grader_recorder",
    )
    assert "loaded []" in run.text
    assert run.notebook.error is not None and run.notebook.error.ename == "ModuleNotFoundError"
    assert run.notebook.trace is not None and not run.notebook.trace.errors  # it still records


def test_a_printed_training_log_is_not_a_run(arena):
    forged = "".join(f"print('Epoch {e}/50 - loss: 0.{90 - e} - val_accuracy: 0.99')\n" for e in range(1, 51))
    run = arena.run("x = 1", forged)
    evidence = notebook_evidence(run.notebook, None)
    assert "Epoch 50/50" in run.text and evidence.runs == ()


def test_input_fails_at_once(arena):
    run = arena.run("name = input('이름: ')", "print('after')", limits=exec_limits(20))
    assert run.notebook.error is not None and run.notebook.error.cell_index == 0
    assert "stdin" in run.notebook.error.evalue.lower() or "StdinNotImplemented" in run.notebook.error.ename
    assert run.wall_s < 10 and "after" not in run.text


def test_a_spinner_that_ignores_sigint_is_killed_at_its_limit(arena):
    run = arena.run(
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
        "print('after')",
        limits=exec_limits(2),
    )
    assert {h.code for h in run.notebook.limit_hits} == {"TIME_LIMIT"}
    assert run.notebook.error is not None and run.notebook.error.cell_index == 0
    assert run.wall_s < 15 and "after" not in run.text


def test_a_network_call_is_reported_as_blocked(arena):
    run = arena.run("import urllib.request\nurllib.request.urlopen('http://example.com', timeout=3)")
    codes = {(h.code, h.cell_index) for h in run.notebook.limit_hits}
    assert ("NETWORK_BLOCKED", 0) in codes
