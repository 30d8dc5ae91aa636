"""Sandbox stage: where untrusted notebooks (and later apps) run.

Backends are registered by name: ``bwrap`` (default on Linux) and ``none`` (trusted code
only, warns). A container backend would register itself the same way.
"""

from grader.sandbox.base import (
    DEFAULT_SANDBOX_LIMITS,
    CommandResult,
    Sandbox,
    SandboxLimits,
    backend_names,
    get_backend,
    register_backend,
)
from grader.sandbox.bwrap import BwrapSandbox
from grader.sandbox.gpu import GpuInfo, GpuLease, GpuLeasePool, discover_gpus
from grader.sandbox.none import NoSandbox
from grader.sandbox.service import Service

register_backend("bwrap", BwrapSandbox)
register_backend("none", NoSandbox)

__all__ = [
    "DEFAULT_SANDBOX_LIMITS",
    "BwrapSandbox",
    "CommandResult",
    "GpuInfo",
    "GpuLease",
    "GpuLeasePool",
    "NoSandbox",
    "Sandbox",
    "SandboxLimits",
    "Service",
    "backend_names",
    "discover_gpus",
    "get_backend",
    "register_backend",
]
