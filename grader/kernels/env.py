"""Where course kernels live, what a built one records, and finding the one a pack runs in."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.errors import KernelEnvError
from grader.kernels.spec import DEFAULT_NAME, KernelRequest

MANIFEST = "grader-kernel.json"
"""Written last by a successful build: what was asked for (its digest) and when."""


def kernels_home() -> Path:
    """``$GRADER_KERNELS``, else ``$XDG_DATA_HOME/grader/kernels`` (``~/.local/share/...``)."""
    override = os.environ.get("GRADER_KERNELS")
    if override:
        return Path(override).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "grader" / "kernels"


@dataclass(frozen=True)
class KernelEnv:
    """One course kernel's environment folder (a virtualenv without the grader in it)."""

    name: str
    root: Path

    @classmethod
    def named(cls, name: str = DEFAULT_NAME, home: Path | None = None) -> KernelEnv:
        return cls(name, (home or kernels_home()) / name)

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def manifest(self) -> dict[str, Any] | None:
        """The build record, or ``None`` when the kernel was never (completely) built."""
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def is_built(self) -> bool:
        return self.manifest() is not None and self.python.exists()

    def matches(self, request: KernelRequest) -> bool:
        """Built from exactly ``request`` (same packages, constraints and Python)."""
        manifest = self.manifest()
        if manifest is None:
            return False
        return manifest.get("digest") == request.digest() and self.python.exists()


def missing_kernel_ko(env: KernelEnv, pack_id: str | None) -> str:
    """How to build the kernel that is missing, in Korean."""
    command = "grader kernel build" + (f" --pack {pack_id}" if env.name != DEFAULT_NAME else "")
    return (
        f"학생 노트북을 실행할 코스 커널이 아직 없습니다: {env.name} ({env.root}). "
        f"`{command}`로 만든 뒤 다시 실행하세요(`make setup`이 기본 커널을 만듭니다). "
        "저장된 출력으로 채점하려면 --no-run을 쓰세요."
    )


def require_built(env: KernelEnv, pack_id: str | None = None) -> Path:
    """The kernel's Python; :class:`KernelEnvError` (Korean, with the command) when absent."""
    if not env.is_built():
        raise KernelEnvError(missing_kernel_ko(env, pack_id), code="kernel_missing")
    return env.python
