"""``make_executor`` wires the bwrap sandbox by default and explains when it cannot."""

from __future__ import annotations

import shutil

import pytest

from grader import api
from grader.errors import SandboxError
from grader.execute.sandboxed import SandboxedExecutor
from grader.pipeline import load_assignment
from grader.sandbox import BwrapSandbox, NoSandbox
from grader.sandbox.none import NoSandboxWarning


def test_missing_bwrap_raises_a_korean_install_hint(monkeypatch):
    monkeypatch.setattr(
        "grader.sandbox.bwrap.shutil.which", lambda name: None if name == "bwrap" else "x"
    )
    monkeypatch.setattr(BwrapSandbox, "__init__", _init_with_missing_bwrap)
    with pytest.raises(SandboxError) as caught:
        api.make_executor(run=True, sandbox=True, assignment=load_assignment(None))
    assert "apt-get install -y bubblewrap" in caught.value.message_ko
    assert caught.value.code == "sandbox_missing"


_original_init = BwrapSandbox.__init__


def _init_with_missing_bwrap(self, *args, **kw):
    _original_init(self, *args, **{**kw, "bwrap": "/nonexistent/bwrap"})


@pytest.mark.sandbox
@pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")
def test_run_uses_the_sandbox_by_default():
    try:
        executor = api.make_executor(run=True, sandbox=True, assignment=load_assignment(None))
    except SandboxError as exc:
        pytest.skip(f"bwrap not usable here: {exc.detail}")
    assert isinstance(executor, SandboxedExecutor) and executor.sandboxed


def test_no_sandbox_backend_warns():
    with pytest.warns(NoSandboxWarning):
        backend = NoSandbox()
    assert backend.sandboxed is False


def test_a_gpu_pack_leases_gpus_by_its_memory_per_notebook(monkeypatch, tmp_path):
    import dataclasses

    from grader.assignments.pack import AssignmentPack
    from grader.sandbox.gpu import parse_nvidia_smi

    seen: dict[str, object] = {}

    class Backend:
        def probe(self) -> None:
            seen["probed"] = True

    def get_backend(name, **kw):
        seen.update(kw)
        return Backend()

    monkeypatch.setattr("grader.sandbox.get_backend", get_backend)
    monkeypatch.setattr(
        "grader.sandbox.discover_gpus", lambda: parse_nvidia_smi("0, GPU-x, T4, 16384\n")
    )
    monkeypatch.setattr("grader.kernels.kernel_python", lambda spec: tmp_path / "python")
    assignment = load_assignment("gan-digits")
    spec = assignment.pack.spec.model_copy(update={"gpu": True, "gpu_memory_mb": 5000})
    assignment = dataclasses.replace(assignment, pack=AssignmentPack(assignment.pack.root, spec))
    api.make_executor(run=True, sandbox=True, assignment=assignment)
    pool = seen["gpus"]
    assert seen["probed"] and [pool.capacity(g) for g in pool.gpus] == [3]
