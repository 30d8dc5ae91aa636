"""The safe-patch contract, against plain fake targets (no framework)."""

from __future__ import annotations

import inspect
import traceback

import pytest

from grader.recorder import safety


class Target:
    """A fake patch destination."""

    calls = 0

    def fit(self, x: int, epochs: int = 1) -> int:
        """Train."""
        Target.calls += 1
        if x < 0:
            raise ValueError("negative x")
        return x * epochs


@pytest.fixture(autouse=True)
def _reset() -> None:
    Target.calls = 0


def passthrough(call_original, self, *args, **kwargs):
    return call_original(self, *args, **kwargs)


def test_wrapper_keeps_name_doc_signature_and_wrapped() -> None:
    original = Target.fit
    safety.safe_patch(Target, "fit", passthrough)
    assert Target.fit.__name__ == "fit" and Target.fit.__doc__ == "Train."
    assert Target.fit.__wrapped__ is original
    assert str(inspect.signature(Target.fit)) == str(inspect.signature(original))
    assert Target().fit(3, epochs=2) == 6 and Target.calls == 1


def test_original_error_passes_unchanged_with_student_frames() -> None:
    safety.safe_patch(Target, "fit", passthrough)

    def student_code() -> None:
        Target().fit(-1)

    with pytest.raises(ValueError, match="negative x") as info:
        student_code()
    frames = [f.name for f in traceback.extract_tb(info.value.__traceback__)]
    assert "student_code" in frames and frames[-1] == "fit"
    assert "call_original" not in frames  # recorder frames are spliced out (the test's own
    assert frames.count("wrapper") == 1  # patch function lives outside the recorder package)
    assert Target.calls == 1


def test_recorder_error_before_original_is_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_RECORDER_TESTING", "0")
    seen: list[tuple[str, str]] = []
    safety.set_error_handler(lambda where, exc: seen.append((where, str(exc))))

    def broken(call_original, self, *args, **kwargs):
        raise RuntimeError("recorder bug")

    safety.safe_patch(Target, "fit", broken)
    assert Target().fit(2) == 2
    assert Target.calls == 1
    assert seen == [("Target.fit", "recorder bug")]


def test_recorder_error_after_original_runs_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_RECORDER_TESTING", "0")

    def broken_after(call_original, self, *args, **kwargs):
        call_original(self, *args, **kwargs)
        raise RuntimeError("after")

    safety.safe_patch(Target, "fit", broken_after)
    assert Target().fit(4) == 4
    assert Target.calls == 1


def test_swallowed_student_error_is_still_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_RECORDER_TESTING", "0")

    def swallowing(call_original, self, *args, **kwargs):
        try:
            call_original(self, *args, **kwargs)
        except ValueError:
            raise RuntimeError("recorder bug while handling") from None

    safety.safe_patch(Target, "fit", swallowing)
    with pytest.raises(ValueError, match="negative x") as info:
        Target().fit(-5)
    assert info.value.__cause__ is None and Target.calls == 1


def test_testing_mode_raises_recorder_errors() -> None:
    def broken(call_original, self, *args, **kwargs):
        raise RuntimeError("recorder bug")

    safety.safe_patch(Target, "fit", broken)
    with pytest.raises(RuntimeError, match="recorder bug"):
        Target().fit(1)


def test_calling_original_twice_runs_it_once() -> None:
    def twice(call_original, self, *args, **kwargs):
        call_original(self, *args, **kwargs)
        return call_original(self, *args, **kwargs)

    safety.safe_patch(Target, "fit", twice)
    assert Target().fit(5) == 5 and Target.calls == 1


def test_revert_all_restores_own_and_inherited_attributes() -> None:
    class Child(Target):
        pass

    own = Target.__dict__["fit"]
    safety.safe_patch(Target, "fit", passthrough)
    safety.safe_patch(Child, "fit", passthrough)
    assert "fit" in Child.__dict__ and safety.is_patched(Child, "fit")
    safety.revert_all()
    assert Target.__dict__["fit"] is own and "fit" not in Child.__dict__
    assert not safety.is_patched(Target, "fit")


def test_guard_reports_and_returns_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_RECORDER_TESTING", "0")
    seen: list[str] = []
    safety.set_error_handler(lambda where, exc: seen.append(where))
    assert safety.guard("here", lambda: 1 / 0) is None
    assert seen == ["here"]


def test_patched_calls_made_by_the_recorder_pass_through() -> None:
    recorded: list[int] = []

    def recording(call_original, self, x, **kwargs):
        recorded.append(x)
        if x > 0:
            safety.guard("nested", lambda: Target().fit(0))  # recorder code calling fit
        return call_original(self, x, **kwargs)

    safety.safe_patch(Target, "fit", recording)
    assert Target().fit(2) == 2
    assert recorded == [2] and Target.calls == 2


def test_keyboard_interrupt_from_recorder_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_RECORDER_TESTING", "0")

    def interrupted(call_original, self, *args, **kwargs):
        raise KeyboardInterrupt

    safety.safe_patch(Target, "fit", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Target().fit(1)
