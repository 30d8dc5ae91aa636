"""Put the recorder into a freshly started kernel, before the first cell.

The recorder's sources (:mod:`grader.recorder`, stdlib-only) are sent as one silent execute
request that builds them as modules named ``_grader_recorder.*`` inside the kernel, calls
``install`` and takes the names out of ``sys.modules`` again (student code cannot import
them). It does not appear as a cell, so cell indices and execution counts stay the
student's; nothing is imported from the grader's environment inside the kernel.
"""

from __future__ import annotations

import json
import logging
import secrets
from importlib import resources
from pathlib import Path
from typing import Any

from grader.execute.channel import read_trace
from grader.recorder import MODULES
from grader.records.trace import RecorderError, Trace

log = logging.getLogger(__name__)

__all__ = [
    "KERNEL_PACKAGE",
    "Recording",
    "bootstrap_code",
    "event_file_name",
    "install_recorder",
]

KERNEL_PACKAGE = "_grader_recorder"
INSTALL_TIMEOUT_S = 60

_TEMPLATE = """\
def _grader_recorder_boot(sources, event_file):
    import linecache, sys, types
    package = types.ModuleType({package!r})
    package.__path__ = []
    sys.modules[package.__name__] = package
    for name, source in sources:
        module = types.ModuleType(package.__name__ + "." + name)
        module.__package__ = package.__name__
        module.__file__ = "<grader-recorder>/" + name + ".py"
        lines = source.splitlines(True)
        linecache.cache[module.__file__] = (len(source), None, lines, module.__file__)
        sys.modules[module.__name__] = module
        exec(compile(source, module.__file__, "exec"), module.__dict__)
        setattr(package, name, module)
    package.bootstrap.install(event_file)
    prefix = package.__name__ + "."
    for name in [n for n in sys.modules if n == package.__name__ or n.startswith(prefix)]:
        del sys.modules[name]  # the hooks keep their modules; student code cannot import them
_grader_recorder_boot({sources}, {event_file})
del _grader_recorder_boot
"""


def event_file_name() -> str:
    """A fresh, hidden file name for the event stream (in the notebook's folder)."""
    return f".grader_trace_{secrets.token_hex(6)}.jsonl"


def bootstrap_code(event_file: str) -> str:
    """Python source that installs the recorder writing to ``event_file``."""
    folder = resources.files("grader.recorder")
    sources = [
        (name, folder.joinpath(f"{name}.py").read_text(encoding="utf-8")) for name in MODULES
    ]
    return _TEMPLATE.format(
        package=KERNEL_PACKAGE, sources=repr(sources), event_file=json.dumps(event_file)
    )


async def install_recorder(client: Any, event_file: str) -> str | None:
    """Run the bootstrap in ``client``'s kernel; the error text if it failed, else ``None``.

    Never raises for a failure inside the kernel: the notebook then runs unrecorded.
    """
    msg_id = client.kc.execute(
        bootstrap_code(event_file), silent=True, store_history=False, allow_stdin=False
    )
    saved = client.timeout
    client.timeout = INSTALL_TIMEOUT_S
    try:
        reply = await client.async_wait_for_reply(msg_id)
    finally:
        client.timeout = saved
    content = (reply or {}).get("content", {})
    if content.get("status") != "ok":
        return f"{content.get('ename', 'no reply')}: {content.get('evalue', '')}"[:500]
    return None


class Recording:
    """The event file of one run, in the notebook's folder (inside the sandbox's work dir)."""

    def __init__(self, cwd: Path) -> None:
        self.name = event_file_name()
        self.path = cwd / self.name
        self.install_error: str | None = None

    async def install(self, client: Any) -> None:
        """Bootstrap the recorder; a failure leaves the notebook running unrecorded."""
        try:
            self.install_error = await install_recorder(client, self.name)
        except Exception as exc:  # the kernel misbehaved: run without the recorder
            log.warning("recorder bootstrap failed", exc_info=True)
            self.install_error = repr(exc)[:500]

    def collect(self, nb: Any) -> Trace | None:
        """The trace of the cells that ran (``None`` when the recorder left no file)."""
        ran = [
            (index, str(cell.source))
            for index, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and cell.get("execution_count") is not None
        ]
        trace = read_trace(self.path, ran)
        if self.install_error is not None:
            error = RecorderError(
                where="bootstrap", type="InstallError", message=self.install_error
            )
            base = trace or Trace()
            return base.model_copy(update={"errors": (*base.errors, error)})
        return trace

    def discard(self) -> None:
        """Remove the event file (it is not part of the student's work)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            log.warning("could not remove %s", self.path)
