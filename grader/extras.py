"""Optional features and the extras that install them (``pip install 'grader[run,apps]'``).

The core install checks notebooks and grades stored outputs; executing notebooks needs the
``run`` extra (the sandbox's seccomp filter) and probing apps the ``apps`` extra (HTTP and
Gradio clients). :func:`require` says in Korean which extra to install instead of failing
later with ``ModuleNotFoundError``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable

from grader.errors import MissingExtraError

__all__ = ["EXTRAS", "missing_modules", "require"]

EXTRAS: dict[str, tuple[str, ...]] = {
    "run": ("pyseccomp",),
    "apps": ("httpx", "gradio_client"),
    "cluster": ("ray",),
}
"""Extra name → the top-level modules it provides."""

_FEATURE_KO = {
    "run": "노트북 실행(--run)",
    "apps": "앱 확인(--run의 앱 프로브)",
    "cluster": "Ray 클러스터 채점(--backend ray)",
}


def missing_modules(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here."""
    return [name for name in EXTRAS[extra] if importlib.util.find_spec(name) is None]


def require(extras: Iterable[str]) -> None:
    """Raise :class:`MissingExtraError` naming the install command when any is missing."""
    lacking = {extra: missing_modules(extra) for extra in extras}
    lacking = {extra: names for extra, names in lacking.items() if names}
    if not lacking:
        return
    features = ", ".join(_FEATURE_KO[e] for e in lacking)
    modules = ", ".join(name for names in lacking.values() for name in names)
    raise MissingExtraError(
        f"{features}에 필요한 패키지가 설치되어 있지 않습니다 (없는 모듈: {modules}). "
        f"pip install 'grader[{','.join(lacking)}]'로 설치하세요.",
        detail=modules,
    )
