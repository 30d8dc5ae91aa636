"""Environment scrubbing, rlimits and the backend registry."""

from __future__ import annotations

import resource
import sys
from pathlib import Path

import pytest

from grader.errors import SandboxError
from grader.sandbox import SandboxLimits, backend_names, get_backend
from grader.sandbox.env import DATA_ENV, sandbox_env
from grader.sandbox.launch import rlimits_for
from grader.sandbox.session import python_prefixes


def test_sandbox_env_inherits_nothing(monkeypatch):
    monkeypatch.setenv("GRADER_SECRET_TOKEN", "s3cr3t")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "x")
    env = sandbox_env(Path("/opt/venv/bin"), data=False)
    assert "GRADER_SECRET_TOKEN" not in env and "AWS_SECRET_ACCESS_KEY" not in env
    assert env["HOME"] == "/home/student" and env["PATH"].startswith("/opt/venv/bin:")
    assert not set(DATA_ENV) & set(env)


def test_data_dir_env_points_into_the_mount():
    env = sandbox_env(Path("/v/bin"), data=True, extra={"CUDA_VISIBLE_DEVICES": "GPU-1"})
    for name in ("KERAS_HOME", "TORCH_HOME", "TFDS_DATA_DIR", "HF_HOME", "XDG_CACHE_HOME"):
        assert env[name].startswith("/data/")
    assert env["CUDA_VISIBLE_DEVICES"] == "GPU-1"


def test_rlimits_address_space_only_without_cgroup():
    limits = SandboxLimits(memory_mib=100, processes=7, file_size_mib=3)
    with_as = dict(rlimits_for(limits, address_space=True))
    without = dict(rlimits_for(limits, address_space=False))
    assert resource.RLIMIT_AS in with_as and resource.RLIMIT_AS not in without
    assert without[resource.RLIMIT_NPROC] <= 7
    assert without[resource.RLIMIT_FSIZE] <= 3 * 1024 * 1024
    assert without[resource.RLIMIT_CORE] == 0


def test_python_prefixes_cover_venv_and_base(tmp_path):
    base = tmp_path / "base"
    (base / "bin").mkdir(parents=True)
    (base / "bin" / "python3").touch()
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python3").symlink_to(base / "bin" / "python3")
    (venv / "pyvenv.cfg").write_text(f"home = {base / 'bin'}\n")
    assert python_prefixes(venv / "bin" / "python3") == sorted([base, venv])


def test_registry_knows_both_backends_and_refuses_others():
    assert {"bwrap", "none"} <= set(backend_names())
    with pytest.raises(SandboxError) as caught:
        get_backend("docker")
    assert "bwrap" in caught.value.message_ko


def test_notebooks_find_the_data_folder_through_grader_data(tmp_path: Path) -> None:
    import warnings

    from grader.sandbox.none import NoSandbox

    assert sandbox_env(Path("/v/bin"), data=True)["GRADER_DATA"] == "/data"
    assert "GRADER_DATA" not in sandbox_env(Path("/v/bin"), data=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        unsandboxed = NoSandbox(data_dir=tmp_path)
    assert unsandboxed.env == {"GRADER_DATA": str(tmp_path.resolve())}
    done = unsandboxed.run_command(
        [sys.executable, "-c", "import os; print(os.environ['GRADER_DATA'])"],
        tmp_path, tmp_path, timeout_s=30,
    )
    assert done.stdout.strip() == str(tmp_path.resolve())
