"""The complete environment a sandboxed process gets: nothing of the grader's is inherited."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from grader.sandbox.bwrap_args import DATA_DIR, HOME

BASE_ENV = {
    "HOME": HOME,
    "USER": "student",
    "LOGNAME": "student",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TMPDIR": "/tmp",
    "PYTHONNOUSERSITE": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "MPLCONFIGDIR": f"{HOME}/.config/matplotlib",
}

DATA_ENV = {
    "GRADER_DATA": DATA_DIR,
    "KERAS_HOME": f"{DATA_DIR}/keras",
    "TORCH_HOME": f"{DATA_DIR}/torch",
    "TFDS_DATA_DIR": f"{DATA_DIR}/tensorflow_datasets",
    "HF_HOME": f"{DATA_DIR}/huggingface",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_OFFLINE": "1",
    "XDG_CACHE_HOME": f"{DATA_DIR}/cache",
}
"""Where dataset loaders look when the assignment's data folder is mounted at ``/data``."""


def sandbox_env(
    python_bin: Path, *, data: bool, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment inside: fixed values, the data variables and ``extra`` (e.g. GPU)."""
    env = dict(BASE_ENV)
    env["PATH"] = f"{python_bin}:/usr/local/bin:/usr/bin:/bin"
    if data:
        env.update(DATA_ENV)
    env.update(extra or {})
    return env
