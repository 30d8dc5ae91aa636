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

MERGED_USR_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_PATHS = (
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
TMPFS = (("/dev/shm", "1777"), ("/tmp", "1777"), (HOME, "0777"))
"""Private, size-capped, writable folders (one user inside, so world-writable is fine)."""
PROC_MASKED = ("cmdline", "environ", "mountinfo", "mounts", "mountstats")
"""Files of the sandbox's pid 1 (bubblewrap itself: its command line names every host path it
binds) covered with an empty file."""
NAMESPACES = ("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts")
SETPRIV = "/usr/bin/setpriv"


@dataclass(frozen=True)
class Bind:
    """A host path shown inside (read-only unless ``writable``; ``device``: /dev nodes)."""

    src: str
    dest: str
    writable: bool = False
    device: bool = False
    optional: bool = False

    def args(self) -> list[str]:
        """The bwrap options for this bind."""
        option = "--dev-bind" if self.device else "--bind" if self.writable else "--ro-bind"
        return [option + ("-try" if self.optional else ""), self.src, self.dest]


@dataclass(frozen=True)
class BwrapPlan:
    """Everything that varies between sandboxed processes."""

    binds: Sequence[Bind]
    """Python prefixes, the work folder, the data folder, the ipc folder, GPU devices..."""
    env: Mapping[str, str]
    """The complete environment of the command (nothing is inherited)."""
    drop_to: int | None = None
    """Started as root: no user namespace; ``setpriv`` becomes this uid/gid inside, first."""
    chdir: str = WORK_DIR
    limits: SandboxLimits = field(default_factory=SandboxLimits)
    merged_usr: Mapping[str, str] = field(default_factory=dict)
    """``/lib`` style links of the host (``/lib -> usr/lib``); the others are bound."""
    bwrap: str = "bwrap"
    seccomp_fd: int | None = None
    """An open fd of the compiled seccomp filter (``--seccomp``), inherited by bwrap."""


def bwrap_argv(plan: BwrapPlan, command: Sequence[str]) -> list[str]:
    """``bwrap [options] -- [setpriv ...] command`` for ``plan``."""
    argv = [plan.bwrap, *_namespace_args(plan), "--die-with-parent", "--new-session"]
    argv += ["--hostname", "sandbox", "--clearenv"]
    for name, value in sorted(plan.env.items()):
        argv += ["--setenv", name, value]
    argv += ["--ro-bind", "/usr", "/usr"]
    for path in MERGED_USR_LINKS:
        target = plan.merged_usr.get(path)
        argv += ["--symlink", target, path] if target else ["--ro-bind-try", path, path]
    for path in ETC_PATHS:
        argv += ["--ro-bind-try", path, path]
    argv += ["--proc", "/proc", "--dev", "/dev"]
    size = str(plan.limits.tmp_mib * MIB)
    for path, mode in TMPFS:
        argv += ["--size", size, "--perms", mode, "--tmpfs", path]
    for path in _parents_to_create(plan.binds):
        argv += ["--perms", "0755", "--dir", path]
    for bind in plan.binds:
        argv += bind.args()
    if plan.seccomp_fd is not None:
        argv += ["--seccomp", str(plan.seccomp_fd)]
    argv += ["--remount-ro", "/", "--chdir", plan.chdir, "--"]
    return argv + _drop_args(plan.drop_to) + list(command)


def _namespace_args(plan: BwrapPlan) -> list[str]:
    if plan.drop_to is not None:  # root: a user namespace would map the sandbox to host root
        return [*NAMESPACES, "--unshare-cgroup-try"]
    return ["--unshare-all", "--unshare-user", "--disable-userns"]


def _drop_args(uid: int | None) -> list[str]:
    if uid is None:
        return []
    ids = str(uid)
    caps = ["--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
    return [SETPRIV, "--reuid", ids, "--regid", ids, "--clear-groups", *caps, "--"]


def _parents_to_create(binds: Sequence[Bind]) -> list[str]:
    """Folders above bind targets that the sandbox root lacks, made traversable (0755)."""
    mounted = ("/usr", "/proc", "/dev", *(b.dest for b in binds))
    exists = {"/", "/tmp", HOME, *mounted}
    parents: set[str] = set()
    for bind in binds:
        for parent in map(str, PurePosixPath(bind.dest).parents):
            if parent not in exists and not any(parent.startswith(m + "/") for m in mounted):
                parents.add(parent)
    return sorted(parents, key=lambda p: (p.count("/"), p))


def inside_cwd(rel: PurePosixPath) -> str:
    """The folder inside that matches ``rel`` under the submission root."""
    return str(PurePosixPath(WORK_DIR, *[p for p in rel.parts if p not in ("", ".", "..")]))
