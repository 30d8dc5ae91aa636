"""Pure construction of the bubblewrap command line (no I/O, so it is unit-tested)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from grader.sandbox.base import MIB, SandboxLimits

WORK_DIR = "/work/submission"
"""Where the writable submission copy appears inside."""
HOME = "/home/student"
DATA_DIR = "/data"
"""Where the assignment's read-only data folder appears inside."""

SYSTEM_DIRS = ("/usr",)
MERGED_USR_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_FILES = (
    "/etc/alternatives",
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/localtime",
    "/etc/nsswitch.conf",
    "/etc/fonts",
    "/etc/ssl",
    "/etc/mime.types",
)
"""The part of the host's ``/etc`` the sandbox sees (read-only, when present)."""


@dataclass(frozen=True)
class Bind:
    """A host path shown inside; ``fd`` set: bound from that open descriptor instead."""

    src: str
    dest: str
    writable: bool = False
    fd: int | None = None
    device: bool = False

    def args(self) -> list[str]:
        """The bwrap options for this bind."""
        if self.fd is not None:
            return ["--bind-fd" if self.writable else "--ro-bind-fd", str(self.fd), self.dest]
        if self.device:
            return ["--dev-bind-try", self.src, self.dest]
        return ["--bind" if self.writable else "--ro-bind-try", self.src, self.dest]


@dataclass(frozen=True)
class BwrapPlan:
    """Everything that varies between sandboxed processes."""

    binds: Sequence[Bind]
    """Python prefixes, the work folder, the data folder, the ipc folder, GPU devices..."""
    env: Mapping[str, str]
    """The complete environment of the command (nothing is inherited)."""
    chdir: str = WORK_DIR
    limits: SandboxLimits = field(default_factory=SandboxLimits)
    merged_usr: Mapping[str, str] = field(default_factory=dict)
    """``/lib`` style links of the host (``/lib -> usr/lib``); others are bound."""
    bwrap: str = "bwrap"


def bwrap_argv(plan: BwrapPlan, command: Sequence[str]) -> list[str]:
    """``bwrap [options] -- command`` for ``plan``."""
    tmp = str(plan.limits.tmp_mib * MIB)
    argv = [plan.bwrap, "--unshare-all", "--unshare-user", "--disable-userns"]
    argv += ["--die-with-parent", "--new-session", "--hostname", "sandbox"]
    argv += ["--clearenv"]
    for name, value in sorted(plan.env.items()):
        argv += ["--setenv", name, value]
    for path in SYSTEM_DIRS:
        argv += ["--ro-bind", path, path]
    for path in MERGED_USR_LINKS:
        target = plan.merged_usr.get(path)
        argv += ["--symlink", target, path] if target else ["--ro-bind-try", path, path]
    for path in ETC_FILES:
        argv += ["--ro-bind-try", path, path]
    argv += ["--proc", "/proc", "--dev", "/dev"]
    argv += ["--size", tmp, "--tmpfs", "/dev/shm"]
    argv += ["--size", tmp, "--tmpfs", "/tmp", "--size", tmp, "--tmpfs", HOME]
    for bind in plan.binds:
        argv += bind.args()
    argv += ["--remount-ro", "/", "--chdir", plan.chdir, "--", *command]
    return argv


def inside_cwd(rel: PurePosixPath) -> str:
    """The folder inside that matches ``rel`` under the submission root."""
    return str(PurePosixPath(WORK_DIR, *[p for p in rel.parts if p not in ("", ".", "..")]))
