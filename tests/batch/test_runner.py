from __future__ import annotations

import pytest

from grader.batch import runner
from grader.pipeline import load_assignment


@pytest.fixture
def assignment():
    return load_assignment("cnn-digits")


def test_stored_outputs_use_every_core(assignment, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(runner.os, "sched_getaffinity", lambda pid: set(range(6)))
    assert runner.default_jobs(assignment, run=False) == 6


def test_executed_jobs_are_bounded_by_memory_and_sandbox_slots(
    assignment, monkeypatch: pytest.MonkeyPatch
):
    memory = assignment.pack.spec.limits.memory_mb
    monkeypatch.setattr(runner.os, "sched_getaffinity", lambda pid: set(range(64)))
    monkeypatch.setattr(runner, "available_mib", lambda: memory * 3 + 1)
    assert runner.default_jobs(assignment, run=True) == 3
    monkeypatch.setattr(runner, "available_mib", lambda: memory * 100)
    assert runner.default_jobs(assignment, run=True) == 8  # BwrapSandbox's slots
    monkeypatch.setattr(runner, "available_mib", lambda: 10)
    assert runner.default_jobs(assignment, run=True) == 1


def test_available_memory_is_read():
    assert runner.available_mib() > 0
