"""Output floods: the executor outside caps what is kept."""

from __future__ import annotations

import pytest

from tests.security.harness import EXEC_LIMITS, exec_limits

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


def test_endless_output_is_capped_and_stopped(arena):
    run = arena.run("while True:\n    print('x' * 1000)", limits=exec_limits(3))
    assert {"output_cap", "cell_timeout"} <= run.hit_kinds()
    kept = sum(len(o.text.encode()) for c in run.notebook.cells for o in c.outputs)
    assert kept < EXEC_LIMITS.max_output_bytes + 4096


def test_gigantic_single_output_is_capped(arena):
    run = arena.run("print('y' * 30_000_000)", "print('next cell runs')")
    assert "output_cap" in run.hit_kinds()
    assert len(run.executed_path.read_bytes()) < 1024 * 1024
    assert "next cell runs" in run.text
