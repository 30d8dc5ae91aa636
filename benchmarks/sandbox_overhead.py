"""Sandboxed versus unsandboxed execution of the same notebook, in one run.

Usage::

    python benchmarks/sandbox_overhead.py [NOTEBOOK] [--repeat N]

Default notebook: ``reference_solutions/cnn-digits/solution.ipynb``. Prints the start-up
seconds of an empty notebook in each mode, the median wall time of NOTEBOOK in each mode
and the ratio (goal: <= 1.05 plus at most 1 s of start-up).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import nbformat

from grader.execute.executor import NbclientExecutor
from grader.execute.limits import ExecLimits
from grader.execute.sandboxed import SandboxedExecutor
from grader.records.submission import NotebookFile, Submission
from grader.sandbox import BwrapSandbox, SandboxLimits

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NOTEBOOK = ROOT / "reference_solutions" / "cnn-digits" / "solution.ipynb"
LIMITS = ExecLimits(cell_timeout_s=600, total_timeout_s=1800)


def _submission(nb: dict[str, object], work: Path, name: str) -> Submission:
    root = work / name
    root.mkdir(parents=True)
    return Submission(
        name=name,
        kind="notebook",
        root=str(root),
        content_hash=name,
        notebooks=(NotebookFile(path="nb.ipynb", content=nb),),
    )


def _time(executor: NbclientExecutor, nb: dict[str, object], work: Path, name: str) -> float:
    submission = _submission(nb, work, name)
    started = time.perf_counter()
    execution = executor.run(submission)
    elapsed = time.perf_counter() - started
    notebook = execution.notebooks[0]
    if not notebook.ran_to_end:
        raise SystemExit(f"{name}: the notebook stopped: {notebook.error}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", type=Path, default=DEFAULT_NOTEBOOK)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    nb = nbformat.read(args.notebook, as_version=4)
    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    plain = NbclientExecutor(LIMITS)
    sandbox = BwrapSandbox(SandboxLimits(memory_mib=8192, processes=1024))
    sandbox.probe()
    boxed = SandboxedExecutor(sandbox, LIMITS)
    work = Path(tempfile.mkdtemp(prefix="grader-bench-"))
    try:
        warnings.simplefilter("ignore")
        times: dict[str, list[float]] = {"startup-none": [], "startup-bwrap": []}
        times.update({"nb-none": [], "nb-bwrap": []})
        for i in range(args.repeat):  # interleaved, so drift hits both modes alike
            times["startup-none"].append(_time(plain, empty, work, f"e-none-{i}"))
            times["startup-bwrap"].append(_time(boxed, empty, work, f"e-bwrap-{i}"))
            times["nb-none"].append(_time(plain, nb, work, f"n-none-{i}"))
            times["nb-bwrap"].append(_time(boxed, nb, work, f"n-bwrap-{i}"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"notebook: {args.notebook.name}, repeat {args.repeat} (medians)")
    none, bwrap = med["startup-none"], med["startup-bwrap"]
    print(f"start-up (empty notebook): none {none:.2f}s, bwrap {bwrap:.2f}s")
    print(f"notebook: none {med['nb-none']:.2f}s, bwrap {med['nb-bwrap']:.2f}s")
    extra = med["nb-bwrap"] - med["nb-none"]
    print(f"ratio bwrap/none: {med['nb-bwrap'] / med['nb-none']:.3f} (+{extra:.2f}s)")


if __name__ == "__main__":
    main()
