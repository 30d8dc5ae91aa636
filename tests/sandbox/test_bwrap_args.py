"""The bubblewrap command line, built without running anything."""

from __future__ import annotations

from pathlib import PurePosixPath

from grader.sandbox.base import SandboxLimits
from grader.sandbox.bwrap_args import Bind, BwrapPlan, bwrap_argv, inside_cwd


def _plan(**kw):
    defaults = {
        "binds": [
            Bind("/opt/py", "/opt/py"),
            Bind("/srv/work/s1", "/work/submission", writable=True),
            Bind("/tmp/grader-run-x/ipc", "/tmp/grader-run-x/ipc", writable=True),
        ],
        "env": {"HOME": "/home/student", "PATH": "/opt/py/bin:/usr/bin"},
        "merged_usr": {"/lib": "usr/lib", "/bin": "usr/bin"},
        "limits": SandboxLimits(tmp_mib=10),
    }
    return BwrapPlan(**{**defaults, **kw})


def _pairs(argv, option):
    return [argv[i + 1] for i, a in enumerate(argv) if a == option]


def test_unprivileged_plan_uses_a_user_namespace_and_no_setpriv():
    argv = bwrap_argv(_plan(), ["python", "-c", "pass"])
    assert argv[:4] == ["bwrap", "--unshare-all", "--unshare-user", "--disable-userns"]
    assert "--die-with-parent" in argv and "--new-session" in argv and "--clearenv" in argv
    assert argv[-4:] == ["--", "python", "-c", "pass"]


def test_root_plan_drops_to_the_slot_uid_inside_without_a_user_namespace():
    argv = bwrap_argv(_plan(drop_to=61003), ["python"])
    assert "--unshare-user" not in argv and "--unshare-all" not in argv
    assert {"--unshare-net", "--unshare-pid", "--unshare-ipc"} <= set(argv)
    tail = argv[argv.index("--") + 1 :]
    assert tail[0] == "/usr/bin/setpriv" and tail[-1] == "python"
    assert tail[tail.index("--reuid") + 1] == "61003" and "--no-new-privs" in tail


def test_environment_is_only_what_the_plan_says():
    argv = bwrap_argv(_plan(), ["python"])
    names = _pairs(argv, "--setenv")
    assert names == ["HOME", "PATH"]
    assert argv.index("--clearenv") < argv.index("--setenv")


def test_only_the_work_and_ipc_folders_are_writable():
    argv = bwrap_argv(_plan(), ["python"])
    assert _pairs(argv, "--bind") == ["/srv/work/s1", "/tmp/grader-run-x/ipc"]
    assert "/opt/py" in _pairs(argv, "--ro-bind")
    assert argv[argv.index("--remount-ro") + 1] == "/"


def test_tmpfs_are_size_capped_and_come_before_binds_under_them():
    argv = bwrap_argv(_plan(), ["python"])
    assert _pairs(argv, "--tmpfs") == ["/dev/shm", "/tmp", "/home/student"]
    assert set(_pairs(argv, "--size")) == {str(10 * 1024 * 1024)}
    assert argv.index("/tmp") < argv.index("/tmp/grader-run-x/ipc")


def test_parent_folders_of_binds_are_created_traversable():
    argv = bwrap_argv(_plan(), ["python"])
    assert _pairs(argv, "--dir") == ["/opt", "/work", "/tmp/grader-run-x"]


def test_merged_usr_links_become_symlinks_and_others_are_bound_if_present():
    argv = bwrap_argv(_plan(), ["python"])
    assert "/lib" in [argv[i + 2] for i, a in enumerate(argv) if a == "--symlink"]
    assert "/lib64" in _pairs(argv, "--ro-bind-try")


def test_device_binds_and_chdir():
    plan = _plan(binds=[Bind("/dev/nvidia0", "/dev/nvidia0", device=True, optional=True)])
    argv = bwrap_argv(plan, ["python"])
    assert "/dev/nvidia0" in _pairs(argv, "--dev-bind-try")
    assert argv[argv.index("--chdir") + 1] == "/work/submission"


def test_inside_cwd_never_leaves_the_work_folder():
    assert inside_cwd(PurePosixPath("team/a")) == "/work/submission/team/a"
    assert inside_cwd(PurePosixPath("../../etc")) == "/work/submission/etc"
    assert inside_cwd(PurePosixPath()) == "/work/submission"


def test_the_seccomp_filter_is_handed_over_by_fd_before_the_command():
    argv = bwrap_argv(_plan(seccomp_fd=7), ["python"])
    assert _pairs(argv, "--seccomp") == ["7"]
    assert argv.index("--seccomp") < argv.index("--")
    assert "--seccomp" not in bwrap_argv(_plan(), ["python"])


def test_masks_over_proc_come_after_proc_is_mounted():
    masks = [Bind("/tmp/grader-run-x/etc/empty", f"/proc/1/{n}") for n in ("cmdline", "mountinfo")]
    argv = bwrap_argv(_plan(binds=masks), ["python"])
    assert argv.index("--proc") < argv.index("/proc/1/cmdline")
    assert "/proc/1" not in _pairs(argv, "--dir")  # proc provides it; nothing is created there
