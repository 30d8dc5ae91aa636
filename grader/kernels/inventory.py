"""``grader kernel show``: what a built course kernel holds, read from its package metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

from grader.kernels.env import KernelEnv
from grader.kernels.spec import KernelRequest


@dataclass(frozen=True)
class Inventory:
    env: KernelEnv
    built: bool
    current: bool
    """Built from the request asked about (False: packages changed since, rebuild)."""
    packages: dict[str, str]
    """Normalised distribution name -> version, of everything installed."""
    missing: tuple[str, ...]
    """Requested names not installed."""
    grader_inside: bool


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(line: str) -> str:
    return normalise(re.split(r"[\s\[<>=!~;,]", line, maxsplit=1)[0])


def inventory(env: KernelEnv, request: KernelRequest) -> Inventory:
    """Installed distributions of ``env`` (no code of the kernel is run to find them)."""
    packages: dict[str, str] = {}
    for site in sorted(env.root.glob("lib/python*/site-packages")):
        for dist in metadata.distributions(path=[str(site)]):
            name = dist.name
            if name:
                packages[normalise(name)] = dist.version
    wanted = [requirement_name(line) for line in request.requirements]
    missing = tuple(name for name in wanted if name not in packages)
    return Inventory(
        env=env,
        built=env.is_built(),
        current=env.matches(request),
        packages=packages,
        missing=missing if env.is_built() else tuple(wanted),
        grader_inside="grader" in packages,
    )
