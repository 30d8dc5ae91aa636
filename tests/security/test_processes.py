"""Process attacks: bombs, runaway loops, daemons, killing the parent, exiting early."""

from __future__ import annotations

import secrets

import pytest

from tests.security.harness import exec_limits, no_sandbox_processes

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


def test_fork_count_stops_at_the_limit(arena):
    run = arena.run(
        "import os, time\n"
        "n = 0\n"
        "for n in range(1000):\n"
        "    try:\n        pid = os.fork()\n"
        "    except OSError as e:\n        print('refused after', n, e.errno); break\n"
        "    if pid == 0:\n        time.sleep(20); os._exit(0)\n"
        "else:\n    print('FORKED ALL')"
    )
    assert "refused after" in run.text and "FORKED ALL" not in run.text
    refused = int(run.text.split("refused after ")[1].split()[0])
    assert refused < 64


def test_fork_bomb_is_contained(arena):
    run = arena.run(
        "import subprocess, time\n"
        "subprocess.Popen(['bash', '-c', 'b(){ b | b & }; b'])\n"
        "time.sleep(2)\nprint('bomb running')",
        "print('still alive')",
    )
    assert run.wall_s < 20
    assert "still alive" in run.text or run.notebook.error is not None


def test_memory_bomb_is_a_memory_limit_hit(arena):
    run = arena.run("blocks = []\nwhile True:\n    blocks.append(bytearray(32 * 1024 * 1024))")
    assert run.notebook.error is not None
    hits = [h for h in run.notebook.limit_hits if h.kind == "memory"]
    assert hits and hits[0].cell_index == 0 and hits[0].limit == "384MiB"
    assert "메모리" in run.notebook.error.evalue


def test_cpu_loop_hits_the_cell_timeout(arena):
    run = arena.run("while True:\n    pass", "print('never')", limits=exec_limits(2))
    assert run.hit_kinds() == {"cell_timeout"}
    assert "never" not in run.text and run.wall_s < 12


def test_sleep_forever_hits_the_total_timeout(arena):
    run = arena.run(
        "import time; time.sleep(1.5)",
        "import time; time.sleep(1.5)",
        "import time; time.sleep(10**6)",
        limits=exec_limits(10, total_s=4),
    )
    assert "total_timeout" in run.hit_kinds() and run.wall_s < 12


def test_daemon_does_not_outlive_the_kernel(arena):
    marker = "grader-daemon-" + secrets.token_hex(4)
    run = arena.run(
        "import os\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        os.execv('/usr/bin/sleep', [{marker!r}, '1000'])\n"
        "    os._exit(0)\n"
        "os.wait()\nprint('daemon started')"
    )
    assert "daemon started" in run.text
    assert no_sandbox_processes(marker)


def test_killing_the_parent_and_everything(arena):
    run = arena.run(
        "import os, signal\n"
        "try:\n    os.kill(os.getppid(), signal.SIGKILL); print('parent killed?')\n"
        "except OSError as e:\n    print('blocked', e.errno)",
        "import subprocess\nsubprocess.run(['bash', '-c', 'kill -9 -1'])",
        "print('unreachable')",
    )
    assert "blocked" in run.text  # the parent is bwrap's init, owned by root or unreachable
    assert run.notebook.error is not None and run.notebook.error.cell_index == 1
    assert "kernel_died" in run.hit_kinds() and "unreachable" not in run.text


def test_sys_exit_at_the_top(arena):
    run = arena.run("import sys\nsys.exit(3)", "print('after exit')")
    assert run.notebook.error is not None and run.notebook.error.cell_index == 0


def test_os_exit_kills_only_the_kernel(arena):
    run = arena.run("import os\nos._exit(0)", "print('after exit')")
    assert "kernel_died" in run.hit_kinds() and "after exit" not in run.text
