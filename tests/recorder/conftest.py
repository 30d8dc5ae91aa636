"""Recorder tests: testing mode on by default, every patch reverted after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from grader.recorder import hooks, safety, sink


@pytest.fixture(autouse=True)
def _clean_recorder(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("GRADER_RECORDER_TESTING", "1")
    yield
    safety.revert_all()
    safety.set_error_handler(None)
    hooks.clear()
    sink.install(None)
