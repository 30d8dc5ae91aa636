"""Where course kernels live and when one counts as built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.errors import KernelEnvError
from grader.kernels.env import KernelEnv, kernels_home, require_built
from grader.kernels.spec import kernel_request


def test_home_follows_grader_kernels_then_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRADER_KERNELS", str(tmp_path / "k"))
    assert kernels_home() == tmp_path / "k"
    monkeypatch.delenv("GRADER_KERNELS")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert kernels_home() == tmp_path / "data" / "grader" / "kernels"


def fake_built(env: KernelEnv, digest: str) -> None:
    (env.root / "bin").mkdir(parents=True)
    env.python.write_text("", encoding="utf-8")
    env.manifest_path.write_text(json.dumps({"digest": digest}), encoding="utf-8")


def test_a_kernel_without_manifest_is_not_built(tmp_path: Path) -> None:
    env = KernelEnv.named(home=tmp_path)
    (env.root / "bin").mkdir(parents=True)
    env.python.write_text("", encoding="utf-8")  # an interrupted build: python, no manifest
    assert not env.is_built()
    with pytest.raises(KernelEnvError) as caught:
        require_built(env)
    assert caught.value.code == "kernel_missing"
    assert "`grader kernel build`" in caught.value.message_ko and "--no-run" in caught.value.message_ko


def test_a_pack_kernel_names_its_pack_in_the_fix(tmp_path: Path) -> None:
    env = KernelEnv.named("course-nlp", home=tmp_path)
    with pytest.raises(KernelEnvError) as caught:
        require_built(env, "nlp")
    assert "`grader kernel build --pack nlp`" in caught.value.message_ko


def test_matches_only_the_request_it_was_built_from(tmp_path: Path) -> None:
    env = KernelEnv.named(home=tmp_path)
    request = kernel_request()
    fake_built(env, request.digest())
    assert env.is_built() and env.matches(request)
    assert require_built(env) == env.python
    assert not env.matches(kernel_request("p", ("konlpy",)))
